"""Benchmark the Peta page's map render: query + classification and join + plotly figure + its JSON (what
Streamlit sends to the browser), per level, on the demo databases of ``bench_pages.py``.

Cold: the first render after opening the database with the boundary cache emptied (reads and simplifies the
GeoJSON). Warm: the median of the next 5 renders. Usage: ``.venv/bin/python bench/bench_maps.py --scales 300k 2M``.
"""

from __future__ import annotations

import statistics
import time
from functools import partial

from bench_pages import demo_database, scales_and_env

from dashboard.config import load_settings
from dashboard.db import connect_readonly, effective_settings
from dashboard.filters import Filters
from dashboard.maps import figure as mapfigure
from dashboard.maps import geo
from dashboard.queries import run_query
from dashboard.views import peta

WARM_RUNS = 5
# scenario -> (filters, requested level, category, measure, classification, small multiples)
SCENARIOS = {
    "kecamatan, semua kategori, jumlah, kuantil": (Filters(2026), geo.KECAMATAN, None, peta.JUMLAH, "kuantil", False),
    "desa (330), semua kategori, per 1.000, natural": (Filters(2026), geo.DESA, None, peta.PER_1000, "natural", False),
    "desa (330), fakir miskin, persen, kuantil": (Filters(2026), geo.DESA, "fakir miskin", peta.SHARE, "kuantil",
                                                  False),
    "desa of one kecamatan, jumlah, kuantil": (Filters(2026, kecamatan="35.13.16"), geo.KECAMATAN, None, peta.JUMLAH,
                                               "kuantil", False),
    "small multiples per kategori, kecamatan": (Filters(2026), geo.KECAMATAN, None, peta.JUMLAH, "kuantil", True),
}


def render(run, settings, scenario) -> int:
    """One render exactly as the page does it; returns the size of the figure JSON sent to the browser."""
    filters, level, kategori, measure, method, multiples = scenario
    data = peta.load_peta(run, filters, settings, level)
    polygons, outline = peta.shapes(data)
    if multiples:
        views = [(k, peta.map_view(data, k, measure, method, polygons)) for k in data.categories]
        figure = mapfigure.small_multiples(views, outline, "bench")
    else:
        view = peta.map_view(data, kategori, measure, method, polygons)
        figure = mapfigure.choropleth(view, outline, peta.map_title(data, kategori, measure),
                                      peta.labelled(view, data))
    return len(figure.to_json())


def time_scenario(database, scenario) -> tuple[float, float, int]:
    settings, _ = effective_settings(load_settings(db_path=database))  # the database's wilayah
    geo.load_boundaries.cache_clear()
    with connect_readonly(database) as con:
        run = partial(run_query, con)
        start = time.perf_counter()
        size = render(run, settings, scenario)
        cold = (time.perf_counter() - start) * 1000
        warm = []
        for _ in range(WARM_RUNS):
            start = time.perf_counter()
            render(run, settings, scenario)
            warm.append((time.perf_counter() - start) * 1000)
    return cold, statistics.median(warm), size


def main() -> None:
    scales, env = scales_and_env(__doc__)
    print("| scale | map | cold (ms) | warm (ms) | figure JSON |")
    print("|---|---|---|---|---|")
    for label in scales:
        database = demo_database(label, env)
        for name, scenario in SCENARIOS.items():
            cold, warm, size = time_scenario(database, scenario)
            print(f"| {label} | {name} | {cold:,.0f} | {warm:,.0f} | {size / 1024:,.0f} KiB |", flush=True)


if __name__ == "__main__":
    main()
