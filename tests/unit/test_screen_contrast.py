"""The projector palette holds WCAG AA on a washed-out projector: text 4.5:1 against what it is drawn on, a chart's
bars and lines 3:1 against the white page. Each pair below is one the pages or the slides actually draw."""

import tomllib

import pytest

from dashboard import theme
from dashboard.maps.figure import class_colours
from dashboard.paths import STREAMLIT_CONFIG
from dashboard.slides.screen import INK, bar_edge, screen_colour

WHITE = "#FFFFFF"
STREAMLIT_THEME = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))["theme"]


@pytest.mark.parametrize(("one", "other", "ratio"), [
    ("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0),
    ("#767676", "#FFFFFF", 4.54), ("#777777", "#FFFFFF", 4.48),  # the grey on each side of 4.5:1
])
def test_contrast_ratio_matches_wcag_reference_values(one, other, ratio):
    assert theme.contrast_ratio(one, other) == pytest.approx(ratio, abs=0.01)
    assert theme.contrast_ratio(other, one) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(("text", "background"), [
    (STREAMLIT_THEME["textColor"], STREAMLIT_THEME["backgroundColor"]),             # page text
    (STREAMLIT_THEME["textColor"], STREAMLIT_THEME["secondaryBackgroundColor"]),    # sidebar, widgets
    (STREAMLIT_THEME["primaryColor"], STREAMLIT_THEME["backgroundColor"]),          # links, focused widgets
    ("#FFFFFF", STREAMLIT_THEME["primaryColor"]),                                   # primary button ("Presentasi")
    ("#333333", "#FFFFFF"),                                                         # captions, slide subtitles
    (INK, "#FFFFFF"),                                                               # chart text, tables
    ("#FFFFFF", theme.PALETTE[0]),                                                  # Capaian funnel labels
], ids=["text", "text-on-secondary", "primary", "primary-button", "caption", "chart-ink", "funnel"])
def test_text_colours_hold_4_5_to_1(text, background):
    assert theme.contrast_ratio(text, background) >= theme.TEXT_MIN_CONTRAST


@pytest.mark.parametrize("status", list(theme.RAG))
def test_rag_cells_text_holds_4_5_to_1_on_its_fill(status):
    fill = theme.RAG[status]
    assert theme.contrast_ratio(theme.ink_on(fill), fill) >= theme.TEXT_MIN_CONTRAST


@pytest.mark.parametrize("n_classes", [1, 2, 3, 4, 5])
def test_map_names_hold_4_5_to_1_on_every_class_fill(n_classes):
    """The Peta rule: names white on the two darkest fills of the scale, near-black elsewhere."""
    for fill in class_colours(n_classes):
        ink = "#FFFFFF" if fill in theme.SEQUENTIAL[-2:] else "#111111"
        assert theme.contrast_ratio(ink, fill) >= theme.TEXT_MIN_CONTRAST, (fill, ink)


@pytest.mark.parametrize("colour", theme.PALETTE[:4])
def test_chart_series_colours_hold_3_to_1_against_the_page(colour):
    """The colours the charts draw bars and lines in (blue, orange, green, vermillion)."""
    assert theme.contrast_ratio(colour, WHITE) >= theme.GRAPHIC_MIN_CONTRAST


@pytest.mark.parametrize("colour", [*theme.PALETTE, *theme.RAG.values(), "#9DB9D3", "#8C8C8C"])
def test_every_colour_drawn_on_a_slide_is_kept_visible(colour):
    """On a slide a pale line is darkened (same hue) and a pale bar outlined until it holds 3:1."""
    assert theme.contrast_ratio(screen_colour(colour), WHITE) >= theme.GRAPHIC_MIN_CONTRAST
    edge = bar_edge(colour)
    outline = edge["color"] if edge["width"] else colour
    assert theme.contrast_ratio(outline, WHITE) >= theme.GRAPHIC_MIN_CONTRAST


def test_a_colour_that_holds_already_is_kept():
    assert screen_colour(theme.PALETTE[0]) == theme.PALETTE[0]
    assert bar_edge(theme.PALETTE[0]) == {"width": 0}


@pytest.mark.parametrize("fill", ["#FFFFFF", "#000000", *theme.RAG.values(), *theme.SEQUENTIAL, *theme.PALETTE])
def test_ink_on_picks_the_more_legible_of_black_and_white(fill):
    other = "#FFFFFF" if theme.ink_on(fill) == "#111111" else "#111111"
    assert theme.contrast_ratio(theme.ink_on(fill), fill) >= theme.contrast_ratio(other, fill)
