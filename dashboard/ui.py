"""The one module besides pages that calls Streamlit: connection and query caching, shared widgets.

The read-only connection is cached per database file version (its modification time), so when an import
swaps in a new file the next rerun opens it and cached results keyed on the old version are not reused.
"""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import streamlit as st

from dashboard.config import Settings, load_settings
from dashboard.db import connect_readonly, ensure_database
from dashboard.i18n import t
from dashboard.queries import run_query


@st.cache_resource
def settings() -> Settings:
    loaded = load_settings()
    ensure_database(loaded)
    return loaded


def _db_version() -> float:
    return os.path.getmtime(settings().database)


@st.cache_resource(max_entries=2)
def _connection(path: str, version: float) -> duckdb.DuckDBPyConnection:
    return connect_readonly(settings().database)


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_query(name: str, version: float, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    return run_query(_connection(str(settings().database), version), name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """Result of ``queries/<name>.sql`` for the current database version (a copy: safe to modify)."""
    return _cached_query(name, _db_version(), tuple(sorted(params.items()))).copy()


def lang() -> str:
    return st.session_state.get("lang", settings().language)


def text(key: str, **params: object) -> str:
    return t(key, lang(), **params)
