"""Data page in a real browser: numbers visible at projector sizes, no exception, nothing fetched from the web."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.formatting import format_number
from tests.support.expected import dtks_rows, penerima_rows
from tests.support.layout import cut_cells, grid_scrolls_sideways, screenshot_at

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
VIEWPORTS = [(1920, 1080), (1024, 768)]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_data_page_shows_counts_offline(browser, app_url, demo, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    external = []
    page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith(("data:", "blob:")) else None)
    page.goto(f"{app_url}/data", wait_until="networkidle")
    page.get_by_text("Data yang dimuat").wait_for(timeout=30_000)
    table = page.locator("table").first
    table.wait_for()
    assert format_number(dtks_rows(demo.files)) in table.inner_text()
    assert format_number(penerima_rows(demo.files)) in table.inner_text()
    assert page.locator("[data-testid='stException']").count() == 0
    assert cut_cells(page) == []  # what is loaded, and the latest file of each kind
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot_at(page, page.locator("[data-testid='stTable']").first, ARTIFACTS / f"data_{width}x{height}.png")
    page.get_by_text("Rincian per berkas").click()  # the list of every file: all its columns in sight
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=30_000)
    assert not grid_scrolls_sideways(grid)
    screenshot_at(page, grid, ARTIFACTS / f"data_files_{width}x{height}.png")
    assert external == []
    page.close()
