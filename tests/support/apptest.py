"""The app under Streamlit's AppTest on a given database: the one way tests open it, caches emptied first."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.paths import APP_FILE, PAGES_DIR


def open_app(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, page: str | None = None) -> AppTest:
    """The app with ``env`` (database, key, configuration) set, fresh caches, showing ``page`` (default the first);
    fails on an exception box."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    st.cache_data.clear()
    app = AppTest.from_file(str(APP_FILE), default_timeout=60)
    app.run()
    if page:
        app.switch_page(str(PAGES_DIR / f"{page}.py"))
        app.run()
    assert not app.exception, app.exception
    return app
