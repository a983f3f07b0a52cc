"""Streamlit entry point: ``rakor serve`` (or ``streamlit run dashboard/web/app.py``).

Nothing is drawn before someone signs in (dashboard/web/login.py). The sidebar (language, account and global
filters) is drawn here, before the page, so every page shares it, with the button that starts presentation mode.
``?presentasi=1`` shows the rakor slides instead, with no sidebar. The admin page is offered to admins only.
"""

from __future__ import annotations

import streamlit as st

from dashboard.access.roles import ADMIN
from dashboard.paths import PAGES_DIR
from dashboard.web import login, present, ui

# No page icons: emoji need a font the projector laptop may lack, and Material icons are fetched from the web.
PAGES = ["ringkasan", "cakupan", "capaian", "anggaran", "peta", "perencanaan", "rapat", "data"]
ADMIN_PAGES = ["akses"]  # accounts and the audit log

st.set_page_config(page_title="Rakor Dinas Sosial", layout="wide")
if "lang" in st.session_state:  # kept while presenting, where its radio is not drawn (Streamlit would drop it)
    st.session_state["lang"] = st.session_state["lang"]
user = login.signed_in()  # the sign-in form, and nothing else, until someone signs in
shown = PAGES + (ADMIN_PAGES if user.may(ADMIN) else [])
pages = [st.Page(PAGES_DIR / f"{name}.py", title=ui.text(f"page_{name}"), url_path=name,
                 default=(name == "ringkasan")) for name in shown]
if present.requested():
    st.navigation(pages, position="hidden")  # the page's address stays known: "Keluar" returns to it
    present.run()
else:
    ui.apply_theme()
    with st.sidebar:  # "Presentasi" first, in sight at 768 px high; the filters it presents with are in the URL
        st.button(ui.text("present_open"), key="present_start", on_click=present.start, type="primary",
                  help=ui.text("present_open_help"), width="stretch")
        ui.language_choice()
    navigation = st.navigation(pages)
    login.auth_off_notice()
    ui.wilayah_notice()
    ui.sidebar_filters()
    with st.sidebar:  # below the filters: a meeting uses those, signing out is rare
        login.account_box(user)
    navigation.run()
