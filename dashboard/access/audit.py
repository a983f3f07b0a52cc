"""The append-only audit log: sign-ins (failed ones too), imports, account changes, every named list taken and
every export of the whole database.

Lines are only ever inserted (triggers in the store refuse UPDATE and DELETE, and the app has no other path), and
each line carries the hash of the one before it, so a line removed or changed outside the app breaks the chain
that ``verify`` walks and the admin page reports.
"""

from __future__ import annotations

import getpass
import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from dashboard.access import store
from dashboard.access.roles import ADMIN, User, require

SIGN_IN, SIGN_IN_FAILED, SIGN_OUT = "masuk", "masuk_gagal", "keluar"
IMPORT, LIST_DOWNLOAD, DENIED = "impor", "unduh_daftar", "akses_ditolak"
ACCOUNT_ADD, ACCOUNT_PASSWORD, ACCOUNT_DISABLE, ACCOUNT_ENABLE = "akun_tambah", "akun_sandi", "akun_nonaktif", \
    "akun_aktif"
BACKUP, RESTORE, EXPORT = "cadangkan", "pulihkan", "ekspor"
MEETING_CREATE, POINTS_EDIT, DECISION_ADD, DECISION_CHANGE = "rapat_siapkan", "bahan_ubah", "keputusan_catat", \
    "keputusan_ubah"
ACTIONS = (SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, IMPORT, LIST_DOWNLOAD, DENIED, ACCOUNT_ADD, ACCOUNT_PASSWORD,
           ACCOUNT_DISABLE, ACCOUNT_ENABLE, BACKUP, RESTORE, EXPORT, MEETING_CREATE, POINTS_EDIT, DECISION_ADD,
           DECISION_CHANGE)
GENESIS = "0" * 64
COLUMNS = ["id", "at", "actor", "role", "action", "target", "detail", "n_rows"]
MAX_TEXT = 300  # a name typed into the sign-in form is logged, but never a page of text


@dataclass(frozen=True)
class Entry:
    actor: str
    role: str | None
    action: str
    target: str | None = None
    detail: str | None = None
    n_rows: int | None = None


def terminal_actor() -> str:
    """Who acts at the command line: the operating-system account, marked as such."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:?"


def _clip(text: str | None) -> str | None:
    return None if text is None else str(text)[:MAX_TEXT]


def _hash(prev: str, at: str, entry: Entry) -> str:
    fields = [prev, at, entry.actor, entry.role, entry.action, entry.target, entry.detail, entry.n_rows]
    return hashlib.sha256("\x1f".join("" if f is None else str(f) for f in fields).encode("utf-8")).hexdigest()


def append(con: sqlite3.Connection, entry: Entry, at: datetime | None = None) -> None:
    """Add one line inside the caller's transaction (so an account change and its line land together)."""
    if entry.action not in ACTIONS:
        raise ValueError(f"unknown audit action {entry.action!r}")
    entry = Entry(_clip(entry.actor), entry.role, entry.action, _clip(entry.target), _clip(entry.detail),
                  entry.n_rows)
    when = store.stamp(at or store.now_utc())
    last = con.execute("select hash from audit order by id desc limit 1").fetchone()
    prev = last[0] if last else GENESIS
    con.execute("insert into audit (at, actor, role, action, target, detail, n_rows, prev_hash, hash) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (when, entry.actor, entry.role, entry.action, entry.target, entry.detail, entry.n_rows, prev,
                 _hash(prev, when, entry)))


def record(path: Path, entry: Entry) -> None:
    """Add one line in its own transaction."""
    with store.connect(path) as con:
        append(con, entry)


def read(path: Path, reader: User, actor: str | None = None, action: str | None = None,
         since: str | None = None, until: str | None = None, limit: int = 5000) -> pd.DataFrame:
    """Newest lines first, filtered; only an admin may read the log (checked here, where it is read)."""
    require(reader, ADMIN, "audit log")
    sql = (f"select {', '.join(COLUMNS)} from audit where (? is null or actor = ?) and (? is null or action = ?) "
           "and (? is null or at >= ?) and (? is null or at < ?) order by id desc limit ?")
    with store.reading(path) as con:
        rows = con.execute(sql, (actor, actor, action, action, since, since, until, until, limit)).fetchall()
    return pd.DataFrame(rows, columns=COLUMNS)


def actors(path: Path, reader: User) -> list[str]:
    """Everyone the log names, for the admin page's filter."""
    require(reader, ADMIN, "audit log")
    with store.reading(path) as con:
        return [row[0] for row in con.execute("select distinct actor from audit order by actor")]


def verify(path: Path) -> int | None:
    """The id of the first line whose chain is broken (changed, removed or inserted outside the app), else None."""
    with store.reading(path) as con:
        prev = GENESIS
        for row in con.execute("select id, at, actor, role, action, target, detail, n_rows, prev_hash, hash "
                               "from audit order by id"):
            entry = Entry(row[2], row[3], row[4], row[5], row[6], row[7])
            if row[8] != prev or row[9] != _hash(prev, row[1], entry):
                return row[0]
            prev = row[9]
    return None


def imports(path: Path, actor: str, role: str | None, outcomes: list) -> None:
    """One line per file offered for import (imported, unchanged or refused), with its kind and rows."""
    with store.connect(path) as con:
        for outcome in outcomes:
            append(con, Entry(actor, role, IMPORT, outcome.path.name, f"{outcome.kind or '-'}: {outcome.status}",
                              outcome.n_rows))
