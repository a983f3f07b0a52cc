"""The DuckDB warehouse: migrations, reference data, read-only viewing and atomic writes.

Viewers open the file read-only. Writers never touch the live file: an import works on a copy,
checkpoints it and swaps it in with an atomic rename, keeping the previous file as ``.prev``.
A killed import therefore leaves the served database untouched, and DuckDB's write-ahead log
(whose replay after a crash has had bugs) never has to be recovered on the live file.
The database records which pseudonymisation key built it and refuses another (see ``checked_key``), and which
wilayah it holds, which then wins over the configuration (see ``effective_settings``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from dashboard import derived
from dashboard.config import Settings
from dashboard.i18n import register, t
from dashboard.paths import MIGRATIONS_DIR, REFERENCE_DIR
from dashboard.pseudonym import BLAKE2B, CURRENT_SCHEME, KeyRefused, fingerprint, load_or_create_key

REFERENCE_POPULATION_YEAR = 2025
# DuckDB's share of an import's memory (it spills staged rows and sorts to disk beyond it): with the chunk being
# validated in Python, an import stays under 2 GB whatever the file's size (docs/BENCHMARKS.md, "Provinsi scale")
IMPORT_MEMORY = "512MB"
REFERENCE_SOURCE = "Kemendagri 2025 (cahyadsn/wilayah, MIT)"

register({
    "wilayah_differs": (
        "Basis data ini berisi data {held}; rakor.toml menyebut {configured}. Yang ditampilkan: {held}.",
        "This database holds {held}; rakor.toml names {configured}. Shown: {held}.",
    ),
    "disk_full": (
        "Ruang disk penuh saat menulis basis data di {folder}: impor dibatalkan dan tidak ada yang diubah (data "
        "sebelumnya tetap utuh). Dibutuhkan sekitar {needed} MB ruang kosong (tersedia {free} MB); kosongkan ruang "
        "lalu ulangi.",
        "The disk is full while writing the database in {folder}: the import was cancelled and nothing was changed "
        "(the previous data are intact). About {needed} MB of free space is needed ({free} MB free); free some space "
        "and try again.",
    ),
})


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
    claim_wilayah(con, settings)
    sync_bidang(con, settings)
    if derived_outdated(con):  # new or changed derived queries: build them from the data already there
        derived.refresh(con)


def claim_wilayah(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Record the configured wilayah in a database that holds none yet (a new one, or one from before 0006)."""
    if has_table(con, "installation") and held_wilayah(con) is None:
        con.execute("insert into installation values ($w, now())", {"w": settings.kabupaten})


def held_wilayah(con: duckdb.DuckDBPyConnection) -> str | None:
    """The wilayah code the database holds; None before it was recorded (asked read-only)."""
    if not has_table(con, "installation"):
        return None
    rows = con.execute("select wilayah from installation order by recorded_at limit 1").fetchall()
    return rows[0][0] if rows else None


@dataclass(frozen=True)
class WilayahDiffers:
    """The configuration names another wilayah than the database holds; the database's is shown."""

    held: str
    configured: str

    def message(self, lang: str = "id") -> str:
        return t("wilayah_differs", lang, held=self.held, configured=self.configured)


def effective_settings(settings: Settings) -> tuple[Settings, WilayahDiffers | None]:
    """The settings with the database's own wilayah, and a notice when the configuration names another.

    The database decides: its data, kecamatan and figures are of the wilayah it was created for, so showing the
    configured one would show empty pages. A database that does not exist or holds no wilayah yet follows the
    configuration (it adopts it on its next write session).
    """
    if not settings.database.exists():
        return settings, None
    with connect_readonly(settings.database) as con:
        held = held_wilayah(con)
        if held is None or held == settings.kabupaten:
            return settings, None
        names = dict(con.execute("select kode, nama from wilayah where kode in ($a, $b)",
                                 {"a": held, "b": settings.kabupaten}).fetchall())
    notice = WilayahDiffers(_named(held, names), _named(settings.kabupaten, names))
    return replace(settings, kabupaten=held), notice


def _named(code: str, names: dict[str, str]) -> str:
    return f"{names[code]} ({code})" if code in names else code


def derived_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """Derived tables need building: the schema has them (migration 0003) but not from today's SQL files."""
    return has_table(con, "derived_state") and not derived.is_current(con)


class DiskFull(Exception):
    """No space left while a write session worked on its copy: the copy is removed, the live file untouched.

    ``needed`` (bytes) is an estimate: the copy of the database, as much again for what the session writes and its
    checkpoint (an import can double a database), plus the size of the files being imported.
    """

    def __init__(self, folder: Path, needed: int, free: int):
        super().__init__(f"no space left in {folder}: about {needed} bytes needed, {free} free")
        self.folder, self.needed, self.free = folder, needed, free

    def message(self, lang: str = "id") -> str:
        return t("disk_full", lang, folder=self.folder, needed=_mb(self.needed), free=_mb(self.free))


