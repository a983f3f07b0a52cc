"""Akun & audit (admins only): who has an account, and who did what: sign-ins, imports, named lists, changes."""

from datetime import date, timedelta

import streamlit as st

from dashboard.access import accounts, audit
from dashboard.access.roles import ADMIN, AccessDenied, require
from dashboard.views import akses
from dashboard.web import ui

lang, store, user = ui.lang(), ui.settings().access_store, ui.user()
try:
    require(user, ADMIN, "audit log")  # the page is offered to admins only; checked again here and in audit.read
except AccessDenied as denied:
    st.error(denied.message(lang))
    st.stop()

st.title(ui.text("akses_title"))
st.subheader(ui.text("akses_accounts"))
st.table(akses.accounts_table(accounts.listing(store), lang).set_index(ui.text("akses_col_name")))
st.caption(ui.text("akses_accounts_note"))

st.subheader(ui.text("akses_log"))
broken = audit.verify(store)
(st.success if broken is None else st.error)(
    ui.text("akses_chain_ok") if broken is None else ui.text("akses_chain_broken", id=broken))
left, middle, right = st.columns(3)
actor = left.selectbox(ui.text("akses_filter_actor"), ["", *audit.actors(store, user)], key="akses.actor",
                       format_func=lambda a: a or ui.text("akses_all"))
action = middle.selectbox(ui.text("akses_filter_action"), ["", *audit.ACTIONS], key="akses.action",
                          format_func=lambda a: akses.action_name(a, lang) if a else ui.text("akses_all"))
today = date.today()
days = right.date_input(ui.text("akses_filter_days"), (today - timedelta(days=30), today), key="akses.days",
                        format="DD/MM/YYYY")
first, last = (days[0], days[-1]) if days else (today, today)
since, until = akses.utc_bounds(first, last)
log = audit.read(store, user, actor=actor or None, action=action or None, since=since, until=until,
                 limit=akses.SHOWN)
st.table(akses.audit_table(log, lang).set_index(ui.text("akses_col_at")))
st.caption(ui.text("akses_log_note", n=len(log), most=akses.SHOWN))
