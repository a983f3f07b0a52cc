"""Backup and restore of an installation (``rakor backup``, ``rakor restore``) and the versions imports keep
(``rakor versions``).

A backup is one tar archive: ``manifest.json`` (product and schema version, wilayah, the key's fingerprint, each
file's sha256) and the stores listed in ``STORES``. The database is copied under the writers' lock, so no import
swaps a new file in mid-copy; the live file is always checkpointed after a swap, so the copy is consistent.
The pseudonymisation key is never inside the archive: with ``--with-key`` it is written as a separate file next to
it (mode 0600), with a loud warning, because the key and the database together allow re-identifying NIK hashes.

A restore verifies the archive (manifest, sha256, the database's own recorded key) before touching anything, never
replaces a database or a key without ``--force``, keeps what it replaces (``.before-restore``) and swaps files in
atomically (``os.replace``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from dashboard import __version__
from dashboard.access import audit
from dashboard.config import Settings
from dashboard.db import (
    _exclusive_lock,
    connect_readonly,
    held_wilayah,
    recorded_key,
    schema_version_readonly,
)
from dashboard.i18n import register, t
from dashboard.pseudonym import KEY_BYTES, fingerprint

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
FORMAT = "rakor-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Store:
    """One thing a backup holds: its name in the manifest, its member in the archive and where it lives."""

    name: str
    member: str
    path: Callable[[Settings], Path]


# Every store a backup holds, in order: the warehouse, the access store (accounts, sessions and the audit log,
# dashboard/access) and the meeting store (rakor records, dashboard/meetings), each copied consistently while in use.
STORES: tuple[Store, ...] = (
    Store("database", "database.duckdb", lambda settings: settings.database),
    Store("access", "akses.sqlite", lambda settings: settings.access_store),
    Store("meetings", "rapat.sqlite", lambda settings: settings.meetings_store),
)
SIDE_STORES = STORES[1:]
"""The small stores beside the database: a restore puts them in place without replacing what is there."""

register({
    "cli_backup": ("cadangkan basis data (kunci penyamaran hanya dengan --with-key, terpisah)",
                   "back up the database (the pseudonymisation key only with --with-key, separately)"),
    "cli_backup_dir": ("folder cadangan (bawaan: ./backup)", "backup folder (default: ./backup)"),
    "cli_with_key": ("tulis juga kunci penyamaran, sebagai berkas terpisah di samping arsip",
                     "also write the pseudonymisation key, as a separate file next to the archive"),
    "cli_restore": ("pulihkan basis data dari arsip cadangan", "restore the database from a backup archive"),
    "cli_restore_file": ("arsip rakor-backup-*.tar", "rakor-backup-*.tar archive"),
    "cli_restore_force": ("timpa basis data (dan kunci, dengan --key) yang ada; yang lama disimpan sebagai "
                          ".before-restore",
                          "replace the existing database (and key, with --key); the old one is kept as "
                          ".before-restore"),
    "cli_restore_key": ("pulihkan juga kunci penyamaran dari berkas ini (…-KUNCI-RAHASIA.key)",
                        "also restore the pseudonymisation key from this file (…-KUNCI-RAHASIA.key)"),
    "cli_versions": ("daftar versi basis data yang disimpan (aktif, sebelumnya)",
                     "list the database versions kept (live, previous)"),
    "backup_no_database": ("rakor: basis data {db} tidak ada; tidak ada yang dicadangkan",
                           "rakor: database {db} does not exist; nothing backed up"),
    "backup_no_key": ("rakor: berkas kunci penyamaran {path} tidak ada; tidak ada yang ditulis",
                      "rakor: pseudonymisation key file {path} does not exist; nothing written"),
    "backup_failed": ("rakor: cadangan tidak dapat ditulis ke {folder}: {reason}. Tidak ada arsip yang ditulis.",
                      "rakor: the backup cannot be written to {folder}: {reason}. No archive was written."),
    "backup_written": ("Cadangan ditulis: {archive} ({size}; wilayah {wilayah}, kunci {fingerprint})",
                       "Backup written: {archive} ({size}; wilayah {wilayah}, key {fingerprint})"),
    "backup_holds": ("Isi: {present}. Belum dibuat di instalasi ini: {absent}. Kunci penyamaran TIDAK ada di arsip.",
                     "Holds: {present}. Not created in this installation yet: {absent}. The pseudonymisation key is "
                     "NOT in the archive."),
    "backup_key_written": (
        "!!! KUNCI RAHASIA ditulis ke {path} (hanya pemilik yang dapat membaca). Siapa pun yang memegang kunci ini "
        "DAN basis data dapat menebak kembali NIK dan No. KK dari hash-nya dengan mencoba semua nomor. Simpan kunci "
        "TERPISAH dari cadangan basis data: di media lain, tidak terhubung jaringan, di tempat terkunci. Jangan kirim "
        "lewat surel atau chat.",
        "!!! SECRET KEY written to {path} (readable by its owner only). Anyone holding this key AND the database can "
        "work NIK and No. KK numbers back out of their hashes by trying every number. Keep the key APART from the "
        "database backup: on other media, offline, locked away. Never send it by e-mail or chat.",
    ),
    "backup_key_reminder": (
        "Ingat: kunci penyamaran ({path}, kunci {fingerprint}) tidak ikut dicadangkan. Tanpa kunci itu data ini tidak "
        "dapat dicocokkan dengan impor berikutnya. Cadangkan sekali secara terpisah dengan `rakor backup --with-key` "
        "dan simpan di tempat lain yang terkunci, bukan bersama arsip ini.",
        "Remember: the pseudonymisation key ({path}, key {fingerprint}) is not in this backup. Without it this data "
        "cannot be matched with later imports. Back it up once, separately, with `rakor backup --with-key` and keep "
        "it locked away elsewhere, not with this archive.",
    ),
    "restore_unreadable": ("rakor: {archive} bukan arsip cadangan rakor yang dapat dibaca: {reason}",
                           "rakor: {archive} is not a readable rakor backup archive: {reason}"),
    "restore_tampered": ("rakor: arsip {archive} DITOLAK: {member} tidak sama dengan manifest (sha256 {found}, "
                         "seharusnya {expected}); arsip rusak atau diubah. Tidak ada yang ditulis.",
                         "rakor: archive {archive} REFUSED: {member} does not match the manifest (sha256 {found}, "
                         "expected {expected}); the archive is damaged or altered. Nothing was written."),
    "restore_inconsistent": ("rakor: arsip {archive} DITOLAK: basis data di dalamnya mencatat {found}, manifest "
                             "menyebut {expected}. Tidak ada yang ditulis.",
                             "rakor: archive {archive} REFUSED: the database in it records {found}, the manifest "
                             "says {expected}. Nothing was written."),
    "restore_exists": ("rakor: basis data {db} sudah ada; tidak ditimpa. Pakai --force untuk menggantinya (yang "
                       "lama disimpan sebagai {kept}).",
                       "rakor: database {db} already exists; not replaced. Use --force to replace it (the old one "
                       "is kept as {kept})."),
    "restore_key_unreadable": ("rakor: berkas kunci {path} tidak dapat dibaca: {reason}. Tidak ada yang ditulis.",
                               "rakor: key file {path} cannot be read: {reason}. Nothing was written."),
    "restore_key_wrong": ("rakor: berkas kunci {path} berisi kunci {found}, tetapi cadangan ini dibuat dengan kunci "
                          "{expected}. Tidak ada yang ditulis.",
                          "rakor: key file {path} holds key {found}, but this backup was made with key {expected}. "
                          "Nothing was written."),
    "restore_key_exists": ("rakor: sudah ada kunci lain ({found}) di {path}; tidak ditimpa. Pakai --force untuk "
                           "menggantinya (yang lama disimpan sebagai {kept}). Tidak ada yang ditulis.",
                           "rakor: another key ({found}) is already at {path}; not replaced. Use --force to replace "
                           "it (the old one is kept as {kept}). Nothing was written."),
    "restore_access_installed": ("Akun dan log audit dipulihkan ke {path}",
                                 "Accounts and audit log restored to {path}"),
    "restore_access_kept": ("Akun dan log audit yang ada di {path} dipertahankan (log audit tidak pernah dikembalikan "
                            "ke masa lalu); yang di arsip tidak dipakai.",
                            "The accounts and audit log at {path} are kept (the audit log is never rolled back); the "
                            "archive's are not used."),
    "restore_meetings_installed": ("Catatan rakor dipulihkan ke {path}", "Rakor records restored to {path}"),
    "restore_meetings_merged": ("Catatan rakor di {path} dipertahankan; dari arsip ditambahkan {n} rakor yang belum "
                                "ada (rakor yang sudah ada tidak pernah ditimpa).",
                                "The rakor records at {path} are kept; {n} rakor from the archive that were not "
                                "there were added (a rakor in place is never overwritten)."),
    "restore_kept": ("Basis data sebelumnya disimpan sebagai {kept}", "The previous database is kept as {kept}"),
    "restore_done": ("Dipulihkan: {db} dari {archive} (wilayah {wilayah}, dibuat {created}, impor terakhir: "
                     "{latest})",
                     "Restored: {db} from {archive} (wilayah {wilayah}, made {created}, latest import: {latest})"),
    "restore_key_installed": ("Kunci penyamaran {fingerprint} dipasang di {path} (hanya pemilik yang dapat membaca)",
                              "Pseudonymisation key {fingerprint} installed at {path} (readable by its owner only)"),
    "restore_key_kept": ("Kunci penyamaran sebelumnya disimpan sebagai {kept}",
                         "The previous pseudonymisation key is kept as {kept}"),
    "restore_key_differs": (
        "!!! PERHATIAN: data yang dipulihkan dibuat dengan kunci penyamaran {expected}, tetapi kunci di {path} adalah "
        "{found}. Data ini hanya dapat dicocokkan dengan kunci aslinya: impor dan dasbor akan menolak kunci lain. "
        "Pulihkan kunci aslinya juga: rakor restore {archive} --key BERKAS.key (berkas …-KUNCI-RAHASIA.key dari "
        "cadangan kunci).",
        "!!! WARNING: the restored data was made with pseudonymisation key {expected}, but the key at {path} is "
        "{found}. This data can only be matched with its original key: imports and the dashboard will refuse "
        "another. Restore the original key too: rakor restore {archive} --key FILE.key (the …-KUNCI-RAHASIA.key "
        "file from the key backup).",
    ),
    "restore_no_archive": ("{path} tidak ada", "{path} does not exist"),
    "versions_none": ("rakor: basis data {db} tidak ada", "rakor: database {db} does not exist"),
    "versions_live": ("aktif", "live"),
    "versions_prev": ("sebelum impor terakhir", "before the latest import"),
    "versions_before_restore": ("sebelum pemulihan", "before the restore"),
    "versions_line": ("{label:<24} {path}  {modified}  {size}  impor terakhir: {latest}",
                      "{label:<24} {path}  {modified}  {size}  latest import: {latest}"),
    "versions_no_import": ("belum ada", "none yet"),
    "versions_unreadable": ("tidak dapat dibaca ({reason})", "cannot be read ({reason})"),
    "latest_import": ("{file} ({kind}, {at})", "{file} ({kind}, {at})"),
})


@dataclass
class Result:
    """What a command did: its exit status and the lines for stdout and stderr."""

    code: int = EXIT_OK
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    archive: Path | None = None
    key_file: Path | None = None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def describe(path: Path) -> dict[str, object]:
    """What a database file holds, asked read-only: schema version, wilayah, recorded key, latest import."""
    with connect_readonly(path) as con:
        key = recorded_key(con)
        latest = None
        if schema_version_readonly(con):
            rows = con.execute("select file_name, kind, imported_at from import_log "
                               "order by import_id desc limit 1").fetchall()
            if rows:
                latest = {"file_name": rows[0][0], "kind": rows[0][1], "imported_at": rows[0][2].isoformat()}
        imports = con.execute("select count(*) from import_log").fetchall()[0][0] if latest else 0
        return {"schema_version": schema_version_readonly(con), "wilayah": held_wilayah(con),
                "key_fingerprint": key[0] if key else None, "latest_import": latest, "imports": imports}


def _latest_text(latest: dict | None, lang: str) -> str:
    if not latest:
        return t("versions_no_import", lang)
    return t("latest_import", lang, file=latest["file_name"], kind=latest["kind"],
             at=latest["imported_at"].replace("T", " ")[:19])


def backup(settings: Settings, folder: Path, with_key: bool = False, lang: str = "id",
           now: datetime | None = None) -> Result:
    """Write ``rakor-backup-<wilayah>-<YYYYmmdd-HHMMSS>.tar`` into ``folder`` (and the key beside it with
    ``with_key``)."""
    result = Result()
    database = settings.database
    if not database.exists():
        return Result(EXIT_USAGE, err=[t("backup_no_database", lang, db=database)])
    if with_key and not settings.secret_file.is_file():
        return Result(EXIT_USAGE, err=[t("backup_no_key", lang, path=settings.secret_file)])
    now = now or datetime.now()
    try:
        archive, about, stores = _write_archive(settings, folder, now)
    except OSError as exc:  # a full disk, a folder that cannot be written: no archive, no leftovers
        return Result(EXIT_USAGE, err=[t("backup_failed", lang, folder=folder, reason=exc)])
    wilayah = about["wilayah"] or settings.kabupaten
    stem = archive.name.removesuffix(".tar")
    result.archive = archive
    audit.record(settings.access_store, audit.Entry(audit.terminal_actor(), None, audit.BACKUP, archive.name,
                                                    "with key" if with_key else "without key"))
    present = [name for name, state in stores.items() if state == "present"]
    absent = [name for name, state in stores.items() if state != "present"]
    result.out += [t("backup_written", lang, archive=archive, size=_size(archive.stat().st_size), wilayah=wilayah,
                     fingerprint=about["key_fingerprint"] or "-"),
                   t("backup_holds", lang, present=", ".join(present), absent=", ".join(absent) or "-")]
    if with_key:
        key_path = folder / f"{stem}-KUNCI-RAHASIA.key"
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(settings.secret_file.read_text(encoding="ascii").strip() + "\n")
        os.chmod(key_path, 0o600)
        result.key_file = key_path
        warning = [t("backup_key_written", "id", path=key_path), t("backup_key_written", "en", path=key_path)]
        result.err += warning if lang == "id" else warning[::-1]
    else:
        found = _key_fingerprint(settings.secret_file)
        result.err.append(t("backup_key_reminder", lang, path=settings.secret_file,
                            fingerprint=about["key_fingerprint"] or found or "-"))
    return result


def _copy_database(settings: Settings, target: Path) -> None:
    database = settings.database
    with _exclusive_lock(database.with_name(database.name + ".lock")):  # no import swaps mid-copy
        shutil.copyfile(database, target)


def _copy_sqlite(source_path: Path, target: Path) -> None:
    """SQLite's own online copy (consistent while the server writes sessions or decisions), as one file without a
    journal."""
    with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        copy.execute("pragma journal_mode = delete")


COPY = {"database": _copy_database,
        "access": lambda settings, target: _copy_sqlite(settings.access_store, target),
        "meetings": lambda settings, target: _copy_sqlite(settings.meetings_store, target)}


def _write_archive(settings: Settings, folder: Path, now: datetime) -> tuple[Path, dict, dict]:
    """The archive written (readable by its owner only: personal data, if pseudonymised), what the copied database
    holds and the manifest's stores."""
    folder.mkdir(parents=True, exist_ok=True)
    copies: dict[Store, Path] = {}
    part = None
    try:
        for store in STORES:
            if store.path(settings).exists():
                copies[store] = folder / f".rakor-backup-{os.getpid()}-{store.member}"
                COPY[store.name](settings, copies[store])
        about = describe(copies[STORES[0]])
        archive = folder / f"rakor-backup-{about['wilayah'] or settings.kabupaten}-{now:%Y%m%d-%H%M%S}.tar"
        stores = {store.name: "present" if store in copies else "not present" for store in STORES}
        files = [{"store": store.name, "member": store.member, "sha256": _sha256(copy), "size": copy.stat().st_size}
                 for store, copy in copies.items()]
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "product_version": __version__,
            "created_at": now.isoformat(timespec="seconds"), "schema_version": about["schema_version"],
            "wilayah": about["wilayah"] or settings.kabupaten, "key_fingerprint": about["key_fingerprint"],
            "key_included": False, "latest_import": about["latest_import"], "imports": about["imports"],
            "stores": stores, "files": files,
        }
        part = archive.with_name(archive.name + ".part")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            for store, copy in copies.items():
                info = tarfile.TarInfo(store.member)
                info.size, info.mtime, info.mode = copy.stat().st_size, int(now.timestamp()), 0o600
                with open(copy, "rb") as handle:
                    tar.addfile(info, handle)
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(part, archive)
        part = None
        return archive, about, stores
    finally:
        for copy in copies.values():
            copy.unlink(missing_ok=True)
        if part is not None:
            part.unlink(missing_ok=True)