def _mb(n_bytes: int) -> str:
    return f"{-(-n_bytes // 2**20):,}".replace(",", ".")


def _no_space(exc: BaseException | None) -> bool:
    """Whether an error says the disk is full (an OSError from Python, an IO error's text from DuckDB), also when
    it is the cause of another error raised while handling it."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(exc, duckdb.Error) and "no space left on device" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@contextmanager
def write_session(settings: Settings, key: bytes | None = None, incoming: int = 0
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a private copy of the database; swap it in only if the block succeeds.

    With ``key`` (an import) the recorded key is checked again under the lock, where no other import can record
    one meanwhile, and recorded if there is none; the record is kept only if the session changes something else.
    A full disk raises DiskFull (the copy removed, the live file as it was); ``incoming`` (the bytes of the files
    being imported) goes into its estimate of the space needed.
    """
    db = settings.database
    db.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(db.with_name(db.name + ".lock")):
        work = db.with_name(db.name + ".import")
        try:
            with _session(db, work, settings, key) as con:
                yield con
        except (OSError, duckdb.Error) as exc:
            if not _no_space(exc):
                raise
            _remove_db(work)
            size = db.stat().st_size if db.exists() else 0
            raise DiskFull(db.parent, 2 * size + incoming, shutil.disk_usage(db.parent).free) from exc


@contextmanager
def _session(db: Path, work: Path, settings: Settings, key: bytes | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The body of ``write_session``, under its lock."""
    _remove_db(work)
    if db.exists():
        shutil.copy2(db, work)
    con = duckdb.connect(str(work), config={"memory_limit": IMPORT_MEMORY})
    try:
        before = _state(con) if db.exists() else None
        prepare(con, settings)
        if key is not None:
            _claim_key(con, settings, key)
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
    return version, imports, bidang[0][0], built, held_wilayah(con)


def recorded_key(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """(fingerprint, key file) of the key the database was built with; None before its first import."""
    if not has_table(con, "pseudonym_key"):
        return None
    rows = con.execute("select fingerprint, key_file from pseudonym_key order by recorded_at limit 1").fetchall()
    return rows[0] if rows else None


def pseudonym_scheme(con: duckdb.DuckDBPyConnection) -> str:
    """The scheme of the database's hashes, recorded with its key by its first import; a database without a
    recorded key gets the current scheme, unless it holds hashes from before keys were recorded (the first one)."""
    rows = con.execute("select scheme from pseudonym_key order by recorded_at limit 1").fetchall()
    if rows:
        return rows[0][0]
    return BLAKE2B if holds_identifiers(con) else CURRENT_SCHEME


def holds_identifiers(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether NIK/No. KK hashes are stored: a database from before keys were recorded needs its own key too."""
    if not has_table(con, "penerima"):
        return False
    return con.execute("select exists (from dtks_individu) or exists (from penerima "
                       "where nik_hash is not null or no_kk_hash is not null)").fetchall()[0][0]


def checked_key(settings: Settings, create: bool = True) -> bytes | None:
    """The configured key, or KeyRefused when the database was built with another one; asked before any write.

    ``create`` (import, check): a missing key file is created only for a database without hashes, since a new key
    for existing hashes breaks every match. Without it (the app, which only reads) no key file is ever created,
    and a database that names no key needs none (None).
    """
    recorded, held = _key_state(settings.database)
    if recorded is None and not create:
        return None
    path = settings.secret_file
    if not path.exists():
        if recorded is not None or held:
            raise KeyRefused(settings.database, path, *(recorded or (None, None)), None)
        return load_or_create_key(path)
    key = load_or_create_key(path)
    if recorded is not None and fingerprint(key) != recorded[0]:
        raise KeyRefused(settings.database, path, *recorded, fingerprint(key))
    return key


def _key_state(database: Path) -> tuple[tuple[str, str] | None, bool]:
    """The live database's recorded key and, if none, whether it holds hashes all the same (read-only)."""
    if not database.exists():
        return None, False
    with connect_readonly(database) as con:
        recorded = recorded_key(con)
        return recorded, recorded is None and holds_identifiers(con)


def _claim_key(con: duckdb.DuckDBPyConnection, settings: Settings, key: bytes) -> None:
    recorded, found = recorded_key(con), fingerprint(key)
    if recorded is None:
        con.execute("insert into pseudonym_key (fingerprint, key_file, recorded_at, scheme) "
                    "values ($fingerprint, $path, now(), $scheme)",
                    {"fingerprint": found, "path": str(settings.secret_file), "scheme": pseudonym_scheme(con)})
    elif recorded[0] != found:
        raise KeyRefused(settings.database, settings.secret_file, *recorded, found)


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for viewing; several viewers may share the file."""
    return duckdb.connect(str(path), read_only=True)


def ensure_database(settings: Settings) -> None:
    """Create (or migrate) the database file if needed, so a first run works without an import.

    A database built with another key than the configured one is refused (KeyRefused) before anything is written,
    so a misconfigured server says so at start rather than at the first upload.
    """
    checked_key(settings, create=False)
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
