"""A provinsi's installation (Gorontalo, 75) in the app (AppTest): the sidebar offers its kab/kota, Cakupan lists
the six kab/kota with a PROVINSI total, then the kecamatan of a chosen kab/kota, each figure recomputed with pandas
from that kab/kota's own demo files."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest

from dashboard import cli
from dashboard.db import connect_readonly
from dashboard.filters import YEAR, Filters
from dashboard.formatting import format_number, format_pct
from dashboard.imports.runner import import_files
from dashboard.maps import geo
from dashboard.paths import PAGES_DIR, REFERENCE_DIR
from dashboard.queries import run_query
from dashboard.views import peta
from tests.support.apptest import open_app
from tests.support.attainment import expected_attainment
from tests.support.coverage import expected_counts, expected_coverage
from tests.support.demo import build_test_demo
from tests.support.expected import read_ppks_rekap
from tests.support.perencanaan import expected_beban, expected_spm

BOALEMO = "75.02"
KAB_NAMES = ["Kabupaten Gorontalo", "Kabupaten Boalemo", "Kabupaten Bone Bolango", "Kabupaten Pohuwato",
             "Kabupaten Gorontalo Utara", "Kota Gorontalo"]
KAB_KOTA = {"75.01": "gorontalo", "75.02": "boalemo", "75.03": "bone_bolango", "75.04": "pohuwato",
            "75.05": "gorontalo_utara", "75.71": "kota_gorontalo"}


@pytest.fixture(scope="module")
def provinsi(tmp_path_factory):
    return build_test_demo(tmp_path_factory.mktemp("provinsi75"), "75", 12_000)


def expected_by_kabupaten(provinsi, filters: Filters) -> pd.DataFrame:
    """C3-C6 counts per kab/kota: each kab/kota's kecamatan from its own folder's files, summed."""
    return pd.DataFrame({kab: expected_coverage(provinsi.files / slug, filters, parent=kab).sum()
                         for kab, slug in KAB_KOTA.items()}).T


def hotspots(app) -> str:
    """The Peta's list of the wilayah in the highest class ("1. Name: **count**" per line)."""
    return next(m.value for m in app.markdown if m.value.startswith("1\\."))


def _pct(row, numerator, denominator):
    return format_pct(100 * row[numerator] / row[denominator]) if row[denominator] else "-"


def test_cakupan_shows_the_kab_kota_of_the_provinsi_then_the_kecamatan_of_one(provinsi, monkeypatch):
    app = open_app(provinsi.env, monkeypatch, page="cakupan", params={"tahun": "2026"})
    kab_filter = app.sidebar.selectbox(key="filter.kabupaten")
    assert kab_filter.options == ["Semua kab/kota", *KAB_NAMES]
    assert app.sidebar.selectbox(key="filter.kecamatan").disabled  # until a kab/kota is chosen
    expected = expected_by_kabupaten(provinsi, Filters(2026, YEAR))
    table = app.table[0].value
    assert list(table.index) == ["PROVINSI", *KAB_NAMES]
    total = expected.sum()
    assert table.loc["PROVINSI", "C3 Cakupan"] == _pct(total, "n_eligible_kpm", "n_eligible")
    assert table.loc["PROVINSI", "Kel. layak"] == format_number(total["n_eligible"])
    assert len(table) == 7
    for kab, name in zip(KAB_KOTA, KAB_NAMES, strict=True):
        row = table.loc[name]
        assert row["C3 Cakupan"] == _pct(expected.loc[kab], "n_eligible_kpm", "n_eligible"), kab
        assert row["C4 Salah eksklusi"] == _pct(expected.loc[kab], "n_excluded", "n_eligible"), kab

    app.sidebar.selectbox(key="filter.kabupaten").set_value(BOALEMO).run()
    assert not app.exception, app.exception
    assert app.query_params.get("kab") in (BOALEMO, [BOALEMO])
    per_kecamatan = expected_coverage(provinsi.files / "boalemo", Filters(2026, YEAR), parent=BOALEMO)
    table = app.table[0].value
    assert table.loc["KABUPATEN", "C3 Cakupan"] == _pct(per_kecamatan.sum(), "n_eligible_kpm", "n_eligible")
    assert len(table) == 1 + len(per_kecamatan)
    kecamatan = app.sidebar.selectbox(key="filter.kecamatan")
    reference = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str)
    boalemo = reference[(reference["tingkat"] == "3") & (reference["induk"] == BOALEMO)]["nama"].tolist()
    assert not kecamatan.disabled and kecamatan.options == ["Semua kecamatan", *boalemo]
    assert list(table.index)[1:] == [name for name in boalemo if name in set(table.index)]


