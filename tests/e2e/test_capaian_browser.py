"""Capaian page in a real browser: scorecard numbers visible at projector sizes, nothing cut off or overlapping,
no exception, nothing fetched."""

import pytest

from dashboard.filters import Filters
from dashboard.formatting import format_number, format_pct
from tests.support.attainment import expected_attainment, expected_funnel
from tests.support.layout import artifact, chart_text_problems, cut_cells

VIEWPORTS = [(1920, 1080), (1024, 768)]

@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_capaian_page_shows_attainment_offline(open_page, demo, width, height):
    page = open_page("capaian?tahun=2026", width, height)
    page.get_by_text("Capaian target per kecamatan").first.wait_for()
    table = page.locator("[data-testid='stTable'] table").first
    table.wait_for()
    page.locator(".js-plotly-plot").nth(1).wait_for()
    expected = expected_attainment(demo.files, Filters(2026), 10)
    text = table.inner_text()
    for kode in ("35.13.01", "35.13.16"):
        assert format_pct(expected.loc[(kode, "T1"), "attainment_pct"]) in text
        assert format_pct(expected.loc[(kode, "T3"), "attainment_pct"]) in text
    funnel = page.locator(".js-plotly-plot").nth(1).inner_text()
    assert format_number(expected_funnel(demo.files, 2026, 10, None)[0]) in funnel
    assert page.locator("[data-testid='stTable']").count() == 2
    assert cut_cells(page) == []  # the scorecard's T5 column and the trend table's last column fit the screen
    charts = page.locator(".js-plotly-plot")
    ranking = charts.nth(0).inner_text()
    assert "24. " in ranking and "Rata-rata capaian (%)" in ranking
    for i in (0, 1):  # every kecamatan name, value label and threshold note whole and apart, titles included
        assert chart_text_problems(charts.nth(i)) == [], i
    page.screenshot(path=artifact(f"capaian_{width}x{height}.png"), full_page=True)
    for i, name in ((0, "ranking"), (1, "funnel")):
        page.locator(".js-plotly-plot").nth(i).scroll_into_view_if_needed()
        page.screenshot(path=artifact(f"capaian_{name}_{width}x{height}.png"))
