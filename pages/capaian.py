"""Capaian: T1-T5 target attainment per kecamatan (RAG scorecard), ranking, change against last year, PPKS funnel."""

import streamlit as st

from dashboard.views import capaian
from dashboard.web import ui

filters = ui.current_filters()
lang = ui.lang()
data = capaian.load_capaian(ui.query, filters, ui.settings())
st.title(ui.text("capaian_title", level=data.level_word(lang)))
if data.current.empty or data.current["target"].notna().sum() == 0:
    ui.no_data("target")
    st.stop()

prorata = st.toggle(ui.text("capaian_prorata", share=capaian.share_text(data)), key="capaian.prorata")

st.subheader(ui.text("capaian_scorecard_title", period=capaian.period_text(data, lang),
                     level=data.level_word(lang), mode=capaian.mode_text(data, prorata, lang)))
st.table(capaian.scorecard_table(data, prorata, lang))
st.caption(capaian.legend_text(data, lang))
st.caption(capaian.definitions_text(data, lang))
ui.source_caption(*capaian.ALL_KINDS)

st.subheader(ui.text("capaian_trend_title", scope=capaian.scope_text(data, lang),
                     period=capaian.period_text(data, lang)))
st.table(capaian.trend_table(data, prorata, lang))
ui.source_caption(*capaian.ALL_KINDS)

st.plotly_chart(capaian.ranking_bar(data, prorata, lang), key="capaian.ranking", width="stretch", theme=None,
                config={"displaylogo": False})
ui.source_caption(*capaian.ALL_KINDS)

if data.funnel.empty or data.funnel["n_kasus"].sum() == 0:
    ui.no_data("ppks")
else:
    st.plotly_chart(capaian.funnel_figure(data, lang), key="capaian.funnel", width="stretch", theme=None,
                    config={"displaylogo": False})
    ui.source_caption("ppks")
