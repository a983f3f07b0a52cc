"""A full disk during an import: the live database stays as it was, the work copy goes, and the operator reads in
Indonesian (or English) what happened and how much space is needed.

The injected failures (at the copy, while writing, at the checkpoint, at the swap) always run; a real small tmpfs
runs with ``RAKOR_LONG=1`` and only where mounting is permitted (root).
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dashboard import db
from dashboard.imports import writer
from dashboard.imports.runner import import_files
from tests.support.accounts import TEST_OPERATOR
from tests.support.rows import dtks

ROOT = Path(__file__).resolve().parents[2]
NO_SPACE_DUCKDB = 'IO Error: Could not write file "rakor.duckdb.import": No space left on device'


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _duckdb_no_space(*_args, **_kwargs):
    raise duckdb.IOException(NO_SPACE_DUCKDB)


class _FailingCheckpoint:
    """A connection whose checkpoint finds the disk full, as DuckDB reports it."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def execute(self, sql: str, *args, **kwargs):
        if sql.strip().lower() == "checkpoint":
            _duckdb_no_space()
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._con, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._con.close()


def _inject(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if where == "copy":
        monkeypatch.setattr(db.shutil, "copy2", _no_space)
    elif where == "write":
        monkeypatch.setattr(writer, "_replace_rows", _duckdb_no_space)
    elif where == "checkpoint":
        connect = duckdb.connect
        monkeypatch.setattr(db.duckdb, "connect", lambda *a, **k: _FailingCheckpoint(connect(*a, **k)))
    elif where == "swap":
        monkeypatch.setattr(db.os, "link", _no_space)


@pytest.mark.parametrize("where", ["copy", "write", "checkpoint", "swap"])
def test_a_full_disk_leaves_the_previous_data_and_says_how_much_space_is_needed(
        where, write_csv, settings, import_one, db_snapshot, monkeypatch):
    assert import_one(write_csv("dtks_mei.csv", dtks(6))).status == "imported"
    before, live = db_snapshot(settings), settings.database.read_bytes()
    new = write_csv("dtks_juni.csv", dtks(4, updated="2025-06-02", first=21))
    _inject(where, monkeypatch)

    with pytest.raises(db.DiskFull) as caught:
        import_files([new], settings, progress=lambda _m: None)

    monkeypatch.undo()
    assert settings.database.read_bytes() == live
    assert db_snapshot(settings) == before
    assert not settings.database.with_name(settings.database.name + ".import").exists()
    full = caught.value
    assert full.needed == 2 * len(live) + new.stat().st_size
    indonesian, english = full.message("id"), full.message("en")
    assert "Ruang disk penuh" in indonesian and "tidak ada yang diubah" in indonesian
    assert "The disk is full" in english and "nothing was changed" in english
    megabytes = f"{-(-full.needed // 2**20)}"
    assert f"{megabytes} MB" in indonesian and f"{megabytes} MB" in english
    assert import_one(new).status == "imported"  # with space again the same import goes through


def test_an_upload_on_a_full_disk_is_refused_with_the_message(write_csv, settings, import_one, db_snapshot,
                                                              monkeypatch):
    from dashboard.web.upload import import_upload

    assert import_one(write_csv("dtks_mei.csv", dtks(6))).status == "imported"
    before = db_snapshot(settings)
    content = write_csv("dtks_juni.csv", dtks(4, updated="2025-06-02", first=21)).read_bytes()
    monkeypatch.setattr(writer, "_replace_rows", _duckdb_no_space)
    outcome = import_upload("dtks_juni.csv", content, settings, TEST_OPERATOR)
    assert outcome.status == "refused"
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith("Ruang disk penuh"), outcome.lines
    assert db_snapshot(settings) == before


def test_other_io_errors_are_not_reported_as_a_full_disk(write_csv, settings, import_one, monkeypatch):
    assert import_one(write_csv("dtks_mei.csv", dtks(2))).status == "imported"
    monkeypatch.setattr(db.shutil, "copy2", lambda *_a, **_k: (_ for _ in ()).throw(PermissionError(13, "denied")))
    with pytest.raises(PermissionError):
        import_files([write_csv("dtks_juni.csv", dtks(2, updated="2025-06-02"))], settings, progress=lambda _m: None)
    assert not settings.database.with_name(settings.database.name + ".import").exists()


@pytest.fixture
def small_filesystem(tmp_path: Path):
    """A mounted tmpfs of 48 MiB (skipped where mounting is not permitted), unmounted afterwards."""
    if os.environ.get("RAKOR_LONG") != "1":
        pytest.skip("long test: set RAKOR_LONG=1")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _rakor(database: Path, *args: str, lang: str = "id") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAKOR_LANG=lang)
    return subprocess.run([sys.executable, "-m", "dashboard", "--db", str(database), *args], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.long
@pytest.mark.parametrize("stage", ["copy", "after the copy"])
def test_a_real_full_disk_during_an_import_changes_nothing(stage, small_filesystem, write_csv, db_snapshot, settings):
    """On a real small filesystem: half the database's size left fails at the copy, its size and 256 KiB later
    (while writing, deriving or checkpointing)."""
    database = small_filesystem / "rakor.duckdb"
    shutil.copyfile(settings.database, database)
    assert _rakor(database, "import", "dtks", str(write_csv("dtks_mei.csv", dtks(40)))).returncode == 0
    size = database.stat().st_size
    filler = small_filesystem / "filler"
    left = size // 2 if stage == "copy" else size + (256 << 10)
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_filesystem).free - left))
    live_settings = dataclasses.replace(settings, database=database)
    before, live = db_snapshot(live_settings), database.read_bytes()
    new = write_csv("dtks_juni.csv", dtks(4000, updated="2025-06-02", first=100))

    done = _rakor(database, "import", "dtks", str(new))

    assert done.returncode == 2, done.stderr
    assert "Ruang disk penuh" in done.stderr and "tidak ada yang diubah" in done.stderr, done.stderr
    needed = -(-(2 * size + new.stat().st_size) // 2**20)
    assert f"Dibutuhkan sekitar {needed} MB" in done.stderr, done.stderr
    assert database.read_bytes() == live and db_snapshot(live_settings) == before
    assert not database.with_name(database.name + ".import").exists()
    assert "The disk is full" in _rakor(database, "import", "dtks", str(new), lang="en").stderr
    filler.unlink()
    assert _rakor(database, "import", "dtks", str(new)).returncode == 0
