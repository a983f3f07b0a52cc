"""Store validated rows in one transaction: replace the periods the file covers, log the import.

Table and key names come from the kind definitions in code, never from a file or a user, so they are
the only parts of these statements that are not bound parameters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb

from dashboard.imports.kinds import DATA_TABLES
from dashboard.imports.pipeline import Validated
from dashboard.imports.staging import Staged
from dashboard.wilayah import KABUPATEN_LEN, after_prefix

MAX_LOGGED_WARNINGS = 100


@dataclass
class Stored:
    import_id: int | None
    unchanged_since: dt.datetime | None = None
    replaced_files: tuple[str, ...] = ()
    kabs: frozenset[str] | None = frozenset()
    """Kab/kota (first KABUPATEN_LEN characters of the code) of every row inserted or deleted; None when a table
    written has no wilayah column. The derived tables are rebuilt for these (``dashboard.derived``)."""


BeforeWrite = Callable[[frozenset[str] | None, bool], None]


def find_active_import(con: duckdb.DuckDBPyConnection, sha256: str) -> dt.datetime | None:
    """When this exact content was imported, if its rows are still the live ones."""
    row = con.execute(
        "select max(imported_at) from import_log where sha256 = $sha and status = 'aktif'", {"sha": sha256}
    ).fetchall()[0]
    return row[0] if row else None


def store(con: duckdb.DuckDBPyConnection, validated: Validated, warnings: list[str], notes: Sequence[str] = (),
          before_write: BeforeWrite | None = None) -> Stored:
    """Write a validated file: a no-op if the same content is live, else replace its periods atomically.

    ``notes`` say which values came from the title, the file name or an option rather than a column.
    ``before_write`` is told the file's kab/kota before any row is replaced (rows are replaced only in those), so it
    can read what the data held there before, and whether any stored row is replaced at all.
    """
    since = find_active_import(con, validated.sha256)
    if since is not None:
        return Stored(None, unchanged_since=since)
    kabs = _staged_kabs(con, validated.staged)
    stored = [(staged, *_stored_rows(con, staged)) for staged in validated.staged]
    if before_write is not None:
        before_write(kabs, any(rows for _, _, _, rows in stored))
    con.execute("begin transaction")
    try:
        import_id = con.execute("select nextval('import_id_seq')").fetchall()[0][0]
        replaced: set[int] = set()
        for staged, where, params, rows in stored:
            _replace_rows(con, staged, where, params, import_id)
            replaced |= {i for (i, _) in rows if i is not None}
            deleted = frozenset(k for (_, k) in rows if k is not None) if staged.data.table in WILAYAH_COLUMN else None
            kabs = None if kabs is None or deleted is None else kabs | deleted
        first, last, n_periods = validated.period_range
        con.execute(
            "insert into import_log by name select $id as import_id, $kind as kind, $file as file_name, "
            "$sha as sha256, $periods as periods, $rows as n_rows, $n_warn as n_warnings, $warn as warnings, "
            "$source as source, now()::timestamp as imported_at, 'aktif' as status, $first as period_first, "
            "$last as period_last, $n_periods as n_periods, $notes as constants",
            {"id": import_id, "kind": validated.kind, "file": validated.path.name, "sha": validated.sha256,
             "periods": ", ".join(validated.periods), "rows": validated.n_rows, "n_warn": len(warnings),
             "warn": "\n".join(warnings[:MAX_LOGGED_WARNINGS]), "source": validated.source, "first": first,
             "last": last, "n_periods": n_periods, "notes": "\n".join(notes) or None},
        )
        files = _retire(con, replaced)
        con.execute("commit")
    except BaseException:
        # DuckDB may already have aborted the transaction (e.g. a full disk): the real error is the one to raise
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise
    return Stored(import_id, replaced_files=files, kabs=kabs)


# The wilayah column of each table with one: a newer file replaces stored rows of its periods only in the
# kabupaten/kota it covers, so a provinsi's files (one per kab/kota) stand side by side. In a kabupaten's database
# every row is of one kabupaten, so this changes nothing there.
WILAYAH_COLUMN = {"dtks_individu": "kode_wilayah", "dtks_keluarga": "kode_wilayah", "penerima": "kode_wilayah",
                  "ppks_rekap": "kode_wilayah", "ppks_kasus": "kode_wilayah", "psks_sumber": "kode_wilayah",
                  "tksk_laporan": "kode_kecamatan", "target": "kode_wilayah", "penduduk": "kode_wilayah"}


def _staged_kabs(con: duckdb.DuckDBPyConnection, staged: Sequence[Staged]) -> frozenset[str] | None:
    """The kab/kota of the file's rows; None when one of its tables has no wilayah column."""
    if any(s.data.table not in WILAYAH_COLUMN for s in staged):
        return None
    selects = " union ".join(f"select distinct left({WILAYAH_COLUMN[s.data.table]}, {KABUPATEN_LEN}) from {s.name}"
                             for s in staged)
    return frozenset(k for (k,) in con.execute(selects).fetchall()) if selects else frozenset()


