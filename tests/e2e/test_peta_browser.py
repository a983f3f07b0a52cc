"""Peta page in a real browser: the map drawn offline, hotspots visible, click-to-drill, PNG export, screenshots."""

import struct
from pathlib import Path

import numpy as np
import pytest

from dashboard.formatting import format_number
from tests.support.expected import read_ppks_rekap
from tests.support.layout import artifact

VIEWPORTS = [(1920, 1080), (1024, 768)]


def _open(open_page, width=1920, height=1080):
    page = open_page("peta?tahun=2026", width, height, accept_downloads=True)
    page.locator(".js-plotly-plot g.textpoint").first.wait_for()
    return page


def _kecamatan_counts(files):
    rows = read_ppks_rekap(files, 2026)
    return rows.groupby(rows["Kode Desa"].str[:8])["Jumlah"].sum()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_peta_page_draws_the_map_offline(open_page, demo, width, height):
    page = _open(open_page, width, height)
    counts = _kecamatan_counts(demo.files)
    top = counts[counts > np.percentile(counts, 80)].sort_values(ascending=False)
    text = page.locator("[data-testid='stColumn']", has=page.get_by_text("Wilayah kelas tertinggi")).inner_text()
    assert all(f"{i + 1}. " in text and format_number(v) in text for i, v in enumerate(top))
    plot = page.locator(".js-plotly-plot").first
    labels = plot.locator("g.textpoint text").all_text_contents()
    assert len([label for label in labels if label]) == 24
    page.screenshot(path=artifact(f"peta_{width}x{height}.png"), full_page=True)
    plot.scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"peta_map_{width}x{height}.png"))


def test_click_a_kecamatan_drills_to_its_desa(open_page):
    page = _open(open_page)
    label = page.locator(".js-plotly-plot g.textpoint text", has_text="Sukapura").first
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("desa di Kec. Sukapura").first.wait_for()
    assert "kecamatan=35.13.01" in page.url
    page.screenshot(path=artifact("peta_drill_sukapura_1920x1080.png"))


def test_map_exports_as_png_for_the_slides(open_page):
    page = _open(open_page)
    plot = page.locator(".js-plotly-plot").first
    plot.hover()
    with page.expect_download() as download:
        plot.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1920, 1080)
    assert download.value.suggested_filename == "peta-ppks-2026-kecamatan.png"


def test_small_multiples_view(open_page, demo):
    page = _open(open_page)
    page.get_by_text("Per kategori", exact=True).click()
    page.get_by_text("kelas dihitung per kategori").first.wait_for()
    titles = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    rows = read_ppks_rekap(demo.files, 2026)
    assert set(rows["Kategori PPKS"].str.lower()) <= set(titles)
    page.screenshot(path=artifact("peta_multiples_1920x1080.png"), full_page=True)
