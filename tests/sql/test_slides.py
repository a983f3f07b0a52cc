"""The rakor deck (dashboard/slides) on the demo database: agenda order, and every number on a slide equal to the
page loaders' output and, for coverage, to the pandas recomputation from the files."""

from __future__ import annotations

import dataclasses
import re
from functools import partial

import pandas as pd
import pytest

from dashboard.config import DEFAULT_AGENDA, Settings
from dashboard.db import connect_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.formatting import format_pct
from dashboard.maps import classify
from dashboard.queries import run_query
from dashboard.slides import items
from dashboard.slides.agenda import build_deck, file_stem, resolve_filters
from dashboard.slides.model import Chart, MapPicture, Missing, Table, Tiles
from dashboard.views import anggaran, capaian, peta, ringkasan
from tests.support.coverage import expected_coverage

FILTERS = Filters(2026, QUARTER, 3)


@pytest.fixture(scope="module")
def deck(run, settings):
    return build_deck(run, FILTERS, settings, "id")


def _slides(deck, key):
    return [s for s in deck.slides if s.key == key]


def _text_of(slide) -> str:
    body = slide.body
    parts = [slide.title, slide.subtitle, slide.notes, slide.source]
    if isinstance(body, Tiles):
        parts += [f"{x.label} {x.text} {x.change} {x.note}" for x in body.tiles]
    elif isinstance(body, Chart):
        parts += body.categories + [label for s in body.series for label in s.labels]
    elif isinstance(body, Table):
        parts += [cell for row in body.cells for cell in row]
    return " ".join(str(p) for p in parts)


def test_slides_follow_the_agenda_with_title_and_footer(deck, settings):
    keys = list(dict.fromkeys(s.key for s in deck.slides))
    assert keys == list(DEFAULT_AGENDA) == list(settings.agenda)
    assert deck.wilayah == "Kabupaten Probolinggo" and deck.file_stem == "rakor-35.13-2026-triwulan3"
    assert deck.filters_text == "Triwulan/Tahap 3 2026 · semua kecamatan · semua program"
    assert deck.footer(2) == f"Rapat Koordinasi Dinas Sosial · {deck.date:%d-%m-%Y} · 3 / {len(deck.slides)}"
    assert all(s.notes for s in deck.slides)  # speaker notes on every slide


def test_ringkasan_tiles_are_the_loaders_numbers(deck, run, settings):
    (slide,) = _slides(deck, "ringkasan")
    kpis = ringkasan.load_ringkasan(run, FILTERS, settings).kpis
    assert [tile.value for tile in slide.body.tiles] == [k.value for k in kpis]
    assert [tile.text for tile in slide.body.tiles] == [ringkasan.format_value(k) for k in kpis]
    assert [tile.change for tile in slide.body.tiles] == [ringkasan.format_change(k) for k in kpis]
    assert format_pct(kpis[2].value) in slide.notes


def test_coverage_charts_match_the_files(deck, demo, run):
    expected = expected_coverage(demo.files, FILTERS)
    c3 = _slides(deck, "cakupan")
    assert [s.part for s in c3] == [(1, 2), (2, 2)]  # 24 kecamatan: two charts of 12 bars, one axis
    assert all(len(s.body.categories) <= items.ROWS_PER_SLIDE and s.body.value_max == c3[0].body.value_max
               for s in c3)
    values = [v for s in c3 for v in s.body.series[0].values]
    shown = dict(zip([c for s in c3 for c in s.body.categories], values, strict=True))
    names = run("kecamatan_list", kabupaten="35.13").set_index("kode")["nama"]
    for kode, row in expected.iterrows():
        assert shown[names[kode]] == pytest.approx(100 * row["n_eligible_kpm"] / row["n_eligible"])
    assert values == sorted(values, reverse=True)
    kabupaten = 100 * expected["n_eligible_kpm"].sum() / expected["n_eligible"].sum()
    assert c3[0].body.references[0].value == pytest.approx(kabupaten)
    c4c5 = _slides(deck, "eksklusi_inklusi")
    c4, c5 = ({c: v for s in c4c5 if s.title.startswith(key) for c, v in zip(s.body.categories,
                                                                              s.body.series[0].values, strict=True)}
              for key in ("C4", "C5"))
    for kode, row in expected.iterrows():
        assert c4[names[kode]] == pytest.approx(100 * row["n_excluded"] / row["n_eligible"])
        assert c5[names[kode]] == pytest.approx(100 * row["n_inclusion"] / row["n_kpm_ranked"])


