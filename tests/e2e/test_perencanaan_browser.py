"""Perencanaan page in a real browser at projector sizes: every tab drawn offline, its numbers visible, tables not
cut off, chart texts whole and apart, screenshots of each tab; a weight slider moves the ranking."""

import pytest

from dashboard.filters import Filters
from dashboard.formatting import format_number
from tests.support.coverage import expected_coverage
from tests.support.layout import artifact, chart_text_problems, cut_cells, screenshot_at
from tests.support.perencanaan import expected_beban, expected_spm

VIEWPORTS = [(1920, 1080), (1024, 768)]
TABS = ["Anggaran ke keluaran", "SPM Bidang Sosial", "Ketepatan sasaran", "Beban kerja", "Prioritas tahun depan"]


def _panel(page, name: str):
    """Click a tab and return its panel once drawn."""
    page.get_by_role("tab", name=name).click()
    panel = page.get_by_role("tabpanel", name=name)
    panel.locator("[data-testid='stTable']").first.wait_for()
    return panel


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_perencanaan_tabs_show_their_figures_offline(open_page, demo, width, height):
    page = open_page("perencanaan?tahun=2026", width, height)
    page.get_by_role("heading", name="Perencanaan").first.wait_for()
    expected = {
        "Anggaran ke keluaran": ["dana terserap tanpa keluaran", "keluaran tanpa anggaran"],
        "SPM Bidang Sosial": [format_number(expected_spm(demo.files, 2026, 10).xs("SPM3", level="spm")["n_butuh"]
                                            .sum())],
        "Ketepatan sasaran": [format_number((lambda c: (c["n_excluded"] + c["n_inclusion"]).max())(
            expected_coverage(demo.files, Filters(2026), parent="35.13", child_len=13)))],
        "Beban kerja": [format_number(expected_beban(demo.files, 2026)["ppks_per_tksk"].max())],
        "Prioritas tahun depan": ["Skor prioritas"],
    }
    for index, name in enumerate(TABS):
        panel = _panel(page, name)
        shot = artifact(f"perencanaan_{index + 1}_{width}x{height}.png")
        screenshot_at(page, page.get_by_role("tab", name=name), shot)
        text = panel.inner_text()
        for value in expected[name]:
            assert value in text, (name, value)
        assert cut_cells(page) == [], name
        charts = panel.locator(".js-plotly-plot")
        if name in ("SPM Bidang Sosial", "Prioritas tahun depan"):
            assert chart_text_problems(charts.first) == [], name
        if name in ("Ketepatan sasaran", "Beban kerja"):  # the map: polygons drawn, no tile fetched
            assert charts.first.locator("path").count() > 0
    page.screenshot(path=artifact(f"perencanaan_{width}x{height}.png"), full_page=True)


def test_a_weight_slider_moves_the_ranking(open_page):
    page = open_page("perencanaan?tahun=2026", 1920, 1080)
    panel = _panel(page, "Prioritas tahun depan")
    table = panel.locator("[data-testid='stTable']").first
    before = table.inner_text()
    slider = panel.get_by_role("slider").nth(1)   # PPKS per 1,000: from 20 to 100 with the keyboard
    slider.focus()
    slider.press("End")
    panel.get_by_text("PPKS/1.000 56%").first.wait_for()   # 100 of 180 points
    assert table.inner_text() != before
    screenshot_at(page, table, artifact("perencanaan_weights_1920x1080.png"))
