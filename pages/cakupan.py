"""Cakupan: in preparation (issue 3)."""

import streamlit as st

from dashboard import ui

st.title(ui.text("page_cakupan"))
st.info(ui.text("in_preparation"))
