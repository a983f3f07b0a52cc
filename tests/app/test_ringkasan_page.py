"""Ringkasan (AppTest): every tile equals an independent pandas computation from the generated files."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import load_settings
from dashboard.filters import QUARTER, YEAR, Filters
from dashboard.formatting import format_number, format_pct
from tests.support.attainment import expected_attainment
from tests.support.budget import as_of_month, expected_sub
from tests.support.coverage import expected_counts, expected_coverage
from tests.support.expected import read_ppks_rekap


def _ppks(files, tahun, kecamatan):
    sheet = read_ppks_rekap(files, tahun)
    if kecamatan:
        sheet = sheet[sheet["Kode Desa"].str.startswith(kecamatan + ".")]
    return int(sheet["Jumlah"].sum())


def _pct(frame, numerator, denominator):
    return 100 * frame[numerator].sum() / frame[denominator].sum()


def _app(open_page, filters: Filters) -> AppTest:
    app = open_page()
    app.selectbox(key="filter.tahun").set_value(filters.tahun).run()
    app.radio(key="filter.granularity").set_value(filters.granularity).run()
    if filters.period:
        app.selectbox(key="filter.period").set_value(filters.period).run()
    app.selectbox(key="filter.kecamatan").set_value(filters.kecamatan or "").run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("filters", [Filters(2026), Filters(2026, QUARTER, 2, "35.13.01")],
                         ids=["2026-kabupaten", "2026-q2-sukapura"])
def test_tiles_match_the_files(demo, open_page, filters):
    app = _app(open_page, filters)
    tiles = {m.label: m for m in app.metric}
    scope = filters.kecamatan or "35.13"
    counts = expected_counts(demo.files)
    counts = counts[counts.index.str.startswith(scope)]
    now = expected_coverage(demo.files, filters)
    now = now[now.index.str.startswith(scope)]
    before = expected_coverage(demo.files, filters.previous())
    before = before[before.index.str.startswith(scope)]

    assert tiles["Individu DTKS"].value == format_number(counts["n_individu"].sum())
    assert tiles["Keluarga DTKS"].value == format_number(counts["n_keluarga"].sum())
    assert tiles["Cakupan keluarga layak"].value == format_pct(_pct(now, "n_eligible_kpm", "n_eligible"))
    assert tiles["Salah eksklusi"].value == format_pct(_pct(now, "n_excluded", "n_eligible"))
    assert tiles["Salah inklusi"].value == format_pct(_pct(now, "n_inclusion", "n_kpm_ranked"))
    notes = [c.value for c in app.caption if "salur" in c.value or "desil" in c.value]  # under C3, C4, C5 tiles
    assert sorted(notes) == sorted(text.format(format_number(n)) for n, text in (
        (now["n_eligible_pending"].sum(), "+{} keluarga layak menunggu salur/gagal salur (tidak dihitung sebagai KPM)"),
        (now["n_excluded_pending"].sum(), "termasuk {} keluarga yang menunggu salur/gagal salur"),
        (now["n_no_desil"].sum(), "{} KPM tanpa desil (belum diperingkat) dihitung terpisah")) if n)
    change = _pct(now, "n_excluded", "n_eligible") - _pct(before, "n_excluded", "n_eligible")
    assert tiles["Salah eksklusi"].delta == f"{'+' if change > 0 else ''}{format_number(change, 1)} poin"
    ppks_now, ppks_before = (_ppks(demo.files, y, filters.kecamatan) for y in (2026, 2025))
    assert tiles["Total PPKS"].value == format_number(ppks_now)
    sign = "+" if ppks_now > ppks_before else ""
    assert tiles["Total PPKS"].delta == f"{sign}{format_number(ppks_now - ppks_before)}"
    last_month = filters.months[1]
    bulan = as_of_month(demo.files, filters.tahun, last_month)
    budget = expected_sub(demo.files, load_settings(db_path=demo.database).bidang, filters.tahun, bulan)
    assert tiles["Serapan anggaran"].value == format_pct(_pct(budget, "realisasi_rp", "pagu_rp"))


def test_title_names_period_and_scope(demo, open_page):
    app = _app(open_page, Filters(2026, QUARTER, 2, "35.13.01"))
    assert app.title[0].value == "Ringkasan Triwulan/Tahap 2 2026 · Sukapura"
    app = _app(open_page, Filters(2025, YEAR))
    assert app.title[0].value.startswith("Ringkasan")
    assert "2025" in app.title[0].value


def test_tksk_tile_and_attention_list_match_the_files(demo, open_page):
    filters = Filters(2026)
    app = _app(open_page, filters)
    expected = expected_attainment(demo.files, filters, as_of=10).reset_index()  # demo data end in October
    t3 = expected[expected["indikator"] == "T3"]
    tiles = {m.label: m for m in app.metric}
    assert tiles["Laporan TKSK masuk"].value == format_pct(100 * t3["realisasi"].sum() / t3["basis"].sum())

    means = expected.groupby("kode")["attainment_prorata_pct"].mean().dropna()
    shown = app.table[0].value
    assert list(shown["Rata-rata capaian"]) == [format_pct(v) for v in means.nsmallest(3).to_numpy()]
    for why, kode in zip(shown["Mengapa"], means.nsmallest(3).index, strict=True):
        weakest = expected[expected["kode"] == kode].dropna(subset=["attainment_prorata_pct"]).nsmallest(
            2, "attainment_prorata_pct")
        assert why.count("%") == 2
        for row in weakest.itertuples():
            assert f"{row.indikator} " in why and format_pct(row.attainment_prorata_pct) in why
