"""The Peta slide's map for one projector screen, pure (no Streamlit): the Peta page's own figure, restyled."""

from __future__ import annotations

import math
from html import escape

import numpy as np
import plotly.graph_objects as go
import shapely

from dashboard.maps.figure import choropleth
from dashboard.slides.model import MapPicture
from dashboard.slides.screen import SMALLEST, Screen

MAP_SHARE = 0.7  # of the slide's width; the top-class areas and the legend take the rest


def map_figure(picture: MapPicture, hotspots_title: str, lang: str = "id", screen: Screen = SMALLEST) -> go.Figure:
    """The Peta page's map with names at chart size (as many as fit without covering each other), no title (the
    slide has one), the top-class areas and the legend right of it; its height comes from the page."""
    size = screen.text_size
    fig = choropleth(picture.view, picture.outline, "", map_labels(picture, screen), lang)
    fig.update_traces(textfont_size=size - 2, selector={"mode": "markers+text"})
    lines = [f"<b>{escape(hotspots_title)}</b>", *(escape(line) for line in picture.hotspots)]
    fig.update_layout(height=None, title=None, margin={"l": 0, "r": 0, "t": 8, "b": 0}, hovermode=False,
                      dragmode=False, xaxis={"domain": [0, MAP_SHARE]},
                      legend={"font": {"size": size - 2}, "orientation": "v", "x": MAP_SHARE + 0.03, "y": 0,
                              "xanchor": "left", "yanchor": "bottom"},
                      annotations=[{"text": "<br>".join(lines), "xref": "paper", "yref": "paper",
                                    "x": MAP_SHARE + 0.03, "y": 1, "xanchor": "left", "yanchor": "top",
                                    "align": "left", "showarrow": False, "font": {"size": size}}])
    return fig


def map_labels(picture: MapPicture, screen: Screen = SMALLEST) -> np.ndarray:
    """Which of the map's names to print: the top-class areas first, then the largest, each only where it covers
    no name already placed, planned for the map's box on this screen (the names of all 24 kecamatan at 18 px
    run into each other at 1024x768)."""
    frame, size = picture.view.frame, screen.text_size - 2
    box = (screen.plot_width * MAP_SHARE, screen.height * 0.62)
    minx, miny, maxx, maxy = shapely.total_bounds(picture.outline)
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    scale = min(box[0] / max((maxx - minx) * squeeze, 1e-9), box[1] / max(maxy - miny, 1e-9))
    top = {kode: i for i, kode in enumerate(picture.view.hotspots["kode"])}
    area = shapely.area(frame.geometry.to_numpy())
    order = sorted(np.flatnonzero(picture.labelled),
                   key=lambda i: (top.get(frame["kode"].iloc[i], len(top)), -area[i]))
    placed: list[tuple[float, float, float, float]] = []
    chosen = np.zeros(len(frame), dtype=bool)
    for i in order:
        x = (frame["label_x"].iloc[i] - minx) * squeeze * scale
        y = (maxy - frame["label_y"].iloc[i]) * scale
        half_w, half_h = screen.text_px(len(str(frame["nama"].iloc[i])), size) / 2 + 3, 0.65 * size
        mine = (x - half_w, y - half_h, x + half_w, y + half_h)
        if all(mine[2] <= b[0] or b[2] <= mine[0] or mine[3] <= b[1] or b[3] <= mine[1] for b in placed):
            placed.append(mine)
            chosen[i] = True
    return chosen