def _stored_rows(con: duckdb.DuckDBPyConnection, staged: Staged
                 ) -> tuple[str, dict[str, object], list[tuple[int | None, str | None]]]:
    """The stored rows a file's table replaces: their condition (``_replaced``), and each (import id, kab/kota) among
    them, read before the write so the caller knows whether anything is replaced at all."""
    table = staged.data.table
    where, params = _replaced(con, staged)
    kab = f"left(t.{WILAYAH_COLUMN[table]}, {KABUPATEN_LEN})" if table in WILAYAH_COLUMN else "null"
    return where, params, con.execute(f"select distinct t.import_id, {kab} from {table} t where {where}",
                                      params).fetchall()


def _replace_rows(con: duckdb.DuckDBPyConnection, staged: Staged, where: str, params: dict[str, object],
                  import_id: int) -> None:
    """Delete the stored rows ``where`` names (sharing the file's period keys, within the kabupaten/kota it
    covers), insert the staged ones."""
    table, incoming = staged.data.table, staged.name
    columns = [name for (name,) in con.execute(
        "select column_name from duckdb_columns() where table_name = $t and not starts_with(column_name, '_')",
        {"t": incoming}).fetchall()]
    con.execute(f"delete from {table} t where {where}", params)
    con.execute(f"insert into {table} by name select $id as import_id, {', '.join(columns)} from {incoming}",
                {"id": import_id})


def _replaced(con: duckdb.DuckDBPyConnection, staged: Staged) -> tuple[str, dict[str, object]]:
    """The stored rows a file replaces, as a condition on constants: the few distinct period keys and kab/kota
    prefixes of the file are bound values, so DuckDB skips every row group whose min/max rules them out (rows
    arrive file by file, so a kab/kota's rows sit together) instead of scanning a provinsi's millions of rows
    once per file."""
    table, keys, incoming = staged.data.table, staged.data.replace_keys, staged.name
    params: dict[str, object] = {}

    def bound(value: object) -> str:
        name = f"v{len(params)}"
        params[name] = value
        return f"${name}"

    periods = con.execute(f"select distinct {', '.join(keys)} from {incoming}").fetchall()
    match = " or ".join("(" + " and ".join(f"t.{k} is null" if v is None else f"t.{k} = {bound(v)}"
                                           for k, v in zip(keys, values, strict=True)) + ")" for values in periods)
    where = f"({match or 'false'})"
    if table in WILAYAH_COLUMN:
        column = WILAYAH_COLUMN[table]
        prefixes = [p for (p,) in con.execute(
            f"select distinct left({column}, {KABUPATEN_LEN}) from {incoming} where {column} is not null").fetchall()]
        within = [f"(left(t.{column}, {KABUPATEN_LEN}) = {bound(p)}"
                  + (f" and t.{column} >= {bound(p)} and t.{column} < {bound(after_prefix(p))})"
                     if len(p) == KABUPATEN_LEN else ")") for p in prefixes]
        where += f" and ({' or '.join(within) or 'false'})"
    return where, params


def _retire(con: duckdb.DuckDBPyConnection, candidates: set[int]) -> tuple[str, ...]:
    """Mark imports with no rows left as replaced (``diganti``); return their file names."""
    if not candidates:
        return ()
    # the candidates as constants: rows carry ascending import ids file by file, so row groups are skipped
    wanted = ", ".join(str(int(i)) for i in sorted(candidates))
    live = " union ".join(f"select import_id from {t} where import_id in ({wanted})" for t in DATA_TABLES)
    rows = con.execute(
        f"update import_log set status = 'diganti' where import_id in ({wanted}) "
        f"and import_id not in ({live}) returning file_name",
    ).fetchall()
    return tuple(sorted({r[0] for r in rows}))
