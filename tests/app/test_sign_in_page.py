"""Sign-in and roles in the app (AppTest): nothing before signing in, the form's answers, signing out, what a
pimpinan cannot reach by URL or forged widget state, the admin page, and the switch that turns the sign-in off."""

from __future__ import annotations

import re

import pytest

from dashboard.access import accounts
from dashboard.access.roles import ADMIN, OPERATOR, PIMPINAN, User
from dashboard.paths import PAGES_DIR
from tests.support.accounts import PASSWORD, account_name, audit_lines, ensure_account
from tests.support.apptest import open_app
from tests.support.coverage import KECAMATAN

MASKED_NIK = re.compile(r"\d{4}\*{6,}\d{0,4}|\*{8,}\d{2,4}")


@pytest.fixture
def store(demo_copy):
    return demo_copy.settings().access_store


def _sign_in(app, name: str, password: str):
    app.text_input(key="auth.name").input(name)
    app.text_input(key="auth.password").input(password)
    return app.button[0].click().run()


def test_nothing_but_the_form_before_signing_in(demo_copy, monkeypatch):
    app = open_app(demo_copy.env, monkeypatch, role=None, params={"kecamatan": KECAMATAN})
    assert [t.value for t in app.title] == ["Rakor Dinas Sosial: masuk"]
    assert not app.metric and not app.table and not app.dataframe and not app.sidebar.selectbox


def test_the_form_signs_in_and_out_and_every_attempt_is_logged(demo_copy, store, monkeypatch):
    ensure_account(store, OPERATOR)
    app = open_app(demo_copy.env, monkeypatch, role=None)
    _sign_in(app, account_name(OPERATOR), "salah-sekali")
    assert app.error[0].value == "Nama pengguna atau kata sandi salah."
    _sign_in(app, account_name(OPERATOR), PASSWORD[OPERATOR])
    assert not app.exception, app.exception
    assert app.metric and "Masuk sebagai **uji-operator** (operator)" in app.sidebar.markdown[0].value.replace("\\", "")
    app.sidebar.button(key="auth_sign_out").click().run()
    assert [t.value for t in app.title] == ["Rakor Dinas Sosial: masuk"] and not app.metric
    assert [line[:2] for line in audit_lines(demo_copy.settings())][-3:] == [
        ("uji-operator", "masuk_gagal"), ("uji-operator", "masuk"), ("uji-operator", "keluar")]


def test_the_form_says_when_an_account_is_locked(demo_copy, store, monkeypatch):
    ensure_account(store, PIMPINAN)
    for _ in range(5):
        accounts.sign_in(store, account_name(PIMPINAN), "salah-sekali", demo_copy.settings().auth)
    app = open_app(demo_copy.env, monkeypatch, role=None)
    _sign_in(app, account_name(PIMPINAN), PASSWORD[PIMPINAN])
    assert app.error[0].value.startswith("Akun ini dikunci sementara") and not app.metric


def test_a_pimpinan_gets_no_named_list_by_url_or_forged_state(demo_copy, monkeypatch):
    app = open_app(demo_copy.env, monkeypatch, page="cakupan", role=PIMPINAN)
    app.sidebar.selectbox(key="filter.kecamatan").set_value(KECAMATAN).run()
    app.session_state["auth.user"] = User(account_name(PIMPINAN), OPERATOR)  # a forged role in the session
    app.run()
    assert not app.exception, app.exception
    assert "hanya dibuka untuk peran operator dan admin" in app.info[0].value
    assert not app.get("download_button") and not app.tabs
    shown = " ".join(str(frame.value.to_dict()) for frame in [*app.table, *app.dataframe])
    assert not MASKED_NIK.search(shown)


def test_an_operator_sees_the_lists_and_the_admin_page_is_for_admins(demo_copy, monkeypatch):
    operator = open_app(demo_copy.env, monkeypatch, page="cakupan", role=OPERATOR,
                        params={"tahun": "2026", "kecamatan": KECAMATAN})
    assert operator.tabs and MASKED_NIK.search(operator.table[3].value.to_string())
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not among an operator's pages
        operator.switch_page(str(PAGES_DIR / "akses.py"))
    admin = open_app(demo_copy.env, monkeypatch, page="akses", role=ADMIN)
    assert admin.title[0].value == "Akun dan log audit"
    accounts_shown = admin.table[0].value
    assert accounts_shown.loc["uji-operator", "Peran"] == "operator"
    log = admin.table[1].value.reset_index()
    shown = set(zip(log["Kegiatan"], log["Apa"], strict=True))
    assert {("akun dibuat", "uji-operator"), ("akun dibuat", "uji-admin")} <= shown
    assert admin.success[0].value.startswith("Rantai log utuh")


def test_with_the_sign_in_off_every_page_says_so(demo_copy, monkeypatch, tmp_path):
    config = tmp_path / "rakor.toml"
    config.write_text("[auth]\nenabled = false\n", encoding="utf-8")
    env = demo_copy.env | {"RAKOR_CONFIG": str(config)}
    for page in ("ringkasan", "cakupan", "data"):
        app = open_app(env, monkeypatch, page=page, role=None)
        assert app.warning[0].value.startswith("Login dimatikan di rakor.toml"), page
        assert app.title[0].value != "Rakor Dinas Sosial: masuk"
