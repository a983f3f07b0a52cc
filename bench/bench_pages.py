"""Benchmark each page's queries (its loader, exactly as the page runs them) at given demo scales.

Cold: the first run on a freshly opened read-only connection. Warm: the median of the next 5 runs.
Demo databases are built with the current code (``rakor demo --scale``) under ``bench/out/`` unless present
and current. Usage: ``.venv/bin/python bench/bench_pages.py --scales 300k 2M`` (prints a Markdown table).
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from dashboard.config import load_settings  # noqa: E402
from dashboard.db import connect_readonly, effective_settings, ensure_database, migration_files, schema_version_readonly  # noqa: E402
from dashboard.filters import QUARTER, Filters, load_filter_options  # noqa: E402
from dashboard.queries import run_query  # noqa: E402

# page -> "module:loader"; a loader takes (run, filters, settings) and runs every query its page shows
LOADERS = {
    "data": "dashboard.views.tables:load_data",
    "cakupan": "dashboard.views.cakupan:load_cakupan",
    "capaian": "dashboard.views.capaian:load_capaian",
    "anggaran": "dashboard.views.anggaran:load_anggaran",
    "ringkasan": "dashboard.views.ringkasan:load_ringkasan",
    "peta": "dashboard.views.peta:load_peta",
}
WARM_RUNS = 5


def demo_database(label: str, env: dict[str, str]) -> Path:
    from dashboard.cli import parse_scale

    database = OUT / f"pages_{parse_scale(label)}.duckdb"
    if database.exists():
        with connect_readonly(database) as con:
            current = schema_version_readonly(con) == migration_files()[-1][0]
        if current:
            ensure_database(load_settings(db_path=database))  # rebuilds derived tables whose SQL changed
            return database
    subprocess.run([sys.executable, "-m", "dashboard", "--db", str(database), "demo", "--scale", label,
                    "--files", str(OUT / f"pages_files_{parse_scale(label)}")], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return database


def bench_env() -> dict[str, str]:
    """Environment for the demo builds (one key for every bench database), also set in this process."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, RAKOR_SECRET_FILE=str(OUT / "bench.key"), PYTHONPATH=str(ROOT))
    os.environ["RAKOR_SECRET_FILE"] = env["RAKOR_SECRET_FILE"]
    return env


def available_loaders() -> dict[str, object]:
    loaders = {}
    for page, target in LOADERS.items():
        module, name = target.split(":")
        try:
            loaders[page] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            print(f"(no loader yet for {page})", file=sys.stderr)
    return loaders


def time_page(database: Path, loader, filters: Filters) -> tuple[float, float]:
    """(cold ms, warm median ms) of one page: the sidebar's and caption's queries plus the page's loader."""
    settings, _ = effective_settings(load_settings(db_path=database))  # the database's wilayah

    def page_run(run) -> None:
        load_filter_options(run, settings.kabupaten)
        run("freshness_by_kind")
        loader(run, filters, settings)

    with connect_readonly(database) as con:
        run = partial(run_query, con)
        start = time.perf_counter()
        page_run(run)
        cold = (time.perf_counter() - start) * 1000
        warm = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            page_run(run)
            warm.append((time.perf_counter() - start) * 1000)
    return cold, statistics.median(warm)


def scales_and_env(description: str) -> tuple[list[str], dict[str, str]]:
    """The ``--scales`` every bench script takes, and the environment its demo builds share."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scales", nargs="+", default=["300k", "2M"])
    return parser.parse_args().scales, bench_env()


def add_baseline_options(parser: argparse.ArgumentParser, scale: str, out: Path) -> None:
    """The options of a run on one baseline database: a demo of ``--scale`` or ``--base`` with its ``--key``."""
    parser.add_argument("--scale", default=scale, help="DTKS individuals of the baseline demo database")
    parser.add_argument("--base", type=Path, help="baseline database instead of the demo (with --key)")
    parser.add_argument("--key", type=Path, help="the baseline's pseudonymisation key file")
    parser.add_argument("--out", type=Path, default=out)


def baseline_database(args: argparse.Namespace) -> tuple[dict[str, str], Path]:
    """The environment (with the baseline's key) and the baseline database named by ``add_baseline_options``."""
    env = bench_env()
    if args.key:
        env["RAKOR_SECRET_FILE"] = str(args.key)
    args.out.mkdir(parents=True, exist_ok=True)
    return env, args.base or demo_database(args.scale, env)


def main() -> None:
    scales, env = scales_and_env(__doc__)
    loaders = available_loaders()
    scenarios = {"2026, setahun, semua kecamatan": Filters(2026),
                 "2026 triwulan 3, satu kecamatan, PKH": Filters(2026, QUARTER, 3, "35.13.16", "PKH")}
    print("| scale | filters | " + " | ".join(f"{p} cold / warm (ms)" for p in loaders) + " | all pages warm (ms) |")
    print("|---|---|" + "---|" * len(loaders) + "---|")
    for label in scales:
        database = demo_database(label, env)
        for name, filters in scenarios.items():
            timings = {page: time_page(database, loader, filters) for page, loader in loaders.items()}
            cells = " | ".join(f"{cold:,.0f} / {warm:,.0f}" for cold, warm in timings.values())
            total = sum(warm for _, warm in timings.values())
            print(f"| {label} | {name} | {cells} | {total:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
