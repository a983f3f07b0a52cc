"""Peta (P1-P4): figures per wilayah against pandas on the generated demo files, and the join to real polygons."""

import numpy as np
import pandas as pd
import pytest

from dashboard.filters import Filters
from dashboard.formatting import format_number
from dashboard.maps import geo
from dashboard.paths import REFERENCE_DIR
from dashboard.views import peta
from tests.support.expected import read_penduduk, read_ppks_rekap

KABUPATEN = "35.13"


def _expected(files, tahun, length, kategori=None):
    """P1 per wilayah (codes cut to ``length``) from the recap workbook, P2 against the population file."""
    rows = read_ppks_rekap(files, tahun)
    if kategori:
        rows = rows[rows["Kategori PPKS"].str.lower() == kategori]
    counts = rows.groupby(rows["Kode Desa"].str[:length])["Jumlah"].sum()
    population = read_penduduk(files).set_index("kode_wilayah")["jumlah_penduduk"]
    return counts, population


@pytest.fixture(scope="module")
def kecamatan_data(run, settings):
    return peta.load_peta(run, Filters(2026), settings, geo.KECAMATAN)


def test_every_kecamatan_has_a_polygon_and_a_value(kecamatan_data, demo):
    polygons, _ = peta.shapes(kecamatan_data)
    view = peta.map_view(kecamatan_data, None, peta.JUMLAH, "kuantil", polygons)
    counts, _ = _expected(demo.files, 2026, 8)
    assert len(view.frame) == 24 and view.frame["kode"].is_unique
    assert view.join.no_polygon.empty and view.join.unknown_polygons.empty
    assert view.frame.set_index("kode")["value"].to_dict() == counts.to_dict()
    assert all(view.frame.geometry.is_valid) and not any(view.frame.geometry.is_empty)


@pytest.mark.parametrize("kategori", [None, "penyandang disabilitas"])
def test_rate_per_1000_and_share_against_pandas(kecamatan_data, demo, kategori):
    counts, population = _expected(demo.files, 2026, 8, kategori)
    rows = kecamatan_data.values
    rows = rows[rows["kategori"].isna() if kategori is None else rows["kategori"] == kategori].set_index("kode")
    expected_rate = (counts / population.reindex(counts.index) * 1000)
    np.testing.assert_allclose(rows.loc[counts.index, "per_1000"], expected_rate, rtol=1e-12)
    np.testing.assert_allclose(rows.loc[counts.index, "share_pct"], counts / counts.sum() * 100, rtol=1e-12)
    before, _ = _expected(demo.files, 2025, 8, kategori)
    assert rows["jumlah_prev"].to_dict() == before.reindex(rows.index, fill_value=0).to_dict()


def test_desa_of_the_kabupaten_and_drill_to_one_kecamatan(run, settings, demo):
    counts, _ = _expected(demo.files, 2026, 13)
    whole = peta.load_peta(run, Filters(2026), settings, geo.DESA)
    polygons, _ = peta.shapes(whole)
    view = peta.map_view(whole, None, peta.JUMLAH, "natural", polygons)
    assert len(view.frame) == 330 and view.join.no_polygon.empty and view.join.unknown_polygons.empty
    assert view.frame.set_index("kode")["value"].dropna().to_dict() == counts.to_dict()

    drilled = peta.load_peta(run, Filters(2026, kecamatan="35.13.16"), settings, geo.KECAMATAN)
    reference = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str).set_index("kode")["nama"]
    assert (drilled.level, drilled.parent, drilled.parent_name) == (geo.DESA, "35.13.16", reference["35.13.16"])
    view = peta.map_view(drilled, None, peta.JUMLAH, "kuantil", peta.shapes(drilled)[0])
    inside = counts[counts.index.str.startswith("35.13.16.")]
    assert view.frame.set_index("kode")["value"].dropna().to_dict() == inside.to_dict()


def test_rank_change_and_hotspots(kecamatan_data, demo):
    view = peta.map_view(kecamatan_data, None, peta.JUMLAH, "kuantil", peta.shapes(kecamatan_data)[0])
    counts, _ = _expected(demo.files, 2026, 8)
    before, _ = _expected(demo.files, 2025, 8)
    top = counts.sort_values(ascending=False)
    first = view.frame.set_index("kode").loc[top.index[0]]
    assert first["rank"] == 1
    change = f"{'+' if top.iloc[0] > before[top.index[0]] else ''}{top.iloc[0] - before[top.index[0]]:,}"
    assert change.replace(",", ".") in first["hover"]
    assert "Peringkat 1 dari 24" in first["hover"]
    # P4: quantile top class = the values above the 80th percentile, recomputed with numpy
    threshold = np.quantile(counts.to_numpy(dtype=float), 0.8)
    assert set(view.hotspots["kode"]) == set(counts[counts > threshold].index)


