"""The viewers' read-only warehouse: always the newest database file, never an error when an import swaps it.

An import replaces the file with ``os.replace`` while viewers query it. DuckDB 2.0 makes that awkward three ways:

- it keeps one database instance per resolved path and process, so connecting to the same path while any
  connection to it is open returns the *replaced* file's data (a symlink or ``/proc/self/fd/N`` resolves to
  that same path and gets the same stale instance; a different ``config`` is refused);
- closing a connection while another thread is in a call on it raises ``ResourceInUseException``;
- closing a connection also closes every cursor made from it, so a query still reading from one fails.

So each file version (a generation) is opened through a hard link of its own, a new path and hence a new
instance; the link is removed as soon as DuckDB holds the file open. Every query gets a private cursor and
counts as a user of its generation, which is closed only once it is retired *and* its last user is done: a
query that started on the old file finishes on the old data, and old files are not kept open afterwards.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

_LINK_NUMBERS = itertools.count(1)  # process-wide: two Warehouses on one file never pick the same link name


@dataclass(eq=False)
class _Generation:
    """One opened file version and how many queries are using it."""

    identity: tuple[int, int, int]
    con: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False


def _identity(path: Path) -> tuple[int, int, int]:
    """Which file is at ``path``: a swap changes the inode, an in-place rewrite the time or size."""
    stat = os.stat(path)
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class Warehouse:
    """Read-only access to the database at ``path`` for many threads, following imports as they land."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()  # guards the generations and every call on a generation's connection
        self._current: _Generation | None = None

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of this thread's own on the newest file; that file stays open until the block ends."""
        generation, cursor = self._acquire()
        try:
            yield cursor
        finally:
            self._release(generation, cursor)

    def close(self) -> None:
        """Stop following the file: the current generation closes once its last query is done."""
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
                self._current = None

    def _acquire(self) -> tuple[_Generation, duckdb.DuckDBPyConnection]:
        with self._lock:
            current = self._current
            if current is None or current.identity != _identity(self._path):
                if current is not None:
                    self._retire(current)
                current = self._current = self._open()
            cursor = current.con.cursor()  # under the lock: never alongside a close of the same connection
            current.users += 1
            return current, cursor

    def _release(self, generation: _Generation, cursor: duckdb.DuckDBPyConnection) -> None:
        try:
            cursor.close()
        finally:
            with self._lock:
                generation.users -= 1
                if generation.retired and generation.users == 0:
                    generation.con.close()

    def _retire(self, generation: _Generation) -> None:
        """Called with the lock held; closes now if no query is using the generation, else at its last release."""
        generation.retired = True
        if generation.users == 0:
            generation.con.close()

    def _open(self) -> _Generation:
        """Open the file now at the path through a fresh hard link, so DuckDB makes a new instance for it."""
        link = self._path.with_name(f"{self._path.name}.view-{os.getpid()}-{next(_LINK_NUMBERS)}")
        link.unlink(missing_ok=True)
        os.link(self._path, link)  # pins the file an import may replace any moment; the link's stat is its identity
        try:
            identity = _identity(link)
            return _Generation(identity, duckdb.connect(str(link), read_only=True))
        finally:
            link.unlink()
