"""Demo generator: determinism and the file-format contract the importers rely on (small n for speed)."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from dashboard.demo.gen_io import write_small_csv
from dashboard.demo.generate import generate_demo_files
from dashboard.paths import REFERENCE_DIR
from tests.support.reading import read_whole

N = 5_000
DTKS = "dtks_probolinggo_2026-10.csv"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict[str, Path]:
    paths = generate_demo_files(tmp_path_factory.mktemp("demo_a"), N)
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def desa_codes() -> set[str]:
    ref = pd.read_csv(REFERENCE_DIR / "wilayah.csv", dtype=str, keep_default_na=False)
    desa = ref[(ref["tingkat"] == "4") & ref["kode"].str.startswith("35.13.")]
    return set(desa["kode"])


@pytest.fixture(scope="module")
def dtks(demo) -> pd.DataFrame:
    return pd.read_csv(demo[DTKS], sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_deterministic_and_seed_sensitive(demo, tmp_path):
    again = generate_demo_files(tmp_path / "b", N)
    assert [p.name for p in again] == list(demo)
    assert {p.name: _sha(p) for p in again} == {n: _sha(p) for n, p in demo.items()}
    other = generate_demo_files(tmp_path / "c", N, seed=1)
    assert _sha(next(p for p in other if p.name == DTKS)) != _sha(demo[DTKS])


def test_file_list_and_order(demo):
    names = list(demo)
    assert len(names) == 2 + 7 + 3 + 4 + 2 + 22 + 2
    assert names[:2] == ["penduduk_estimasi_2026.csv", DTKS]
    assert names[2:9] == ["penerima_pkh_2025.csv", "penerima_pkh_2026.csv", "penerima_bpnt_2025.csv",
                          "penerima_bpnt_2026.csv", "penerima_pbi_2025.csv", "penerima_pbi_2026.csv",
                          "penerima_atensi_2026.xlsx"]
    assert names.index("ppks_kasus_2025_2026.csv") < names.index("psks_sumber_daya_2025.xlsx")
    assert names.index("target_kinerja_2026.xlsx") < names.index("sipd_lra_2025_01.xlsx")


def test_dtks_raw_format(demo):
    raw = demo[DTKS].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first = raw[3:].split(b"\r\n", 1)[0].decode()
    assert first == ("ID DTKS;No. KK;NIK;Nama;Jenis Kelamin;Tgl Lahir;Hubungan Keluarga;Kode Desa;Desil;Status;"
                     "Disabilitas;Tgl Update")
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_dtks_content(dtks, desa_codes):
    assert abs(len(dtks) - N) <= 0.1 * N
    nik = dtks["NIK"]
    assert nik.str.fullmatch(r"\d{16}").all() and nik.is_unique
    assert dtks["No. KK"].str.fullmatch(r"35\d{14}").all()
    assert dtks["ID DTKS"].str.fullmatch(r"3513\d{10}").all()
    dd = nik.str[6:8].astype(int) - np.where(dtks["Jenis Kelamin"] == "P", 40, 0)
    born = pd.to_datetime(dtks["Tgl Lahir"], format="%d/%m/%Y")
    assert (dd == born.dt.day).all()
    assert (nik.str[8:10].astype(int) == born.dt.month).all()
    assert (nik.str[10:12].astype(int) == born.dt.year % 100).all()
    assert (nik.str[:6] == dtks["Kode Desa"].str[:6]).all()
    dotted = dtks["Kode Desa"].str.replace(r"^(\d\d)(\d\d)(\d\d)(\d{4})$", r"\1.\2.\3.\4", regex=True)
    assert set(dotted) <= desa_codes
    assert dtks["Kode Desa"].str[:6].nunique() == 24
    assert set(dtks["Desil"]) <= {""} | {str(i) for i in range(1, 11)}
    per_hh = dtks.groupby("ID DTKS")[["No. KK", "Desil", "Status", "Tgl Update", "Kode Desa"]].nunique()
    assert (per_hh == 1).all().all()
    assert dtks.groupby("No. KK")["ID DTKS"].nunique().max() == 1
    heads = dtks[dtks["Hubungan Keluarga"] == "KEPALA KELUARGA"]
    assert heads["ID DTKS"].is_unique and len(heads) == dtks["ID DTKS"].nunique()
    age = (pd.Timestamp("2026-10-31") - pd.to_datetime(heads["Tgl Lahir"], format="%d/%m/%Y")).dt.days / 365.25
    assert age.between(20, 81).all()


def test_penduduk(demo):
    df = pd.read_csv(demo["penduduk_estimasi_2026.csv"], dtype={"kode_wilayah": str})
    assert list(df.columns) == ["kode_wilayah", "nama_wilayah", "tahun", "jumlah_penduduk", "laki_laki",
                                "perempuan"]
    desa = df[df["kode_wilayah"].str.len() == 13]
    kec = df[df["kode_wilayah"].str.len() == 8].set_index("kode_wilayah")
    assert len(desa) == 330 and len(kec) == 24
    assert desa["jumlah_penduduk"].sum() == 1_200_931
    assert desa["laki_laki"].sum() == 592_531 and desa["perempuan"].sum() == 608_400
    sums = desa.groupby(desa["kode_wilayah"].str[:8])[["jumlah_penduduk", "laki_laki", "perempuan"]].sum()
    pd.testing.assert_frame_equal(sums.sort_index(), kec[sums.columns].sort_index(), check_names=False)


# ---------------------------------------------------------------- penerima


def _read_penerima(demo, program: str, year: int) -> pd.DataFrame:
    """Normalise the three CSV layouts to nik, kk, periode, status."""
    name = f"penerima_{program}_{year}.csv"
    if program == "pkh":
        df = pd.read_csv(demo[name], dtype=str, keep_default_na=False, encoding="cp1252")
        return df.rename(columns={"NIK": "nik", "NO KK": "kk", "TAHAP": "periode", "STATUS SALUR": "status"})
    if program == "bpnt":
        df = pd.read_csv(demo[name], sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
        return df.rename(columns={"NIK KPM": "nik", "Nomor KK": "kk", "Periode": "periode",
                                  "Status Penyaluran": "status"})
    df = pd.read_csv(demo[name], dtype=str, keep_default_na=False, encoding="utf-8")
    return df.rename(columns={"no_kk": "kk", "status_salur": "status"})


def _match(df: pd.DataFrame, dtks: pd.DataFrame) -> pd.Series:
    """ID DTKS of each row: by No. KK when present, else by NIK; empty string when not in DTKS."""
    by_kk = dtks.drop_duplicates("No. KK").set_index("No. KK")["ID DTKS"]
    by_nik = dtks.set_index("NIK")["ID DTKS"]
    hh = df["kk"].map(by_kk)
    return hh.fillna(df["nik"].map(by_nik)).fillna("")


def _households(dtks: pd.DataFrame) -> pd.DataFrame:
    hh = dtks.drop_duplicates("ID DTKS").set_index("ID DTKS")
    hh["eligible"] = (hh["Status"] == "Aktif") & hh["Desil"].isin(["1", "2", "3", "4"])
    return hh


@pytest.mark.parametrize("program", ["pkh", "bpnt", "pbi"])
@pytest.mark.parametrize("year", [2025, 2026])
def test_penerima_error_shares(demo, dtks, program, year):
    df = _read_penerima(demo, program, year)
    assert df["nik"].str.fullmatch(r"3513\d{12}").all()
    assert df.loc[df["kk"] != "", "kk"].str.fullmatch(r"3513\d{12}").all()
    hh = _households(dtks)
    matched = _match(df, dtks)
    unmatched = (matched == "").mean()
    inclusion = (~matched[matched != ""].map(hh["eligible"])).sum() / len(df)
    # designed: ~2% unmatched, 6-8% inclusion; PBI rows are individuals, so whole households move the
    # share at this small n (at 300k all programmes sit at 2.0% / 6.9-7.1%)
    assert 0.01 <= unmatched <= 0.035, unmatched
    assert 0.055 <= inclusion <= 0.09, inclusion
    if program != "pbi":
        assert 0.03 <= (df["kk"] == "").mean() <= 0.07


def test_penerima_exclusion_and_coverage(demo, dtks):
    hh = _households(dtks)
    eligible = set(hh.index[hh["eligible"]])
    reached: set[str] = set()
    coverage = {}
    for program, periode in (("pkh", "Tahap 1"), ("bpnt", "Tahap 1"), ("pbi", "Triwulan 1")):
        df = _read_penerima(demo, program, 2026)
        got = set(_match(df[df["periode"] == periode], dtks)) & eligible
        coverage[program] = len(got) / len(eligible)
        reached |= got
    exclusion = 1 - len(reached) / len(eligible)
    assert 0.24 <= exclusion <= 0.31, exclusion
    assert 0.30 <= coverage["pkh"] <= 0.40 and 0.54 <= coverage["bpnt"] <= 0.66, coverage


def test_penerima_formats(demo):
    pkh = pd.read_csv(demo["penerima_pkh_2026.csv"], dtype=str, keep_default_na=False, encoding="cp1252")
    nominal = pkh["NOMINAL"].str.replace(r"[^\d]", "", regex=True).astype(int)
    assert pkh["NOMINAL"].str.fullmatch(r"Rp \d{1,3}(\.\d{3})+").all()
    assert (nominal % 25_000 == 0).all() and nominal.between(225_000, 2_400_000).all()
    assert pkh["KODE WILAYAH"].str.fullmatch(r"35\.13\.\d\d\.\d{4}").all()
    last = pkh[pkh["TAHAP"] == "Tahap 4"]
    assert 0.3 <= (last["STATUS SALUR"] == "belum").mean() <= 0.5
    assert set(pkh["STATUS SALUR"]) <= {"salur", "gagal", "belum"}
    bpnt = pd.read_csv(demo["penerima_bpnt_2025.csv"], sep=";", dtype=str, keep_default_na=False)
    assert (bpnt["Nilai Bantuan"] == "600000").all() and bpnt["Kode Desa"].str.fullmatch(r"3513\d{6}").all()
    assert "belum" not in set(bpnt["Status Penyaluran"])
    pbi = pd.read_csv(demo["penerima_pbi_2025.csv"], dtype=str, keep_default_na=False)
    assert set(pbi["periode"]) == {f"Triwulan {i}" for i in range(1, 5)} and (pbi["nominal"] == "126000").all()
    assert (pbi["status_salur"] == "").all()


def test_atensi_text_cells_and_total(demo):
    ws = openpyxl.load_workbook(demo["penerima_atensi_2026.xlsx"])["ATENSI"]
    assert [c.value for c in ws[4]] == ["No", "Program", "Tahun", "Periode", "NIK", "No KK", "Nama",
                                        "Kode Wilayah", "Nominal", "Status"]
    rows = list(ws.iter_rows(min_row=5))
    data, total = rows[:-1], rows[-1]
    assert all(r[4].data_type == "s" and r[5].data_type == "s" for r in data)
    assert total[0].value == "JUMLAH" and total[8].value == sum(r[8].value for r in data)


# ---------------------------------------------------------------- anggaran


def _lra(path: Path) -> tuple[pd.DataFrame, list]:
    ws = openpyxl.load_workbook(path)["LRA SKPD"]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    cols = ["kode", "uraian", "anggaran", "lalu", "ini", "sd", "pct"]
    return pd.DataFrame(rows[:-1], columns=cols), list(rows[-1])


def test_lra_consistent(demo):
    money = ["anggaran", "lalu", "ini", "sd"]
    previous: dict[str, pd.Series] = {}
    for name in (n for n in demo if n.startswith("sipd_lra_")):
        df, total = _lra(demo[name])
        depth = df["kode"].str.count(r"\.")
        progs, kegs, subs = df[depth == 2], df[depth == 4], df[depth == 5]
        for _, p in progs.iterrows():
            k = kegs[kegs["kode"].str.startswith(p["kode"] + ".")]
            s = subs[subs["kode"].str.startswith(p["kode"] + ".")]
            assert (k[money].sum() == p[money]).all() and (s[money].sum() == p[money]).all(), name
        for _, k in kegs.iterrows():
            assert (subs[subs["kode"].str.startswith(k["kode"] + ".")][money].sum() == k[money]).all(), name
        assert total[0] is None and total[1] == "JUMLAH BELANJA"
        assert total[2:6] == progs[money].sum().tolist()
        assert (df["lalu"] + df["ini"] == df["sd"]).all()
        assert np.allclose(df["pct"], (df["sd"] / df["anggaran"] * 100).round(2))
        year, month = name[9:13], int(name[14:16])
        sd = subs.set_index("kode")["sd"]
        if month > 1:
            assert (subs.set_index("kode")["lalu"] == previous[year]).all()
        previous[year] = sd
        if name == "sipd_lra_2025_12.xlsx":
            assert 0.92 <= total[5] / total[2] <= 0.97


def test_cash_plan_sums_to_pagu(demo):
    for year, last in ((2025, 12), (2026, 10)):
        ws = openpyxl.load_workbook(demo[f"anggaran_kas_{year}.xlsx"])["ANGGARAN KAS"]
        plan = pd.DataFrame(list(ws.iter_rows(min_row=4, values_only=True)),
                            columns=["tahun", "bulan", "kode", "uraian", "kas"])
        assert (plan.groupby("kode")["bulan"].count() == 12).all()
        lra, _ = _lra(demo[f"sipd_lra_{year}_{last:02d}.xlsx"])
        pagu = lra[lra["kode"].str.count(r"\.") == 5].set_index("kode")["anggaran"]
        assert plan.groupby("kode")["kas"].sum().sort_index().tolist() == pagu.sort_index().tolist()


def test_small_csv_quotes_newlines_quotes_and_commas(tmp_path):
    header = ("kode_wilayah", "nama_wilayah", "keterangan")
    rows = [("35.13.01.2001", 'Desa "Baru", Kraksaan', "baris satu\nbaris dua"), ("35.13.01.2002", "Asembakor", None)]
    path = tmp_path / "small.csv"

    assert write_small_csv(path, header, rows) == 2

    expected = [list(header), list(rows[0]), ["35.13.01.2002", "Asembakor", ""]]
    with open(path, encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == expected
    table = read_whole(path)[0]
    assert table.headers == list(header)
    assert table.frame.astype(str).values.tolist() == expected[1:]
    assert path.read_bytes().startswith(b"kode_wilayah,nama_wilayah,keterangan\n")  # no BOM, LF line ends
