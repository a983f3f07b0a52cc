import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.paths import APP_FILE, PAGES_DIR


@pytest.fixture
def open_page(demo, monkeypatch):
    """``open_page("cakupan")``: the app on the session's demo database and its key, fresh caches, showing that
    page."""

    def open_(page: str | None = None) -> AppTest:
        for key, value in demo.env.items():
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

    return open_