def test_capaian_scorecard_is_split_and_holds_the_prorata_values(deck, run, settings):
    slides = _slides(deck, "capaian")
    assert [s.part for s in slides] == [(1, 2), (2, 2)]
    assert all(len(s.body.cells) <= items.ROWS_PER_SLIDE for s in slides)
    values = pd.concat([s.body.values for s in slides], ignore_index=True)
    data = capaian.load_capaian(run, FILTERS, settings)
    expected = capaian.scorecard_values(data, prorata=True).reset_index(drop=True)
    assert values.iloc[:, 0].tolist() == expected["nama"].tolist()
    pd.testing.assert_frame_equal(values.iloc[:, 1:].set_axis(list(capaian.INDICATORS), axis=1),
                                  expected[list(capaian.INDICATORS)], check_names=False)
    status = [row[1:] for s in slides for row in s.body.status]
    for row, numbers in zip(status, expected[list(capaian.INDICATORS)].to_numpy(), strict=True):
        assert row == [capaian.rag_status(v if pd.notna(v) else None, 90.0, 70.0) for v in numbers]


def test_budget_slides_hold_the_loaders_numbers(deck, run, settings):
    data = anggaran.load_anggaran(run, FILTERS, settings)
    (bars,) = _slides(deck, "anggaran")
    real, pagu = bars.body.series
    assert real.values == data.by_bidang["realisasi_rp"].tolist() and pagu.values == data.by_bidang["pagu_rp"].tolist()
    (curve,) = _slides(deck, "kurva_s")
    plan, spent = curve.body.series
    assert [bool(label) for label in spent.labels].count(True) == 1 and plan.labels[-1]  # latest month, year end
    assert plan.values == data.curve["anggaran_kas_kumulatif_rp"].tolist()
    pd.testing.assert_series_equal(pd.Series(spent.values, dtype=float), data.curve["realisasi_kumulatif_rp"],
                                   check_names=False)
    assert curve.body.references[0].value == data.curve["pagu_rp"].dropna().iloc[-1]


def test_map_is_the_peta_pages_view(deck, run, settings):
    (slide,) = _slides(deck, "peta")
    assert isinstance(slide.body, MapPicture)
    data = peta.load_peta(run, FILTERS, settings)
    polygons, _ = peta.shapes(data)
    view = peta.map_view(data, None, peta.PER_1000, classify.QUANTILE, polygons)
    shown = slide.body.view.frame
    assert shown["kode"].tolist() == view.frame["kode"].tolist()
    assert shown["klass"].tolist() == view.frame["klass"].tolist()
    assert shown["value_text"].tolist() == view.frame["value_text"].tolist()
    assert len(slide.body.hotspots) == len(view.hotspots) > 0


def test_sources_slide_lists_every_kind(deck, run):
    (slide,) = _slides(deck, "sumber")
    fresh = run("freshness_by_kind")
    assert sorted(slide.body.values.iloc[:, 1]) == sorted(fresh["file_name"])


def test_no_identity_number_anywhere_in_the_deck(deck):
    text = " ".join(_text_of(s) for s in deck.slides)
    assert not re.search(r"\d{16}", text.replace(".", ""))
    assert "NIK" not in text


def test_agenda_order_is_configurable(run, settings):
    deck = build_deck(run, FILTERS, dataclasses.replace(settings, agenda=("peta", "ringkasan")), "en")
    assert [s.key for s in deck.slides] == ["peta", "ringkasan"]


def test_a_database_without_data_says_what_to_import(template_database):
    con = connect_readonly(template_database)
    try:
        deck = build_deck(partial(run_query, con), Filters(2026), Settings(), "id")
    finally:
        con.close()
    missing = {s.key: s.body.message for s in deck.slides if isinstance(s.body, Missing)}
    assert set(missing) == set(DEFAULT_AGENDA)
    assert missing["cakupan"] == "Data belum ada: impor berkas dtks, penerima (halaman Data atau `rakor import`)."
    assert missing["ringkasan"].startswith("Data belum ada: impor berkas dtks, penerima, anggaran")


def test_command_line_filters_are_resolved_like_the_url(run, settings):
    filters, ignored = resolve_filters(run, settings, {"tahun": "2026", "periode": "triwulan", "ke": "2",
                                                       "kecamatan": "35.13.01", "program": "PKH"})
    assert filters == Filters(2026, QUARTER, 2, "35.13.01", "PKH") and ignored == []
    assert file_stem("35.13", filters) == "rakor-35.13-2026-triwulan2-35.13.01-pkh"
    _, ignored = resolve_filters(run, settings, {"tahun": "1999", "kecamatan": "99.99.99"})
    assert ignored == ["tahun=1999", "kecamatan=99.99.99"]
