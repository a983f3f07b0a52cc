"""Peta page in a real browser: the map drawn offline, hotspots visible, click-to-drill, PNG export, screenshots."""

import struct
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pytest

from dashboard.formatting import format_number
from tests.support.expected import read_ppks_rekap

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
VIEWPORTS = [(1920, 1080), (1024, 768)]


def _open(browser, app_url, width, height, path="peta?tahun=2026"):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    external = []
    page.on("request", lambda r: external.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith(("data:", "blob:")) else None)
    page.goto(f"{app_url}/{path}", wait_until="networkidle")
    page.locator(".js-plotly-plot g.textpoint").first.wait_for(timeout=30_000)
    return page, external


def _kecamatan_counts(files):
    rows = read_ppks_rekap(files, 2026)
    return rows.groupby(rows["Kode Desa"].str[:8])["Jumlah"].sum()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_peta_page_draws_the_map_offline(browser, app_url, demo, width, height):
    page, external = _open(browser, app_url, width, height)
    counts = _kecamatan_counts(demo.files)
    top = counts[counts > np.percentile(counts, 80)].sort_values(ascending=False)
    text = page.locator("[data-testid='stColumn']", has=page.get_by_text("Wilayah kelas tertinggi")).inner_text()
    assert all(f"{i + 1}. " in text and format_number(v) in text for i, v in enumerate(top))
    plot = page.locator(".js-plotly-plot").first
    labels = plot.locator("g.textpoint text").all_text_contents()
    assert len([label for label in labels if label]) == 24
    assert page.locator("[data-testid='stException']").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"peta_{width}x{height}.png"), full_page=True)
    plot.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"peta_map_{width}x{height}.png"))
    assert external == []
    page.close()


def test_click_a_kecamatan_drills_to_its_desa(browser, app_url):
    page, external = _open(browser, app_url, 1920, 1080)
    label = page.locator(".js-plotly-plot g.textpoint text", has_text="Sukapura").first
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("desa di Kec. Sukapura").first.wait_for(timeout=30_000)
    assert "kecamatan=35.13.01" in page.url
    page.screenshot(path=str(ARTIFACTS / "peta_drill_sukapura_1920x1080.png"))
    assert page.locator("[data-testid='stException']").count() == 0
    assert external == []
    page.close()


def test_map_exports_as_png_for_the_slides(browser, app_url):
    page, external = _open(browser, app_url, 1920, 1080)
    plot = page.locator(".js-plotly-plot").first
    plot.hover()
    with page.expect_download(timeout=30_000) as download:
        plot.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1920, 1080)
    assert download.value.suggested_filename == "peta-ppks-2026-kecamatan.png"
    assert external == []
    page.close()


def test_small_multiples_view(browser, app_url, demo):
    page, external = _open(browser, app_url, 1920, 1080)
    page.get_by_text("Per kategori", exact=True).click()
    page.get_by_text("kelas dihitung per kategori").first.wait_for(timeout=30_000)
    titles = page.locator(".js-plotly-plot .annotation-text").all_text_contents()
    rows = read_ppks_rekap(demo.files, 2026)
    assert set(rows["Kategori PPKS"].str.lower()) <= set(titles)
    page.screenshot(path=str(ARTIFACTS / "peta_multiples_1920x1080.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert external == []
    page.close()
