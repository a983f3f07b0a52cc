"""The app under Streamlit's AppTest on a given database: the one way tests open it, caches emptied first."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.access.roles import OPERATOR
from dashboard.config import load_settings
from dashboard.paths import APP_FILE, PAGES_DIR
from tests.support.accounts import session_token


def open_app(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, page: str | None = None,
             role: str | None = OPERATOR, params: dict[str, str] | None = None, lang: str | None = None) -> AppTest:
    """The app with ``env`` (database, key, configuration) set, fresh caches, signed in as the test account of
    ``role`` (None: nobody, the sign-in form), opened at ``/?<params>`` in ``lang`` (as if chosen before), showing
    ``page`` (default the first); fails on an exception box."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(APP_FILE), default_timeout=60)
    app.query_params.update(params or {})
    if lang:
        app.session_state["lang"] = lang
    if role is not None:  # as the browser's cookie would bring it after signing in
        app.session_state["auth.token"] = session_token(load_settings().access_store, role)
    app.run()
    if page:
        app.switch_page(str(PAGES_DIR / f"{page}.py"))
        app.run()
    assert not app.exception, app.exception
    return app
