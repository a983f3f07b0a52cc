"""Anggaran page in a real browser: KPI tiles and tables readable at projector sizes, nothing fetched."""

import pytest

from dashboard.formatting import format_pct, format_rupiah
from tests.support.budget import as_of_month, expected_by
from tests.support.layout import artifact, chart_text_problems, cut_cells, screenshot_at

VIEWPORTS = [(1920, 1080), (1024, 768)]


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_anggaran_page_shows_budget_offline(open_page, demo, width, height):
    page = open_page("anggaran?tahun=2026", width, height)
    page.get_by_text("Posisi s.d. Oktober 2026").wait_for()
    page.locator("[data-testid='stTable'] table").first.wait_for()
    page.locator(".js-plotly-plot").nth(2).wait_for()
    page.locator("[data-testid='stTable'] table").nth(3).wait_for()  # per sub kegiatan, the last

    expected = expected_by(demo.files, demo.settings().bidang, 2026, as_of_month(demo.files, 2026, 12), ["bidang"])
    total = expected[["pagu_rp", "realisasi_rp"]].sum()
    tiles = page.locator("[data-testid='stMetric']").all_inner_texts()
    assert any(format_rupiah(total["pagu_rp"], short=True) in tile for tile in tiles)
    assert any(format_pct(100 * total["realisasi_rp"] / total["pagu_rp"]) in tile for tile in tiles)
    table = page.locator("[data-testid='stTable'] table").first.inner_text()
    assert "TOTAL DINAS" in table
    assert format_pct(expected.loc["Rehabilitasi Sosial", "absorption_pct"]) in table
    bars = page.locator(".js-plotly-plot").first.inner_text()
    assert format_rupiah(expected.loc["Sekretariat", "realisasi_rp"], short=True) in bars
    assert cut_cells(page) == []  # per bidang, year on year, per program and per sub kegiatan: every column shown
    charts = page.locator(".js-plotly-plot")
    for i in range(charts.count()):  # bars per bidang, year on year, S-curve: labels whole and apart
        assert chart_text_problems(charts.nth(i)) == [], i
    page.screenshot(path=artifact(f"anggaran_{width}x{height}.png"), full_page=True)
    tables = page.locator("[data-testid='stTable']")
    for i, name in ((0, "bidang"), (2, "program"), (3, "subkegiatan")):
        screenshot_at(page, tables.nth(i), artifact(f"anggaran_{name}_{width}x{height}.png"))
