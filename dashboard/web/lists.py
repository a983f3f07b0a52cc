"""Downloading a named follow-up list: the file is made when the button is pressed, and every download is logged
(who, when, which list, how many names) in the audit log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.access import audit
from dashboard.access.roles import OPERATOR, require
from dashboard.views import cakupan
from dashboard.web import ui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def list_download(data: cakupan.CakupanData, kind: str, table: pd.DataFrame) -> None:
    """The download button of one list of the selected kecamatan."""
    lang, file_name = ui.lang(), cakupan.followup_file_name(data, kind)
    user, store = ui.user(), ui.settings().access_store  # the click runs outside the script: no session state there

    def content() -> bytes:  # runs on the click: the moment the list leaves
        require(user, OPERATOR, file_name)
        audit.record(store, audit.Entry(
            user.name, user.role, audit.LIST_DOWNLOAD, file_name,
            f"{kind}; kecamatan {data.filters.kecamatan}; {cakupan.period_text(data.filters, lang)}", len(table)))
        return cakupan.followup_xlsx(table, cakupan.excel_title(data, kind, lang))

    # on_click="ignore": no rerun, which here would replace the deferred file before the browser fetched it
    st.download_button(ui.text("cakupan_download", name=ui.text(f"cakupan_list_{kind}")), content,
                       file_name=file_name, mime=XLSX, key=f"cakupan.download_{kind}", on_click="ignore")
