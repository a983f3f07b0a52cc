"""A provinsi at scale: build the demo (``rakor demo --wilayah 35 --scale 10M``: Jawa Timur, 38 kab/kota, 666
kecamatan), then time every page's queries for the whole provinsi and for one kab/kota, the maps of its kab/kota and
of all its kecamatan, and a full rebuild of the derived tables.

The build runs in its own process (wall time and peak memory, ``wait4`` rusage); page and map timings are as in
``bench_pages.py`` and ``bench_maps.py`` (cold = first run on a fresh read-only connection, warm = median of 5).
Usage: ``.venv/bin/python bench/bench_provinsi.py --wilayah 35 --scale 10M [--kab 35.07]`` (Markdown tables for
docs/BENCHMARKS.md). The database is kept in ``bench/out/provinsi_<wilayah>_<n>/`` and reused when current.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time

import duckdb
from bench_import import measure
from bench_maps import time_scenario
from bench_pages import OUT, available_loaders, bench_env, time_page

from dashboard import derived
from dashboard.cli import parse_scale
from dashboard.db import connect_readonly, migration_files, schema_version_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.maps import geo
from dashboard.views import peta


def build(wilayah: str, label: str, env: dict[str, str]) -> tuple[object, float | None, float | None]:
    """The provinsi demo database, with the build's wall seconds and peak MiB (None when reused)."""
    folder = OUT / f"provinsi_{wilayah}_{parse_scale(label)}"
    database = folder / "rakor.duckdb"
    if database.exists():
        with connect_readonly(database) as con:
            if schema_version_readonly(con) == migration_files()[-1][0]:
                return database, None, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seconds, peak = measure([sys.executable, "-m", "dashboard", "--db", str(database), "demo", "--wilayah", wilayah,
                             "--scale", label], env)
    return database, seconds, peak


def rebuild_derived(database) -> float:
    """Seconds for a full rebuild of every derived table, on a copy (the demo stays as built)."""
    copy = database.with_name("derived-rebuild.duckdb")
    shutil.copyfile(database, copy)
    try:
        con = duckdb.connect(str(copy))
        start = time.perf_counter()
        derived.refresh(con)
        seconds = time.perf_counter() - start
        con.close()
    finally:
        copy.unlink(missing_ok=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wilayah", default="35")
    parser.add_argument("--scale", default="10M")
    parser.add_argument("--kab", default="35.07", help="the kab/kota of the one-kab/kota rows (default Kab. Malang)")
    args = parser.parse_args()
    env = bench_env()
    database, seconds, peak = build(args.wilayah, args.scale, env)
    if seconds is not None:
        print(f"Build: `rakor demo --wilayah {args.wilayah} --scale {args.scale}`: {seconds / 60:.1f} min, "
              f"peak {peak:,.0f} MiB")
    with connect_readonly(database) as con:
        individuals = con.execute("select count(*) from dtks_individu").fetchall()[0][0]
        recipients = con.execute("select count(*) from penerima").fetchall()[0][0]
    print(f"Database: {individuals:,} DTKS individuals, {recipients:,} recipient rows, "
          f"{database.stat().st_size / 2**30:.1f} GiB\n")
    loaders = available_loaders()
    scenarios = {"2026, whole provinsi": Filters(2026),
                 f"2026, kab/kota {args.kab}": Filters(2026, kabupaten=args.kab),
                 f"2026 triwulan 3, kab/kota {args.kab}, PKH": Filters(2026, QUARTER, 3, None, "PKH", args.kab)}
    print("| filters | " + " | ".join(f"{p} cold / warm (ms)" for p in loaders) + " | slowest warm (ms) |")
    print("|---|" + "---|" * len(loaders) + "---|")
    for name, filters in scenarios.items():
        timings = {page: time_page(database, loader, filters) for page, loader in loaders.items()}
        cells = " | ".join(f"{cold:,.0f} / {warm:,.0f}" for cold, warm in timings.values())
        print(f"| {name} | {cells} | {max(warm for _, warm in timings.values()):,.0f} |", flush=True)
    maps = {"kab/kota of the provinsi": (Filters(2026), None),
            "every kecamatan of the provinsi": (Filters(2026), geo.KECAMATAN),
            f"kecamatan of {args.kab}": (Filters(2026, kabupaten=args.kab), geo.KECAMATAN)}
    print("\n| map | cold (ms) | warm (ms) | figure JSON |\n|---|---|---|---|")
    for name, (filters, level) in maps.items():
        cold, warm, size = time_scenario(database, (filters, level, None, peta.JUMLAH, "kuantil", False))
        print(f"| {name} | {cold:,.0f} | {warm:,.0f} | {size / 1024:,.0f} KiB |", flush=True)
    print(f"\nFull rebuild of the derived tables: {rebuild_derived(database):.1f} s")


if __name__ == "__main__":
    main()
