"""Ringkasan: the opening slide of the rakor."""

import streamlit as st

from dashboard.views import cakupan, capaian, ringkasan
from dashboard.web import ui
from dashboard.web.deckfiles import deck_downloads

filters = ui.current_filters()
data = ringkasan.load_ringkasan(ui.query, filters, ui.settings(), ui.lang())
names = ui.query("kecamatan_list", kabupaten=ui.settings().kabupaten).set_index("kode")["nama"].to_dict()
st.title(ringkasan.title(filters, names.get(filters.kecamatan), ui.lang()))
previous = cakupan.period_text(filters.previous(), ui.lang())
columns = st.columns(3)
for i, kpi in enumerate(data.kpis):
    with columns[i % 3]:
        st.metric(ui.text(f"ringkasan_kpi_{kpi.key}"), ringkasan.format_value(kpi),
                  ringkasan.format_change(kpi, ui.lang()), delta_color=ringkasan.delta_color(kpi),
                  delta_arrow=ringkasan.delta_arrow(kpi), help=ui.text(kpi.compared_with, period=previous),
                  border=True)
        if kpi.note:
            st.caption(kpi.note)
ui.source_caption(*dict.fromkeys(kind for kpi in data.kpis for kind in kpi.kinds))

st.subheader(ui.text("ringkasan_attention", level=data.attainment.level_word(ui.lang())))
lowest = ringkasan.attention(data, ui.lang())
if lowest.empty:
    ui.no_data("target")
else:
    st.table(lowest.set_index(lowest.columns[0]))
    st.caption(ui.text("ringkasan_attention_note", period=capaian.period_text(data.attainment, ui.lang())))
    ui.source_caption(*capaian.ALL_KINDS)

deck_downloads(filters, "ringkasan.deck")
