"""Streamlit entry point: ``rakor serve`` (or ``streamlit run dashboard/app.py``)."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.paths import PROJECT_DIR

st.set_page_config(page_title="Rakor Dinas Sosial", layout="wide")
with st.sidebar:
    st.radio(ui.text("language"), ["id", "en"], key="lang", horizontal=True,
             format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code])
navigation = st.navigation([st.Page(PROJECT_DIR / "pages" / "data.py", title=ui.text("page_data"), icon="🗂️")])
navigation.run()
