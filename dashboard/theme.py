"""Projector theme: large type, high contrast, colour-blind-safe colours, one plotly template for every chart."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito: distinguishable with the common colour-vision deficiencies
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
# RAG cells: green / amber / red / grey ("no target" is grey, never red)
RAG = {"hijau": "#1B7F3B", "kuning": "#E6A100", "merah": "#C62828", "abu": "#9E9E9E"}
# sequential scale for choropleths and heat cells (light to dark blue)
SEQUENTIAL = ["#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C"]
FONT_SIZE = 20
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"  # bundled with Streamlit; nothing fetched

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

# Streamlit's own tables and metrics, enlarged for the back of a hall
PAGE_CSS = """
<style>
[data-testid="stTable"] table { font-size: 1.15rem; }
[data-testid="stTable"] th { font-weight: 700; color: #111; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 2.4vw, 2.8rem); font-weight: 700; }
[data-testid="stMetricValue"] div, [data-testid="stMetricLabel"] div { overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; white-space: normal; }
[data-testid="stCaptionContainer"] { font-size: 1rem; color: #333; }
[data-testid="stSidebar"] { min-width: 240px; max-width: 260px; }
[data-testid="stMainBlockContainer"], .block-container { padding-top: 2rem; }
</style>
"""
