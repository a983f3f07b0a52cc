"""Presentation mode (``/?presentasi=1[&slide=N]``): the rakor deck, one slide per screen, for the projector.

The filters in force come from the URL (the page's own, mirrored there by the sidebar), so a bookmark opens the same
slides; ``rapat=ID`` shows that prepared rakor instead, from its frozen figures. The slide number lives in the URL
too, so a reload stays on the slide. A presenter's remote sends PageDown/PageUp, arrows or Space: a small component
in the page hears them without a click into the page and moves the slide (the buttons do the same for a mouse). The
CSS makes the page one screen high and gives the slide's body whatever the title and footer leave; figures stretch
to that box, tables size their type from it, and the component reports the window's size, from which the charts'
text size is chosen.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from html import escape

import plotly.graph_objects as go
import streamlit as st

from dashboard import filters as flt
from dashboard.i18n import register
from dashboard.meetings.records import Meeting
from dashboard.slides import screen_map, screen_text
from dashboard.slides.agenda import build_deck
from dashboard.slides.model import Chart, Deck, MapPicture, Missing, Slide, Table, Tiles
from dashboard.slides.screen import Screen, chart_figure
from dashboard.web import meeting as rakor
from dashboard.web import ui
from dashboard.web.deckfiles import deck_downloads
from dashboard.web.present_assets import CSS, REMOTE_JS

PARAM, SLIDE = "presentasi", "slide"

register({
    "present_open": ("Presentasi", "Present"),
    "present_open_help": ("Tampilkan slide rakor layar penuh dengan filter ini (PageDown/PageUp untuk pindah).",
                          "Show the rakor slides full screen with these filters (PageDown/PageUp to move)."),
    "present_exit": ("Keluar", "Exit"),
    "present_next": ("Slide berikutnya (PageDown, →, Spasi)", "Next slide (PageDown, →, Space)"),
    "present_prev": ("Slide sebelumnya (PageUp, ←)", "Previous slide (PageUp, ←)"),
    "present_compared": ("Perubahan {text}", "Change {text}"),
    "present_empty": ("Agenda rakor kosong: isi [agenda] items di rakor.toml.",
                      "The rakor agenda is empty: fill in [agenda] items in rakor.toml."),
    "present_files": ("Berkas", "Files"),
    "present_decide": ("Keputusan", "Decision"),
    "present_decide_help": ("Catat keputusan rakor pada angka di slide ini", "Record a rakor decision on a figure of "
                            "this slide"),
    "present_files_title": ("Berkas rakor: slide ini sebagai PowerPoint, PDF dan Excel",
                            "Rakor files: these slides as PowerPoint, PDF and Excel"),
})

remote = st.components.v2.component("rakor_presenter_remote", js=REMOTE_JS)  # registered once

CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False, "responsive": True}


def requested() -> bool:
    """Whether the address asks for presentation mode."""
    return st.query_params.get(PARAM) == "1"


def start() -> None:
    """Button callback: present from the first slide, with the filters the URL already holds."""
    st.query_params[PARAM] = "1"
    st.query_params[SLIDE] = "1"


def stop() -> None:
    """Button callback: back to the page, its filters unchanged."""
    for name in (PARAM, SLIDE):
        if name in st.query_params:
            del st.query_params[name]


def slide_number(total: int) -> int:
    """The slide the URL asks for (1-based), kept within the deck."""
    try:
        number = int(st.query_params.get(SLIDE, "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), max(total, 1))


def _move(step: int, total: int) -> None:
    st.query_params[SLIDE] = str(min(max(slide_number(total) + step, 1), total))


def _pressed(total: int) -> None:
    """A key of the remote: one slide on or back."""
    _move(int(st.session_state["present_remote"].step or 0), total)


def _ignore() -> None:
    """A state change needs a callback to reach Python; the new size is read on the rerun it causes."""


def _remote(total: int) -> Screen:
    """Draw the remote (out of the layout); the window's size it reported, 1024x768 (the smallest) until then."""
    with st.container(key="present_keys"):
        state = remote(key="present_remote", on_step_change=partial(_pressed, total), on_screen_change=_ignore,
                       height=0)
    try:
        width, height = (int(v) for v in state.screen)
    except (AttributeError, TypeError, ValueError):
        return Screen()
    return Screen(min(max(width, 320), 7680), min(max(height, 240), 4320))


def url_filters() -> flt.Filters:
    """The filters in the URL (the sidebar is not drawn here), also for ``ui.current_filters``."""
    chosen = flt.load_filter_options(ui.query, ui.settings().kabupaten).parse(st.query_params.to_dict())
    st.session_state["filters"] = chosen
    return chosen


@st.cache_resource(max_entries=16, show_spinner=False)
def _deck(version: float, key: tuple[tuple[str, str], ...], lang: str, today: dt.date, _filters: flt.Filters) -> Deck:
    """The deck for one database version, filters, language and day (about a second to build: once, not per key
    press); ``key`` stands for the filters in the cache key."""
    return build_deck(ui.query, _filters, ui.settings(), lang, today)


