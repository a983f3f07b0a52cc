"""Benchmark the foundation: demo build time, DTKS import throughput, database size, peak memory.

Each measured step runs in its own child process so its peak memory (``wait4`` rusage) is its own.
Usage: ``.venv/bin/python bench/bench_import.py --scales 300k 2M`` (prints a Markdown table for
docs/BENCHMARKS.md). Files go to ``bench/out/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def count_rows(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 22), b"")) - 1


def bench_scale(label: str, env: dict[str, str]) -> dict[str, object]:
    from dashboard.cli import parse_scale

    n = parse_scale(label)
    work = OUT / f"scale_{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    files, db_demo, db_dtks = work / "files", work / "demo.duckdb", work / "dtks.duckdb"
    py = [sys.executable, "-m", "dashboard"]
    gen_s, gen_mb = measure([sys.executable, "-c", "import sys; from pathlib import Path; "
                             "from dashboard.demo.generate import generate_demo_files as g; "
                             f"g(Path({str(files)!r}), {n}, progress=lambda m: None)"], env)
    dtks_file = next(files.glob("dtks_*.csv"))
    rows = count_rows(dtks_file)
    imp_s, imp_mb = measure(py + ["--db", str(db_dtks), "import", "dtks", str(dtks_file)], env)
    demo_s, demo_mb = measure(py + ["--db", str(db_demo), "demo", "--scale", label, "--files", str(files)], env)
    return {"label": label, "rows": rows, "gen_s": gen_s, "gen_mb": gen_mb, "import_s": imp_s, "import_mb": imp_mb,
            "rows_per_s": rows / imp_s, "demo_s": demo_s, "demo_mb": demo_mb,
            "db_mb": db_demo.stat().st_size / 2**20, "dtks_db_mb": db_dtks.stat().st_size / 2**20,
            "csv_mb": dtks_file.stat().st_size / 2**20}


def markdown(results: list[dict[str, object]]) -> str:
    head = ("| DTKS individuals | DTKS CSV | generate files | DTKS import | rows/s | peak RAM import | "
            "full demo import (all kinds) | peak RAM demo | DB size (demo) |\n|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['csv_mb']:.0f} MiB | {r['gen_s']:.1f} s | {r['import_s']:.1f} s | "
            f"{r['rows_per_s']:,.0f} | {r['import_mb']:,.0f} MiB | {r['demo_s']:.1f} s | {r['demo_mb']:,.0f} MiB | "
            f"{r['db_mb']:.0f} MiB |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="+", default=["300k", "2M"])
    args = parser.parse_args()
    env = dict(os.environ, RAKOR_SECRET_FILE=str(OUT / "bench.key"), PYTHONPATH=str(ROOT))
    results = [bench_scale(label, env) for label in args.scales]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(markdown(results))


if __name__ == "__main__":
    main()
