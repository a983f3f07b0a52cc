"""Projector theme: large type, high contrast, colour-blind-safe colours, one plotly template for every chart."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. The orange is darkened (#E69F00 -> #BF7A00)
# to 3:1 against white, WCAG AA for a chart's line or bar (it draws the Anggaran cash plan): 2,2:1 faded on a projector.
PALETTE = ["#0072B2", "#BF7A00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
# RAG cells: green / amber / red / grey ("no target" is grey, never red)
RAG = {"hijau": "#1B7F3B", "kuning": "#E6A100", "merah": "#C62828", "abu": "#9E9E9E"}
# sequential scale for choropleths and heat cells (light to dark blue); the two darkest carry white names, so both
# hold 4.5:1 against white (the fourth was #3182BD, 4,2:1)
SEQUENTIAL = ["#EFF3FF", "#BDD7E7", "#6BAED6", "#2171B5", "#08519C"]
FONT_SIZE = 20
# Streamlit serves its bundled font as "Source Sans" (older releases: "Source Sans Pro"); charts use the page's
# font, which is narrower than the Arial/DejaVu fallback, so labels fit where the tables' text fits. Nothing fetched.
FONT_FAMILY = "Source Sans, Source Sans Pro, Arial, sans-serif"
# Plotly never wraps text: titles are broken so each line fits the narrowest main column (1024-px screen with the
# sidebar open: about 720 px) at roughly half the font size per character.
TITLE_PX = 660
TITLE_GAP = 32  # px left free above a chart's title, under whatever the page shows above the chart

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"size": FONT_SIZE, "family": FONT_FAMILY, "color": "#111111"},
        title={"font": {"size": FONT_SIZE + 6}},
        colorway=PALETTE,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        xaxis={"gridcolor": "#D0D0D0", "linecolor": "#111111", "tickfont": {"size": FONT_SIZE - 2}},
        yaxis={"gridcolor": "#D0D0D0", "linecolor": "#111111", "tickfont": {"size": FONT_SIZE - 2}},
        legend={"font": {"size": FONT_SIZE - 2}},
        separators=",.",  # Indonesian: decimal comma, thousands dot
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
)
pio.templates["rakor"] = TEMPLATE

TEXT_MIN_CONTRAST = 4.5      # WCAG AA for text
GRAPHIC_MIN_CONTRAST = 3.0   # WCAG AA for a chart's bars and lines against the background


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``: sRGB channels linearised, weighted by the eye's sensitivity."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21 (text needs 4.5, a chart's marks 3 against their background)."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ink_on(fill: str) -> str:
    """The text colour (near-black or white) that reads best on ``fill``."""
    return max(("#111111", "#FFFFFF"), key=lambda ink: contrast_ratio(ink, fill))


def wrap(text: str, width: int) -> str:
    """Break each ``<br>``-separated line of a plotly text so no line is longer than ``width`` characters,
    preferably after a comma (``indicator, programme``), else at a space."""
    lines: list[str] = []
    for line in text.split("<br>"):
        current = ""
        for part in line.split(", "):
            joined = f"{current}, {part}" if current else part
            if len(joined) <= width:
                current = joined
                continue
            if current:
                lines.append(current + ",")
            *full, current = textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""]
            lines.extend(full)
        lines.append(current)
    return "<br>".join(lines)


def set_title(fig: go.Figure, text: str, *, size: int = FONT_SIZE + 6, below: int = 12, left: bool = False) -> None:
    """Wrapped title TITLE_GAP px below the top of the figure (clear of the widget above the chart) and a top
    margin that holds it plus ``below`` px for notes over the plot. Call after the height is set.

    Placed in pixels from the first line's baseline: plotly sets a multi-line title's first baseline at ``y``
    whatever ``yanchor`` says and hangs the other lines below it, so anchoring "top" cuts the first line.
    """
    text = wrap(text, int(TITLE_PX / (0.5 * size)))
    lines = text.count("<br>") + 1
    baseline = TITLE_GAP + 0.8 * size
    bottom = baseline + 1.3 * size * (lines - 1) + 0.3 * size
    place = {"x": 0, "xanchor": "left"} if left else {}
    fig.update_layout(title={"text": text, "font": {"size": size}, "yref": "container", "yanchor": "bottom",
                             "y": 1 - baseline / fig.layout.height, **place},
                      margin={"t": round(bottom + below)})


# Streamlit's own tables and metrics, enlarged for the back of a hall
PAGE_CSS = """
<style>
[data-testid="stTable"] table { font-size: 1.15rem; }
[data-testid="stTable"] th { font-weight: 700; color: #111; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 2.4vw, 2.8rem); font-weight: 700; }
[data-testid="stMetricValue"] div, [data-testid="stMetricLabel"] div { overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; white-space: normal; }
/* Streamlit fades captions to 60% opacity: #333 reads 3,7:1 then, under WCAG AA's 4,5:1 (sources, notes) */
[data-testid="stCaptionContainer"] { font-size: 1rem; color: #333; opacity: 1; }
[data-testid="stSidebar"] { min-width: 240px; max-width: 260px; }
.st-key-auth_cookie { position: absolute !important; width: 0; height: 0; overflow: hidden; }
.st-key-auth_form { max-width: 560px; }
.st-key-auth_form input { font-size: 1.3rem; }
[data-testid="stMainBlockContainer"], .block-container { padding-top: 2rem; }
/* Streamlit keeps 100 px either side of the main column; on a 1024-px projector that leaves 560 px, too narrow for
   a five-column scorecard, a six-column table or a ranked bar chart, so narrow screens give the room to the content.
   Tables step down a little: a CSS pixel of a 1024-px picture is nearly twice as large on the wall as at 1920.
   Their cells keep less side padding, so a seven-column table with a long desa name still fits. */
@media (max-width: 1400px) {
  [data-testid="stMainBlockContainer"], .block-container { padding-left: 1.5rem; padding-right: 1.5rem; }
  [data-testid="stTable"] table { font-size: 1.05rem; }
  [data-testid="stTable"] th, [data-testid="stTable"] td,
  [data-testid="stTable"] th:first-of-type, [data-testid="stTable"] td:first-of-type {
    padding-left: 0.3rem; padding-right: 0.3rem;
  }
}
</style>
"""
