"""Derived tables, rebuilt inside the import transaction whenever the data kinds they read change.

Each ``*.sql`` file here starts with a line ``-- refresh-on: dtks, penerima`` naming the data kinds it reads;
the rest is SQL (one or more statements, usually ``create or replace table ... as select ...``). Precomputing
what every page needs (e.g. which DTKS household a recipient row belongs to) keeps page queries fast.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

DERIVED_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"--\s*refresh-on:\s*(.+)")


def derived_files() -> list[tuple[Path, set[str]]]:
    """Derived SQL files in name order, each with the data kinds that trigger it."""
    files = []
    for path in sorted(DERIVED_DIR.glob("*.sql")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = _HEADER.match(first)
        if not match:
            raise ValueError(f"{path.name}: first line must be '-- refresh-on: kind, kind'")
        files.append((path, {k.strip() for k in match.group(1).split(",")}))
    return files


def fingerprint() -> str:
    """SHA-256 over the derived SQL files: changes whenever a derived query is added or edited."""
    digest = hashlib.sha256()
    for path, _ in derived_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the derived tables were built with the SQL files shipped now (needs migration 0003)."""
    return con.execute("select fingerprint from derived_state").fetchall() == [(fingerprint(),)]


def refresh(con: duckdb.DuckDBPyConnection, kinds: set[str] | None = None) -> list[str]:
    """Rebuild the derived tables that read any of ``kinds``; all of them (and record it) when None."""
    done = []
    for path, triggers in derived_files():
        if kinds is None or triggers & kinds:
            con.execute(path.read_text(encoding="utf-8"))
            done.append(path.name)
    if kinds is None:
        con.execute("delete from derived_state")
        con.execute("insert into derived_state values ($f)", {"f": fingerprint()})
    return done
