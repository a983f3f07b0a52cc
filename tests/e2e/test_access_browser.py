"""Sign-in and roles in a real browser on a real server: a pimpinan sees the pages but no named list by any URL,
stays signed in across reloads and signs out; an operator downloads a list; an admin finds that download in the
audit log with its row count."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from dashboard.access.roles import ADMIN, OPERATOR, PIMPINAN
from tests.support.accounts import PASSWORD, account_name, ensure_account
from tests.support.coverage import KECAMATAN
from tests.support.demo import streamlit_server
from tests.support.layout import artifact

LIST_URL = f"cakupan?tahun=2026&kecamatan={KECAMATAN}"


@pytest.fixture(scope="module")
def served(demo, tmp_path_factory):
    """A server of its own (its audit log is read here), with one test account per role."""
    copy = demo.copy_to(tmp_path_factory.mktemp("access"))
    for role in (PIMPINAN, OPERATOR, ADMIN):
        ensure_account(copy.settings().access_store, role)
    with streamlit_server(copy) as server:
        yield server


def sign_in(open_page, served, role: str, path: str = ""):
    """A tab that signs in through the form, then opens ``path``."""
    page = open_page("", server=served, role=None)
    page.get_by_label("Nama pengguna").fill(account_name(role))
    page.get_by_label("Kata sandi").fill(PASSWORD[role])
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Individu DTKS").first.wait_for()
    if path:
        page.goto(f"{served.url}/{path}", wait_until="networkidle")
    return page


def test_a_pimpinan_sees_pages_but_no_named_list_and_signs_out(open_page, served):
    page = open_page(LIST_URL, server=served, role=None)
    page.get_by_text("Rakor Dinas Sosial: masuk").wait_for()
    assert page.locator("[data-testid='stTable']").count() == 0  # nothing before signing in
    page = sign_in(open_page, served, PIMPINAN)
    page.screenshot(path=artifact("akses_pimpinan_1920x1080.png"))
    for path, heading in (("capaian", "Capaian"), ("anggaran", "Anggaran"), ("peta", "Peta")):
        page.goto(f"{served.url}/{path}", wait_until="networkidle")  # a reload each time: the cookie holds
        page.get_by_role("heading", name=heading).first.wait_for()
    page.goto(f"{served.url}/{LIST_URL}", wait_until="networkidle")
    page.get_by_text("hanya dibuka untuk peran operator dan admin").wait_for()
    assert page.locator("[data-testid='stDownloadButton']").count() == 0
    assert page.get_by_text("Salah eksklusi (").count() == 0  # no list tabs
    page.goto(f"{served.url}/akses", wait_until="networkidle")  # the admin page is not a pimpinan's:
    page.get_by_role("dialog").get_by_text("Page not found").wait_for()  # Streamlit opens Ringkasan instead
    page.screenshot(path=artifact("akses_pimpinan_admin_url_1920x1080.png"))
    page.keyboard.press("Escape")
    page.get_by_text("Individu DTKS").first.wait_for()
    assert page.get_by_text("Log audit", exact=True).count() == 0
    page.get_by_role("button", name="Keluar", exact=True).click()
    page.get_by_text("Rakor Dinas Sosial: masuk").wait_for()
    page.reload(wait_until="networkidle")
    page.get_by_text("Rakor Dinas Sosial: masuk").wait_for()  # the cookie went with the session


def test_an_operator_download_is_in_the_admins_audit_log(open_page, served):
    page = sign_in(open_page, served, OPERATOR, LIST_URL)
    button = page.locator("[data-testid='stDownloadButton'] button").first
    button.wait_for()
    with page.expect_download() as started:
        button.click()
    download = started.value
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    n_rows = workbook.active.max_row - 3  # a title, a blank row and the heading above the names
    admin = sign_in(open_page, served, ADMIN, "akses")
    admin.get_by_text("Log audit", exact=True).wait_for()
    admin.get_by_text("Rantai log utuh").wait_for()
    log = admin.locator("[data-testid='stTable']").nth(1)
    log.wait_for()
    admin.screenshot(path=artifact("akses_admin_1920x1080.png"), full_page=True)
    (text,) = [row.inner_text() for row in log.locator("tr").all() if "unduh daftar nama" in row.inner_text()]
    assert "unduh daftar nama" in text and account_name(OPERATOR) in text and download.suggested_filename in text
    assert str(n_rows) in text
