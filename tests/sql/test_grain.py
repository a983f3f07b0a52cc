"""Each query file's stated grain holds on the demo database: its ``-- Unique on:`` columns have no duplicate rows.

A page that joins, pivots or sums a result trusts its grain; a silent duplicate (a second name for one code, a join
that fans out) would double a figure. Every file needs representative parameters in PARAMS, so a new file cannot
be forgotten; the sets follow what the view loaders pass (dashboard/views/*.py load_*).
"""

from __future__ import annotations

import re

import pytest

from dashboard.config import Settings
from dashboard.filters import MONTH, QUARTER, Filters, periode_labels
from dashboard.paths import QUERIES_DIR
from dashboard.queries import load_sql
from dashboard.views.perencanaan import keluaran, spm

QUERY_NAMES = sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))
UNIQUE_ON = re.compile(r"^-- Unique on: (.+)$")

KABUPATEN, KECAMATAN = "35.13", "35.13.01"
KECAMATAN_LEN, DESA_LEN = 8, 13
YEAR = Filters(2026)
QUARTER_PKH = Filters(2025, QUARTER, 2, KECAMATAN, "PKH")
MONTH_BPNT = Filters(2026, MONTH, 5, None, "BPNT")
CUTOFFS = {"cutoff_programs": ["PKH", "BPNT", "PBI-JK"], "cutoff_values": [4, 4, 5]}  # the shipped rakor.toml


def _span(filters: Filters) -> dict[str, object]:
    return {"tahun": filters.tahun, "periods": filters.periode_labels}


def _coverage(filters: Filters, parent: str, child_len: int) -> dict[str, object]:
    """As cakupan.query_params: the span, P, P's cut-off (4 for all three and the default) and each one's own."""
    return {"parent": parent, "child_len": child_len, **_span(filters), "program": filters.program, "cutoff": 4,
            **CUTOFFS}


def _attainment(filters: Filters, as_of_month: int) -> dict[str, object]:
    return {"parent": KABUPATEN, "child_len": KECAMATAN_LEN, **_span(filters), "as_of_month": as_of_month,
            "program": filters.program}


def _budget(tahun: int, bulan: int, bidang: str | None = None) -> dict[str, object]:
    return {"tahun": tahun, "bulan": bulan, **({} if bidang is None else {"bidang": bidang})}


def _keluaran(tahun: int, bulan: int) -> dict[str, object]:
    """As perencanaan.keluaran.load_keluaran: the as-of month, the spans up to it, the shipped [keluaran]."""
    return {"tahun": tahun, "bulan": bulan, "periods": periode_labels(tahun, 1, bulan),
            "periods_prev": periode_labels(tahun - 1, 1, bulan), **keluaran.mapping_params(Settings())}


