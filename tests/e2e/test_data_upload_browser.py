"""Uploading on the Data page: a bad file is refused with file, row and column named and nothing changes;
a good file is imported and shows up. Serves its own copy of the demo database so other page tests keep their
numbers; the two tests share it and run in order (the good file's 356 rows include the demo's 354)."""

import pytest
from playwright.sync_api import expect

from tests.support.demo import streamlit_server
from tests.support.layout import artifact

GOOD = "kode_wilayah,tahun,jumlah_penduduk\n35.13.01,2027,31000\n35.13.02,2027,42000\n"
BAD = "kode_wilayah,tahun,jumlah_penduduk\n35.13.01,2027,31000\n35.13.99,2027,42000\n"


@pytest.fixture(scope="module")
def upload_app(demo, tmp_path_factory):
    with streamlit_server(demo.copy_to(tmp_path_factory.mktemp("demo_upload"))) as url:
        yield url


def _upload(open_page, url, name, content):
    page = open_page("data", server=url)
    page.get_by_text("Data yang dimuat").wait_for()
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": "text/csv",
                                                              "buffer": content.encode()}])
    page.get_by_role("button", name="Impor", exact=True).click()
    return page


def test_bad_upload_is_refused_and_nothing_changes(open_page, upload_app):
    page = _upload(open_page, upload_app, "penduduk_salah.csv", BAD)
    alert = page.locator("[data-testid='stAlert']").filter(has_text="DITOLAK")
    alert.wait_for()
    details = page.locator("[data-testid='stText']").first.inner_text()
    assert "penduduk_salah.csv, baris 3, kolom kode_wilayah" in details
    assert "35.13.99" in details
    table = page.locator("table").first
    expect(table).to_contain_text("354", timeout=30_000)  # penduduk rows unchanged
    assert "penduduk_salah.csv" not in page.locator("table").nth(1).inner_text()  # nor the latest files


def test_good_upload_is_imported_and_listed(open_page, upload_app):
    page = _upload(open_page, upload_app, "penduduk_2027.csv", GOOD)
    page.locator("[data-testid='stAlert']").filter(has_text="Diimpor 2 baris penduduk").wait_for()
    latest = page.locator("table").nth(1)  # the file imported last per kind
    expect(latest).to_contain_text("penduduk_2027.csv", timeout=30_000)  # the tables stream in after the alert
    assert "356" in page.locator("table").first.inner_text()  # 354 demo rows + 2
    page.screenshot(path=artifact("data_upload_1920x1080.png"), full_page=True)
