"""Choropleth figures drawn as plain SVG polygons: no map tiles, no web fonts, no web requests at all.

Why not plotly's map traces: MapLibre fetches its label glyphs from the web even on a blank style, so names
would vanish offline; ``geo`` traces fetch their base topojson from a CDN. Filled scatter polygons on hidden
axes need nothing, export to PNG from the browser, and keep labels as ordinary SVG text.
One filled trace per class (not per polygon) keeps a desa map of a whole kabupaten to a dozen traces.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import plotly.graph_objects as go
import shapely

from dashboard import theme  # also registers the "rakor" plotly template
from dashboard.i18n import t
from dashboard.textsafe import plotly_text
from dashboard.views.peta import MapView

NO_DATA_FILL = "#FFFFFF"
NO_DATA_PATTERN = {"shape": "/", "fgcolor": "#757575", "size": 10, "solidity": 0.25}
EDGE = {"color": "#FFFFFF", "width": 1}
OUTLINE = {"color": "#111111", "width": 2.5}
LABEL_SIZE = 15
SMALL_MULTIPLE_COLUMNS = 4


def export_config(file_stem: str) -> dict[str, object]:
    """Chart config: the modebar's camera saves a full-HD PNG for the rakor slides, made in the browser."""
    return {"displaylogo": False, "scrollZoom": False,
            "toImageButtonOptions": {"format": "png", "filename": file_stem, "width": 1920, "height": 1080,
                                     "scale": 1}}


def class_colours(n: int) -> list[str]:
    """``n`` steps of the colour-blind-safe sequential scale, spread from lightest to darkest."""
    steps = theme.SEQUENTIAL
    if n <= 1:
        return steps[-1:]
    return [steps[round(i * (len(steps) - 1) / (n - 1))] for i in range(n)]


def rings_xy(geometries: np.ndarray, holes: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Exterior rings (and interior ones with ``holes``) as x/y arrays separated by NaN, plotly's path breaks."""
    polygons = shapely.get_parts(np.asarray(geometries, dtype=object))
    polygons = polygons[~shapely.is_empty(polygons)]
    rings = list(shapely.get_exterior_ring(polygons))
    if holes:
        rings += [ring for polygon in polygons for ring in polygon.interiors]
    if not rings:
        return np.array([]), np.array([])
    coords, index = shapely.get_coordinates(rings, return_index=True)
    breaks = np.flatnonzero(np.diff(index)) + 1
    xs = np.insert(coords[:, 0], breaks, np.nan)
    ys = np.insert(coords[:, 1], breaks, np.nan)
    return xs, ys


def _fill_traces(frame: gpd.GeoDataFrame, legend: list[str], no_data_label: str, show_legend: bool,
                 subplot: dict[str, str]) -> list[go.Scatter]:
    """One trace per class; polygons with holes are drawn first, so whatever sits in a hole is drawn over it."""
    colours = class_colours(len(legend))
    geometries, classes = frame.geometry.to_numpy(), frame["klass"].to_numpy()
    parts, owner = shapely.get_parts(geometries, return_index=True)
    holed = np.bincount(owner, weights=shapely.get_num_interior_rings(parts), minlength=len(geometries)) > 0
    traces = []
    for layer in (True, False):
        for klass in range(-1, len(colours)):
            chosen = geometries[(classes == klass) & (holed == layer)]
            if not len(chosen):
                continue
            xs, ys = rings_xy(chosen)
            no_data = klass < 0
            traces.append(go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", line=EDGE, hoverinfo="skip",
                fillcolor=NO_DATA_FILL if no_data else colours[klass],
                fillpattern=NO_DATA_PATTERN if no_data else None,
                name=no_data_label if no_data else legend[klass],
                showlegend=False, **subplot))
    if show_legend:
        traces += _legend_swatches(frame, legend, no_data_label, colours)
    return traces


def _legend_swatches(frame: gpd.GeoDataFrame, legend: list[str], no_data_label: str,
                     colours: list[str]) -> list[go.Scatter]:
    """Large square swatches, highest class on top: a filled trace's own legend mark is a thin line."""
    entries = [(name, colour, 100 - klass) for klass, (name, colour) in enumerate(zip(legend, colours, strict=True))
               if name]
    if (frame["klass"] < 0).any():
        entries.append((no_data_label, NO_DATA_FILL, 1000))
    return [go.Scatter(x=[None], y=[None], mode="markers", name=name, legendrank=rank, hoverinfo="skip",
                       marker={"symbol": "square", "size": 24, "color": colour,
                               "line": {"color": "#757575", "width": 1.5}})
            for name, colour, rank in entries]


def _outline_trace(rings: tuple[np.ndarray, np.ndarray], subplot: dict[str, str]) -> go.Scatter:
    xs, ys = rings
    return go.Scatter(x=xs, y=ys, mode="lines", line=OUTLINE, hoverinfo="skip", showlegend=False, **subplot)


