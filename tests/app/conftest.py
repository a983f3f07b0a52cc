import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_app


@pytest.fixture
def open_page(demo, monkeypatch):
    """``open_page("cakupan")``: the app on the session's demo database and its key, fresh caches, showing that
    page."""

    def open_(page: str | None = None) -> AppTest:
        return open_app(demo.env, monkeypatch, page)

    return open_
