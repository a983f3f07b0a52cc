"""Ringkasan in a real browser: the tiles' numbers visible at projector sizes, offline, no exception."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.formatting import format_number
from tests.support.coverage import expected_counts
from tests.support.layout import cut_cells, screenshot_at

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1024, 768)])
def test_ringkasan_tiles_visible_offline(browser, app_url, demo, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    external = []
    page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith(("data:", "blob:")) else None)
    page.goto(app_url, wait_until="networkidle")
    page.get_by_text("Individu DTKS").wait_for(timeout=30_000)
    page.locator("[data-testid='stTable'] table").first.wait_for(timeout=30_000)  # kecamatan needing attention
    counts = expected_counts(demo.files)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert format_number(counts["n_individu"].sum()) in body
    assert format_number(counts["n_keluarga"].sum()) in body
    assert page.locator("[data-testid='stException']").count() == 0
    assert cut_cells(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ringkasan_{width}x{height}.png"), full_page=True)
    screenshot_at(page, page.locator("[data-testid='stTable']").first,
                  ARTIFACTS / f"ringkasan_attention_{width}x{height}.png")
    assert external == []
    page.close()
