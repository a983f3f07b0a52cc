"""The meeting store's file: rakor records in one SQLite database of their own, ``rapat.sqlite``.

Built as the accounts store is (dashboard/access/store.py: WAL, full sync, owner-only file, one transaction per
unit of work), so a meeting and all its frozen figures land together or not at all, a killed writer leaves no half
record, and the presentation screens keep reading while someone records a decision.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from dashboard.access import store as access_store

SCHEMA = """
create table if not exists meeting (
    id text primary key,
    title text not null,
    held_on text not null,
    place text not null,
    agenda text not null,
    participants text not null,
    filters text not null,
    settings text not null,
    data_as_of text not null,
    created_by text not null,
    created_at text not null
);
create table if not exists frame (
    meeting_id text not null references meeting(id),
    query text not null,
    params text not null,
    data blob not null,
    primary key (meeting_id, query, params)
);
create table if not exists talking_point (
    meeting_id text not null references meeting(id),
    item text not null,
    body text not null,
    edited integer not null default 0,
    changed_by text not null,
    changed_at text not null,
    primary key (meeting_id, item)
);
create table if not exists decision (
    id text primary key,
    meeting_id text not null references meeting(id),
    item text not null,
    row_label text not null,
    column_label text not null,
    kode text,
    value_then real,
    unit text not null,
    value_text text not null,
    what text not null,
    pic text not null,
    deadline text not null,
    status text not null check (status in ('open', 'done')),
    done_on text,
    created_by text not null,
    created_at text not null,
    changed_by text not null,
    changed_at text not null
);
create index if not exists decision_meeting on decision (meeting_id);
create index if not exists decision_kode on decision (kode);
"""

TABLES = ("meeting", "frame", "talking_point", "decision")
"""In the order a restore merges them (a row's meeting first)."""


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """One unit of work, committed on success, rolled back on an exception (access store's connection)."""
    with access_store.connect(path, SCHEMA) as con:
        yield con


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only look: no write lock, so viewers never wait for a decision being recorded."""
    with access_store.reading(path, SCHEMA) as con:
        yield con


def merge_missing(path: Path, other: Path) -> int:
    """Add the meetings of store file ``other`` that ``path`` lacks, each with all its rows; a meeting already in
    ``path`` is left as it is. Returns how many meetings were added (one transaction)."""
    with closing(sqlite3.connect(f"file:{other}?mode=ro", uri=True)) as source:
        wanted = {row[0] for row in source.execute("select id from meeting")}
        with connect(path) as con:
            wanted -= {row[0] for row in con.execute("select id from meeting")}
            for table in TABLES:
                key = "id" if table == "meeting" else "meeting_id"
                for meeting_id in sorted(wanted):
                    rows = source.execute(f"select * from {table} where {key} = ?", (meeting_id,)).fetchall()
                    for row in rows:
                        con.execute(f"insert into {table} values ({', '.join('?' * len(row))})", row)
    return len(wanted)
