"""Ringkasan in a real browser: the tiles' numbers visible at projector sizes, offline, no exception."""

import pytest

from dashboard.formatting import format_number
from tests.support.coverage import expected_counts
from tests.support.layout import artifact, cut_cells, screenshot_at


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768)])
def test_ringkasan_tiles_visible_offline(open_page, demo, width, height):
    page = open_page("", width, height)
    page.get_by_text("Individu DTKS").wait_for()
    page.locator("[data-testid='stTable'] table").first.wait_for()  # kecamatan needing attention
    counts = expected_counts(demo.files)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert format_number(counts["n_individu"].sum()) in body
    assert format_number(counts["n_keluarga"].sum()) in body
    assert cut_cells(page) == []
    page.screenshot(path=artifact(f"ringkasan_{width}x{height}.png"), full_page=True)
    screenshot_at(page, page.locator("[data-testid='stTable']").first,
                  artifact(f"ringkasan_attention_{width}x{height}.png"))
