"""Browser tests: one served demo app and one chromium per session; ``open_page`` opens a tab and, when the test
ends, fails it if the tab asked anything of the internet or showed an exception."""

from collections.abc import Iterator

import pytest

from dashboard.access.roles import OPERATOR
from tests.support.accounts import session_cookie
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, EXCEPTION_BOX, record_external
from tests.support.demo import Served, streamlit_server

WAIT_MS = 30_000  # a page of the 20,000-person demo draws in a few seconds; a shared CI machine may take far longer


@pytest.fixture(scope="session")
def app_url(demo):
    with streamlit_server(demo) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, request) -> Iterator:
    """``open_page(path, width=1920, height=1080, server=None, role="operator", **options)``: a tab at that
    window size on ``server`` (a Served; default the session's demo app), signed in as the test account of ``role``
    (its session cookie, as the sign-in form leaves it; None: not signed in), loaded until the network is idle;
    waits default to ``WAIT_MS``.

    After the test every tab it opened is checked: no request left the machine (the office network is closed and
    the data are personal) and no exception box is shown; then it is closed.
    """
    opened = []

    def open_(path: str = "", width: int = 1920, height: int = 1080, server: Served | None = None,
              role: str | None = OPERATOR, **options):
        served = server or request.getfixturevalue("app_url")
        if role is not None:
            options["storage_state"] = {"cookies": [session_cookie(served.store, role)]}
        page = browser.new_page(viewport={"width": width, "height": height}, **options)
        page.set_default_timeout(WAIT_MS)
        opened.append((page, record_external(page)))
        page.goto(f"{served.url}/{path}", wait_until="networkidle")
        return page

    yield open_
    problems = [f"{page.url}: exception {page.locator(EXCEPTION_BOX).first.inner_text()}"
                for page, _ in opened if page.locator(EXCEPTION_BOX).count()]
    problems += [f"{page.url}: external request {url}" for page, external in opened for url in external]
    for page, _ in opened:
        page.close()
    assert problems == []
