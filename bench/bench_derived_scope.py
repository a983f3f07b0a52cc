"""Derived tables after one kab/kota's import into a 10M provinsi: the rebuild of only the kab/kota touched against a
full rebuild (issue 14, goal "derived tables rebuilt within the import's own time budget").

On a copy of the provinsi demo database (never the original): the derived tables are first built by the SQL shipped
now (a full rebuild, timed), then one kab/kota's DTKS file and one of its recipient files, from the demo's own files
with a few rows changed (an identical file is a no-op), are imported in one ``import_files`` session, and the same
full rebuild is timed again on the result. Phases from the times the import's progress lines arrive.
Usage: ``.venv/bin/python bench/bench_derived_scope.py --db bench/out/provinsi_35_10000000/rakor.duckdb
--key bench/out/provinsi_35_10000000/k.key --files bench/out/provinsi_35_10000000/demo_files_35_10000000/kediri
[--work /tmp/bench_derived_scope]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import duckdb

from dashboard import derived
from dashboard.config import load_settings
from dashboard.imports.runner import import_files


def full_rebuild(database: Path) -> float:
    con = duckdb.connect(str(database))
    try:
        start = time.perf_counter()
        derived.refresh(con)
        return time.perf_counter() - start
    finally:
        con.close()


def changed_copy(source: Path, target: Path, drop_last: int) -> Path:
    """The file without its last ``drop_last`` rows: new content, same kab/kota and periods."""
    lines = source.read_bytes().splitlines(keepends=True)
    target.write_bytes(b"".join(lines[:-drop_last]))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--files", type=Path, required=True, help="the demo folder of one kab/kota")
    parser.add_argument("--penerima", default="*_penerima_pkh_2026.csv")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench_derived_scope"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    database = args.work / "rakor.duckdb"
    shutil.copyfile(args.db, database)
    (dtks,), (penerima,) = args.files.glob("dtks_*.csv"), args.files.glob(args.penerima)
    files = [changed_copy(dtks, args.work / dtks.name, 100), changed_copy(penerima, args.work / penerima.name, 100)]
    os.environ["RAKOR_SECRET_FILE"] = str(args.key)
    settings = replace(load_settings(db_path=database), kabupaten="35", secret_file=args.key)
    print(f"Full rebuild (SQL shipped now), before: {full_rebuild(database):.1f} s")

    marks: list[tuple[float, str]] = []
    scopes: list[list[str] | None] = []
    original = derived.Touched.scope

    def recording(self, con, kinds):
        scopes.append(original(self, con, kinds))
        return scopes[-1]

    derived.Touched.scope = recording
    refresh = derived.refresh
    timed: dict[str, float] = {}

    def timed_refresh(*a, **k):
        start = time.perf_counter()
        try:
            return refresh(*a, **k)
        finally:
            timed["refresh"] = time.perf_counter() - start

    derived.refresh = timed_refresh
    start = time.perf_counter()
    outcomes = import_files(files, settings, progress=lambda m: marks.append((time.perf_counter() - start, m)))
    total = time.perf_counter() - start
    derived.refresh, derived.Touched.scope = refresh, original
    assert all(o.status == "imported" for o in outcomes), [line for o in outcomes for line in o.lines]
    deriving = next(at for at, message in marks if "turunan" in message or "derived" in message)
    rows = sum(o.n_rows for o in outcomes)
    print(f"Import of {', '.join(f.name for f in files)} ({rows:,} rows): {total:.1f} s in all; read + validate + "
          f"write {deriving:.1f} s; derived rebuild {timed['refresh']:.1f} s for kab/kota {scopes}; "
          f"checkpoint and swap {total - deriving - timed['refresh']:.1f} s")
    print(f"Full rebuild of the same database, after: {full_rebuild(database):.1f} s")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
