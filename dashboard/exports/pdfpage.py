"""One PDF page as a 16:9 sheet addressed in points from its top left corner, as a slide is laid out.

Every text is placed line by line at a measured position (matplotlib neither wraps nor clips), so what is drawn
is exactly what was measured to fit. Type sizes follow the slides, a little smaller for paper: headings 30 pt,
body 16 pt, nothing under 10 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dashboard import theme
from dashboard.exports import fonts

PAGE_W, PAGE_H = 960.0, 540.0      # 13.333 x 7.5 inches: the PPTX's 16:9 page
MARGIN = 32.0
DARK, MUTED, GRID, PANEL, WHITE = "#111111", "#333333", "#D0D0D0", "#F2F2F2", "#FFFFFF"
ACCENT = theme.SEQUENTIAL[-1]      # the title rule and the table header (white text reads on it)
HIGHLIGHT = "#DCEAF7"              # a highlighted table row
LEADING = 1.22                     # line pitch as a multiple of the type size


@dataclass(frozen=True)
class Area:
    """A rectangle on the page in points: ``x``, ``y`` its top left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


class Page:
    """A matplotlib figure of one page with top-left point coordinates (16:9 by default; the minutes are A4)."""

    def __init__(self, width: float = PAGE_W, height: float = PAGE_H) -> None:
        self.width, self.height = width, height
        self.fig = Figure(figsize=(width / 72, height / 72), facecolor=WHITE)

    def text(self, x: float, y: float, text: str, size: float, *, bold: bool = False, colour: str = DARK,
             ha: str = "left", va: str = "top") -> None:
        """One line of text; ``y`` is its top (``va="top"``), centre or baseline."""
        self.fig.text(x / self.width, 1 - y / self.height, text, fontsize=size,
                      fontweight="bold" if bold else "normal", color=colour, ha=ha, va=va, parse_math=False)

    def lines(self, x: float, y: float, lines: list[str], size: float, **style) -> float:
        """Lines one under the other from ``y`` down; returns the y under the last one."""
        for line in lines:
            self.text(x, y, line, size, **style)
            y += size * LEADING
        return y

    def paragraph(self, area: Area, text: str, size: float, *, max_lines: int = 99, **style) -> float:
        """``text`` wrapped to ``area``'s width (cut to ``max_lines`` with an ellipsis); returns the y under it."""
        lines = fonts.wrap(text, size, area.w, style.get("bold", False))
        if len(lines) > max_lines:
            lines = [*lines[:max_lines - 1], lines[max_lines - 1] + " …"]
        return self.lines(area.x, area.y, lines, size, **style)

    def rect(self, area: Area, fill: str, edge: str | None = None, width: float = 0.8) -> None:
        self.fig.add_artist(Rectangle((area.x / self.width, 1 - area.bottom / self.height), area.w / self.width,
                                      area.h / self.height, transform=self.fig.transFigure, facecolor=fill,
                                      edgecolor=edge or "none", linewidth=width if edge else 0))

    def hline(self, x0: float, x1: float, y: float, colour: str = GRID, width: float = 0.8) -> None:
        self.fig.add_artist(Rectangle((x0 / self.width, 1 - y / self.height), (x1 - x0) / self.width, 0,
                                      transform=self.fig.transFigure, facecolor="none", edgecolor=colour,
                                      linewidth=width))

    def axes(self, area: Area) -> Axes:
        return self.fig.add_axes((area.x / self.width, 1 - area.bottom / self.height, area.w / self.width,
                                  area.h / self.height))


def lines_height(n: int, size: float) -> float:
    """Height that ``n`` lines at ``size`` take with ``Page.lines``."""
    return n * size * LEADING
