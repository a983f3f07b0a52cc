"""``rakor demo --wilayah CODE``: demos of other kabupaten built from the real Kemendagri codes, through the real
importers, checked against pandas on each demo's own files (issue "Every Dinas Sosial").

Each wilayah's demo is built once for this module, small (DTKS of about 6,000 individuals), with its own
database, key and a ``rakor.toml`` naming the wilayah (tests/support/demo.py).
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest

from dashboard.db import connect_readonly
from dashboard.filters import Filters
from dashboard.formatting import format_number
from dashboard.maps import geo
from dashboard.paths import PAGES_DIR, REFERENCE_DIR
from dashboard.queries import run_query
from dashboard.views import peta
from tests.support.apptest import open_app
from tests.support.coverage import COUNT_COLUMNS, expected_counts, expected_coverage
from tests.support.demo import DemoDatabase, build_test_demo
from tests.support.expected import dotted, read_dtks

WILAYAH = ("63.10", "64.09", "16.03", "75.02")
INDIVIDUALS = 6_000
# desa of wilayah.csv without a boundary in the shipped desa maps (the join lists them beside the map)
DESA_WITHOUT_POLYGON = {"63.10": 8, "16.03": 2, "64.09": 0, "75.02": 0}
PAGES = ("ringkasan", "cakupan", "capaian", "anggaran", "peta", "perencanaan", "data")
_DEMOS: dict[str, DemoDatabase] = {}


@pytest.fixture(scope="module")
def demos(tmp_path_factory):
    """wilayah -> its demo, built on first use and kept for the module."""

    def get(wilayah: str) -> DemoDatabase:
        if wilayah not in _DEMOS:
            root = tmp_path_factory.mktemp("demo_" + wilayah.replace(".", ""))
            _DEMOS[wilayah] = build_test_demo(root, wilayah, INDIVIDUALS)
        return _DEMOS[wilayah]

    yield get
    _DEMOS.clear()


@pytest.fixture(params=WILAYAH)
def wilayah(request) -> str:
    return request.param


@pytest.fixture
def demo(demos, wilayah) -> DemoDatabase:
    return demos(wilayah)


@pytest.fixture
def run(demo):
    con = connect_readonly(demo.database)
    yield partial(run_query, con)
    con.close()


def _reference(wilayah: str) -> pd.DataFrame:
    ref = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str, keep_default_na=False)
    return ref[ref["kode"].str.startswith(wilayah + ".")]


def test_every_kecamatan_and_desa_has_dtks_rows(demo, wilayah):
    ref = _reference(wilayah)
    dtks_desa = set(read_dtks(demo.files)["Kode Desa"].map(dotted))
    assert dtks_desa == set(ref.loc[ref["tingkat"] == "4", "kode"])
    assert {k[:8] for k in dtks_desa} == set(ref.loc[ref["tingkat"] == "3", "kode"])
    assert demo.settings().kabupaten == wilayah
    digits = wilayah.replace(".", "")
    dtks = read_dtks(demo.files)
    assert dtks["NIK"].str.startswith(digits).all() and dtks["ID DTKS"].str.startswith(digits).all()


def test_dtks_counts_per_kecamatan_match_the_file(run, demo, wilayah):
    result = run("dtks_count_by_wilayah", parent=wilayah, child_len=8).set_index("kode")
    shown = result[["n_individu", "n_keluarga"]]
    expected = expected_counts(demo.files, wilayah)
    assert len(expected) == (_reference(wilayah)["tingkat"] == "3").sum()
    pd.testing.assert_frame_equal(shown[shown.sum(axis=1) > 0].astype(int), expected, check_names=False)


def test_coverage_per_kecamatan_matches_the_files(run, demo, wilayah):
    filters = Filters(2026)
    result = run("coverage_pct_by_wilayah", parent=wilayah, child_len=8, tahun=2026,
                 periods=filters.periode_labels, program=None, cutoff=4, cutoff_programs=[], cutoff_values=[])
    shown = result.set_index("kode")[COUNT_COLUMNS]
    expected = expected_coverage(demo.files, filters, parent=wilayah)
    pd.testing.assert_frame_equal(shown[shown.sum(axis=1) > 0].astype(int), expected, check_names=False)
    coverage = 100 * expected["n_eligible_kpm"] / expected["n_eligible"]
    assert coverage.min() < 75 < coverage.max()  # the weak-coverage kecamatan stand out (red cells)


def test_peta_draws_every_kecamatan_and_desa(run, demo, wilayah):
    settings = demo.settings()
    kecamatan = peta.load_peta(run, Filters(2026), settings, geo.KECAMATAN)
    view = peta.map_view(kecamatan, None, peta.JUMLAH, "kuantil", peta.shapes(kecamatan)[0])
    ref = _reference(wilayah)
    assert set(view.frame["kode"]) == set(ref.loc[ref["tingkat"] == "3", "kode"])
    assert view.join.no_polygon.empty and not any(view.frame.geometry.is_empty)

    desa = peta.load_peta(run, Filters(2026), settings, geo.DESA)
    view = peta.map_view(desa, None, peta.JUMLAH, "kuantil", peta.shapes(desa)[0])
    all_desa = set(ref.loc[ref["tingkat"] == "4", "kode"])
    missing = set(view.join.no_polygon["kode"])
    assert len(missing) == DESA_WITHOUT_POLYGON[wilayah] and missing <= all_desa
    assert set(view.frame["kode"]) == all_desa - missing
    assert not any(view.frame.geometry.is_empty)


def test_every_page_opens_on_the_6310_demo(demos, monkeypatch):
    demo = demos("63.10")
    app = open_app(demo.env, monkeypatch)
    tiles = {m.label: m.value for m in app.metric}
    counts = expected_counts(demo.files, "63.10")
    assert tiles["Individu DTKS"] == format_number(counts["n_individu"].sum())
    assert tiles["Keluarga DTKS"] == format_number(counts["n_keluarga"].sum())
    for page in PAGES[1:]:
        app.switch_page(str(PAGES_DIR / f"{page}.py"))
        app.run()
        assert not app.exception, (page, app.exception)


@pytest.mark.parametrize(("argv", "wilayah", "individuals", "seed"), [
    ([], "35.13", 300_000, None),
    (["--wilayah", "63.10"], "63.10", round(0.4 * 357_221), None),
    (["--wilayah", "75.02", "--scale", "10k", "--seed", "7"], "75.02", 10_000, 7),
    (["--wilayah", "75"], "75", round(0.4 * 1_250_960), None),
], ids=["default", "population", "scale", "provinsi"])
def test_command_line_wilayah_and_size(tmp_path, monkeypatch, argv, wilayah, individuals, seed):
    """``rakor demo`` stays 35.13 at 300k; ``--wilayah`` without ``--scale`` takes 40 % of its population."""
    from dashboard import cli
    from dashboard.demo import build

    calls = []
    monkeypatch.setattr(build, "build_demo", lambda *args, **kw: calls.append((args, kw)) or [])
    assert cli.main(["--db", str(tmp_path / "rakor.duckdb"), "demo", *argv]) == cli.EXIT_OK
    (args, kw), = calls
    assert (kw["wilayah"], args[1], args[2]) == (wilayah, individuals, seed)


def test_command_line_refuses_an_unknown_wilayah(tmp_path, capsys):
    from dashboard import cli

    assert cli.main(["--db", str(tmp_path / "rakor.duckdb"), "demo", "--wilayah", "35.99"]) == cli.EXIT_USAGE
    assert "35.99" in capsys.readouterr().err
    assert not (tmp_path / "rakor.duckdb").exists()
