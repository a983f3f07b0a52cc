"""Hostile and broken files are refused quickly with a message naming the limit, without filling the memory
(dashboard.imports.reader with ``[limits]`` of dashboard.config); broken but honest ones are read."""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.config import ConfigError, Limits, load_settings
from dashboard.imports.reader import UnreadableFile
from tests.support import hostile
from tests.support.reading import read_whole


def _refused(path: Path, limits: Limits | None = None, seconds: float = 5.0, peak_mb: float = 100) -> str:
    """The Indonesian refusal, asserting it came within ``seconds`` and ``peak_mb`` of Python allocations."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnreadableFile) as refusal:
            read_whole(path, limits)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()
    assert elapsed < seconds, f"{path.name} took {elapsed:.1f} s"
    assert peak < peak_mb, f"{path.name} peaked at {peak:.0f} MB"
    return refusal.value.message("id")


def test_a_zip_bomb_is_refused_from_its_zip_directory(tmp_path):
    message = _refused(hostile.zip_bomb(tmp_path / "bom.xlsx", unpacked_mb=200), seconds=1, peak_mb=20)
    assert "bom zip" in message and "sheet1.xml" in message


def test_an_xlsx_above_the_unpacked_size_limit_is_refused(tmp_path):
    path = hostile.zip_bomb(tmp_path / "besar.xlsx", unpacked_mb=3)
    message = _refused(path, Limits(xlsx_uncompressed_mb=2))
    assert "terlalu besar" in message and "xlsx_uncompressed_mb" in message


def test_a_million_column_sheet_is_refused_by_its_dimension(tmp_path):
    message = _refused(hostile.wide_sheet(tmp_path / "lebar.xlsx"), seconds=2, peak_mb=20)
    assert "1000000 kolom" in message and "xlsx_max_columns" in message


def test_a_million_column_sheet_without_a_dimension_is_refused_from_its_xml(tmp_path):
    path = hostile.wide_sheet(tmp_path / "lebar.xlsx", declared=False)
    assert "> 500 kolom" in _refused(path, seconds=2, peak_mb=20)


def test_a_wide_sheet_is_refused_while_reading_when_the_limit_allows_wide_columns(tmp_path):
    path = hostile.wide_sheet(tmp_path / "lebar.xlsx", columns=1000, declared=False)
    assert "1000 kolom" in _refused(path, Limits(xlsx_max_columns=800))


def test_too_many_rows_are_refused_while_reading(tmp_path):
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 60))
    sheet = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
            f"<sheetData>{rows}</sheetData></worksheet>"
    path = hostile.write_workbook(tmp_path / "panjang.xlsx", [sheet])
    assert "lebih dari 50 baris" in _refused(path, Limits(xlsx_max_rows=50))


def test_too_many_sheets_are_refused(tmp_path):
    message = _refused(hostile.many_sheets(tmp_path / "lembar.xlsx", 120))
    assert "120 lembar" in message and "xlsx_max_sheets" in message


def test_a_csv_with_a_10_mb_line_is_refused_naming_the_line(tmp_path):
    message = _refused(hostile.long_line_csv(tmp_path / "baris.csv", mb=10), seconds=3, peak_mb=30)
    assert "baris.csv: baris 3 lebih panjang dari 1 MB" in message


def test_a_long_line_without_any_line_break_is_refused(tmp_path):
    path = tmp_path / "satu.csv"
    path.write_bytes(b"x" * (3 * 1024 * 1024))
    assert "baris 1 lebih panjang" in _refused(path, seconds=3, peak_mb=30)


def test_a_csv_with_a_nul_byte_is_refused_naming_file_and_line(tmp_path):
    message = _refused(hostile.nul_csv(tmp_path / "nol.csv", at_line=4))
    assert "nol.csv berisi karakter NUL" in message and "baris 4" in message


def test_a_csv_with_mixed_line_endings_is_read_row_by_row(tmp_path):
    (table,) = read_whole(hostile.mixed_endings_csv(tmp_path / "campur.csv"))
    assert len(table.frame) == 4
    assert list(table.row_numbers) == [3, 4, 5, 6]
    assert [nik[-4:] for nik in table.frame.iloc[:, 0]] == ["0001", "0002", "0003", "0004"]


def test_a_csv_wider_than_the_column_limit_is_refused(tmp_path):
    path = tmp_path / "lebar.csv"
    path.write_text(hostile.HEADER + ";x" * 20 + "\n" + hostile.ROW + "\n", encoding="utf-8")
    assert "xlsx_max_columns" in _refused(path, Limits(xlsx_max_columns=10))


def test_limits_from_the_toml_and_unknown_names_refused(tmp_path):
    config = tmp_path / "rakor.toml"
    config.write_text("[limits]\nupload_mb = 50\ncsv_max_line_mb = 2\n", encoding="utf-8")
    assert load_settings(config).limits == replace(Limits(), upload_mb=50, csv_max_line_mb=2)
    config.write_text("[limits]\nupload_gb = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="upload_gb"):
        load_settings(config)
    config.write_text("[limits]\nupload_mb = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="upload_mb"):
        load_settings(config)


def test_the_shipped_limits_take_the_2_million_row_dtks_csv_upload():
    # the 2M-row demo DTKS CSV is about 221 MiB; the server's own ceiling is above the setting
    import tomllib

    from dashboard.paths import SOURCE_DIR, STREAMLIT_CONFIG

    assert Limits().upload_mb * 1024 * 1024 > 221 * 1024 * 1024 * 1.2
    shipped = tomllib.loads((SOURCE_DIR / "rakor.toml").read_text(encoding="utf-8"))["limits"]
    assert Limits(**shipped) == Limits()
    server = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    assert server >= Limits().upload_mb
