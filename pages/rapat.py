"""Rapat: prepare a rakor (its figures frozen), open a prepared one and present it exactly as prepared; its
follow-up of earlier decisions, talking points and decisions; the decision history of a kecamatan."""

import streamlit as st

from dashboard.access.roles import OPERATOR
from dashboard.web import meeting as rakor
from dashboard.web import ui

st.title(ui.text("page_rapat"))
chosen = rakor.choose()
if ui.may(OPERATOR):  # preparing: operator and admin (records.create checks the role again)
    with st.expander(ui.text("rapat_prepare"), expanded=chosen is None):
        rakor.prepare_form()
if chosen is not None:
    rakor.header(chosen, rakor.frozen_deck(chosen))
    rakor.followup_section(chosen)
    rakor.talking_points(chosen)
    rakor.decisions_section(chosen)
    rakor.minutes_downloads(chosen)
rakor.history_section()
