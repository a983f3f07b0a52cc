"""Ringkasan queries against pandas recomputations from the generated demo files."""

import pandas as pd
import pytest


def _ppks_from_files(files, tahun):
    path = files / f"ppks_rekap_{tahun}.xlsx"
    sheet = pd.read_excel(path, header=2, dtype={"Kode Desa": str})
    return sheet[sheet["No"].astype(str).str.upper() != "JUMLAH"]


@pytest.mark.parametrize("kecamatan", [None, "35.13.01", "35.13.16"])
def test_ppks_total_by_year(run, demo, kecamatan):
    result = run("ppks_total_by_year", tahun=2026, kecamatan=kecamatan).set_index("tahun")["n_ppks"]
    for tahun in (2025, 2026):
        rows = _ppks_from_files(demo.files, tahun)
        if kecamatan:
            rows = rows[rows["Kode Desa"].str.startswith(kecamatan + ".")]
        assert result[tahun] == rows["Jumlah"].sum()