def deck() -> Deck:
    """The slides of the rakor the address names (``rapat=``, its frozen figures), else of the URL's filters."""
    meeting = rakor.requested()
    if meeting is not None:
        st.session_state["filters"] = meeting.filters
        return rakor.presented_deck(meeting)
    return live_deck(url_filters(), ui.lang())


def live_deck(filters: flt.Filters, lang: str) -> Deck:
    """The deck of the live database for ``filters`` (cached per database version)."""
    return _deck(ui.db_version(), tuple(sorted(filters.to_query_params().items())), lang, dt.date.today(), filters)


def run() -> None:
    """Draw the slide the URL names, in place of the page."""
    st.html(CSS)
    shown = deck()
    total = len(shown.slides)
    size = _remote(total)
    if not total:
        st.html(f'<p class="present-missing">{escape(ui.text("present_empty"))}</p>')
        st.button(ui.text("present_exit"), key="present_exit", on_click=stop)
        return
    number = slide_number(total)
    st.query_params[SLIDE] = str(number)
    slide = shown.slides[number - 1]
    _header(slide)
    with st.container(key="present_body"):
        _body(slide, number, size)
    _footer(shown, slide, number)


def _header(slide: Slide) -> None:
    """The slide's title and one line under it: its subtitle and, over tiles, what their changes compare with."""
    common = screen_text.common_comparison(slide.body) if isinstance(slide.body, Tiles) else None
    line = " · ".join(filter(None, [slide.subtitle, common and ui.text("present_compared", text=common)]))
    subtitle = f"<p>{screen_text.inline_html(line)}</p>" if line else ""
    st.html(f'<div class="present-head"><h1>{escape(slide.heading)}</h1>{subtitle}</div>')


def _body(slide: Slide, number: int, size: Screen) -> None:
    body = slide.body
    if isinstance(body, Tiles):
        _tiles(body)
    elif isinstance(body, Chart):
        _figure(chart_figure(body, size), number)
    elif isinstance(body, MapPicture):
        _figure(screen_map.map_figure(body, ui.text("peta_hotspots"), ui.lang(), size), number)
    elif isinstance(body, Table):
        st.html(screen_text.table_html(body))
    elif isinstance(body, Missing):
        st.html(f'<p class="present-missing">{screen_text.inline_html(body.message)}</p>')


def _figure(fig: go.Figure, number: int) -> None:
    st.plotly_chart(fig, key=f"present_chart_{number}", width="stretch", height="stretch", theme=None,
                    config=CHART_CONFIG)


def _tiles(tiles: Tiles) -> None:
    """Headline tiles in a grid of equal cells (CSS), four across when there are more than six."""
    columns = 4 if len(tiles.tiles) > 6 else 3 if len(tiles.tiles) > 4 else 2
    common = screen_text.common_comparison(tiles)
    with st.container(key="present_tiles"):
        st.html(f"<style>.st-key-present_tiles {{ grid-template-columns: repeat({columns}, minmax(0, 1fr)); }}"
                "</style>")
        for i, tile in enumerate(tiles.tiles):
            with st.container(key=f"present_tile_{i}", border=True):
                st.metric(tile.label, tile.text, **screen_text.tile_delta(tile, common))
                if tile.note:
                    st.caption(tile.note)


def _footer(shown: Deck, slide: Slide, number: int) -> None:
    """The source line; then the filters in force, the rakor's title, date and slide counter, and the buttons."""
    if slide.source:
        st.html(f'<p class="present-source">{escape(slide.source)}</p>')
    total = len(shown.slides)
    with st.container(key="present_footer", horizontal=True, vertical_alignment="center", wrap=False):
        st.html(f'<p class="present-scope">{escape(shown.filters_text)}</p>', width="stretch")
        st.html(f'<p class="present-counter">{escape(shown.footer(number - 1))}</p>', width="content")
        st.button("‹", key="present_prev", on_click=_move, args=(-1, total), disabled=number == 1,
                  help=ui.text("present_prev"), type="tertiary")
        st.button("›", key="present_next", on_click=_move, args=(1, total), disabled=number == total,
                  help=ui.text("present_next"), type="tertiary")
        meeting = rakor.requested()
        if meeting is not None and st.button(ui.text("present_decide"), key="present_decide", type="tertiary",
                                             help=ui.text("present_decide_help")):
            rakor.decide_on_slide(meeting, slide.key)
        if st.button(ui.text("present_files"), key="present_files", type="tertiary"):
            _files(ui.current_filters(), meeting)
        st.button(ui.text("present_exit"), key="present_exit", on_click=stop, type="tertiary")


@st.dialog(" ", width="large")
def _files(filters: flt.Filters, meeting: Meeting | None) -> None:
    """The handouts of the slides on screen, over the slide (a dialog: the slide keeps its one screen)."""
    st.markdown(f"**{ui.text('present_files_title')}**")
    deck_downloads(filters, "present.deck", meeting)
