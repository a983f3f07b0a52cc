"""The one module besides pages that calls Streamlit: connection and query caching, shared widgets.

Query results are cached per database file version (its modification time), so when an import swaps in a new
file cached results keyed on the old version are not reused; the shared Warehouse follows the file by itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import filters as flt
from dashboard.access import audit
from dashboard.access.roles import AccessDenied, User, check_query
from dashboard.config import Settings, load_settings
from dashboard.db import WilayahDiffers, effective_settings, ensure_database
from dashboard.i18n import t
from dashboard.pseudonym import KeyRefused
from dashboard.queries import run_query
from dashboard.textsafe import markdown_text
from dashboard.theme import PAGE_CSS
from dashboard.views import tables
from dashboard.warehouse import Warehouse
from dashboard.wilayah import KABUPATEN_LEN


@st.cache_resource
def _ready_settings() -> tuple[Settings, WilayahDiffers | None]:
    loaded = load_settings()
    ensure_database(loaded)
    return effective_settings(loaded)


def _ready() -> tuple[Settings, WilayahDiffers | None]:
    try:
        return _ready_settings()
    except KeyRefused as refusal:  # not cached: the next run checks again once the key file is put right
        st.error(refusal.message(st.session_state.get("lang") or load_settings().language))
        st.stop()


def settings() -> Settings:
    """The office settings once the database is ready, with the wilayah the database holds (it decides); an error
    page instead of the app for another key."""
    return _ready()[0]


def wilayah_notice() -> None:
    """One line at the top of the page when rakor.toml names another wilayah than the database holds."""
    differs = _ready()[1]
    if differs is not None:
        st.info(differs.message(lang()))


def db_version() -> float:
    """The database file's version (its modification time): what cached results and files are keyed on."""
    return os.path.getmtime(settings().database)


