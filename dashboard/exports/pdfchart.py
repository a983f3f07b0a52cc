"""A ``Chart`` drawn on a PDF page from its data, as the PPTX's native chart shows it: horizontal bars with the
categories top to bottom in list order, or lines over the categories; each series in its colour, the printed labels
exactly ``Series.labels``, reference lines with their labels, value ticks written the Indonesian way.

Margins are measured from the texts (category names, value labels), so no name or label is cut at the page edge.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from dashboard.exports import fonts
from dashboard.exports.pdfpage import DARK, GRID, MUTED, Area, Page
from dashboard.exports.slidetext import reference_text
from dashboard.formatting import format_number, format_pct, format_rupiah
from dashboard.slides.model import PCT, RUPIAH, Chart

TICK_PT = 14
LEGEND_PT = 14
REFERENCE_PT = 13
PAD = 8.0


def tick_text(value: float, unit: str, step: float) -> str:
    """An axis tick: ``40%``, ``Rp 1,5 M``, ``12.000``; one decimal only where the step needs it."""
    decimals = 0 if step >= 1 or step == 0 else 1
    if unit == PCT:
        return format_pct(value, decimals)
    if unit == RUPIAH:   # ticks are round: "Rp 600 jt", not "Rp 600,0 jt"
        return "0" if value == 0 else format_rupiah(value, short=True).replace(",0 ", " ")
    return format_number(value, decimals)


def _formatter(ax: Axes, axis: str, unit: str) -> FuncFormatter:
    def render(value: float, _pos: int) -> str:
        ticks = (ax.get_xticks() if axis == "x" else ax.get_yticks())
        step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
        return tick_text(value, unit, step)
    return FuncFormatter(render)


def _values(chart: Chart) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for s in chart.series for v in s.values], dtype=float)


def _value_range(chart: Chart) -> tuple[float, float]:
    """The value axis: from 0 (or below, for negative values) to ``value_max`` or the largest value or reference."""
    values = np.concatenate([_values(chart), [r.value for r in chart.references]])
    values = values[np.isfinite(values)]
    low = min(0.0, float(values.min())) if len(values) else 0.0
    high = max(0.0, float(values.max())) if len(values) else 1.0
    if chart.value_max is not None:
        high = max(float(chart.value_max), high)
    return low, (high if high > low else low + 1.0)


def _style_axes(ax: Axes, value_axis: str, unit: str, size: float) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left" if value_axis == "x" else "bottom"].set_color(DARK)
    ax.spines["bottom" if value_axis == "x" else "left"].set_visible(False)
    target = ax.xaxis if value_axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(5))
    target.set_major_formatter(_formatter(ax, value_axis, unit))
    ax.grid(axis=value_axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=size, colors=DARK, length=0)


def _legend(page: Page, chart: Chart, area: Area) -> None:
    """The series names under the plot, when there is more than one."""
    if len(chart.series) < 2:
        return
    x = area.x
    for series in chart.series:
        page.rect(Area(x, area.y + 2, LEGEND_PT, LEGEND_PT), series.colour)
        page.text(x + LEGEND_PT * 1.5, area.y + 2 + LEGEND_PT / 2, series.name, LEGEND_PT, va="center")
        x += LEGEND_PT * 3 + fonts.measure(series.name, LEGEND_PT)


def _references(ax: Axes, chart: Chart, orientation: str, low: float, high: float) -> None:
    """Dashed lines with their labels stacked above (bars) or at the right end (lines) of the plot."""
    for i, reference in enumerate(chart.references):
        label = reference_text(reference, chart.unit)
        share = (reference.value - low) / (high - low)
        if orientation == "bar":
            ax.axvline(reference.value, color=DARK, linestyle="--", linewidth=1.6, zorder=3)
            ha = "left" if share < 0.2 else "right" if share > 0.8 else "center"
            ax.annotate(label, (reference.value, 1.0), xycoords=blended_transform_factory(ax.transData, ax.transAxes),
                        xytext=(0, 4 + i * REFERENCE_PT * 1.3), textcoords="offset points", ha=ha, va="bottom",
                        fontsize=REFERENCE_PT, color=DARK, annotation_clip=False)
        else:
            ax.axhline(reference.value, color=DARK, linestyle="--", linewidth=1.6, zorder=3)
            ax.annotate(label, (0.0, reference.value), xycoords=blended_transform_factory(ax.transAxes, ax.transData),
                        xytext=(4, 4), textcoords="offset points", ha="left", va="bottom", fontsize=REFERENCE_PT,
                        color=DARK, annotation_clip=False)


def _bar_label_size(chart: Chart, plot_h: float) -> float:
    """As large as a bar is thick (16 pt at most): 24 kecamatan x 2 series leave 6-pt bars, and a larger label
    would run into the next bar's."""
    bar_h = plot_h / max(len(chart.categories), 1) * 0.8 / max(len(chart.series), 1)
    return max(7.0, min(16.0, bar_h * 0.95))


def _room_for_negative_labels(chart: Chart, low: float, high: float, width: float, size: float) -> float:
    """The axis start: below the lowest value by the width of the labels printed left of negative bars."""
    if low >= 0:
        return low
    widest = max([fonts.measure(label, size) for s in chart.series for v, label in zip(s.values, s.labels,
                                                                                        strict=True)
                  if v is not None and v < 0] or [0.0]) + PAD
    share = min(widest / width, 0.5)
    return low - (high - low) * share / (1 - share)