def _point_trace(frame: gpd.GeoDataFrame, n_classes: int, labelled: np.ndarray,
                 subplot: dict[str, str]) -> go.Scatter:
    """Names at a point inside each polygon, carrying the hover text and the code a click drills into. A name on
    one of the two darkest fills is white (with fewer classes the colours are spread, so this is not a class)."""
    dark_classes = [k for k, colour in enumerate(class_colours(n_classes)) if colour in theme.SEQUENTIAL[-2:]]
    dark = np.isin(frame["klass"].to_numpy(), dark_classes)
    return go.Scatter(
        x=frame["label_x"], y=frame["label_y"], mode="markers+text",
        text=np.where(labelled, [plotly_text(name) for name in frame["nama"]], ""),
        textfont={"size": LABEL_SIZE, "color": np.where(dark, "#FFFFFF", "#111111").tolist()},
        marker={"size": 22, "color": "rgba(0,0,0,0)"}, customdata=frame[["kode"]].to_numpy(),
        hovertext=frame["hover"], hovertemplate="%{hovertext}<extra></extra>", showlegend=False, **subplot)


def _aspect(frame: gpd.GeoDataFrame, x: str = "x", y: str = "y") -> dict[str, dict[str, object]]:
    """Hidden axes with equal ground distance per unit: a degree of longitude is cos(latitude) of a degree of
    latitude (layout entries, so a figure of many panels is built in one go)."""
    latitude = float(np.nanmean(frame["label_y"])) if len(frame) else 0.0
    return {_axis_name(x): {"visible": False},
            _axis_name(y): {"visible": False, "scaleanchor": x, "scaleratio": 1 / math.cos(math.radians(latitude))}}


def _axis_name(anchor: str) -> str:
    """``x`` -> ``xaxis``, ``y3`` -> ``yaxis3``."""
    return f"{anchor[0]}axis{anchor[1:]}"


def _height(outline: np.ndarray, width: int = 900, low: int = 380, high: int = 860) -> int:
    """Plot height that fits the area's shape at a typical projected width (Streamlit sizes the width itself),
    so a wide kabupaten does not float in empty space."""
    minx, miny, maxx, maxy = shapely.total_bounds(outline)
    ground_width = (maxx - minx) * math.cos(math.radians((miny + maxy) / 2))
    return int(min(high, max(low, width * (maxy - miny) / ground_width))) if ground_width > 0 else high


def choropleth(view: MapView, outline: np.ndarray, title: str, labels: np.ndarray, lang: str = "id") -> go.Figure:
    """The Peta map: classes as fills, the area's outline, names as labels, hover and click on each wilayah.
    The legend sits under the map, so the map keeps the column's full width on a 1024-pixel screen too."""
    frame = view.frame
    traces = [*_fill_traces(frame, view.legend, view.no_data_text(lang), True, {}),
              _outline_trace(rings_xy(outline, holes=True), {}), _point_trace(frame, len(view.breaks), labels, {})]
    return go.Figure(traces, layout={
        "template": "rakor", "height": _height(outline) + 190, "title": {"text": title, "x": 0, "xanchor": "left"},
        "margin": {"l": 0, "r": 0, "t": 90, "b": 0}, "plot_bgcolor": "#FFFFFF", "hovermode": "closest",
        "dragmode": "pan", "legend": {"orientation": "h", "x": 0, "y": -0.01, "yanchor": "top"},
        **_aspect(frame)})


def small_multiples(views: list[tuple[str, MapView]], outline: np.ndarray, title: str, lang: str = "id",
                    panel_height: int = 300) -> go.Figure:
    """One small map per category, each classified on its own: where is each problem concentrated.
    Panels are laid out by hand (axis domains and title annotations): ``make_subplots`` alone took 100 ms."""
    columns = SMALL_MULTIPLE_COLUMNS
    rows = max(1, math.ceil(len(views) / columns))
    legend_panel = int(np.argmax([len(view.breaks) for _, view in views])) if views else 0
    traces, layout, titles = [], {}, []
    edge = rings_xy(outline, holes=True)
    for i, (name, view) in enumerate(views):
        row, col = divmod(i, columns)
        x, y = f"x{i + 1}", f"y{i + 1}"
        subplot = {"xaxis": x, "yaxis": y}
        traces += [*_fill_traces(view.frame, class_names(len(view.breaks), lang), t("peta_no_data", lang),
                                 i == legend_panel, subplot),
                   _outline_trace(edge, subplot),
                   _point_trace(view.frame, len(view.breaks), np.zeros(len(view.frame), dtype=bool), subplot)]
        aspect = _aspect(view.frame, x, y)
        top = 1 - row / rows
        aspect[_axis_name(x)] |= {"domain": [col / columns + 0.005, (col + 1) / columns - 0.005], "anchor": y}
        aspect[_axis_name(y)] |= {"domain": [top - 1 / rows + 0.02, top - 0.06 / rows], "anchor": x}
        layout |= aspect
        titles.append({"text": name, "x": (col + 0.5) / columns, "y": top, "xref": "paper", "yref": "paper",
                       "xanchor": "center", "yanchor": "top", "showarrow": False, "font": {"size": 18}})
    return go.Figure(traces, layout={
        "template": "rakor", "height": panel_height * rows + 160, "title": {"text": title, "x": 0},
        "margin": {"l": 0, "r": 0, "t": 90, "b": 60}, "dragmode": False, "annotations": titles,
        "legend": {"orientation": "h", "x": 0, "y": -0.01, "yanchor": "top"}, **layout})


def class_names(n: int, lang: str = "id") -> list[str]:
    """Small multiples share one legend of class numbers: each panel has its own ranges (shown on hover)."""
    names = [t("peta_class_n", lang, n=i + 1) for i in range(n)]
    if n > 1:
        names[0], names[-1] = t("peta_class_low", lang), t("peta_class_high", lang, n=n)
    return names