def test_capaian_scores_each_kab_kota_on_its_kecamatan_summed(provinsi, monkeypatch):
    """A kab/kota's T1-T5: its kecamatan's realisation over their targets (or expected reports, allocated KPM)
    summed, from each kab/kota's own files; the scorecard shows the six kab/kota."""
    app = open_app(provinsi.env, monkeypatch, page="capaian", params={"tahun": "2026"})
    assert app.title[0].value == "Capaian target per kab/kota"
    scorecard = app.table[0].value
    assert list(scorecard.index) == KAB_NAMES and scorecard.index.name == "Kab/kota"
    assert any("Kab/kota = realisasi semua kecamatannya" in c.value for c in app.caption)  # the rule, in one line
    as_of = 10  # the demo's data run to October 2026
    for kab, name in zip(KAB_KOTA, KAB_NAMES, strict=True):
        per_kecamatan = expected_attainment(provinsi.files / KAB_KOTA[kab], Filters(2026, YEAR), as_of)
        sums = per_kecamatan.groupby(level="indikator")[["realisasi", "basis"]].sum()
        for key, column in (("T1", "T1 Verval"), ("T3", "T3 TKSK"), ("T4", "T4 Salur")):
            expected = format_pct(100 * sums.loc[key, "realisasi"] / sums.loc[key, "basis"])
            assert scorecard.loc[name, column].endswith(expected), (name, key, scorecard.loc[name, column], expected)


def test_peta_maps_the_kab_kota_then_drills_to_kecamatan_and_desa(provinsi, monkeypatch):
    """P1 per kab/kota from each kab/kota's recap file; a click on a kab/kota opens its kecamatan, "back" returns."""
    app = open_app(provinsi.env, monkeypatch, page="peta", params={"tahun": "2026"})
    totals = {kab: int(read_ppks_rekap(provinsi.files / slug, 2026)["Jumlah"].sum()) for kab, slug in KAB_KOTA.items()}
    top = max(totals, key=totals.get)
    assert f"{KAB_NAMES[list(KAB_KOTA).index(top)]}: **{format_number(totals[top])}**" in hotspots(app)
    assert any("Klik nama kab/kota" in c.value for c in app.caption)
    assert "Persen dari provinsi" in app.radio(key="peta.measure").options  # P3 of a provinsi's map

    app.session_state["filter.kabupaten"] = BOALEMO  # as the map's click callback sets it (ui.select_wilayah)
    app.run()
    assert [b.label for b in app.button if b.label.startswith("Kembali")] == ["Kembali ke peta provinsi"]
    recap = read_ppks_rekap(provinsi.files / "boalemo", 2026)
    per_kecamatan = recap.groupby(recap["Kode Desa"].str[:8])["Jumlah"].sum().sort_values(ascending=False)
    first_line = hotspots(app).split("\n")[0]
    assert first_line.endswith(f"**{format_number(per_kecamatan.iloc[0])}**  ")
    back = next(b for b in app.button if b.label == "Kembali ke peta provinsi")
    back.click().run()
    assert app.session_state["filter.kabupaten"] == ""  # the provinsi map again


