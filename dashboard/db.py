"""The DuckDB warehouse: migrations, reference data, read-only viewing and atomic writes.

Viewers open the file read-only. Writers never touch the live file: an import works on a copy,
checkpoints it and swaps it in with an atomic rename, keeping the previous file as ``.prev``.
A killed import therefore leaves the served database untouched, and DuckDB's write-ahead log
(whose replay after a crash has had bugs) never has to be recovered on the live file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dashboard import derived
from dashboard.config import Settings
from dashboard.paths import MIGRATIONS_DIR, REFERENCE_DIR

REFERENCE_POPULATION_YEAR = 2025
REFERENCE_SOURCE = "Kemendagri 2025 (cahyadsn/wilayah, MIT)"


def migration_files() -> list[tuple[int, Path]]:
    """Migrations in order: files named ``NNNN_description.sql``."""
    files = sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    return [(int(f.name[:4]), f) for f in files]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration, 0 for an empty database."""
    con.execute("create table if not exists schema_version (version integer primary key, applied_at timestamp)")
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each in its own transaction; return the versions applied."""
    current = schema_version(con)
    applied = []
    for version, path in migration_files():
        if version <= current:
            continue
        con.execute("begin")
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("insert into schema_version values ($v, now())", {"v": version})
        con.execute("commit")
        applied.append(version)
    return applied


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the wilayah codes and kab-level population once; they ship with the product."""
    if con.execute("select count(*) from wilayah").fetchall()[0][0]:
        return
    con.execute(
        "insert into wilayah select kode, nama, tingkat, nullif(induk, ''), jenis "
        "from read_csv($path, all_varchar = true, header = true)",
        {"path": str(REFERENCE_DIR / "wilayah.csv")},
    )
    con.execute(
        "insert into penduduk select null, kode, $tahun, total::bigint, pria::bigint, wanita::bigint, $sumber "
        "from read_csv($path, all_varchar = true, header = true) where kode <> '00'",
        {"path": str(REFERENCE_DIR / "penduduk.csv"), "tahun": REFERENCE_POPULATION_YEAR, "sumber": REFERENCE_SOURCE},
    )


def sync_bidang(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Mirror the configured bidang mapping into a table so queries can join on it."""
    con.execute("delete from bidang_map")
    for prefix, bidang in sorted(settings.bidang.items()):
        con.execute("insert into bidang_map values ($p, $b)", {"p": prefix, "b": bidang})


def prepare(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Bring a writable database up to date: schema, reference data, configured mappings."""
    migrate(con)
    load_reference(con)
    sync_bidang(con, settings)
    if derived_outdated(con):  # new or changed derived queries: build them from the data already there
        derived.refresh(con)


def derived_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """Derived tables need building: the schema has them (migration 0003) but not from today's SQL files."""
    return has_table(con, "derived_state") and not derived.is_current(con)


@contextmanager
def write_session(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a private copy of the database; swap it in only if the block succeeds."""
    db = settings.database
    db.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(db.with_name(db.name + ".lock")):
        work = db.with_name(db.name + ".import")
        _remove_db(work)
        if db.exists():
            shutil.copy2(db, work)
        con = duckdb.connect(str(work))
        try:
            before = _state(con) if db.exists() else None
            prepare(con, settings)
            yield con
            changed = _state(con) != before
            con.execute("checkpoint")
            con.close()
        except BaseException:
            con.close()
            _remove_db(work)
            raise
        if not changed:  # refused or already imported: keep the live file and its .prev as they are
            _remove_db(work)
            return
        if db.exists():  # keep the previous version without ever leaving the live path empty
            previous = db.with_name(db.name + ".prev")
            previous.unlink(missing_ok=True)
            os.link(db, previous)
        os.replace(work, db)


def _state(con: duckdb.DuckDBPyConnection) -> tuple:
    """What a session can change: schema version, imports, the bidang mapping."""
    version = schema_version(con)
    if version == 0:
        return (0,)
    imports = con.execute("select count(*), max(import_id) from import_log").fetchall()[0]
    bidang = con.execute("select list(kode_prefix || '=' || bidang order by kode_prefix) from bidang_map").fetchall()
    built = con.execute("select max(fingerprint) from derived_state").fetchall()[0] if version >= 3 else None
    return version, imports, bidang[0][0], built


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for viewing; several viewers may share the file."""
    return duckdb.connect(str(path), read_only=True)


def ensure_database(settings: Settings) -> None:
    """Create (or migrate) the database file if needed, so a first run works without an import."""
    if settings.database.exists():
        with duckdb.connect(str(settings.database), read_only=True) as con:
            if schema_version_readonly(con) >= migration_files()[-1][0] and not derived_outdated(con):
                return
    with write_session(settings):
        pass


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a table exists (asked without creating anything, so it works read-only)."""
    query = "select count(*) from information_schema.tables where table_name = $name"
    return con.execute(query, {"name": name}).fetchall()[0][0] > 0


def schema_version_readonly(con: duckdb.DuckDBPyConnection) -> int:
    """Schema version without creating anything (for read-only connections)."""
    if not has_table(con, "schema_version"):
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_db(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