def _read_key(path: Path) -> bytes:
    key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(key) != KEY_BYTES:
        raise ValueError(f"{len(key)} bytes, not {KEY_BYTES}")
    return key


def _key_fingerprint(path: Path) -> str | None:
    try:
        return fingerprint(_read_key(path)) if path.is_file() else None
    except (ValueError, OSError, UnicodeDecodeError):
        return "?"


class _Refused(Exception):
    def __init__(self, code: int, line: str):
        super().__init__(line)
        self.code, self.line = code, line


def _manifest(tar: tarfile.TarFile, archive: Path, lang: str) -> dict:
    def unreadable(reason: str) -> _Refused:
        return _Refused(EXIT_USAGE, t("restore_unreadable", lang, archive=archive, reason=reason))

    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise unreadable(f"{MANIFEST}?") from None
    if not member.isfile() or member.size > CHUNK:
        raise unreadable(MANIFEST)
    try:
        manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise unreadable(f"{MANIFEST}: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise unreadable(f"{MANIFEST}: format")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise unreadable(f"format_version {manifest.get('format_version')}")
    return manifest


def _extract(tar: tarfile.TarFile, archive: Path, entry: dict, target: Path, lang: str) -> None:
    """Copy one member to ``target`` (never a path taken from the archive), refusing it unless its sha256 matches."""
    member_name = str(entry.get("member"))
    try:
        member = tar.getmember(member_name)
    except KeyError:
        raise _Refused(EXIT_REFUSED, t("restore_tampered", lang, archive=archive, member=member_name,
                                       found="-", expected=entry.get("sha256"))) from None
    if not member.isfile():
        raise _Refused(EXIT_USAGE, t("restore_unreadable", lang, archive=archive, reason=member_name))
    digest = hashlib.sha256()
    source = tar.extractfile(member)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())
    if digest.hexdigest() != entry.get("sha256"):
        target.unlink(missing_ok=True)
        raise _Refused(EXIT_REFUSED, t("restore_tampered", lang, archive=archive, member=member_name,
                                       found=digest.hexdigest()[:16], expected=str(entry.get("sha256"))[:16]))


