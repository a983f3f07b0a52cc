"""Ringkasan queries against pandas recomputations from the generated demo files."""

import pytest

from tests.support.expected import read_ppks_rekap


@pytest.mark.parametrize("kecamatan", [None, "35.13.01", "35.13.16"])
def test_ppks_total_by_year(run, demo, kecamatan):
    result = run("ppks_total_by_year", tahun=2026, kecamatan=kecamatan).set_index("tahun")["n_ppks"]
    for tahun in (2025, 2026):
        rows = read_ppks_rekap(demo.files, tahun)
        if kecamatan:
            rows = rows[rows["Kode Desa"].str.startswith(kecamatan + ".")]
        assert result[tahun] == rows["Jumlah"].sum()
