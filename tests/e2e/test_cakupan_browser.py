"""Cakupan page in a real browser: key numbers visible at projector sizes, the chart's text whole and clear of the
selector above it, no exception, nothing fetched."""

import pytest

from dashboard.filters import YEAR, Filters
from dashboard.formatting import format_number, format_pct
from tests.support.coverage import KECAMATAN, expected_coverage
from tests.support.layout import artifact, chart_text_problems, cut_cells, screenshot_at

VIEWPORTS = [(1920, 1080), (1024, 768)]
TITLE_GAP_PX = 24  # free space between the indicator selector and the chart title, at least


def check_chart_layout(page):
    """The chart's title stands clear of the indicator selector; no text of the chart is cut or covered."""
    selector = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.bounding_box()
    chart = page.locator(".js-plotly-plot").first
    title = chart.locator(".gtitle").bounding_box()
    assert title["y"] - (selector["y"] + selector["height"]) >= TITLE_GAP_PX
    assert chart_text_problems(chart) == []


def _open(open_page, path, width, height):
    page = open_page(path, width, height)
    page.get_by_text("Cakupan program").first.wait_for()
    page.get_by_text("Daftar tindak lanjut TKSK").wait_for()  # under the C1-C6 tables
    page.locator("[data-testid='stTable'] table").first.wait_for()
    page.locator(".js-plotly-plot").first.wait_for()
    return page


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_cakupan_page_shows_coverage_offline(open_page, demo, width, height):
    page = _open(open_page, "cakupan?tahun=2026", width, height)
    total = expected_coverage(demo.files, Filters(2026, YEAR)).sum()
    table = page.locator("[data-testid='stTable'] table").first.inner_text()
    assert "KABUPATEN" in table
    assert format_pct(100 * total["n_eligible_kpm"] / total["n_eligible"]) in table
    assert format_number(total["n_eligible"]) in table
    assert "Kabupaten " + format_pct(100 * total["n_eligible_kpm"] / total["n_eligible"]) in page.inner_text(
        ".js-plotly-plot")
    check_chart_layout(page)
    assert cut_cells(page) == []  # every C1-C6 column on the screen
    page.screenshot(path=artifact(f"cakupan_{width}x{height}.png"), full_page=True)
    tables = page.locator("[data-testid='stTable']")
    for i, name in ((0, "c1_c4"), (1, "c5_c6")):
        screenshot_at(page, tables.nth(i), artifact(f"cakupan_{name}_{width}x{height}.png"))


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_cakupan_drill_shows_lists_and_download(open_page, demo, width, height):
    path = f"cakupan?tahun=2026&periode=triwulan&ke=2&kecamatan={KECAMATAN}&program=PKH"
    page = _open(open_page, path, width, height)
    filters = Filters(2026, "triwulan", 2, KECAMATAN, "PKH")
    total = expected_coverage(demo.files, filters, parent=KECAMATAN).sum()
    assert "KEC. SUKAPURA" in page.locator("[data-testid='stTable'] table").first.inner_text()
    assert page.get_by_text(f"Salah eksklusi ({format_number(total['n_excluded'])})").count() == 1
    assert page.locator("[data-testid='stDownloadButton']").count() >= 1
    check_chart_layout(page)  # two reference lines (kabupaten, kecamatan) with their notes over the bars
    assert cut_cells(page) == []  # the desa table and the first follow-up list
    page.screenshot(path=artifact(f"cakupan_drill_{width}x{height}.png"), full_page=True)
    screenshot_at(page, page.locator("[data-testid='stTable']").first,
                  artifact(f"cakupan_drill_c1_c4_{width}x{height}.png"))
