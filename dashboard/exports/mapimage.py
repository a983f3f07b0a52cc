"""The Peta map drawn with matplotlib for the handouts: a PNG for the PPTX, vector paths on a PDF page.

The browser's PNG button needs a person at the page, and plotly's own image export (kaleido) downloads Chrome,
so the handouts draw the map themselves, from the same ``MapView`` the page shows: its classes and
``maps.figure.class_colours``, white hatched "no report" areas, white edges, the dark outline of the area, names
where the page writes them (white on the two darkest fills), ground-true proportions and the page's legend ranges.
Polygons go in as one path collection per kind (classed, no report, outline), so 330 desa draw in milliseconds.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import matplotlib
import numpy as np
import shapely
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.path import Path

from dashboard import theme
from dashboard.exports import fonts
from dashboard.maps.figure import EDGE, NO_DATA_FILL, NO_DATA_PATTERN, OUTLINE, class_colours
from dashboard.slides.model import MapPicture

NO_DATA_HATCH = NO_DATA_PATTERN["shape"] * 2       # "//": the page's diagonal pattern
NO_DATA_INK = NO_DATA_PATTERN["fgcolor"]
SWATCH_EDGE = "#757575"                            # the legend swatches' rim, as on the page
DARK_TEXT, LIGHT_TEXT = "#111111", "#FFFFFF"
DPI = 100
# the page writes 15-px names on a map about 900 px wide; pictures keep that proportion
LABEL_SHARE = 15 / 900
SLACK = 1.06   # hinting at the picture's resolution widens text a little beyond its measured width


@dataclass(frozen=True)
class Box:
    """A rectangle on a figure in points from its lower left corner."""

    x: float
    y: float
    w: float
    h: float


def geometry_paths(geometries: np.ndarray) -> list[Path]:
    """One compound path per geometry (every part, holes included), in one vectorised pass.

    Rings are oriented (shells counter-clockwise, holes clockwise), so the nonzero fill rule that Agg and PDF
    use leaves a hole open: an enclave shows what is drawn under it, not the surrounding class's colour.
    """
    geometries = shapely.orient_polygons(np.asarray(geometries, dtype=object))
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    paths = [Path(np.empty((0, 2)))] * len(geometries)
    if not len(coords):
        return paths
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    starts = np.r_[0, np.flatnonzero(np.diff(coord_ring)) + 1]
    codes[starts] = Path.MOVETO
    codes[np.r_[starts[1:], len(coords)] - 1] = Path.CLOSEPOLY
    owner = part_owner[ring_part[coord_ring]]
    cuts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1, len(coords)]
    for begin, end in zip(cuts[:-1], cuts[1:], strict=True):
        paths[owner[begin]] = Path(coords[begin:end], codes[begin:end])
    return paths


def legend_entries(picture: MapPicture, lang: str = "id") -> list[tuple[str, Patch]]:
    """The page's legend: one swatch per class with its range, highest first, then "no report" if any."""
    view = picture.view
    colours = class_colours(len(view.breaks))
    entries = [(name, Patch(facecolor=colours[k], edgecolor=SWATCH_EDGE, linewidth=1.0))
               for k, name in reversed(list(enumerate(view.legend))) if name]
    if (np.asarray(view.frame["klass"]) < 0).any():
        entries.append((view.no_data_text(lang), Patch(facecolor=NO_DATA_FILL, edgecolor=SWATCH_EDGE, linewidth=1.0,
                                                  hatch=NO_DATA_HATCH)))
    return entries


def _bounds(picture: MapPicture) -> tuple[float, float, float, float] | None:
    geometries = np.concatenate([np.asarray(picture.outline, dtype=object),
                                 picture.view.frame.geometry.to_numpy()])
    if not len(geometries):
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    return None if not np.isfinite([minx, miny, maxx, maxy]).all() or maxx <= minx or maxy <= miny else (
        minx, miny, maxx, maxy)


def _stretch(picture: MapPicture) -> float:
    """How much taller than wide a degree is drawn: 1 / cos(latitude), as the page's axes scale."""
    frame = picture.view.frame
    latitude = float(np.nanmean(frame["label_y"])) if len(frame) else 0.0
    return 1 / math.cos(math.radians(latitude))


