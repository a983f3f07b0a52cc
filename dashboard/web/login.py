"""The sign-in in the app: the form, the browser's session cookie, the account box and signing out.

Who is signed in is looked up in the access store on every run, so a disabled account, a changed password or an
idle session ends at the next click. The browser keeps only a random token in a cookie (set by a script in the
page: Streamlit itself sets no cookie); the cookie's lifetime follows the idle limit and is renewed while in use.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboard.access import accounts
from dashboard.access.roles import ADMIN, User
from dashboard.i18n import register
from dashboard.textsafe import markdown_text
from dashboard.web import ui

COOKIE = "rakor_sesi"
TOKEN, USER = "auth.token", "auth.user"
LOCAL_USER = User("lokal", ADMIN)
"""Who works when the sign-in is off (``[auth] enabled = false``): the laptop's one user, with every role."""

register({
    "auth_title": ("Rakor Dinas Sosial: masuk", "Rakor Dinas Sosial: sign in"),
    "auth_intro": ("Dasbor ini memuat data pribadi keluarga penerima bantuan (UU PDP 27/2022). Masuk dengan akun "
                   "Anda; akun dibuat oleh admin dengan `rakor user add`.",
                   "This dashboard holds personal data of assisted households (UU PDP 27/2022). Sign in with your "
                   "account; accounts are made by the admin with `rakor user add`."),
    "auth_name": ("Nama pengguna", "User name"),
    "auth_password": ("Kata sandi", "Password"),
    "auth_submit": ("Masuk", "Sign in"),
    "auth_wrong": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "auth_locked": ("Akun ini dikunci sementara setelah terlalu banyak percobaan gagal. Coba lagi setelah pukul "
                    "{until}, atau minta admin mengganti kata sandinya (`rakor user passwd`).",
                    "This account is locked for a while after too many failed attempts. Try again after {until}, "
                    "or ask the admin to set a new password (`rakor user passwd`)."),
    "auth_disabled": ("Akun ini dinonaktifkan. Hubungi admin.", "This account is disabled. Ask the admin."),
    "auth_signed_in": ("Masuk sebagai **{name}** ({role})", "Signed in as **{name}** ({role})"),
    "auth_sign_out": ("Keluar", "Sign out"),
    "auth_off": ("Login dimatikan di rakor.toml (`[auth] enabled = false`): siapa pun yang membuka alamat ini melihat "
                 "semua halaman, termasuk daftar nama.",
                 "Sign-in is switched off in rakor.toml (`[auth] enabled = false`): anyone who opens this address "
                 "sees every page, named lists included."),
})

cookie_keeper = st.components.v2.component("rakor_session_cookie", js=f"""
export default function(component) {{
  const {{ data }} = component;
  const held = document.cookie.split("; ").some((c) => c.startsWith("{COOKIE}="));
  if (data && data.token) {{
    document.cookie = `{COOKIE}=${{data.token}}; path=/; max-age=${{data.max_age}}; SameSite=Strict`;
  }} else if (held) {{
    document.cookie = "{COOKIE}=; path=/; max-age=0; SameSite=Strict";
  }}
}}
""")


def _keep_cookie(token: str) -> None:
    """Set (or, with an empty token, remove) the browser's session cookie; drawn out of the layout."""
    with st.container(key="auth_cookie"):
        cookie_keeper(key="auth_cookie_keeper", data={"token": token, "max_age": ui.settings().auth.idle_minutes * 60},
                      height=0)


def signed_in() -> User:
    """The user of this browser; until someone signs in, the sign-in form and nothing else (the run stops)."""
    settings = ui.settings()
    if not settings.auth.enabled:
        st.session_state[USER] = LOCAL_USER
        return LOCAL_USER
    for token in (st.session_state.get(TOKEN), st.context.cookies.get(COOKIE)):
        user = accounts.session_user(settings.access_store, token, settings.auth) if isinstance(token, str) else None
        if user is not None:
            st.session_state[TOKEN], st.session_state[USER] = token, user
            _keep_cookie(token)
            return user
    st.session_state.pop(TOKEN, None)
    st.session_state.pop(USER, None)
    _keep_cookie("")
    _form()
    st.stop()


def _form() -> None:
    ui.apply_theme()
    st.title(ui.text("auth_title"))
    ui.language_choice()
    st.markdown(ui.text("auth_intro"))
    if not accounts.has_accounts(ui.settings().access_store):
        st.warning(ui.text("auth_no_accounts"))
    with st.form("auth_form", clear_on_submit=True, border=True):
        name = st.text_input(ui.text("auth_name"), key="auth.name", autocomplete="username")
        password = st.text_input(ui.text("auth_password"), type="password", key="auth.password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(ui.text("auth_submit"), type="primary")
    if submitted and name:
        _attempt(name.strip().lower(), password)


def _attempt(name: str, password: str) -> None:
    settings = ui.settings()
    result = accounts.sign_in(settings.access_store, name, password, settings.auth)
    if result.status == accounts.OK:
        st.session_state[TOKEN], st.session_state[USER] = result.token, result.user
        st.rerun()
    time.sleep(result.delay_s)  # repeated failures answer ever slower (this browser's run only)
    if result.status == accounts.LOCKED:
        until = result.locked_until.astimezone().strftime("%H:%M")
        st.error(ui.text("auth_locked", until=until))
    else:
        st.error(ui.text("auth_disabled" if result.status == accounts.DISABLED else "auth_wrong"))


def account_box(user: User) -> None:
    """In the sidebar: who is signed in, with the sign-out button (nothing when the sign-in is off)."""
    if not ui.settings().auth.enabled:
        return
    st.markdown(ui.text("auth_signed_in", name=markdown_text(user.name), role=ui.text(f"role_{user.role}")))
    st.button(ui.text("auth_sign_out"), key="auth_sign_out", on_click=_sign_out, width="stretch")


def _sign_out() -> None:
    token, user = st.session_state.pop(TOKEN, None), st.session_state.pop(USER, None)
    if token and user:
        accounts.sign_out(ui.settings().access_store, token, user)


def auth_off_notice() -> None:
    """One line at the top of every page when the sign-in is switched off."""
    if not ui.settings().auth.enabled:
        st.warning(ui.text("auth_off"))
