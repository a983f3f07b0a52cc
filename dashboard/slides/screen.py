"""A slide's chart drawn for one projector screen, pure (no Streamlit): ``dashboard.web.present`` lays it out.

Nothing here sets a height: a figure stretches to the box the page gives it. The page reports the window's size
(``Screen``, 1024x768 until it has), which sets the text size (a 1920-px picture is no larger on the wall than a
1024-px one, so its text needs more pixels) and plans the room labels need. A bar chart with more bars than one
panel holds with readable labels gets side-by-side panels instead of cramped or skipped labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard import theme
from dashboard.formatting import format_rupiah
from dashboard.slides.model import PCT, RUPIAH, Chart
from dashboard.textsafe import plotly_text

TEXT_SIZE = 20            # chart text at 1024x768: more than the 18 px a hall needs at the back
MAX_TEXT_SIZE = 32
INK = "#111111"
BACKGROUND = "#FFFFFF"
BAR_ROWS_PER_PANEL = 16   # bars one panel holds with room for their labels (text grows with the screen's height)
MAX_PANELS = 3
CATEGORY_CHARS = 18       # longer category names are broken into lines
DASHES = ("dash", "dot", "dashdot")
# a white halo keeps a label legible where a reference line or a grid line runs through it
HALO = ", ".join(f"{x}px {y}px 0 #FFFFFF" for x in (-2, 0, 2) for y in (-2, 0, 2) if x or y)


@dataclass(frozen=True)
class Screen:
    """The browser window a slide is drawn for; the smallest the slides are made for until the page says."""

    width: int = 1024
    height: int = 768

    @property
    def text_size(self) -> int:
        """Chart text in px: ``TEXT_SIZE`` at 1024x768, growing with the window up to ``MAX_TEXT_SIZE``."""
        scale = min(self.width / 1024, self.height / 768)
        return max(TEXT_SIZE, min(MAX_TEXT_SIZE, round(TEXT_SIZE * scale)))

    @property
    def plot_width(self) -> float:
        """The slide body's width: the window less the slide's side padding (2.4% a side)."""
        return self.width * 0.95

    def text_px(self, chars: int, size: int | None = None) -> float:
        """About how wide ``chars`` characters of the chart font are, for planning room for labels."""
        return chars * 0.55 * (size or self.text_size)


SMALLEST = Screen()  # 1024x768: what the slides must fit, and what is assumed until the page reports its size


def chart_figure(chart: Chart, screen: Screen = SMALLEST) -> go.Figure:
    """The chart for the screen: no fixed height (the page stretches it), all text at ``screen.text_size``."""
    size = screen.text_size
    fig = _bar_figure(chart, screen) if chart.kind == "bar" else _line_figure(chart, size)
    fig.update_layout(template="rakor", font={"size": size, "color": INK}, paper_bgcolor=BACKGROUND,
                      plot_bgcolor=BACKGROUND, hovermode=False, dragmode=False, separators=",.",
                      legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left",
                              "font": {"size": size}, "traceorder": "normal"})
    return fig


def screen_colour(colour: str) -> str:
    """A line's colour darkened (same hue) until it holds 3:1 against the background, so a washed-out projector
    still shows it; colours that already do are kept."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    for step in range(40):
        shade = f"#{round(r * 0.95 ** step):02X}{round(g * 0.95 ** step):02X}{round(b * 0.95 ** step):02X}"
        if theme.contrast_ratio(shade, BACKGROUND) >= theme.GRAPHIC_MIN_CONTRAST:
            return shade
    return INK


def bar_edge(colour: str) -> dict[str, object]:
    """A dark outline for a bar too pale to stand out from the background by itself (the pagu bars)."""
    pale = theme.contrast_ratio(colour, BACKGROUND) < theme.GRAPHIC_MIN_CONTRAST
    return {"color": screen_colour(colour), "width": 2} if pale else {"width": 0}


def bar_panels(chart: Chart) -> list[range]:
    """Which categories each side-by-side panel shows, top to bottom: more than ``BAR_ROWS_PER_PANEL`` bars in one
    panel would crowd their labels."""
    n = len(chart.categories)
    panels = min(MAX_PANELS, max(1, math.ceil(n * max(1, len(chart.series)) / BAR_ROWS_PER_PANEL)))
    size = max(1, math.ceil(n / panels))
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def _numbers(chart: Chart) -> list[float]:
    return [v for s in chart.series for v in s.values if v is not None and not math.isnan(v)]


def _longest(texts: list[str]) -> int:
    return max((len(line) for text in texts for line in text.split("<br>")), default=0)


def _bar_end(chart: Chart, screen: Screen, panel_px: float, category_px: float) -> float:
    """The value axis' end, leaving room right of the longest bar for its label."""
    top = max([*_numbers(chart), *(r.value for r in chart.references), 0.0])
    top = chart.value_max if chart.value_max is not None else top
    label_px = screen.text_px(_longest([label for s in chart.series for label in s.labels])) + 12
    plot_px = max(panel_px - category_px, 1.0)
    room = min(label_px / plot_px, 0.6)
    return (top or 1.0) / (1 - room)


