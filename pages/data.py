"""Data: what is loaded, per data kind: files, periods, row counts, import dates, warnings."""

import streamlit as st

from dashboard import tables, ui
from dashboard.formatting import format_number

st.title(ui.text("data_heading"))
kinds = ui.query("imports_by_kind")
if kinds.empty:
    st.info(ui.text("data_empty"))
    st.stop()
st.table(tables.import_summary(kinds, ui.lang()))
st.caption(ui.text("freshness", n=format_number(kinds["n_files"].sum()),
                   when=f"{kinds['last_imported_at'].max():%d-%m-%Y %H:%M}"))
with st.expander(ui.text("data_files")):
    st.dataframe(tables.import_files(ui.query("imports_by_file"), ui.lang()), hide_index=True, width="stretch")
