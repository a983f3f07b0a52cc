"""Data: what is loaded, per data kind: files, periods, row counts, import dates, warnings."""

import streamlit as st

from dashboard import ui
from dashboard.formatting import format_number

st.title(ui.text("data_heading"))
imports = ui.query("imports_by_kind")
if imports.empty:
    st.info(ui.text("data_empty"))
    st.stop()
table = imports.assign(
    n_rows=imports["n_rows"].map(format_number),
    imported_at=imports["imported_at"].dt.strftime("%d-%m-%Y %H:%M"),
)
labels = {"kind": "col_kind", "file_name": "col_file", "periods": "col_periods", "n_rows": "col_rows",
          "n_warnings": "col_warnings", "source": "col_source", "imported_at": "col_imported"}
st.dataframe(table.rename(columns={c: ui.text(k) for c, k in labels.items()}), hide_index=True,
             use_container_width=True)
latest = imports.sort_values("imported_at").iloc[-1]
st.caption(ui.text("freshness", n=len(imports), when=f"{latest['imported_at']:%d-%m-%Y %H:%M}"))
