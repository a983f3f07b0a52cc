"""Data page (AppTest): the per-kind summary shows what the generated files hold."""

import pytest

from dashboard.formatting import format_number
from tests.support.expected import KIND_PREFIXES, dtks_rows, files_per_kind, penerima_rows


@pytest.fixture
def data_page(open_page):
    return open_page("data")


def test_summary_counts_match_files(data_page, demo):
    table = data_page.table[0].value
    assert list(table.index) == sorted(files_per_kind(demo.files))
    assert table.loc["dtks", "Baris"] == format_number(dtks_rows(demo.files))
    assert table.loc["penerima", "Baris"] == format_number(penerima_rows(demo.files))
    for kind, n_files in files_per_kind(demo.files).items():
        assert table.loc[kind, "Berkas"] == format_number(n_files)
    latest = data_page.table[1].value  # the file imported last per kind, in a table of its own
    assert list(latest.index) == list(table.index)
    (dtks_file,) = (p.name for p in demo.files.iterdir() if p.name.startswith(KIND_PREFIXES["dtks"]))
    assert latest.loc["dtks", "Berkas terakhir"] == dtks_file


def test_english_switch(data_page):
    data_page.sidebar.radio(key="lang").set_value("en").run()
    assert data_page.title[0].value == "Data loaded"
    assert "Rows" in data_page.table[0].value.columns


def test_freshness_caption_names_files_and_time(data_page, demo):
    caption = data_page.caption[0].value
    assert f"{sum(files_per_kind(demo.files).values())} berkas" in caption
    assert "Terakhir diimpor" in caption


def test_file_details_list_every_generated_file(data_page, demo):
    files = data_page.dataframe[0].value
    assert sorted(files["Berkas"]) == sorted(p.name for p in demo.files.iterdir())
    dtks = files[files["Jenis data"] == "dtks"].iloc[0]
    assert dtks["Baris"] == dtks_rows(demo.files)
