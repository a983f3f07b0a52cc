"""Data: what is loaded, per data kind (files, periods, rows, import dates, warnings), and importing a new file."""

import streamlit as st

from dashboard.access.roles import OPERATOR
from dashboard.formatting import format_number
from dashboard.imports.runner import IMPORTED, UNCHANGED
from dashboard.textsafe import markdown_text
from dashboard.views import tables
from dashboard.web import ui
from dashboard.web.upload import import_upload, split_messages

st.title(ui.text("data_heading"))

if ui.may(OPERATOR):  # imports: operator and admin (import_upload checks the role again)
    with st.form("data.upload_form", clear_on_submit=True):
        st.subheader(ui.text("upload_heading"))
        upload = st.file_uploader(ui.text("upload_help"),
                                  type=["csv", "xlsx", "txt", "geojson", "json", "gpkg", "zip"],
                                  key="data.upload", max_upload_size=ui.settings().limits.upload_mb)
        submitted = st.form_submit_button(ui.text("upload_button"))
    if submitted and upload is not None:
        outcome = import_upload(upload.name, upload.getvalue(), ui.settings(), ui.user(), ui.lang())
        summary, details = split_messages(outcome, ui.lang())
        (st.success if outcome.status in (IMPORTED, UNCHANGED) else st.error)(
            "\n\n".join(map(markdown_text, summary)))
        if details:
            st.text("\n".join(details))

loaded = tables.load_data(ui.query)
kinds, files = loaded.kinds, loaded.files
if kinds.empty:
    st.info(ui.text("data_empty"))
    st.stop()
st.table(tables.import_summary(kinds, ui.lang()))
st.markdown(f"**{ui.text('data_latest')}**")
st.table(tables.import_latest(kinds, ui.lang()))
st.caption(ui.text("freshness", n=format_number(kinds["n_files"].sum()),
                   when=f"{kinds['last_imported_at'].max():%d-%m-%Y %H:%M}"))
with st.expander(ui.text("data_files")):
    st.dataframe(tables.import_files(files, ui.lang()), hide_index=True, width="stretch")
with_warnings = files[files["n_warnings"] > 0]
if not with_warnings.empty:
    st.subheader(ui.text("warnings_heading"))
    for row in with_warnings.itertuples():
        with st.expander(f"{markdown_text(row.file_name)}: {format_number(row.n_warnings)}"):
            st.text(row.warnings)
