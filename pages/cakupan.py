"""Cakupan: programme coverage C1-C6 per kecamatan (or per desa of the chosen kecamatan) and TKSK follow-up lists."""

import streamlit as st

from dashboard.access.roles import OPERATOR
from dashboard.formatting import format_number
from dashboard.views import cakupan
from dashboard.web import ui
from dashboard.web.lists import list_download

KINDS = ("dtks", "penerima")

filters = ui.current_filters()
lang = ui.lang()
st.title(ui.text("cakupan_title"))
named = ui.may(OPERATOR)  # names and masked NIK: operator and admin; the query itself refuses anyone else
data = cakupan.load_cakupan(ui.query, filters, ui.settings(), with_lists=named)
if data.coverage.empty or data.coverage["n_eligible"].sum() == 0:
    ui.no_data(*KINDS)
    st.stop()

key = st.selectbox(ui.text("cakupan_indikator"), list(cakupan.INDICATORS), key="cakupan.indikator",
                   format_func=lambda k: cakupan.indicator_name(k, lang))
st.plotly_chart(cakupan.indicator_bar(data, key, lang), key="cakupan.chart", width="stretch", theme=None,
                config={"displaylogo": False})
st.caption(" · ".join(filter(None, [cakupan.definition(key, lang), cakupan.side_note(data, key, lang)])))
ui.source_caption(*KINDS)

level = ui.text(f"level_{data.level}")
st.subheader(ui.text("cakupan_table_title", level=level, period=cakupan.period_text(filters, lang)))
st.caption(cakupan.program_text(data, lang))
st.markdown(f"**{ui.text('cakupan_table_dtks')}**")
st.table(cakupan.coverage_table(data, lang))
st.markdown(f"**{ui.text('cakupan_table_recipients')}**")
st.table(cakupan.recipients_table(data, lang))
st.caption(ui.text("cakupan_table_note"))
ui.source_caption(*KINDS)

st.subheader(ui.text("cakupan_lists_heading"))
if not filters.kecamatan or not named:
    st.info(ui.text("cakupan_lists_prompt" if named else "cakupan_lists_role"))
    st.table(cakupan.followup_counts_table(data, lang))
    st.stop()

tabs = st.tabs([ui.text("cakupan_list_tab", name=ui.text(f"cakupan_list_{kind}"),
                        n=format_number(len(data.lists[kind]))) for kind in cakupan.LISTS])
for tab, kind in zip(tabs, cakupan.LISTS, strict=True):
    with tab:
        table = cakupan.followup_table(data, kind, lang)
        if table.empty:
            st.info(ui.text("cakupan_list_empty"))
            continue
        st.table(table.head(cakupan.LIST_PREVIEW_ROWS))
        st.caption(ui.text("cakupan_list_preview", shown=format_number(min(len(table), cakupan.LIST_PREVIEW_ROWS)),
                           n=format_number(len(table))))
        list_download(data, kind, table)
        ui.source_caption(*KINDS)
