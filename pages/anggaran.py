"""Anggaran per bidang (B1-B4): KPI tiles, pagu vs realisasi per bidang, year on year, S-curve and drill."""

import streamlit as st

from dashboard.views import anggaran
from dashboard.web import ui

filters = ui.current_filters()
lang = ui.lang()
st.title(ui.text("anggaran_title"))

drill = st.session_state.get("anggaran.bidang", anggaran.ALL_BIDANG)
data = anggaran.load_anggaran(ui.query, filters, ui.settings(), bidang=drill)
if data.is_empty:
    st.caption(ui.text("anggaran_filters_note"))
    ui.no_data("anggaran")
    st.stop()
if drill not in (anggaran.ALL_BIDANG, *data.bidang_names):  # a bidang of another year or an old mapping
    st.session_state["anggaran.bidang"] = drill = anggaran.ALL_BIDANG
    data = anggaran.load_anggaran(ui.query, filters, ui.settings(), bidang=drill)

period = anggaran.period_text(data, lang)
st.subheader(ui.text("anggaran_as_of", period=period))
if data.bulan < data.requested_bulan:
    st.caption(ui.text("anggaran_capped", period=period))
st.caption(ui.text("anggaran_filters_note"))

with st.container(horizontal=True, gap="small"):  # tiles wrap onto a second row on a narrow screen
    for label, value, delta in anggaran.kpi_tiles(data, lang):
        st.metric(label, value, delta, width=anggaran.TILE_WIDTH_PX, border=True)
st.caption(anggaran.definitions_text(data, ("B1", "B2", "B3"), lang))

st.plotly_chart(anggaran.bidang_bar(data, lang), key="anggaran.bar", width="stretch", theme=None,
                config={"displayModeBar": False})
ui.source_caption("anggaran")
st.markdown(f"**{ui.text('anggaran_table_bidang', period=period)}**")
st.table(anggaran.bidang_table(data, lang))

st.header(ui.text("anggaran_heading_yoy"))
if data.yoy["absorption_prev_pct"].isna().all():
    ui.no_data("anggaran")
else:
    st.plotly_chart(anggaran.yoy_bar(data, lang), key="anggaran.yoy", width="stretch", theme=None,
                config={"displayModeBar": False})
    st.caption(anggaran.definition("B4", data, lang))
    ui.source_caption("anggaran")
    st.table(anggaran.yoy_table(data, lang))

st.header(ui.text("anggaran_heading_drill"))
names = {anggaran.ALL_BIDANG: ui.text("anggaran_all_bidang"), **{b: b for b in data.bidang_names}}
st.selectbox(ui.text("anggaran_pick_bidang"), list(names), key="anggaran.bidang", format_func=names.get)
scope = anggaran.scope_text(data.bidang, lang)
st.plotly_chart(anggaran.s_curve(data, lang), key="anggaran.curve", width="stretch", theme=None,
                config={"displayModeBar": False})
ui.source_caption("anggaran")
st.markdown(f"**{ui.text('anggaran_table_program', scope=scope, period=period)}**")
st.table(anggaran.program_table(data, lang), hide_index=True)  # the code leads each row's first cell
st.markdown(f"**{ui.text('anggaran_table_sub', scope=scope, period=period)}**")
st.table(anggaran.subkegiatan_table(data, lang), hide_index=True)
