"""Cakupan page (AppTest): the C1-C6 table and the follow-up lists show the figures recomputed from the files."""

import pytest

from dashboard.filters import QUARTER, YEAR, Filters
from dashboard.formatting import format_number, format_pct
from tests.support.coverage import KECAMATAN, expected_counts, expected_coverage


@pytest.fixture
def cakupan_page(open_page):
    return open_page("cakupan")


def _pct(row, num, den):
    return format_pct(100 * row[num] / row[den]) if row[den] else "-"


def test_kabupaten_table_matches_files(cakupan_page, demo):
    app = cakupan_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026).run()
    table, recipients = app.table[0].value, app.table[1].value  # C1-C4 (DTKS side), C5-C6 (recipients' side)
    expected = expected_coverage(demo.files, Filters(2026, YEAR))
    total = expected.sum()
    assert table.loc["KABUPATEN", "C3 Cakupan"] == _pct(total, "n_eligible_kpm", "n_eligible")
    assert table.loc["KABUPATEN", "C4 Salah eksklusi"] == _pct(total, "n_excluded", "n_eligible")
    assert recipients.loc["KABUPATEN", "C5 Salah inklusi"] == _pct(total, "n_inclusion", "n_kpm_ranked")
    assert recipients.loc["KABUPATEN", "C6 Penerima tak padan DTKS"] == _pct(total, "n_unmatched", "n_rows")
    assert recipients.loc["KABUPATEN", "KPM"] == format_number(total["n_kpm"])
    assert recipients.loc["KABUPATEN", "Baris tak padan"] == format_number(total["n_unmatched"])
    assert recipients.loc["KABUPATEN", "Menunggu"] == format_number(total["n_kpm_pending"])
    assert recipients.loc["KABUPATEN", "Tanpa desil"] == format_number(total["n_no_desil"])
    # the chart's one-line rule and the households C3 leaves out, named under it
    note = app.caption[0].value
    assert note.startswith("C3 = keluarga layak yang menerima (status salur)")
    assert f"+{format_number(total['n_eligible_pending'])} keluarga layak menunggu salur" in note
    counts = expected_counts(demo.files)
    assert table.loc["KABUPATEN", "C1 Individu"] == format_number(counts["n_individu"].sum())
    assert table.loc["KABUPATEN", "Kel. DTKS"] == format_number(counts["n_keluarga"].sum())
    row = expected.loc[KECAMATAN]
    assert table.loc["Sukapura", "C3 Cakupan"] == _pct(row, "n_eligible_kpm", "n_eligible")
    assert table.loc["Sukapura", "Kel. layak"] == format_number(row["n_eligible"])
    assert list(recipients.index) == list(table.index)  # the same wilayah, in the same order
    # without a kecamatan: a prompt and the list sizes per kecamatan
    assert "Pilih kecamatan" in app.info[0].value
    lists = app.table[2].value
    assert lists.loc["Sukapura", "Salah eksklusi"] == format_number(row["n_excluded"])


def test_drill_to_desa_with_programme_and_lists(cakupan_page, demo):
    app = cakupan_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026)
    app.sidebar.radio(key="filter.granularity").set_value(QUARTER).run()
    app.sidebar.selectbox(key="filter.period").set_value(2)
    app.sidebar.selectbox(key="filter.kecamatan").set_value(KECAMATAN)
    app.sidebar.selectbox(key="filter.program").set_value("PKH").run()
    assert not app.exception, app.exception
    expected = expected_coverage(demo.files, Filters(2026, QUARTER, 2, KECAMATAN, "PKH"), parent=KECAMATAN)
    table, recipients = app.table[0].value, app.table[1].value
    total = expected.sum()
    assert table.index[0] == recipients.index[0] == "KEC. SUKAPURA"
    assert table.iloc[0]["C3 Cakupan"] == _pct(total, "n_eligible_kpm", "n_eligible")
    assert recipients.iloc[0]["C5 Salah inklusi"] == _pct(total, "n_inclusion", "n_kpm_ranked")
    assert len(table) - 1 >= len(expected)  # every desa of the kecamatan, with or without KPM
    labels = [tab.label for tab in app.tabs]
    assert labels[0] == f"Salah eksklusi ({format_number(total['n_excluded'])})"
    assert labels[1] == f"Salah inklusi ({format_number(total['n_inclusion'])})"
    shown = app.table[2].value
    assert list(shown.columns) == ["Desa", "NIK (disamarkan)", "Nama", "Alasan"]


def test_indicator_choice_and_english(cakupan_page):
    app = cakupan_page
    app.selectbox(key="cakupan.indikator").set_value("C6").run()
    assert not app.exception
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Programme coverage"
    assert "C3 Coverage" in app.table[0].value.columns
    assert "C6 Recipients not matched to DTKS" in app.table[1].value.columns
