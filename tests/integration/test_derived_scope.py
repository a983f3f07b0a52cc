"""After an import into a provinsi's database the derived tables are rebuilt only for the kab/kota it touched
(``dashboard.derived``, ``dashboard.derived.scope``): each result must equal a full rebuild of a copy of the same
database (every derived table as a multiset of rows, surrogate ids mapped to what they stand for), including keys
that cross kab/kota lines, and the kab/kota left out must keep their rows untouched."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import derived
from dashboard.db import connect_readonly
from dashboard.imports.runner import import_files
from tests.support.demo import DemoDatabase, build_test_demo
from tests.support.derived_rows import derived_rows

GORONTALO, BOALEMO, POHUWATO, KOTA = "75.01", "75.02", "75.04", "75.71"
PKH_2026 = {BOALEMO: "boalemo/boalemo_penerima_pkh_2026.csv",
            KOTA: "kota_gorontalo/kota_gorontalo_penerima_pkh_2026.csv"}
DTKS = {BOALEMO: "boalemo/dtks_boalemo_2026-10.csv", GORONTALO: "gorontalo/dtks_gorontalo_2026-10.csv",
        POHUWATO: "pohuwato/dtks_pohuwato_2026-10.csv"}
# the partitioned tables and their partition column (the "-- partition:" lines of dashboard/derived/*.sql)
PARTITIONED = {"dtks_household": "kode_desa", "penerima_household": "kode_desa_penerima",
               "dtks_count_desa": "kode_desa", "coverage_dtks": "kode_desa", "coverage_households": "kode_desa",
               "coverage_rows": "kode_desa", "capaian_penyaluran": "kode_kecamatan",
               "penerima_kunci": "kode_kabupaten"}


@pytest.fixture(scope="module")
def gorontalo(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabase:
    return build_test_demo(tmp_path_factory.mktemp("gorontalo"), "75", 6_000)


@pytest.fixture
def db(gorontalo: DemoDatabase, tmp_path: Path) -> DemoDatabase:
    return gorontalo.copy_to(tmp_path / "db")


@pytest.fixture
def scopes(monkeypatch: pytest.MonkeyPatch) -> list[list[str] | None]:
    """The scope of every refresh that asked for one (None: rebuilt whole), as widened for its last tables."""
    seen: list[list[str] | None] = []
    original, after = derived.Touched.scope, derived.Touched.after

    def recording(self, con, kinds):
        seen.append(original(self, con, kinds))
        return seen[-1]

    def widening(self, con, scope, rebuilt):
        seen[-1] = after(self, con, scope, rebuilt)
        return seen[-1]

    monkeypatch.setattr(derived.Touched, "scope", recording)
    monkeypatch.setattr(derived.Touched, "after", widening)
    return seen


def read(demo: DemoDatabase, name: str) -> pd.DataFrame:
    """A demo file as text (the generator writes some in Windows-1252, as offices do)."""
    data = (demo.files / name).read_bytes()
    text = data.decode("utf-8-sig") if data.isascii() or _utf8(data) else data.decode("cp1252")
    return pd.read_csv(io.StringIO(text), sep=";" if "dtks" in name else ",", dtype=str, keep_default_na=False)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def changed(row: pd.Series, values: dict[str, str]) -> dict[str, str]:
    return row.to_dict() | values


def write(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, sep=";" if "dtks" in path.name else ",", index=False)
    return path


def full_rebuild(demo: DemoDatabase, root: Path) -> dict[str, Counter]:
    """The derived tables a full rebuild gives on a copy of the database (independent recomputation)."""
    copy = root / "full.duckdb"
    shutil.copyfile(demo.database, copy)
    with duckdb.connect(str(copy)) as con:
        derived.refresh(con)
        return derived_rows(con)


def imported_equals_full(demo: DemoDatabase, paths: list[Path], root: Path) -> None:
    outcomes = import_files(paths, demo.settings(), progress=lambda _m: None)
    assert all(o.status == "imported" for o in outcomes), [line for o in outcomes for line in o.lines]
    with connect_readonly(demo.database) as con:
        partial = derived_rows(con)
    expected = full_rebuild(demo, root)
    differing = {t: (sum(partial[t].values()), sum(expected[t].values()))
                 for t in expected if partial[t] != expected[t]}
    assert not differing, differing


def rows_outside(demo: DemoDatabase, kabs: set[str]) -> dict[str, Counter]:
    """Each partitioned table's stored rows (ids as stored) outside ``kabs``."""
    with connect_readonly(demo.database) as con:
        return {table: Counter(tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in con.execute(
            f"select * from {table} where not list_contains($kabs, left({column}, 5))", {"kabs": sorted(kabs)}
        ).fetchall()) for table, column in PARTITIONED.items()}


