"""Streamlit entry point: ``rakor serve`` (or ``streamlit run dashboard/web/app.py``).

The sidebar (language and global filters) is drawn here, before the page, so every page shares it.
"""

from __future__ import annotations

import streamlit as st

from dashboard.paths import PAGES_DIR
from dashboard.web import ui

# No page icons: emoji need a font the projector laptop may lack, and Material icons are fetched from the web.
PAGES = ["ringkasan", "cakupan", "capaian", "anggaran", "peta", "data"]

st.set_page_config(page_title="Rakor Dinas Sosial", layout="wide")
ui.apply_theme()
with st.sidebar:
    st.radio(ui.text("language"), ["id", "en"], key="lang", horizontal=True,
             format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code])
navigation = st.navigation([st.Page(PAGES_DIR / f"{name}.py", title=ui.text(f"page_{name}"),
                                    url_path=name, default=(name == "ringkasan")) for name in PAGES])
ui.sidebar_filters()
navigation.run()