# query file -> the parameter sets it is checked with (kabupaten and kecamatan level, all and one programme ...)
PARAMS: dict[str, list[dict[str, object]]] = {
    "absorption_pct_by_bidang": [_budget(2026, 12), _budget(2025, 6)],
    "absorption_pct_by_program": [_budget(2026, 12, ""), _budget(2025, 9, "Rehabilitasi Sosial")],
    "absorption_pct_by_subkegiatan": [_budget(2026, 12, ""), _budget(2025, 6, "Perlindungan dan Jaminan Sosial")],
    "absorption_yoy_by_bidang": [_budget(2026, 12), _budget(2026, 3)],
    "attainment_by_wilayah": [_attainment(YEAR, 10), _attainment(QUARTER_PKH, 6)],
    "coverage_pct_by_wilayah": [_coverage(YEAR, KABUPATEN, KECAMATAN_LEN), _coverage(YEAR, KABUPATEN, DESA_LEN),
                                _coverage(QUARTER_PKH, KECAMATAN, DESA_LEN),
                                _coverage(MONTH_BPNT, KABUPATEN, KECAMATAN_LEN)],
    "batas_by_kabupaten": [{"kabupaten": KABUPATEN}],
    "dtks_count_by_wilayah": [{"parent": KABUPATEN, "child_len": KECAMATAN_LEN},
                              {"parent": KECAMATAN, "child_len": DESA_LEN}],
    "followup_exclusion_by_desa": [{"kecamatan": KECAMATAN, **_span(f), "cutoff": 4} for f in (YEAR, QUARTER_PKH)],
    "followup_inclusion_by_desa": [{"kecamatan": KECAMATAN, **_span(f), "program": f.program, "cutoff": 4, **CUTOFFS}
                                   for f in (YEAR, QUARTER_PKH)],
    "followup_unmatched_by_desa": [{"kecamatan": KECAMATAN, **_span(f), "program": f.program}
                                   for f in (YEAR, QUARTER_PKH)],
    "freshness_by_kind": [{}],
    "imports_by_file": [{}],
    "imports_by_kind": [{}],
    "kecamatan_list": [{"kabupaten": KABUPATEN}, {"kabupaten": "75"}],
    "kabupaten_list": [{"provinsi": "75"}, {"provinsi": KABUPATEN[:2]}],
    "last_month_by_source": [{"tahun": 2026}, {"tahun": 2025}],
    "perencanaan_beban_by_wilayah": [{"parent": KABUPATEN, "child_len": KECAMATAN_LEN, "tahun": 2026},
                                     {"parent": "35", "child_len": 5, "tahun": 2025}],
    "perencanaan_desil_by_wilayah": [{"parent": KABUPATEN, "child_len": KECAMATAN_LEN, "cutoff": 4}],
    "perencanaan_keluaran_by_kode": [_keluaran(2026, 10), _keluaran(2025, 6)],
    "perencanaan_spm_by_wilayah": [{"parent": KABUPATEN, "child_len": KECAMATAN_LEN, "tahun": 2026, "as_of_month": 10,
                                    **spm.standard_params()}],
    "ppks_by_wilayah": [{"kabupaten": KABUPATEN, "parent": KABUPATEN, "child_len": KECAMATAN_LEN, "tahun": 2026},
                        {"kabupaten": KABUPATEN, "parent": KABUPATEN, "child_len": DESA_LEN, "tahun": 2026},
                        {"kabupaten": KABUPATEN, "parent": KECAMATAN, "child_len": DESA_LEN, "tahun": 2025}],
    "ppks_funnel_by_stage": [{"tahun": 2026, "as_of_month": 10, "kecamatan": None},
                             {"tahun": 2025, "as_of_month": 6, "kecamatan": KECAMATAN}],
    "ppks_total_by_year": [{"tahun": 2026, "kecamatan": None}, {"tahun": 2026, "kecamatan": KECAMATAN}],
    "programs_available": [{}],
    "realisasi_cumulative_by_month": [_budget(2026, 12, ""), _budget(2025, 6, "Sekretariat")],
    "wilayah_by_kode": [{"kode": KABUPATEN}, {"kode": KECAMATAN}],
    "years_available": [{}],
}


def unique_on(name: str) -> list[str]:
    """The columns of the file's one ``-- Unique on:`` line (the test fails on none or several)."""
    lines = [UNIQUE_ON.match(line) for line in load_sql(name).splitlines()]
    found = [m.group(1) for m in lines if m]
    assert len(found) == 1, f"{name}: {len(found)} '-- Unique on:' lines, expected exactly one"
    return [column.strip() for column in found[0].split(",")]


def test_every_parameter_set_names_an_existing_file():
    assert sorted(set(PARAMS) - set(QUERY_NAMES)) == []


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_unique_on_follows_the_grain(name):
    header = [line for line in load_sql(name).splitlines() if line.startswith("--")]
    grain = next(i for i, line in enumerate(header) if line.startswith("-- Grain:"))
    unique = next((i for i, line in enumerate(header) if UNIQUE_ON.match(line)), -1)
    parameters = next((i for i, line in enumerate(header) if line.startswith("-- Parameters:")), len(header))
    assert unique_on(name)
    assert grain < unique, f"{name}: '-- Unique on:' belongs right after the '-- Grain:' statement"
    assert parameters < grain or unique < parameters, f"{name}: '-- Unique on:' belongs before '-- Parameters:'"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_grain_is_unique_on_the_demo(run, name):
    assert PARAMS.get(name), f"{name}: add representative parameter sets to PARAMS in {__file__}"
    columns = unique_on(name)
    for params in PARAMS[name]:
        result = run(name, **params)
        assert len(result) > 0, f"{name}{params}: no rows, so the grain is not tested"
        assert set(columns) <= set(result.columns), f"{name}: {sorted(set(columns) - set(result.columns))} missing"
        duplicates = result[result.duplicated(subset=columns, keep=False)].sort_values(columns)
        assert duplicates.empty, f"{name}{params}: {len(duplicates)} rows share {columns}:\n{duplicates.head(10)}"
