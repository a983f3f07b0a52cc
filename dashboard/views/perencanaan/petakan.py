"""A Perencanaan figure on the map: the Peta page's offline choropleth (``dashboard/maps/figure.py``) drawn from any
per-wilayah value, five quantile classes, hover texts given by the figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.i18n import register, t
from dashboard.maps import classify, geo
from dashboard.views import peta
from dashboard.wilayah import is_provinsi

register({
    "perencanaan_no_polygon": ("{n} {level} tanpa batas di peta (tetap di tabel dan Excel): {names}",
                               "{n} {level} without a boundary on the map (still in the table and the Excel): {names}"),
})


@dataclass(frozen=True)
class Shapes:
    """Polygons of one level under ``parent`` and the outline drawn around them."""

    polygons: gpd.GeoDataFrame
    outline: np.ndarray
    parent: str

    @property
    def empty(self) -> bool:
        return not self.polygons["kode"].str.startswith(self.parent + ".").any()


def child_shapes(base: str) -> Shapes:
    """Kecamatan of a kab/kota, or a provinsi's kab/kota."""
    level = geo.KABUPATEN if is_provinsi(base) else geo.KECAMATAN
    return Shapes(geo.polygons_of(base, level), geo.outline(base, level, base), base)


def desa_shapes(run: Callable[..., pd.DataFrame], unit: str, parent: str) -> Shapes:
    """Desa under ``parent`` of kab/kota ``unit``: the office's imported boundaries, else the shipped ones; none for
    a provinsi as a whole (its desa are listed, not mapped)."""
    if is_provinsi(unit):
        return Shapes(geo.NO_BOUNDARIES, np.array([], dtype=object), parent)
    imported, _ = peta.imported_desa(run, unit)
    if imported is not None:
        return Shapes(imported, geo.outline_of(imported, unit, parent), parent)
    polygons = geo.polygons_of(unit, geo.DESA)
    return Shapes(polygons, geo.outline(unit, geo.DESA, parent) if len(polygons) else np.array([], dtype=object),
                  parent)


def map_view(frame: pd.DataFrame, shapes: Shapes, value: str, text: Callable[[float], str],
             hover: list[str], no_data: str) -> peta.MapView:
    """Classify ``frame[value]`` (one row per ``kode``, with ``nama``) over the wilayah with a polygon; a row
    without a value is hatched as ``no_data``."""
    rows = frame.assign(value=frame[value], hover=hover).reset_index(drop=True)
    joined = geo.join(rows, shapes.polygons, shapes.parent)
    mapped = joined.mapped
    values = mapped["value"].to_numpy(dtype=float)
    breaks = classify.quantile_breaks(values)
    classes = classify.classify(values, breaks)
    mapped = mapped.assign(klass=classes, rank=mapped["value"].rank(ascending=False, method="min"))
    legend = []
    for klass in range(len(breaks)):
        inside = mapped.loc[classes == klass, "value"]
        low, high = (text(inside.min()), text(inside.max())) if len(inside) else ("", "")
        legend.append(low if low == high else f"{low} – {high}")
    return peta.MapView("", classify.QUANTILE, mapped, breaks, legend, joined, 0, no_data)


def missing_note(view: peta.MapView, level: str, lang: str = "id") -> str | None:
    """The wilayah a figure has but the map has no polygon for: said, never dropped silently."""
    missing = view.join.no_polygon
    if missing.empty:
        return None
    return t("perencanaan_no_polygon", lang, n=len(missing), level=t(f"level_{level}", lang),
             names=", ".join(missing["nama"].astype(str)))
