"""Cakupan page in a real browser: key numbers visible at projector sizes, the chart's text whole and clear of the
selector above it, no exception, nothing fetched."""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.filters import YEAR, Filters
from dashboard.formatting import format_number, format_pct
from tests.support.coverage import KECAMATAN, expected_coverage
from tests.support.layout import chart_text_problems, cut_cells, screenshot_at

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
VIEWPORTS = [(1920, 1080), (1024, 768)]
TITLE_GAP_PX = 24  # free space between the indicator selector and the chart title, at least


def check_chart_layout(page):
    """The chart's title stands clear of the indicator selector; no text of the chart is cut or covered."""
    selector = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.bounding_box()
    chart = page.locator(".js-plotly-plot").first
    title = chart.locator(".gtitle").bounding_box()
    assert title["y"] - (selector["y"] + selector["height"]) >= TITLE_GAP_PX
    assert chart_text_problems(chart) == []


def _open(browser, url, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    external = []
    page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith(("data:", "blob:")) else None)
    page.goto(url, wait_until="networkidle")
    page.get_by_text("Cakupan program").first.wait_for(timeout=30_000)
    page.get_by_text("Daftar tindak lanjut TKSK").wait_for(timeout=30_000)  # under the C1-C6 tables
    page.locator("[data-testid='stTable'] table").first.wait_for(timeout=30_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    return page, external


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_cakupan_page_shows_coverage_offline(browser, app_url, demo, width, height):
    page, external = _open(browser, f"{app_url}/cakupan?tahun=2026", width, height)
    total = expected_coverage(demo.files, Filters(2026, YEAR)).sum()
    table = page.locator("[data-testid='stTable'] table").first.inner_text()
    assert "KABUPATEN" in table
    assert format_pct(100 * total["n_eligible_kpm"] / total["n_eligible"]) in table
    assert format_number(total["n_eligible"]) in table
    assert "Kabupaten " + format_pct(100 * total["n_eligible_kpm"] / total["n_eligible"]) in page.inner_text(
        ".js-plotly-plot")
    assert page.locator("[data-testid='stException']").count() == 0
    check_chart_layout(page)
    assert cut_cells(page) == []  # every C1-C6 column on the screen
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cakupan_{width}x{height}.png"), full_page=True)
    tables = page.locator("[data-testid='stTable']")
    for i, name in ((0, "c1_c4"), (1, "c5_c6")):
        screenshot_at(page, tables.nth(i), ARTIFACTS / f"cakupan_{name}_{width}x{height}.png")
    assert external == []
    page.close()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_cakupan_drill_shows_lists_and_download(browser, app_url, demo, width, height):
    url = f"{app_url}/cakupan?tahun=2026&periode=triwulan&ke=2&kecamatan={KECAMATAN}&program=PKH"
    page, external = _open(browser, url, width, height)
    filters = Filters(2026, "triwulan", 2, KECAMATAN, "PKH")
    total = expected_coverage(demo.files, filters, parent=KECAMATAN).sum()
    assert "KEC. SUKAPURA" in page.locator("[data-testid='stTable'] table").first.inner_text()
    assert page.get_by_text(f"Salah eksklusi ({format_number(total['n_excluded'])})").count() == 1
    assert page.locator("[data-testid='stDownloadButton']").count() >= 1
    assert page.locator("[data-testid='stException']").count() == 0
    check_chart_layout(page)  # two reference lines (kabupaten, kecamatan) with their notes over the bars
    assert cut_cells(page) == []  # the desa table and the first follow-up list
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cakupan_drill_{width}x{height}.png"), full_page=True)
    screenshot_at(page, page.locator("[data-testid='stTable']").first,
                  ARTIFACTS / f"cakupan_drill_c1_c4_{width}x{height}.png")
    assert external == []
    page.close()
