"""A provinsi's database (Gorontalo, 75): files of each kab/kota stand side by side, a newer file replaces only its
own kab/kota's rows, "the latest DTKS" is taken per kab/kota, and files from outside the provinsi are refused."""

from __future__ import annotations

import dataclasses

import pytest

BOALEMO, BONE_BOLANGO, BANGGAI = "75.02.01.2004", "75.03.01.2004", "72.01.01.1006"
HEADER = ["NO KK", "NIK", "NAMA", "KODE WILAYAH", "DESIL", "TGL UPDATE"]


def dtks(desa: str, n: int, updated: str, first: int = 1) -> list[list[str]]:
    """``n`` individuals, one household each, in ``desa``; NIK and KK numbers from the desa code and ``first``."""
    digits = desa.replace(".", "")[:6]
    return [HEADER] + [[f"{digits}0101{first + i:06d}", f"{digits}1503{first + i:06d}", f"WARGA {first + i}", desa,
                        "3", updated] for i in range(n)]


@pytest.fixture
def provinsi(fresh_settings):
    return dataclasses.replace(fresh_settings, kabupaten="75")


def latest_per_kabupaten(fetch, settings) -> list[tuple]:
    return fetch(settings, "select left(kode_wilayah, 5), periode, count(*) from dtks_keluarga_latest "
                           "group by all order by 1")


def test_each_kabupaten_keeps_its_own_rows_and_latest_snapshot(provinsi, write_csv, import_one, fetch):
    def imported(name, rows):
        outcome = import_one(write_csv(name, rows), using=provinsi)
        assert outcome.status == "imported", outcome.lines
        return outcome

    imported("dtks_boalemo_2025-05.csv", dtks(BOALEMO, 3, "2025-05-20"))
    imported("dtks_bonebol_2025-05.csv", dtks(BONE_BOLANGO, 4, "2025-05-20", first=100))
    assert latest_per_kabupaten(fetch, provinsi) == [("75.02", "2025-05", 3), ("75.03", "2025-05", 4)]
    imported("dtks_bonebol_2025-06.csv", dtks(BONE_BOLANGO, 5, "2025-06-02", first=100))
    assert latest_per_kabupaten(fetch, provinsi) == [("75.02", "2025-05", 3), ("75.03", "2025-06", 5)]
    replaced = imported("dtks_boalemo_2025-05_revisi.csv", dtks(BOALEMO, 2, "2025-05-28"))
    assert latest_per_kabupaten(fetch, provinsi) == [("75.02", "2025-05", 2), ("75.03", "2025-06", 5)]
    assert any("dtks_boalemo_2025-05.csv" in line for line in replaced.lines)  # named as replaced
    counts = fetch(provinsi, "select periode, left(kode_wilayah, 5), count(*) from dtks_individu group by all "
                             "order by 1, 2")
    assert counts == [("2025-05", "75.02", 2), ("2025-05", "75.03", 4), ("2025-06", "75.03", 5)]
    assert fetch(provinsi, "select count(*) from dtks_household") == [(7,)]


def test_a_file_from_another_provinsi_is_refused(provinsi, write_csv, import_one):
    outcome = import_one(write_csv("dtks_banggai.csv", dtks(BANGGAI, 2, "2025-05-20")), using=provinsi)
    assert outcome.status == "refused"
    assert any(BANGGAI in line and "Gorontalo" in line for line in outcome.lines), outcome.lines


def test_the_provinsi_demo_holds_every_kab_kota_side_by_side_and_one_provinsi_budget(tmp_path):
    """``build_demo`` for Gorontalo (75): six kab/kota's files, each through the importers, and the provinsi's
    own SIPD once; each kab/kota's DTKS count is its own file's."""
    from dashboard.db import connect_readonly
    from dashboard.demo.build import provinsi_shares
    from tests.support.demo import build_test_demo
    from tests.support.expected import read_dtks

    demo = build_test_demo(tmp_path, "75", 12_000)
    shares = provinsi_shares("75", 12_000)
    assert list(shares) == ["75.01", "75.02", "75.03", "75.04", "75.05", "75.71"]
    with connect_readonly(demo.database) as con:
        held = dict(con.execute("select left(kode_wilayah, 5), count(*) from dtks_individu_latest group by 1 "
                                "order by 1").fetchall())
        kinds = dict(con.execute("select kind, count(*) from import_log where status = 'aktif' group by 1"
                                 ).fetchall())
        titles = {row[0] for row in con.execute("select distinct file_name from import_log where kind = 'anggaran'"
                                                ).fetchall()}
    expected = {}
    for folder in sorted(path for path in demo.files.iterdir() if path.is_dir()):
        frame = read_dtks(folder)
        codes = frame["Kode Desa"].str[:4]
        expected[f"{codes.iloc[0][:2]}.{codes.iloc[0][2:]}"] = len(frame)
    assert held == expected and sorted(held) == list(shares)
    assert kinds["dtks"] == 6 and kinds["target"] == 12 and kinds["anggaran"] == 24
    assert all(name.startswith(("sipd_lra_", "anggaran_kas_")) for name in titles)
