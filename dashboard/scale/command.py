"""``rakor export parquet DIR [--kab KODE]``: the warehouse as Hive-partitioned Parquet (dashboard/scale/parquet.py).

The export holds what the database holds, pseudonymised NIK and No. KK hashes, masked numbers and names included,
so it is logged like a named-list download and the closing line says how it must be kept (docs/SCALE.md).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from dashboard.access import audit
from dashboard.config import Settings
from dashboard.db import connect_readonly, ensure_database
from dashboard.formatting import format_number
from dashboard.i18n import register, t
from dashboard.scale.parquet import export_parquet
from dashboard.wilayah import KABUPATEN_LEN

EXIT_OK, EXIT_USAGE = 0, 2

register({
    "cli_export": ("ekspor basis data ke format lain", "export the database to another format"),
    "cli_export_parquet": ("semua tabel sebagai Parquet berpartisi Hive (provinsi/kab-kota), dibaca DuckDB, Trino "
                           "atau Spark", "every table as Hive-partitioned Parquet (provinsi/kab-kota), read by DuckDB, "
                           "Trino or Spark"),
    "cli_export_dir": ("folder tujuan, baru atau kosong", "output folder, new or empty"),
    "cli_export_kab": ("hanya baris kab/kota ini, mis. 75.02 (bawaan: semua)",
                       "only this kab/kota's rows, e.g. 75.02 (default: all)"),
    "export_no_database": ("rakor: basis data {db} belum ada: jalankan `rakor demo` atau impor berkas dulu",
                           "rakor: the database {db} does not exist yet: run `rakor demo` or import files first"),
    "export_not_empty": ("rakor: {dir} tidak kosong; pilih folder baru atau kosong agar dua ekspor tidak tercampur",
                         "rakor: {dir} is not empty; choose a new or empty folder so two exports never mix"),
    "export_bad_kab": ("rakor: {kab} bukan kode kab/kota dalam basis data ini ({wilayah})",
                       "rakor: {kab} is not a kab/kota code within this database ({wilayah})"),
    "export_table": ("tabel {table}: {rows} baris{parts}", "table {table}: {rows} rows{parts}"),
    "export_parts": (", dipartisi menurut {column}", ", partitioned by {column}"),
    "export_failed": ("rakor: ekspor ke {dir} gagal ({reason}); berkas yang sempat ditulis dihapus",
                      "rakor: the export to {dir} failed ({reason}); the files written so far were removed"),
    "export_done": ("Ekspor Parquet selesai: {tables} tabel, {rows} baris di {dir}.",
                    "Parquet export done: {tables} tables, {rows} rows in {dir}."),
    "export_personal": ("Berkas ini memuat data pribadi (nama, NIK/No. KK tersamar dan hash-nya; UU PDP 27/2022): "
                        "simpan dan bagikan dengan aturan yang sama seperti basis datanya.",
                        "These files hold personal data (names, masked NIK/No. KK and their hashes; UU PDP 27/2022): "
                        "keep and share them under the same rules as the database."),
})


def add_parser(sub: argparse._SubParsersAction, lang: str) -> None:
    """The ``export`` command; ``parquet`` is its one format."""
    export = sub.add_parser("export", help=t("cli_export", lang))
    formats = export.add_subparsers(dest="format", required=True, metavar="{parquet}")
    parquet = formats.add_parser("parquet", help=t("cli_export_parquet", lang))
    parquet.add_argument("dir", type=Path, metavar="DIR", help=t("cli_export_dir", lang))
    parquet.add_argument("--kab", metavar="KODE", help=t("cli_export_kab", lang))


def _kab_problem(settings: Settings, kab: str | None, lang: str) -> str | None:
    """Why ``--kab`` names no kab/kota of the database's wilayah, or None when it does (or is not given)."""
    if kab is None:
        return None
    base = settings.kabupaten
    with connect_readonly(settings.database) as con:
        known = con.execute("select count(*) from wilayah where kode = $k", {"k": kab}).fetchall()[0][0]
    inside = kab == base or kab.startswith(base + ".")
    if known and inside and len(kab) == KABUPATEN_LEN:
        return None
    return t("export_bad_kab", lang, kab=kab, wilayah=base)


def run_export(args: argparse.Namespace, settings: Settings, lang: str, progress: Callable[[str], None]) -> int:
    """Export the database (``settings`` with the database's own wilayah) to ``args.dir``."""
    folder: Path = args.dir
    if not settings.database.exists():
        print(t("export_no_database", lang, db=settings.database), file=sys.stderr)
        return EXIT_USAGE
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(t("export_not_empty", lang, dir=folder), file=sys.stderr)
        return EXIT_USAGE
    ensure_database(settings)  # derived tables built by the SQL shipped now, as the pages would read them
    problem = _kab_problem(settings, args.kab, lang)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE

    def told(done) -> None:
        parts = t("export_parts", lang, column=done.partitioned_by) if done.partitioned_by else ""
        progress(t("export_table", lang, table=done.table, rows=format_number(done.rows), parts=parts))

    try:
        with connect_readonly(settings.database) as con:
            exported = export_parquet(con, folder, args.kab, told)
    except (OSError, duckdb.IOException) as exc:  # a full disk, a folder that cannot be written
        shutil.rmtree(folder, ignore_errors=True)
        print(t("export_failed", lang, dir=folder, reason=exc), file=sys.stderr)
        return EXIT_USAGE
    rows = sum(e.rows for e in exported)
    audit.record(settings.access_store, audit.Entry(audit.terminal_actor(), None, audit.EXPORT, str(folder),
                                                    f"parquet {args.kab or settings.kabupaten}", rows))
    print(t("export_done", lang, tables=len(exported), rows=format_number(rows), dir=folder))
    print(t("export_personal", lang))
    return EXIT_OK
