"""Build the boundaries the product ships (``data/boundaries/*.parquet``) from the reference GeoJSON.

Reads ``../shared/data/boundaries/`` (the only code that does: the product reads its own ``data/boundaries/``),
repairs, simplifies and rounds with ``dashboard.maps.geo.read_boundaries`` (the same rule the product applies to a
raw file), and writes one GeoParquet per level for all Indonesia plus ``desa_<kode>`` per kabupaten with desa
polygons. Each file is sorted by code in small row groups, so the product reads one kabupaten's polygons without
reading the rest. Usage: ``.venv/bin/python tools/build_boundaries.py [--source DIR] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import shapely

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.maps import geo  # noqa: E402

SOURCE = REPO.parent / "shared" / "data" / "boundaries"
# shipped level -> (source file, length of the parent code each coverage is simplified within)
NATIONAL = {geo.PROVINSI: ("indonesia_provinsi", None), geo.KABUPATEN: ("indonesia_kabupaten", 2),
            geo.KECAMATAN: ("indonesia_kecamatan", 5)}
ROW_GROUP = 1024  # rows per row group: a kabupaten's kecamatan lie in one or two of the 8 groups


def build(source: Path, target: Path, parent_length: int | None) -> str:
    start = time.perf_counter()
    frame = geo.read_boundaries(source, parent_length).sort_values("kode", ignore_index=True)
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any(), source
    frame.to_parquet(target, compression="zstd", compression_level=19, row_group_size=ROW_GROUP,
                     write_covering_bbox=False)
    vertices = shapely.get_num_coordinates(frame.geometry.to_numpy()).sum()
    return (f"| `{target.name}` | {len(frame):,} | {vertices:,} | {target.stat().st_size:,} | "
            f"{time.perf_counter() - start:.1f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=geo.BOUNDARIES_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print("| file | polygons | vertices | bytes | build time |\n|---|---|---|---|---|")
    for level, (name, parent_length) in NATIONAL.items():
        print(build(args.source / f"{name}.geojson", geo.boundary_file("", level, args.out), parent_length))
    for path in sorted(args.source.glob("desa_*.geojson")):
        kode = path.stem.removeprefix("desa_")
        print(build(path, geo.boundary_file(f"{kode[:2]}.{kode[2:]}", geo.DESA, args.out), 2))


if __name__ == "__main__":
    main()