def test_a_target_set_for_a_whole_kab_kota_replaces_only_its_own_targets(provinsi, tmp_path):
    """A provinsi may set a kab/kota's target itself (code 75.02): it replaces that kab/kota's targets of the year
    only, and the scorecard compares the kab/kota's realisation with it; the others keep their kecamatan's sum."""
    copy = provinsi.copy_to(tmp_path / "provinsi")
    path = tmp_path / "target_boalemo_2026.csv"
    path.write_text("Tahun,Indikator,Kode Wilayah,Target,Satuan\n2026,T1,75.02,5000,keluarga\n", encoding="utf-8")
    (outcome,) = import_files([path], copy.settings(), kind="target", progress=lambda _m: None)
    assert outcome.status == "imported", outcome.lines
    with connect_readonly(copy.database) as con:
        run = partial(run_query, con)
        rows = run("attainment_by_wilayah", parent="75", child_len=5, tahun=2026, as_of_month=10,
                   periods=Filters(2026).periode_labels, program=None).set_index(["kode", "indikator"])
    assert rows.loc[("75.02", "T1"), "target"] == 5000
    assert pd.isna(rows.loc[("75.02", "T3"), "target"])  # its kecamatan targets of 2026 were replaced
    gorontalo = expected_attainment(provinsi.files / "gorontalo", Filters(2026, YEAR), 10)
    assert rows.loc[("75.01", "T1"), "target"] == gorontalo.xs("T1", level="indikator")["target"].sum()
    per_kecamatan = expected_attainment(provinsi.files / "boalemo", Filters(2026, YEAR), 10)
    realised = per_kecamatan.xs("T1", level="indikator")["realisasi"].sum()
    assert rows.loc[("75.02", "T1"), "attainment_pct"] == pytest.approx(100 * realised / 5000)


def test_ringkasan_counts_the_whole_provinsi_and_names_kab_kota_needing_attention(provinsi, monkeypatch):
    app = open_app(provinsi.env, monkeypatch, page="ringkasan", params={"tahun": "2026"})
    people = sum(int(expected_counts(provinsi.files / slug, parent=kab)["n_individu"].sum())
                 for kab, slug in KAB_KOTA.items())
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Individu DTKS"] == format_number(people)
    attention = app.table[0].value
    assert attention.index.name == "Kab/kota" and set(attention.index) <= set(KAB_NAMES) and len(attention) == 3
    assert app.subheader[0].value == "3 kab/kota perlu perhatian"


def test_every_page_opens_and_the_map_has_a_polygon_for_every_kab_kota_kecamatan_and_bundled_desa(provinsi,
                                                                                                  monkeypatch):
    app = open_app(provinsi.env, monkeypatch)
    for page in ("cakupan", "capaian", "anggaran", "peta", "perencanaan", "data"):
        app.switch_page(str(PAGES_DIR / f"{page}.py"))
        app.run()
        assert not app.exception, (page, app.exception)
    reference = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str)
    settings = provinsi.settings()
    with connect_readonly(provinsi.database) as con:
        run = partial(run_query, con)
        scopes = [(Filters(2026), None, "2"), (Filters(2026), geo.KECAMATAN, "3")]  # kab/kota, or every kecamatan
        scopes += [(Filters(2026, kabupaten=kab), geo.KECAMATAN, "3") for kab in KAB_KOTA]
        scopes.append((Filters(2026, kabupaten=BOALEMO), geo.DESA, "4"))  # desa polygons ship for Boalemo
        for filters, level, tingkat in scopes:
            data = peta.load_peta(run, filters, settings, level)
            view = peta.map_view(data, None, peta.JUMLAH, "kuantil", peta.shapes(data)[0])
            under = filters.kabupaten or "75"
            codes = reference.loc[(reference["tingkat"] == tingkat) & reference["kode"].str.startswith(under + "."),
                                  "kode"]
            assert set(view.frame["kode"]) == set(codes), (under, level)
            assert view.join.no_polygon.empty and not any(view.frame.geometry.is_empty), (under, level)


