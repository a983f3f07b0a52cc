"""A provinsi's dashboard (Gorontalo, 75) in a real browser: the map drills provinsi -> kab/kota -> kecamatan ->
desa by clicking names and climbs back with its button; Capaian scores the kab/kota, then a kab/kota's kecamatan."""

from __future__ import annotations

import pytest

from tests.support.demo import build_test_demo, streamlit_server
from tests.support.layout import artifact


@pytest.fixture(scope="module")
def provinsi_app(tmp_path_factory):
    demo = build_test_demo(tmp_path_factory.mktemp("provinsi_e2e"), "75", 12_000)
    with streamlit_server(demo) as served:
        yield served


def _click_label(page, name: str) -> None:
    label = page.locator(".js-plotly-plot g.textpoint text", has_text=name).first
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_map_drills_from_the_provinsi_to_a_desa_and_back(open_page, provinsi_app):
    page = open_page("peta?tahun=2026", server=provinsi_app)
    page.get_by_text("per kab/kota").first.wait_for()
    page.locator(".js-plotly-plot g.textpoint text", has_text="Kota Gorontalo").first.wait_for()
    page.screenshot(path=artifact("provinsi_peta_1920x1080.png"))
    _click_label(page, "Kabupaten Boalemo")
    page.get_by_role("button", name="Kembali ke peta provinsi").wait_for()
    page.locator(".js-plotly-plot g.textpoint text", has_text="Paguyaman").first.wait_for()
    assert "kab=75.02" in page.url
    page.screenshot(path=artifact("provinsi_peta_boalemo_1920x1080.png"))
    _click_label(page, "Paguyaman")
    page.get_by_text("desa di Kec. Paguyaman").first.wait_for()
    assert "kecamatan=75.02.01" in page.url and "kab=75.02" in page.url
    page.screenshot(path=artifact("provinsi_peta_paguyaman_1920x1080.png"))
    page.get_by_role("button", name="Kembali ke peta kabupaten").click()
    page.get_by_role("button", name="Kembali ke peta provinsi").wait_for()
    page.get_by_role("button", name="Kembali ke peta provinsi").click()
    page.get_by_text("per kab/kota").first.wait_for()
    assert "kab=" not in page.url


def test_capaian_scores_the_kab_kota_then_one_kab_kotas_kecamatan(open_page, provinsi_app):
    page = open_page("capaian?tahun=2026", server=provinsi_app)
    page.get_by_role("heading", name="Capaian target per kab/kota").wait_for()
    table = page.locator("[data-testid='stTable'] table").first
    assert all(name in table.inner_text() for name in ("Kabupaten Boalemo", "Kota Gorontalo", "Kabupaten Pohuwato"))
    page.screenshot(path=artifact("provinsi_capaian_1920x1080.png"), full_page=True)
    page.goto(f"{provinsi_app.url}/capaian?tahun=2026&kab=75.02", wait_until="networkidle")
    page.get_by_role("heading", name="Capaian target per kecamatan").wait_for()
    text = page.locator("[data-testid='stTable'] table").first.inner_text()
    assert "Paguyaman" in text and "Kota Gorontalo" not in text
    # one kecamatan: marked in its kab/kota's scorecard, and the change against last year is its own
    page.goto(f"{provinsi_app.url}/capaian?tahun=2026&kab=75.02&kecamatan=75.02.01", wait_until="networkidle")
    page.get_by_text("Kec. Paguyaman").first.wait_for()
    assert "► Paguyaman" in page.locator("[data-testid='stTable'] table").first.inner_text()
    page.screenshot(path=artifact("provinsi_capaian_paguyaman_1920x1080.png"), full_page=True)