@st.cache_resource
def _warehouse() -> Warehouse:
    return Warehouse(settings().database)


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_query(name: str, version: float, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    """``version`` only keys the cache: the warehouse itself reads the newest file, safely during an import."""
    with _warehouse().reading() as con:
        return run_query(con, name, **dict(params))


NOBODY = User("-", "")
"""Before anyone signs in: may read nothing."""


def user() -> User:
    """Who this browser is signed in as (set by dashboard.web.login before any page runs)."""
    return st.session_state.get("auth.user") or NOBODY


def may(role: str) -> bool:
    return user().may(role)


def check(name: str) -> None:
    """Stop the page, logged, unless the signed-in role may read query ``name``."""
    try:
        check_query(user(), name)
    except AccessDenied as denied:
        audit.record(settings().access_store, audit.Entry(user().name, user().role or None, audit.DENIED, name))
        st.error(denied.message(lang()))
        st.stop()


def query(name: str, **params: object) -> pd.DataFrame:
    """Result of ``queries/<name>.sql`` for the current database version (a copy: safe to modify), if the signed-in
    role may read it: the one ``run`` every page, slide and download reads through, so a role is enforced here,
    whatever a URL or a widget asks for. A refusal is logged and shown instead of the page."""
    check(name)
    return _cached_query(name, db_version(), tuple(sorted(params.items()))).copy()


def guarded(run: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """``run`` (a rakor's frozen results) behind the same role check as ``query``."""
    def checked(name: str, **params: object) -> pd.DataFrame:
        check(name)
        return run(name, **params)
    return checked


def lang() -> str:
    return st.session_state.get("lang", settings().language)


def text(key: str, **params: object) -> str:
    return t(key, lang(), **params)


def language_choice() -> None:
    """The Bahasa Indonesia / English switch (the sign-in form and the sidebar)."""
    st.radio(text("language"), ["id", "en"], key="lang", horizontal=True,
             format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code])


def apply_theme() -> None:
    """Projector CSS for Streamlit's own tables and metrics (inline: nothing is fetched)."""
    st.markdown(PAGE_CSS, unsafe_allow_html=True)


ALL = ""  # the "all kecamatan / all programmes" choice (None would read as "nothing selected")
MEETING_PARAM = "rapat"  # the rakor in hand (dashboard/web/meeting.py), kept in the address beside the filters


def sidebar_filters() -> flt.Filters:
    """Draw the global filters once (in the entrypoint, so every page shares them) and mirror them in the URL. A
    provinsi's installation also gets a Kab/Kota filter; its Kecamatan filter then offers that kab/kota's."""
    options = flt.load_filter_options(query, settings().kabupaten)
    years, names, programs, kabupaten = options.years, options.kecamatan, options.programs, options.kabupaten
    if "filter.tahun" not in st.session_state:  # first run of a session: start from the URL
        start = options.parse(st.query_params.to_dict())
        st.session_state.update({"filter.tahun": start.tahun, "filter.granularity": start.granularity,
                                 "filter.period": start.period, "filter.kecamatan": start.kecamatan or ALL,
                                 "filter.program": start.program or ALL, "filter.kabupaten": start.kabupaten or ALL})
    with st.sidebar:
        tahun = st.selectbox(text("filter_tahun"), years or [st.session_state["filter.tahun"]], key="filter.tahun")
        granularity = st.radio(text("filter_periode"), flt.GRANULARITIES, key="filter.granularity",
                               format_func=lambda g: text(f"granularity_{g}"))
        period = None
        if granularity != flt.YEAR:
            choices = range(1, 5) if granularity == flt.QUARTER else range(1, 13)
            if st.session_state.get("filter.period") not in choices:
                st.session_state["filter.period"] = choices[-1]
            period = st.selectbox(text("filter_ke"), list(choices), key="filter.period")
        kab, names = _kabupaten_choice(kabupaten, names)
        kec = st.selectbox(text("filter_kecamatan"), [ALL, *names], key="filter.kecamatan",
                           format_func=lambda k: names.get(k, text("all_kecamatan")),
                           disabled=bool(kabupaten) and not kab)
        program = st.selectbox(text("filter_program"), [ALL, *programs], key="filter.program",
                               format_func=lambda p: p or text("all_program"))
    chosen = flt.Filters(int(tahun or 0), granularity, period, kec or None, program or None, kab)
    kept = {MEETING_PARAM: st.query_params[MEETING_PARAM]} if MEETING_PARAM in st.query_params else {}
    st.query_params.from_dict({**chosen.to_query_params(), **kept})  # the rakor in hand stays chosen on every page
    st.session_state["filters"] = chosen
    return chosen


def _kabupaten_choice(kabupaten: dict[str, str], names: dict[str, str]) -> tuple[str | None, dict[str, str]]:
    """A provinsi's Kab/Kota filter (nothing for a kabupaten's installation), and the kecamatan it leaves."""
    if not kabupaten:
        return None, names
    kab = st.selectbox(text("filter_kabupaten"), [ALL, *kabupaten], key="filter.kabupaten",
                       format_func=lambda k: kabupaten.get(k, text("all_kabupaten"))) or None
    names = {code: name for code, name in names.items() if kab and code.startswith(kab + ".")}
    if st.session_state.get("filter.kecamatan") not in (ALL, *names):
        st.session_state["filter.kecamatan"] = ALL  # another kab/kota was chosen
    return kab, names


def current_filters() -> flt.Filters:
    """The filters drawn by the entrypoint for this run."""
    return st.session_state["filters"]


def source_caption(*kinds: str) -> None:
    """'Sumber: file (kind, diimpor date)' under a figure: where its numbers come from and how fresh they are."""
    st.caption(markdown_text(tables.source_text(query("freshness_by_kind"), kinds, lang())))


def no_data(*kinds: str) -> None:
    """A helpful message instead of an empty chart or a stack trace."""
    st.info(text("no_data", kinds=", ".join(kinds)))


def select_wilayah(kode: str | None) -> None:
    """Drill down to a kecamatan, or (in a provinsi) a kab/kota, or back up one level with None. Only from a widget
    callback: it runs before the sidebar's widgets are drawn again, the one moment Streamlit lets their value be
    set."""
    if kode is None:
        level = "filter.kecamatan" if st.session_state.get("filter.kecamatan", ALL) != ALL else "filter.kabupaten"
        st.session_state[level] = ALL
    elif len(kode) == KABUPATEN_LEN:
        st.session_state["filter.kabupaten"], st.session_state["filter.kecamatan"] = kode, ALL
    else:
        if "filter.kabupaten" in st.session_state:  # a provinsi's map of every kecamatan: its kab/kota too
            st.session_state["filter.kabupaten"] = kode[:KABUPATEN_LEN]
        st.session_state["filter.kecamatan"] = kode


def clicked_code(chart_key: str) -> str | None:
    """The code (first ``customdata`` field) of the point clicked in a chart drawn with ``on_select``."""
    points = st.session_state[chart_key].selection.points
    return points[0]["customdata"][0] if points else None
