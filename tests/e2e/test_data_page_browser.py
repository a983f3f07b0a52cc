"""Data page in a real browser: numbers visible at projector sizes, no exception, nothing fetched from the web."""

import pytest

from dashboard.formatting import format_number
from tests.support.expected import dtks_rows, penerima_rows
from tests.support.layout import artifact, cut_cells, grid_scrolls_sideways, screenshot_at

VIEWPORTS = [(1920, 1080), (1024, 768)]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_data_page_shows_counts_offline(open_page, demo, width, height):
    page = open_page("data", width, height)
    page.get_by_text("Data yang dimuat").wait_for()
    table = page.locator("table").first
    table.wait_for()
    assert format_number(dtks_rows(demo.files)) in table.inner_text()
    assert format_number(penerima_rows(demo.files)) in table.inner_text()
    assert cut_cells(page) == []  # what is loaded, and the latest file of each kind
    screenshot_at(page, page.locator("[data-testid='stTable']").first, artifact(f"data_{width}x{height}.png"))
    page.get_by_text("Rincian per berkas").click()  # the list of every file: all its columns in sight
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    assert not grid_scrolls_sideways(grid)
    screenshot_at(page, grid, artifact(f"data_files_{width}x{height}.png"))