def draw_bars(page: Page, chart: Chart, area: Area) -> None:
    n, m = len(chart.categories), max(len(chart.series), 1)
    legend_h = LEGEND_PT * 2 if m > 1 else 0
    top = REFERENCE_PT * 1.3 * len(chart.references) + (6 if chart.references else 0)
    bottom = TICK_PT * 2 + (TICK_PT * 1.4 if chart.value_title else 0) + legend_h
    category_pt = max(8.0, min(16.0, (area.h - top - bottom) / max(n, 1) * 0.62))
    names = [fonts.wrap(c, category_pt, area.w * 0.3) for c in chart.categories]
    names = ["\n".join(lines[:2]) for lines in names]
    left = max([fonts.measure(line, category_pt) for name in names for line in name.split("\n")] or [0]) + PAD
    label_pt = _bar_label_size(chart, area.h - top - bottom)
    right = max([fonts.measure(label, label_pt) for s in chart.series for label in s.labels] or [0]) + PAD * 2
    plot = Area(area.x + left, area.y + top, max(area.w - left - right, 50.0), max(area.h - top - bottom, 50.0))
    ax = page.axes(plot)
    low, high = _value_range(chart)
    width = 0.8 / m
    for j, series in enumerate(chart.series):
        y = np.arange(n) - 0.4 + width * (j + 0.5)
        values = np.array([np.nan if v is None else float(v) for v in series.values], dtype=float)
        ax.barh(y, np.nan_to_num(values), height=width * 0.92, color=series.colour, zorder=2)
        for yi, value, label in zip(y, values, series.labels, strict=True):
            if label:
                x = 0.0 if math.isnan(value) else value
                ax.annotate(label, (x, yi), xytext=(-4 if x < 0 else 4, 0), textcoords="offset points",
                            ha="right" if x < 0 else "left", va="center", fontsize=label_pt, color=DARK,
                            annotation_clip=False)
    ax.set_ylim(n - 0.5, -0.5)          # the first category on top
    ax.set_xlim(_room_for_negative_labels(chart, low, high, plot.w, label_pt), high)
    ax.set_yticks(range(n), names)
    _style_axes(ax, "x", chart.unit, TICK_PT)
    ax.tick_params(axis="y", labelsize=category_pt)
    if low < 0:
        ax.axvline(0, color=DARK, linewidth=1.0)
    if chart.value_title:
        ax.set_xlabel(chart.value_title, fontsize=TICK_PT, color=MUTED)
    _references(ax, chart, "bar", low, high)
    _legend(page, chart, Area(plot.x, area.bottom - legend_h, plot.w, legend_h))


def draw_lines(page: Page, chart: Chart, area: Area) -> None:
    n = len(chart.categories)
    legend_h = LEGEND_PT * 2 if len(chart.series) > 1 else 0
    low, high = _value_range(chart)
    left = max(fonts.measure(tick_text(v, chart.unit, 1.0), TICK_PT) for v in (low, high)) + PAD * 2
    title_w = TICK_PT * 1.6 if chart.value_title else 0
    bottom = TICK_PT * 2.2 + legend_h
    plot = Area(area.x + left + title_w, area.y + REFERENCE_PT, area.w - left - title_w - PAD * 3,
                area.h - REFERENCE_PT - bottom)
    ax = page.axes(plot)
    # labels as wide as 90% of the step between points at most, so neighbours never touch
    widest = max([fonts.measure(label, 10, True) for s in chart.series for label in s.labels] or [0])
    label_pt = max(8.0, min(14.0, 10 * 0.9 * plot.w / max(n, 1) / widest)) if widest else 14.0
    x = np.arange(n)
    grid = np.array([[np.nan if v is None else float(v) for v in s.values] for s in chart.series], dtype=float)
    # at each category the highest point writes its label above, the others below: two close lines never
    # write into each other
    top = np.nanargmax(np.where(np.isnan(grid), -np.inf, grid), axis=0) if len(grid) else []
    span = high - low
    room_below = False
    for j, series in enumerate(chart.series):
        ax.plot(x, grid[j], color=series.colour, linewidth=3, marker="o", markersize=6, zorder=3)
        for xi, value, label in zip(x, grid[j], series.labels, strict=True):
            if label and not math.isnan(value):
                below = top[xi] != j
                room_below |= below and value - low < 0.15 * span
                ax.annotate(label, (xi, value), xytext=(0, -9 if below else 9), textcoords="offset points",
                            ha="center", va="top" if below else "bottom", fontsize=label_pt, color=DARK,
                            fontweight="bold", annotation_clip=False)
    # a label under a point near the axis would sit on the month names: the plot then reaches a little below
    bottom_limit = low - 0.12 * span if room_below else low
    ax.set_ylim(bottom_limit, high + 0.08 * span)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_xticks(x, chart.categories)
    _style_axes(ax, "y", chart.unit, TICK_PT)
    ticks = MaxNLocator(5).tick_values(low, high)
    ax.set_yticks(ticks[(ticks >= low - 1e-9 * span) & (ticks <= high + 0.08 * span)])
    if chart.value_title:
        ax.set_ylabel(chart.value_title, fontsize=TICK_PT, color=MUTED)
    _references(ax, chart, "line", low, high)
    _legend(page, chart, Area(plot.x, area.bottom - legend_h, plot.w, legend_h))


def draw_chart(page: Page, chart: Chart, area: Area) -> None:
    """The chart in ``area``; a chart without categories or series leaves the body empty (no axes of nothing)."""
    if chart.categories and chart.series:
        (draw_bars if chart.kind == "bar" else draw_lines)(page, chart, area)