def test_counts_of_one_to_four_are_suppressed(run, settings, demo):
    data = peta.load_peta(run, Filters(2026), settings, geo.DESA)
    kategori = "tuna susila"
    view = peta.map_view(data, kategori, peta.JUMLAH, "kuantil", peta.shapes(data)[0])
    counts, _ = _expected(demo.files, 2026, 13, kategori)
    small = counts[(counts >= 1) & (counts <= 4)]
    assert not small.empty, "the demo should have small counts for this category"
    frame = view.frame.set_index("kode")
    for kode in small.index:
        assert frame.loc[kode, "value_text"] == "<5"
        assert "PPKS: <5" in frame.loc[kode, "hover"]
        assert "Perubahan dari 2025: ditekan" in frame.loc[kode, "hover"]
    rate = peta.map_view(data, kategori, peta.PER_1000, "kuantil", peta.shapes(data)[0]).frame.set_index("kode")
    assert (rate.loc[small.index, "value_text"] == "ditekan (jumlah <5)").all()
    assert not any(label.split(" – ")[0] in {"1", "2", "3", "4"} for label in view.legend)


def test_figures_without_polygon_or_report_are_listed_not_dropped(kecamatan_data):
    polygons, _ = peta.shapes(kecamatan_data)
    # one kecamatan loses its polygon, and a polygon with a code unknown to the data appears
    lost = polygons[polygons["kode"] != "35.13.05"]
    stray = polygons[polygons["kode"] == "35.13.06"].assign(kode="35.13.99", nama="Kecamatan Baru")
    shapes = pd.concat([lost, stray], ignore_index=True)
    view = peta.map_view(kecamatan_data, None, peta.JUMLAH, "kuantil", shapes)
    assert view.join.no_polygon["kode"].tolist() == ["35.13.05"]
    assert view.join.unknown_polygons["kode"].tolist() == ["35.13.99"]
    notes = " ".join(peta.mismatch_notes(view, kecamatan_data))
    assert "1 wilayah tanpa batas wilayah" in notes and "35.13.99" in notes
    # the figures of the lost kecamatan stay in the kabupaten total used for shares
    rows = kecamatan_data.values[kecamatan_data.values["kategori"].isna()]
    assert rows["share_pct"].sum() == pytest.approx(100.0)


def test_kecamatan_coded_rows_and_silent_desa(demo_copy, settings):
    """A row recorded with a kecamatan code cannot sit on a desa map (reported, kept in totals); a desa that sent
    no recap at all is 'no report', not zero."""
    from functools import partial

    import duckdb

    from dashboard.queries import run_query

    with duckdb.connect(str(demo_copy.database)) as con:
        con.execute("insert into ppks_rekap values (0, 2026, '35.13.16', 'pengemis', 7)")
        con.execute("delete from ppks_rekap where kode_wilayah = '35.13.16.2001' and tahun = 2026")
        run = partial(run_query, con)
        desa = peta.load_peta(run, Filters(2026, kecamatan="35.13.16"), settings)
        view = peta.map_view(desa, None, peta.JUMLAH, "kuantil", peta.shapes(desa)[0])
        kecamatan = peta.load_peta(run, Filters(2026), settings)
    assert view.unplaced == 7
    silent = view.frame.set_index("kode").loc["35.13.16.2001"]
    assert pd.isna(silent["value"]) and silent["klass"] == -1
    notes = " ".join(peta.mismatch_notes(view, desa))
    assert "7 PPKS tercatat dengan kode kecamatan" in notes and "tanpa laporan PPKS 2026" in notes
    rows = kecamatan.values[kecamatan.values["kategori"].isna()].set_index("kode")
    placed = desa.values[desa.values["kategori"].isna()]["jumlah"].sum()
    assert rows.loc["35.13.16", "jumlah"] == placed + 7


def test_a_wilayah_without_population_is_not_called_unreported(demo_copy, settings):
    """On the rate map (P2) a kecamatan that reported PPKS but has no population is hatched and said to lack
    population, not 'tidak ada laporan'; its count stays in the hover."""
    from functools import partial

    import duckdb

    from dashboard.queries import run_query

    with duckdb.connect(str(demo_copy.database)) as con:
        con.execute("delete from penduduk where kode_wilayah = '35.13.01'")
        data = peta.load_peta(partial(run_query, con), Filters(2026), settings)
    view = peta.map_view(data, None, peta.PER_1000, "kuantil", peta.shapes(data)[0])
    row = view.frame.set_index("kode").loc["35.13.01"]
    assert pd.isna(row["value"]) and row["klass"] == -1
    assert "tanpa data penduduk" in row["hover"] and format_number(row["jumlah"]) in row["hover"]
    assert view.no_data_text() == "tidak ada laporan / tanpa penduduk"
    notes = " ".join(peta.mismatch_notes(view, data))
    assert "1 wilayah melapor PPKS tetapi tanpa data penduduk" in notes and "Sukapura" in notes
    assert "tanpa laporan PPKS" not in notes