def test_perencanaan_lists_the_kab_kota_then_the_kecamatan_and_desa_of_one(provinsi, monkeypatch):
    app = open_app(provinsi.env, monkeypatch, page="perencanaan", params={"tahun": "2026"})
    loads = pd.DataFrame({kab: expected_beban(provinsi.files / slug, 2026)[["n_ppks", "n_tksk", "n_lks_psm"]].sum()
                          for kab, slug in KAB_KOTA.items()}).T
    caseload = next(t.value for t in app.table if "PPKS/TKSK" in t.value.columns)
    names = dict(zip(KAB_KOTA, KAB_NAMES, strict=True))
    assert sorted(caseload.index) == sorted(KAB_NAMES)
    for kab, row in loads.iterrows():
        assert caseload.loc[names[kab], "PPKS"] == format_number(row["n_ppks"])
        assert caseload.loc[names[kab], "PPKS/TKSK"] == format_number(row["n_ppks"] / row["n_tksk"])
    spm = next(t.value for t in app.table if "SPM 1" in t.value.columns)
    assert spm.index[0] == "TOTAL PROVINSI" and sorted(spm.index[1:]) == sorted(KAB_NAMES)
    served = sum(expected_spm(provinsi.files / slug, 2026, 10).xs("SPM3", level="spm")["n_dilayani"].sum()
                 for slug in KAB_KOTA.values())
    need = sum(expected_spm(provinsi.files / slug, 2026, 10).xs("SPM3", level="spm")["n_butuh"].sum()
               for slug in KAB_KOTA.values())
    assert spm.loc["TOTAL PROVINSI", "SPM 3"] == format_pct(100 * served / need)
    priorities = next(t.value for t in app.table if "Skor prioritas" in t.value.columns)
    assert sorted(label.split(". ", 1)[1] for label in priorities.index) == sorted(KAB_NAMES)
    assert app.get("plotly_chart")  # the caseload map of the kab/kota among the charts

    app = open_app(provinsi.env, monkeypatch, page="perencanaan", params={"tahun": "2026", "kab": BOALEMO})
    caseload = next(t.value for t in app.table if "PPKS/TKSK" in t.value.columns)
    boalemo = expected_beban(provinsi.files / KAB_KOTA[BOALEMO], 2026)
    assert len(caseload) == len(boalemo) and caseload["PPKS"].tolist() == [
        format_number(v) for v in boalemo.sort_values("ppks_per_tksk", ascending=False)["n_ppks"]]
    desa = next(t.value for t in app.table if t.value.index.name == "Desa")
    coverage = expected_coverage(provinsi.files / KAB_KOTA[BOALEMO], Filters(2026), parent=BOALEMO, child_len=13)
    assert desa["Perlu verval"].iloc[0] == format_number((coverage["n_excluded"] + coverage["n_inclusion"]).max())
    assert not any(i.value.startswith("Batas desa tidak tersedia") for i in app.info)  # Boalemo's desa are mapped


def test_the_deck_names_the_provinsi_and_the_chosen_kab_kota(provinsi, tmp_path, monkeypatch):
    whole = provinsi.deck(Filters(2026))
    assert whole.wilayah == "Provinsi Gorontalo" and "semua kab/kota" in whole.filters_text
    boalemo = provinsi.deck(Filters(2026, kabupaten=BOALEMO))
    assert "Kabupaten Boalemo" in boalemo.filters_text and boalemo.file_stem == "rakor-75-2026-75.02"
    argv = ["--db", str(provinsi.database), "--config", str(provinsi.config), "deck", "--tahun", "2026", "--kab",
            BOALEMO, "--out", str(tmp_path)]
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(provinsi.secret))
    assert cli.main(argv) == cli.EXIT_OK
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"rakor-75-2026-75.02.{s}" for s in ("pdf", "pptx", "xlsx")]
