"""What a prepared rakor costs: disk in the meeting store per rakor, time to prepare (freeze) and to reopen.

For each scale: ``N`` rakor are prepared on the demo database (default agenda, 2026 triwulan 3, as the Rapat page
prepares them) into a fresh meeting store; the store's growth per rakor, the frozen results' own bytes, the
median prepare and reopen (rebuild the deck from the frozen figures) times are printed as a Markdown table, with
the warehouse's size for comparison (what freezing by copying the warehouse would cost).
Usage: ``.venv/bin/python bench/bench_meeting.py --scales 300k 2M`` (databases under ``bench/out/`` as
``bench_pages.py`` builds or finds them).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import demo_database, scales_and_env  # noqa: E402
from dashboard.access.roles import OPERATOR, User  # noqa: E402
from dashboard.config import load_settings  # noqa: E402
from dashboard.db import connect_readonly  # noqa: E402
from dashboard.filters import QUARTER, Filters  # noqa: E402
from dashboard.meetings import records  # noqa: E402
from dashboard.queries import run_query  # noqa: E402

RAKOR = 10
FILTERS = Filters(2026, QUARTER, 3)


def _store_bytes(path: Path) -> int:
    """The store's size once its write-ahead log is folded in (what a backup copies)."""
    with closing(sqlite3.connect(path)) as con:
        con.execute("pragma wal_checkpoint(truncate)")
    return path.stat().st_size


def measure(database: Path) -> dict[str, float]:
    settings = load_settings(db_path=database)
    with tempfile.TemporaryDirectory() as folder, connect_readonly(database) as con:
        local = replace(settings, database=Path(folder) / database.name)  # the store (and audit) beside it, here
        run = partial(run_query, con)
        user = User("bench", OPERATOR)
        prepare, reopen, sizes = [], [], []
        for i in range(RAKOR):
            start = time.perf_counter()
            meeting = records.create(local, run, user, f"Rakor {i + 1}", dt.date(2026, 10, 5), FILTERS)
            prepare.append(time.perf_counter() - start)
            start = time.perf_counter()
            records.deck(local, meeting)
            reopen.append(time.perf_counter() - start)
            sizes.append(_store_bytes(local.meetings_store))
        with closing(sqlite3.connect(local.meetings_store)) as store:
            frames, blob = store.execute("select count(*), sum(length(data)) from frame where meeting_id = ?",
                                         (meeting.id,)).fetchone()
    return {"per_rakor": (sizes[-1] - sizes[0]) / (RAKOR - 1), "first": sizes[0], "frames": frames,
            "blob": blob, "prepare": statistics.median(prepare), "reopen": statistics.median(reopen),
            "warehouse": database.stat().st_size}


def main() -> None:
    scales, env = scales_and_env(__doc__)
    print("| scale | warehouse | store after 1 rakor | each further rakor | frozen results (count, bytes) | "
          "prepare (s) | reopen (s) |")
    print("|---|---|---|---|---|---|---|")
    for label in scales:
        found = measure(demo_database(label, env))
        print(f"| {label} | {found['warehouse'] / 1e6:,.0f} MB | {found['first'] / 1e3:,.0f} KB | "
              f"{found['per_rakor'] / 1e3:,.0f} KB | {found['frames']}, {found['blob'] / 1e3:,.0f} KB | "
              f"{found['prepare']:.2f} | {found['reopen']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