def _fit(w: float, h: float, aspect: float) -> tuple[float, float]:
    """The largest ``aspect`` (width / height) rectangle inside ``w`` x ``h``."""
    return (h * aspect, h) if w / h > aspect else (w, w / aspect)


def _legend_columns(texts: list[str], size: float, width: float) -> tuple[int, float, float]:
    """Columns of a legend under the map: as many as fit ``width``; returns (columns, width, height)."""
    swatch = 1.5 * size + 0.6 * size
    for rows in range(1, len(texts) + 1):
        ncol = math.ceil(len(texts) / rows)
        # matplotlib fills columns top to bottom, the first ``extra`` columns one entry longer
        short, extra = divmod(len(texts), ncol)
        ends = np.cumsum([short + (c < extra) for c in range(ncol)])
        cols = [texts[end - (short + (c < extra)):end] for c, end in enumerate(ends)]
        total = (sum(swatch + SLACK * max(fonts.measure(x, size) for x in col) for col in cols)
                 + 1.2 * size * (ncol - 1))
        if total <= width or ncol == 1:
            return ncol, total, math.ceil(len(texts) / ncol) * 2.0 * size
    return 1, 0.0, 0.0


def _layout(box: Box, aspect: float, texts: list[str], size: float) -> tuple[Box, Box, int]:
    """Map and legend boxes: the legend beside the map or under it, whichever leaves the larger map."""
    gap = 0.8 * size
    if not texts:
        w, h = _fit(box.w, box.h, aspect)
        return Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h), Box(0, 0, 0, 0), 1
    side_w = 2.1 * size + SLACK * max(fonts.measure(x, size) for x in texts)
    side_h = len(texts) * 2.0 * size
    ncol, under_w, under_h = _legend_columns(texts, size, box.w)
    side = _fit(max(box.w - side_w - gap, 1.0), box.h, aspect)
    under = _fit(box.w, max(box.h - under_h - gap, 1.0), aspect)
    if side[0] * side[1] >= under[0] * under[1]:
        w, h = side
        left = box.x + (box.w - (w + gap + side_w)) / 2
        bottom = box.y + (box.h - h) / 2
        legend = Box(left + w + gap, bottom + (h - side_h) / 2, side_w, side_h)
        return Box(left, bottom, w, h), legend, 1
    w, h = under
    bottom = box.y + (box.h - (h + gap + under_h)) / 2
    legend = Box(box.x + (box.w - under_w) / 2, bottom, under_w, under_h)
    return Box(box.x + (box.w - w) / 2, bottom + under_h + gap, w, h), legend, ncol


def _draw_areas(ax, picture: MapPicture, size: float) -> None:
    frame = picture.view.frame
    classes = np.asarray(frame["klass"], dtype=int)
    paths = geometry_paths(frame.geometry.to_numpy())
    colours = class_colours(len(picture.view.breaks))
    edge = EDGE["width"] * size / 15       # the page's 1-px edge next to its 15-px names
    classed = classes >= 0
    ax.add_collection(PathCollection([p for p, c in zip(paths, classed, strict=True) if c],
                                     facecolors=[colours[k] for k in classes[classed]], edgecolors=EDGE["color"],
                                     linewidths=edge, zorder=1), autolim=False)
    if (~classed).any():
        ax.add_collection(PathCollection([p for p, c in zip(paths, classed, strict=True) if not c],
                                         facecolors=NO_DATA_FILL, edgecolors=EDGE["color"], hatch=NO_DATA_HATCH,
                                         hatchcolors=NO_DATA_INK, linewidths=edge, zorder=1), autolim=False)
    outline = [p for p in geometry_paths(picture.outline) if len(p.vertices)]
    ax.add_collection(PathCollection(outline, facecolors="none", edgecolors=OUTLINE["color"],
                                     linewidths=OUTLINE["width"] * size / 15, zorder=2), autolim=False)