def test_a_reimported_kab_kota_file_rebuilds_only_that_kab_kota(db, scopes, tmp_path):
    before = rows_outside(db, {BOALEMO})
    pkh = read(db, PKH_2026[BOALEMO])
    pkh.loc[pkh.index[:20], "STATUS SALUR"] = "gagal"
    imported_equals_full(db, [write(pkh.iloc[5:], tmp_path / "boalemo_penerima_pkh_2026_revisi.csv")], tmp_path)
    dtks = read(db, DTKS[BOALEMO])
    dtks.loc[dtks.index[:30], "Desil"] = "1"
    imported_equals_full(db, [write(dtks.iloc[40:], tmp_path / "dtks_boalemo_2026-11.csv")], tmp_path)
    assert scopes == [[BOALEMO], [BOALEMO]]
    assert rows_outside(db, {BOALEMO}) == before


def test_keys_across_kab_kota_widen_the_rebuild_and_give_the_full_rebuild_rows(db, scopes, tmp_path):
    kota_pkh, boalemo_pkh = read(db, PKH_2026[KOTA]), read(db, PKH_2026[BOALEMO])
    template = boalemo_pkh.iloc[0]
    # KPM x and y match no household; y has rows in Kota Gorontalo and (below) in Boalemo for the same tahap
    x = changed(kota_pkh.iloc[0], {"NIK": "7571019999990001", "NO KK": "7571019999990002", "STATUS SALUR": "salur"})
    y = changed(kota_pkh.iloc[1], {"NIK": "7571019999990003", "NO KK": "7571019999990004", "STATUS SALUR": "salur"})
    kota_file = write(pd.concat([kota_pkh, pd.DataFrame([x, y])]), tmp_path / "kota_gorontalo_pkh_2026_b.csv")
    imported_equals_full(db, [kota_file], tmp_path)

    # a newer Boalemo DTKS: households gone and changed, a household holding x's No. KK (a recipient of Kota
    # Gorontalo now matches it), a member carrying a Pohuwato household's id (that household's head may change)
    dtks = read(db, DTKS[BOALEMO])
    pohuwato = read(db, DTKS[POHUWATO]).iloc[0]
    dtks.loc[dtks.index[:30], "Desil"] = "9"
    extra = [changed(dtks.iloc[0], {"ID DTKS": "75020199999999", "No. KK": x["NO KK"], "NIK": "7502019999990005",
                                    "Hubungan Keluarga": "KEPALA KELUARGA"}),
             changed(dtks.iloc[0], {"ID DTKS": pohuwato["ID DTKS"], "No. KK": "7502019999990006",
                                    "NIK": "7501019999990007", "Hubungan Keluarga": "KEPALA KELUARGA"})]
    newer = pd.concat([dtks.iloc[40:], pd.DataFrame(extra)]).assign(**{"Tgl Update": "2026-11-05"})
    imported_equals_full(db, [write(newer, tmp_path / "dtks_boalemo_2026-11.csv")], tmp_path)
    assert {BOALEMO, KOTA, POHUWATO} <= set(scopes[-1])

    # Boalemo's list gains a row whose household is in Gorontalo's DTKS, and KPM y (placed now in Boalemo,
    # the first kecamatan of its rows)
    gorontalo_member = read(db, DTKS[GORONTALO]).iloc[0]
    cross = changed(template, {"NIK": gorontalo_member["NIK"], "NO KK": gorontalo_member["No. KK"],
                               "STATUS SALUR": "salur"})
    y_boalemo = changed(template, {"NIK": y["NIK"], "NO KK": y["NO KK"], "STATUS SALUR": "belum"})
    imported_equals_full(db, [write(pd.concat([boalemo_pkh, pd.DataFrame([cross, y_boalemo])]),
                                    tmp_path / "boalemo_pkh_2026_b.csv")], tmp_path)
    assert {BOALEMO, GORONTALO, KOTA} <= set(scopes[-1])

    # ...and loses both again: y goes back to Kota Gorontalo, the Gorontalo household's rows disappear
    imported_equals_full(db, [write(boalemo_pkh.iloc[3:], tmp_path / "boalemo_pkh_2026_c.csv")], tmp_path)
    assert {BOALEMO, GORONTALO, KOTA} <= set(scopes[-1])

    # the Boalemo DTKS again without the household of x's No. KK: x is unmatched again
    imported_equals_full(db, [write(newer.iloc[:-2], tmp_path / "dtks_boalemo_2026-11_revisi.csv")], tmp_path)
    assert {BOALEMO, KOTA, POHUWATO} <= set(scopes[-1])
    assert all(scope is not None and len(scope) < 6 for scope in scopes)


def test_a_session_touching_every_kab_kota_rebuilds_whole(db, scopes, tmp_path):
    paths = sorted(db.files.glob("*/*_penerima_pkh_2026.csv"))
    assert len(paths) == 6
    revised = [write(read(db, str(p.relative_to(db.files))).iloc[2:], tmp_path / f"{p.stem}_b.csv") for p in paths]
    imported_equals_full(db, revised, tmp_path)
    assert scopes == [None]