def restore(settings: Settings, archive: Path, force: bool = False, key_file: Path | None = None,
            lang: str = "id") -> Result:
    """Put the archive's database (and, with ``key_file``, its key) in place; see the module's docstring."""
    database = settings.database
    staged = database.with_name(database.name + ".restore")
    try:
        return _restore(settings, archive, force, key_file, lang, staged)
    except _Refused as refusal:
        staged.unlink(missing_ok=True)
        return Result(refusal.code, err=[refusal.line])
    finally:
        for side in SIDE_STORES:
            _staged_side(settings, side).unlink(missing_ok=True)


def _restore(settings: Settings, archive: Path, force: bool, key_file: Path | None, lang: str,
             staged: Path) -> Result:
    database = settings.database
    kept = database.with_name(database.name + ".before-restore")
    if not archive.is_file():
        raise _Refused(EXIT_USAGE, t("restore_unreadable", lang, archive=archive, reason=t(
            "restore_no_archive", lang, path=archive)))
    if database.exists() and not force:
        raise _Refused(EXIT_USAGE, t("restore_exists", lang, db=database, kept=kept))
    key = _key_of(key_file, lang) if key_file else None
    database.parent.mkdir(parents=True, exist_ok=True)
    manifest = _staged(archive, staged, key, key_file, lang, settings)
    if key is not None:
        _check_key_place(settings, key, force, lang)
    result = Result()
    with _exclusive_lock(database.with_name(database.name + ".lock")):  # no import swaps in meanwhile
        if database.exists():
            if not force:  # appeared since the check above
                raise _Refused(EXIT_USAGE, t("restore_exists", lang, db=database, kept=kept))
            kept.unlink(missing_ok=True)
            os.link(database, kept)
            result.out.append(t("restore_kept", lang, kept=kept))
        os.replace(staged, database)
    if _staged_side(settings, SIDE_STORES[0]).exists():
        result.out.append(_install_access(settings, lang))
    if _staged_side(settings, SIDE_STORES[1]).exists():
        result.out.append(_install_meetings(settings, lang))
    result.out.append(t("restore_done", lang, db=database, archive=archive, wilayah=manifest.get("wilayah"),
                        created=manifest.get("created_at"), latest=_latest_text(manifest.get("latest_import"), lang)))
    if key is not None:
        result.out += _install_key(settings, key, lang)
    audit.record(settings.access_store, audit.Entry(audit.terminal_actor(), None, audit.RESTORE, archive.name,
                                                    "with key" if key is not None else "without key"))
    expected, found = manifest.get("key_fingerprint"), _key_fingerprint(settings.secret_file)
    if expected and found != expected:
        result.err.append(t("restore_key_differs", lang, expected=expected, path=settings.secret_file,
                            found=found or "-", archive=archive))
    return result


