"""Hostile uploads through the Data page's importer: refused with an Indonesian message, nothing written outside
the upload's own temporary folder, and that folder gone afterwards."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.config import Limits
from dashboard.imports.runner import IMPORTED, import_files
from dashboard.web.upload import import_upload
from tests.support import hostile
from tests.support.accounts import TEST_OPERATOR


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder, redirected so a left-over upload folder can be seen."""
    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_an_upload_above_the_limit_is_refused_in_indonesian_before_it_is_written(settings, private_tmp):
    small = replace(settings, limits=Limits(upload_mb=1))
    outcome = import_upload("dtks besar.csv", b"x" * (2 * 1024 * 1024), small, TEST_OPERATOR)
    assert outcome.status != IMPORTED
    assert outcome.lines == ["dtks besar.csv terlalu besar (2 MB); batas unggahan 1 MB ([limits] upload_mb di "
                             "rakor.toml). Berkas yang lebih besar dapat diimpor lewat perintah: rakor import BERKAS"]
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("name", ["../../etc/passwd.csv", "/tmp/x.csv", "..\\..\\x.csv", "a\x00b.csv", ".."])
def test_upload_names_never_become_paths_and_nothing_is_left_behind(settings, private_tmp, tmp_path, name):
    before = {p for p in tmp_path.rglob("*")}
    outcome = import_upload(name, b"bukan;tabel\n1;2\n", settings, TEST_OPERATOR)
    assert outcome.status != IMPORTED
    assert list(private_tmp.iterdir()) == []  # the upload's folder is removed, refused or not
    written = {p for p in tmp_path.rglob("*")} - before
    configured = (settings.database.parent, settings.secret_file.parent)  # the database and its key, nothing else
    assert all(p.is_relative_to(configured[0]) or p.is_relative_to(configured[1]) for p in written), written
    assert outcome.path.parent.name.startswith("rakor-upload-")


@pytest.mark.parametrize(("write", "expected"), [
    (lambda p: hostile.zip_bomb(p / "bom.xlsx", 100), "bom zip"),
    (lambda p: hostile.wide_sheet(p / "lebar.xlsx"), "1000000 kolom"),
    (lambda p: hostile.long_line_csv(p / "baris.csv"), "baris 3 lebih panjang dari 1 MB"),
    (lambda p: hostile.nul_csv(p / "nol.csv"), "karakter NUL"),
])
def test_hostile_files_are_refused_by_the_importer_with_the_reason(settings, tmp_path, write, expected):
    (outcome,) = import_files([write(tmp_path)], settings, progress=lambda _m: None)
    assert outcome.status != IMPORTED
    assert any(expected in line for line in outcome.lines), outcome.lines


def test_a_file_upload_with_mixed_line_endings_is_read(settings, private_tmp, tmp_path):
    content = hostile.mixed_endings_csv(tmp_path / "campur.csv").read_bytes()
    outcome = import_upload("campur.csv", content, settings, TEST_OPERATOR)
    assert not any("NUL" in line or "panjang" in line or "diurai" in line for line in outcome.lines), outcome.lines
    assert list(private_tmp.iterdir()) == []