def _draw_names(ax, picture: MapPicture, size: float) -> None:
    """Names where the page writes them; white on the fills the page's ``_point_trace`` counts as dark."""
    frame = picture.view.frame
    dark_classes = [k for k, c in enumerate(class_colours(len(picture.view.breaks))) if c in theme.SEQUENTIAL[-2:]]
    dark = np.isin(np.asarray(frame["klass"], dtype=int), dark_classes)
    for x, y, name, light, show in zip(frame["label_x"], frame["label_y"], frame["nama"], dark,
                                       np.asarray(picture.labelled, dtype=bool), strict=True):
        if show:
            ax.text(x, y, str(name), fontsize=size, color=LIGHT_TEXT if light else DARK_TEXT, ha="center",
                    va="center", zorder=3, parse_math=False, clip_on=False)


def legend_height(picture: MapPicture, size: float, lang: str = "id") -> float:
    """Height of the legend as one column at ``size`` points."""
    return len(legend_entries(picture, lang)) * 2.0 * size


def draw_map(fig: Figure, box: Box, picture: MapPicture, size: float, lang: str = "id",
             legend_size: float | None = None, legend_at: Box | None = None) -> None:
    """The map and its legend inside ``box`` (points) of ``fig``: names at ``size`` points, the legend at
    ``legend_size`` (default the same), beside or under the map, or as one column in ``legend_at``."""
    legend_size = legend_size or size
    bounds = _bounds(picture)
    if bounds is None:
        return
    minx, miny, maxx, maxy = bounds
    stretch = _stretch(picture)
    pad_x, pad_y = 0.01 * (maxx - minx), 0.01 * (maxy - miny)
    aspect = (maxx - minx + 2 * pad_x) / ((maxy - miny + 2 * pad_y) * stretch)
    entries = legend_entries(picture, lang)
    if legend_at is None:
        map_box, legend_box, ncol = _layout(box, aspect, [name for name, _ in entries], legend_size)
    else:
        (map_box, _, _), legend_box, ncol = _layout(box, aspect, [], legend_size), legend_at, 1
    width, height = fig.get_size_inches() * 72
    ax = fig.add_axes((map_box.x / width, map_box.y / height, map_box.w / width, map_box.h / height))
    ax.set_axis_off()
    ax.set_xlim(minx - pad_x, maxx + pad_x)
    ax.set_ylim(miny - pad_y, maxy + pad_y)
    ax.set_aspect(stretch, adjustable="datalim", anchor="C")
    _draw_areas(ax, picture, size)
    _draw_names(ax, picture, size)
    if entries:
        fig.legend([patch for _, patch in entries], [name for name, _ in entries], loc="upper left",
                   bbox_to_anchor=(legend_box.x / width, (legend_box.y + legend_box.h) / height), ncol=ncol,
                   fontsize=legend_size, frameon=False, handlelength=1.5, handleheight=1.5, handletextpad=0.6,
                   columnspacing=1.2, labelspacing=0.5, borderpad=0, borderaxespad=0)


def label_size(width_px: int, height_px: int) -> float:
    """Names and legend in points at ``DPI``: the page's proportion to the map's width, capped by the height."""
    return max(8.0, LABEL_SHARE * min(width_px, 1.8 * height_px) * 72 / DPI)


def map_figure(picture: MapPicture, width_px: int, height_px: int, lang: str = "id") -> Figure:
    """The picture's figure, ``width_px`` x ``height_px`` at ``DPI``: map and legend, no axes."""
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, facecolor="#FFFFFF")
    size = label_size(width_px, height_px)
    margin = 0.6 * size
    with matplotlib.rc_context(fonts.RC):
        draw_map(fig, Box(margin, margin, width_px * 72 / DPI - 2 * margin, height_px * 72 / DPI - 2 * margin),
                 picture, size, lang)
    return fig


def map_png(picture: MapPicture, width_px: int, height_px: int, lang: str = "id") -> bytes:
    """The map as a ``width_px`` x ``height_px`` PNG on white, legend included, no axes."""
    fig = map_figure(picture, width_px, height_px, lang)
    buffer = io.BytesIO()
    with matplotlib.rc_context(fonts.RC):
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="#FFFFFF")
    return buffer.getvalue()