def _staged(archive: Path, staged: Path, key: bytes | None, key_file: Path | None, lang: str,
            settings: Settings) -> dict:
    """The archive's manifest, its database verified and written to ``staged`` (its access and meeting stores, if
    it holds them, beside their places); _Refused when anything is off."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            manifest = _manifest(tar, archive, lang)
            if key is not None and fingerprint(key) != manifest.get("key_fingerprint"):
                raise _Refused(EXIT_USAGE, t("restore_key_wrong", lang, path=key_file, found=fingerprint(key),
                                             expected=manifest.get("key_fingerprint") or "-"))
            entries = {entry.get("store"): entry for entry in manifest.get("files", []) if isinstance(entry, dict)}
            if "database" not in entries:
                raise _Refused(EXIT_USAGE, t("restore_unreadable", lang, archive=archive, reason="database?"))
            _extract(tar, archive, entries["database"], staged, lang)
            for side in SIDE_STORES:
                if side.name in entries:
                    _extract(tar, archive, entries[side.name], _staged_side(settings, side), lang)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise _Refused(EXIT_USAGE, t("restore_unreadable", lang, archive=archive, reason=exc)) from None
    try:
        about = describe(staged)
    except duckdb.Error as exc:
        raise _Refused(EXIT_REFUSED, t("restore_unreadable", lang, archive=archive, reason=exc)) from None
    for name in ("key_fingerprint", "wilayah", "schema_version"):
        if about[name] != manifest.get(name):
            raise _Refused(EXIT_REFUSED, t("restore_inconsistent", lang, archive=archive,
                                           found=f"{name}={about[name]}", expected=f"{name}={manifest.get(name)}"))
    return manifest


def _staged_side(settings: Settings, side: Store) -> Path:
    place = side.path(settings)
    return place.with_name(place.name + ".restore")


def _install_access(settings: Settings, lang: str) -> str:
    """The archive's accounts and audit log where there are none yet; present ones are kept, never rolled back:
    the audit log only grows, also across a restore."""
    store = settings.access_store
    if store.exists():
        return t("restore_access_kept", lang, path=store)
    os.replace(_staged_side(settings, SIDE_STORES[0]), store)
    return t("restore_access_installed", lang, path=store)


def _install_meetings(settings: Settings, lang: str) -> str:
    """The archive's rakor records where there are none yet; else the rakor the archive holds and the store lacks
    are added (with their figures, talking points and decisions), and a rakor in place is never overwritten: its
    decisions may have moved on since the backup."""
    from dashboard.meetings.store import merge_missing

    place, staged = settings.meetings_store, _staged_side(settings, SIDE_STORES[1])
    if not place.exists():
        os.replace(staged, place)
        return t("restore_meetings_installed", lang, path=place)
    return t("restore_meetings_merged", lang, path=place, n=merge_missing(place, staged))


def _key_of(key_file: Path, lang: str) -> bytes:
    try:
        return _read_key(key_file)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise _Refused(EXIT_USAGE, t("restore_key_unreadable", lang, path=key_file, reason=exc)) from None


def _check_key_place(settings: Settings, key: bytes, force: bool, lang: str) -> None:
    """Refuse, before anything is swapped in, to replace another key at ``secret_file`` without ``force``."""
    present = _key_fingerprint(settings.secret_file)
    if present is not None and present != fingerprint(key) and not force:
        raise _Refused(EXIT_USAGE, t("restore_key_exists", lang, found=present, path=settings.secret_file,
                                     kept=_kept_key(settings)))


def _kept_key(settings: Settings) -> Path:
    return settings.secret_file.with_name(settings.secret_file.name + ".before-restore")


def _install_key(settings: Settings, key: bytes, lang: str) -> list[str]:
    """Write the key at ``secret_file`` (mode 0600, atomically), keeping another key that was there."""
    path = settings.secret_file
    if _key_fingerprint(path) == fingerprint(key):
        return []
    lines = []
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        kept = _kept_key(settings)
        kept.unlink(missing_ok=True)
        os.link(path, kept)
        lines.append(t("restore_key_kept", lang, kept=kept))
    part = path.with_name(path.name + ".restore")
    part.unlink(missing_ok=True)
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, path)
    return lines + [t("restore_key_installed", lang, fingerprint=fingerprint(key), path=path)]


def versions(settings: Settings, lang: str = "id") -> Result:
    """The live database and the versions kept beside it, with time, size and latest import (read-only)."""
    database = settings.database
    kept = [(database, "versions_live"), (database.with_name(database.name + ".prev"), "versions_prev"),
            (database.with_name(database.name + ".before-restore"), "versions_before_restore")]
    if not database.exists():
        return Result(EXIT_USAGE, err=[t("versions_none", lang, db=database)])
    result = Result()
    for path, label in kept:
        if not path.exists():
            continue
        stat = path.stat()
        try:
            latest = _latest_text(describe(path)["latest_import"], lang)
        except duckdb.Error as exc:
            latest = t("versions_unreadable", lang, reason=str(exc).splitlines()[0])
        result.out.append(t("versions_line", lang, label=t(label, lang), path=path, size=_size(stat.st_size),
                            modified=datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S"),
                            latest=latest))
    return result
