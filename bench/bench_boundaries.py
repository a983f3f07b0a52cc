"""Benchmark the shipped boundaries: file sizes, and the cold load of one kabupaten's polygons as the Peta page
does it (``has_boundaries``, ``polygons_of``, ``outline``) with every boundary cache emptied; the median of 5.

``--formats`` also writes the shipped kecamatan polygons in the other formats that were considered and times the
same filtered read of one kabupaten's kecamatan from each. Usage: ``.venv/bin/python bench/bench_boundaries.py
[--formats]`` (prints Markdown tables).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import shapely  # noqa: E402

from dashboard.maps import geo  # noqa: E402

RUNS = 5
KABUPATEN = ["35.13", "16.03", "63.10", "64.09", "75.02", "35.78", "91.03", "94.01", "11.01"]


def median_ms(action, clear=lambda: None) -> float:
    times = []
    for _ in range(RUNS):
        clear()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def clear_caches() -> None:
    for cached in (geo.load_boundaries, geo.outline, geo._kabupaten_in):
        cached.cache_clear()


def cold_load(kabupaten: str, level: str) -> int:
    assert geo.has_boundaries(kabupaten, level)
    geo.outline(kabupaten, level, kabupaten)
    return len(geo.polygons_of(kabupaten, level))


def sizes() -> None:
    print("| file | bytes |\n|---|---|")
    files = sorted(geo.BOUNDARIES_DIR.glob(f"*{geo.SUFFIX}"))
    for path in files:
        print(f"| `{path.name}` | {path.stat().st_size:,} |")
    print(f"| total ({len(files)} files) | {sum(p.stat().st_size for p in files):,} |\n")


def loads() -> None:
    print("| kabupaten | level | polygons | cold load (ms) |\n|---|---|---|---|")
    cold_load("35.13", geo.KECAMATAN)  # imports and first touch of the files out of the figures
    for kabupaten in KABUPATEN:
        for level in (geo.KECAMATAN, geo.DESA):
            if geo.has_boundaries(kabupaten, level):
                n = cold_load(kabupaten, level)
                ms = median_ms(lambda k=kabupaten, lv=level: cold_load(k, lv), clear_caches)
                print(f"| {kabupaten} | {level} | {n} | {ms:.1f} |", flush=True)
    print()


def formats() -> None:
    """The shipped kecamatan polygons in each candidate format: size, and a filtered read of 63.10's kecamatan."""
    frame = gpd.read_parquet(geo.boundary_file("", geo.KECAMATAN))
    where = "kode LIKE '63.10.%'"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        features = [{"type": "Feature", "properties": {"kode": k, "nama": n, "label_x": round(x, 5),
                                                       "label_y": round(y, 5)}, "geometry": json.loads(g)}
                    for k, n, x, y, g in zip(frame["kode"], frame["nama"], frame["label_x"], frame["label_y"],
                                             shapely.to_geojson(frame.geometry.to_numpy()), strict=True)]
        text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()
        (out / "k.geojson").write_bytes(text)
        (out / "k.geojson.gz").write_bytes(gzip.compress(text, 9))
        frame.to_file(out / "k.fgb", driver="FlatGeobuf")
        frame.to_parquet(out / "k_one_group.parquet", compression="zstd", compression_level=19,
                         row_group_size=len(frame), write_covering_bbox=False)
        candidates = {
            "GeoJSON, 5 decimals, compact": (out / "k.geojson",
                                             lambda: gpd.read_file(out / "k.geojson", where=where, on_invalid="fix")),
            "GeoJSON gzip -9 (/vsigzip/)": (out / "k.geojson.gz", lambda: gpd.read_file(
                f"/vsigzip/{out / 'k.geojson.gz'}", where=where, on_invalid="fix")),
            "FlatGeobuf": (out / "k.fgb", lambda: gpd.read_file(out / "k.fgb", where=where, on_invalid="fix")),
            "GeoParquet zstd-19, one row group": (out / "k_one_group.parquet",
                                                  lambda: geo.read_shipped(out / "k_one_group.parquet", "63.10")),
            "GeoParquet zstd-19, row groups of 1,024 (shipped)": (
                geo.boundary_file("", geo.KECAMATAN),
                lambda: geo.read_shipped(geo.boundary_file("", geo.KECAMATAN), "63.10")),
        }
        print("| format | kecamatan file (bytes) | read 63.10's 12 kecamatan (ms) |\n|---|---|---|")
        for name, (path, read) in candidates.items():
            assert len(read()) == 12
            print(f"| {name} | {path.stat().st_size:,} | {median_ms(read):.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--formats", action="store_true", help="also compare the candidate formats")
    args = parser.parse_args()
    sizes()
    loads()
    if args.formats:
        formats()


if __name__ == "__main__":
    main()
