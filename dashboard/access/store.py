"""The access store's file: one SQLite database with accounts, sessions and the audit log.

SQLite because several processes write it at once (the server's sessions, ``rakor user`` and ``rakor import`` at
the terminal) and each write is a small transaction; WAL with full sync keeps every committed line through a power
cut. The file is created readable by its owner only: it holds password hashes and who saw which list.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
create table if not exists account (
    name text primary key,
    role text not null check (role in ('pimpinan', 'operator', 'admin')),
    password_hash text not null,
    active integer not null default 1,
    failed_count integer not null default 0,
    locked_until text,
    created_at text not null,
    changed_at text not null,
    last_sign_in text
);
create table if not exists session (
    token_hash text primary key,
    name text not null references account(name),
    created_at text not null,
    last_seen text not null
);
create table if not exists audit (
    id integer primary key autoincrement,
    at text not null,
    actor text not null,
    role text,
    action text not null,
    target text,
    detail text,
    n_rows integer,
    prev_hash text not null,
    hash text not null
);
create trigger if not exists audit_append_only_update before update on audit
begin select raise(abort, 'the audit log is append-only'); end;
create trigger if not exists audit_append_only_delete before delete on audit
begin select raise(abort, 'the audit log is append-only'); end;
"""


def now_utc() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """How the store writes a moment: UTC, to the second, sortable as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def _create(path: Path) -> None:
    """An empty store file, owner-only, before SQLite opens it (so it never exists with wider rights)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


_SCHEMA_DONE: set[Path] = set()
"""Stores whose schema this process has made sure of: the server opens the store on every page run."""


@contextmanager
def connect(path: Path, schema: str = SCHEMA) -> Iterator[sqlite3.Connection]:
    """A connection for one unit of work: committed on success, rolled back on an exception, always closed.
    ``schema`` is the store's own (the meeting store, dashboard/meetings, is built the same way)."""
    fresh = not path.exists()
    if fresh:
        _create(path)
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        con.execute("pragma journal_mode = wal")  # a no-op once set; a restored copy comes without it
        con.execute("pragma synchronous = full")
        con.execute("pragma foreign_keys = on")
        if fresh or path not in _SCHEMA_DONE:
            con.executescript(schema)
            _SCHEMA_DONE.add(path)
        con.execute("begin immediate")
        try:
            yield con
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("commit")
    finally:
        con.close()


@contextmanager
def reading(path: Path, schema: str = SCHEMA) -> Iterator[sqlite3.Connection]:
    """A read-only look (the admin page, ``rakor user list``): no write lock taken."""
    if not path.exists():
        with connect(path, schema):
            pass
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        yield con
    finally:
        con.close()
