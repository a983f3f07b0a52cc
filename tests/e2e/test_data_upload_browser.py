"""Uploading on the Data page: a bad file is refused with file, row and column named and nothing changes;
a good file is imported and shows up. Uses its own demo database so other page tests keep their numbers."""

import pytest
from playwright.sync_api import expect

from tests.support.demo import build_test_demo, streamlit_server

GOOD = "kode_wilayah,tahun,jumlah_penduduk\n35.13.01,2027,31000\n35.13.02,2027,42000\n"
BAD = "kode_wilayah,tahun,jumlah_penduduk\n35.13.01,2027,31000\n35.13.99,2027,42000\n"


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    demo = build_test_demo(tmp_path_factory.mktemp("demo_upload"))
    with streamlit_server(demo) as url:
        yield url


def _upload(browser, url, name, content):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{url}/data", wait_until="networkidle")
    page.get_by_text("Data yang dimuat").wait_for(timeout=30_000)
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": "text/csv",
                                                              "buffer": content.encode()}])
    page.get_by_role("button", name="Impor", exact=True).click()
    return page


def test_bad_upload_is_refused_and_nothing_changes(browser, upload_app):
    page = _upload(browser, upload_app, "penduduk_salah.csv", BAD)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="DITOLAK")
    alert.wait_for(timeout=30_000)
    details = page.locator("[data-testid='stText']").first.inner_text()
    assert "penduduk_salah.csv, baris 3, kolom kode_wilayah" in details
    assert "35.13.99" in details
    table = page.locator("table").first
    expect(table).to_contain_text("354", timeout=30_000)  # penduduk rows unchanged
    assert "penduduk_salah.csv" not in page.locator("table").nth(1).inner_text()  # nor the latest files
    page.close()


def test_good_upload_is_imported_and_listed(browser, upload_app):
    page = _upload(browser, upload_app, "penduduk_2027.csv", GOOD)
    page.locator("[data-testid='stAlert']").filter(has_text="Diimpor 2 baris penduduk").wait_for(timeout=30_000)
    latest = page.locator("table").nth(1)  # the file imported last per kind
    expect(latest).to_contain_text("penduduk_2027.csv", timeout=30_000)  # the tables stream in after the alert
    assert "356" in page.locator("table").first.inner_text()  # 354 demo rows + 2
    page.screenshot(path="tests/artifacts/data_upload_1920x1080.png", full_page=True)
    page.close()
