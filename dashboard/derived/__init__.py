"""Derived tables, rebuilt inside the import transaction whenever the data kinds they read change.

Each ``*.sql`` file here starts with a line ``-- refresh-on: dtks, penerima`` naming the data kinds it reads;
the rest is SQL (one or more statements, usually ``create or replace table ... as select ...``). Precomputing
what every page needs (e.g. which DTKS household a recipient row belongs to) keeps page queries fast.

A file whose second line reads ``-- partition: table column, table column`` can be rebuilt for some kab/kota only:
its statements take ``$kabs`` (the kab/kota, null for all), and each ``create or replace table`` of a table named
there becomes ``delete`` of that kab/kota's rows (by the first 5 characters of the column) and ``insert`` of the
same select, which returns only their rows. One SQL text per table serves both rebuilds. ``-- partition (own rows):``
marks tables whose rows of a kab/kota are read from that kab/kota's rows only: they are rebuilt for the kab/kota the
session wrote, with no widening, before the scope of the others is asked (the scope reads them).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.derived.scope import Touched
from dashboard.wilayah import KABUPATEN_LEN, kab_params

__all__ = ["Touched", "derived_files", "fingerprint", "is_current", "refresh"]

DERIVED_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"--\s*refresh-on:\s*(.+)")
_PARTITION = re.compile(r"--\s*partition(\s*\(own rows\))?:\s*(.+)")
_CREATE = re.compile(r"^(?:\s|--[^\n]*\n)*create or replace table (\w+) as\b", re.IGNORECASE)


@dataclass(frozen=True)
class DerivedFile:
    path: Path
    triggers: frozenset[str]
    partitions: dict[str, str]
    """Table -> the wilayah column whose kab/kota a partial rebuild replaces; empty: always rebuilt whole."""
    own: bool = False
    """Each kab/kota's rows are read from its own rows only: rebuilt for the kab/kota written, never widened."""


def _read(path: Path) -> DerivedFile:
    lines = path.read_text(encoding="utf-8").splitlines()
    match = _HEADER.match(lines[0])
    if not match:
        raise ValueError(f"{path.name}: first line must be '-- refresh-on: kind, kind'")
    partition = _PARTITION.match(lines[1]) if len(lines) > 1 else None
    pairs = [item.split() for item in partition.group(2).split(",")] if partition else []
    return DerivedFile(path, frozenset(k.strip() for k in match.group(1).split(",")),
                       {table: column for table, column in pairs}, bool(partition and partition.group(1)))


def derived_files() -> list[tuple[Path, set[str]]]:
    """Derived SQL files in name order, each with the data kinds that trigger it."""
    return [(f.path, set(f.triggers)) for f in map(_read, sorted(DERIVED_DIR.glob("*.sql")))]


def fingerprint() -> str:
    """SHA-256 over the derived SQL files: changes whenever a derived query is added or edited."""
    digest = hashlib.sha256()
    for path, _ in derived_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the derived tables were built with the SQL files shipped now (needs migration 0003)."""
    return con.execute("select fingerprint from derived_state").fetchall() == [(fingerprint(),)]


def refresh(con: duckdb.DuckDBPyConnection, kinds: set[str] | None = None, touched: Touched | None = None
            ) -> list[str]:
    """Rebuild the derived tables that read any of ``kinds``; all of them (and record it) when None.

    With ``touched`` (what the session's imports wrote), tables with a partition line are rebuilt only for the
    kab/kota ``touched.scope`` names (own-rows tables: those written), when it names fewer than all and the tables
    were built by the SQL shipped now.
    """
    files = [f for f in map(_read, sorted(DERIVED_DIR.glob("*.sql"))) if kinds is None or f.triggers & kinds]
    partitioned = set().union(*(f.triggers for f in files if f.partitions and not f.own)) & (kinds or set())
    scope: list[str] | None = None
    partial = touched is not None and kinds is not None and is_current(con)
    asked = not partial
    for file in files:
        if file.own:
            _run(con, file, touched.written_in(file.triggers) if partial else None)
            continue
        if file.partitions and not asked:  # after dtks_latest and the own-rows tables, before any other partition
            scope, asked = touched.scope(con, partitioned), True
        _run(con, file, scope if file.partitions else None)
        if file.partitions and touched is not None:
            scope = touched.after(con, scope, set(file.partitions))
    if kinds is None:
        con.execute("delete from derived_state")
        con.execute("insert into derived_state values ($f)", {"f": fingerprint()})
    return [f.path.name for f in files]


def _run(con: duckdb.DuckDBPyConnection, file: DerivedFile, kabs: list[str] | None) -> None:
    """Run a file's statements, with ``$kabs`` bound where named; for a partial rebuild (``kabs`` given) a
    partitioned table's rows of those kab/kota are deleted and the statement's select inserted in their place.
    Table and column names come from the file's header, never from data."""
    bound = kab_params(kabs)
    for statement in duckdb.extract_statements(file.path.read_text(encoding="utf-8")):
        sql, params = statement.query, {k: v for k, v in bound.items() if k in statement.named_parameters}
        create = _CREATE.match(sql)
        if kabs is not None and create and create.group(1) in file.partitions:
            table, column = create.group(1), file.partitions[create.group(1)]
            con.execute(f"delete from {table} where list_contains($kabs, left({column}, {KABUPATEN_LEN})) "
                        f"and {column} >= $kab_first and {column} < $kab_after", bound)
            sql = f"insert into {table} " + sql[create.end():]
        con.execute(sql, params)