def _bar_figure(chart: Chart, screen: Screen) -> go.Figure:
    """Horizontal bars, categories top to bottom, one panel per ``bar_panels`` group; every bar labelled, so the
    value axis is left out. Rows are placed by position, so two categories of the same name stay apart."""
    size, panels = screen.text_size, bar_panels(chart)
    names = [theme.wrap(plotly_text(name), CATEGORY_CHARS) for name in chart.categories]
    category_px = screen.text_px(_longest(names)) + 16
    gap = min(category_px / screen.plot_width, 0.3) if len(panels) > 1 else 0.0
    width = (1 - gap * (len(panels) - 1)) / len(panels)
    end = _bar_end(chart, screen, width * screen.plot_width, category_px)
    rows = max(len(panel) for panel in panels)
    traces, layout = [], {"barmode": "group", "bargap": 0.25, "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
                          "shapes": []}
    for p, panel in enumerate(panels):
        x, y = f"x{p + 1 if p else ''}", f"y{p + 1 if p else ''}"
        for s in chart.series:
            traces.append(go.Bar(
                x=[s.values[i] for i in panel], y=[i - panel.start for i in panel], orientation="h",
                text=[s.labels[i] for i in panel], textposition="outside", cliponaxis=False, constraintext="none",
                textfont={"size": size, "color": INK, "shadow": HALO}, name=s.name, legendgroup=s.name,
                marker={"color": s.colour, "line": bar_edge(s.colour)},
                showlegend=p == 0 and len(chart.series) > 1, xaxis=x, yaxis=y))
        start = p * (width + gap)
        layout[_axis(x)] = {"domain": [start, min(start + width, 1.0)], "range": [0, end], "anchor": y,
                            "visible": False, "fixedrange": True}
        layout[_axis(y)] = {"anchor": x, "range": [rows - 0.5, -0.5], "tickmode": "array",
                            "tickvals": list(range(len(panel))), "ticktext": [names[i] for i in panel],
                            "tickfont": {"size": size}, "showgrid": False, "ticks": "", "automargin": True,
                            "fixedrange": True, "showline": True, "linecolor": INK}
        layout["shapes"] += _reference_shapes(chart, x, y)
    return go.Figure([*traces, *_reference_keys(chart)], layout=layout)


def _axis(anchor: str) -> str:
    """``x`` -> ``xaxis``, ``y3`` -> ``yaxis3``."""
    return f"{anchor[0]}axis{anchor[1:]}"


def _reference_shapes(chart: Chart, x: str, y: str) -> list[dict[str, object]]:
    """Reference lines across one panel, under the data (and the labels' halo), so no label is crossed out:
    vertical on bars, horizontal on a line chart."""
    shapes = []
    for ref, dash in zip(chart.references, DASHES, strict=False):
        line = {"color": INK, "width": 3, "dash": dash}
        if chart.kind == "bar":
            shapes.append({"type": "line", "xref": x, "yref": f"{y} domain", "x0": ref.value, "x1": ref.value,
                           "y0": 0, "y1": 1, "line": line, "layer": "below"})
        else:
            shapes.append({"type": "line", "xref": f"{x} domain", "yref": y, "x0": 0, "x1": 1, "y0": ref.value,
                           "y1": ref.value, "line": line, "layer": "below"})
    return shapes


def _reference_keys(chart: Chart) -> list[go.Scatter]:
    """Each reference line named in the legend (a label on the line would collide with the bars' labels)."""
    return [go.Scatter(x=[None], y=[None], mode="lines", name=ref.label, showlegend=True,
                       line={"color": INK, "width": 3, "dash": dash})
            for ref, dash in zip(chart.references, DASHES, strict=False)]


def _last_index(values: list[float | None]) -> int | None:
    known = [i for i, v in enumerate(values) if v is not None and not math.isnan(v)]
    return known[-1] if known else None


def _line_figure(chart: Chart, size: int) -> go.Figure:
    """A line per series, labelled at its last value only: labels on all twelve months would run into each other."""
    traces = []
    for s in chart.series:
        last, colour = _last_index(s.values), screen_colour(s.colour)
        traces.append(go.Scatter(
            x=list(range(len(chart.categories))), y=s.values, mode="lines+markers+text", name=s.name,
            text=[label if i == last else "" for i, label in enumerate(s.labels)], textposition="top left",
            textfont={"size": size, "color": INK, "shadow": HALO}, cliponaxis=False,
            line={"color": colour, "width": 5}, marker={"size": 11, "color": colour}))
    top = chart.value_max or max([*_numbers(chart), *(r.value for r in chart.references), 0.0]) * 1.12 or 1.0
    ticks = value_ticks(top, chart.unit)
    return go.Figure([*traces, *_reference_keys(chart)], layout={
        "margin": {"l": 8, "r": 24, "t": 8, "b": 8}, "shapes": _reference_shapes(chart, "x", "y"),
        "xaxis": {"tickmode": "array", "tickvals": list(range(len(chart.categories))),
                  "ticktext": [plotly_text(c) for c in chart.categories],
                  "tickfont": {"size": size}, "showgrid": False, "zeroline": False, "fixedrange": True,
                  "showline": True, "linecolor": INK, "automargin": True},
        "yaxis": {"range": [0, top], "tickmode": "array", "tickvals": [v for v, _ in ticks],
                  "ticktext": [text for _, text in ticks], "tickfont": {"size": size}, "gridcolor": "#C8C8C8",
                  "zeroline": False, "fixedrange": True, "automargin": True,
                  "title": {"text": chart.value_title, "font": {"size": size}} if chart.value_title else None}})


def value_ticks(top: float, unit: str, n: int = 4) -> list[tuple[float, str]]:
    """About ``n`` round ticks from 0 to ``top``, written as the unit is shown (``Rp 2 M``, ``40%``, ``1.000``)."""
    raw = top / n
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [(i * step, _unit_text(i * step, unit)) for i in range(int(top // step) + 1)]


def _unit_text(value: float, unit: str) -> str:
    if unit == RUPIAH:
        return format_rupiah(value, short=True).replace(",0 ", " ")
    number = f"{value:,.10g}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{number}%" if unit == PCT else number
