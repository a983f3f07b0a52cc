"""Peta PPKS: choropleth per kecamatan or desa (P1-P4), hotspots, small multiples per category; offline."""

import streamlit as st

from dashboard.maps import classify, geo
from dashboard.maps import figure as mapfigure
from dashboard.views import peta
from dashboard.web import ui
from dashboard.wilayah import is_provinsi

KINDS = ("ppks",)

filters = ui.current_filters()
lang = ui.lang()
st.title(ui.text("peta_title"))
level = None
unit = filters.kabupaten or ui.settings().kabupaten  # the kab/kota mapped (a provinsi: its kab/kota first)
if filters.kecamatan:
    levels = []
elif is_provinsi(unit):  # every kecamatan of the provinsi on one map, or its kab/kota
    levels = [geo.KABUPATEN, geo.KECAMATAN]
else:
    levels = [geo.KECAMATAN, geo.DESA] if peta.has_desa_boundaries(ui.query, unit) else []
if levels:
    key = "peta.level.provinsi" if levels[0] == geo.KABUPATEN else "peta.level"  # each keeps its own choice
    level = st.segmented_control(ui.text("peta_level"), levels, key=key, default=levels[0],
                                 format_func=lambda v: ui.text(f"level_{v}")) or levels[0]
data = peta.load_peta(ui.query, filters, ui.settings(), level)
if not data.categories:
    ui.no_data(*KINDS)
    st.stop()

measures = peta.MEASURES if data.has_population else (peta.JUMLAH, peta.SHARE)
left, middle, right, far = st.columns([3, 2, 2, 2])
kategori = left.selectbox(ui.text("peta_kategori"), ["", *data.categories], key="peta.kategori",
                          format_func=lambda k: k or ui.text("peta_all_kategori")) or None
measure = middle.radio(ui.text("peta_measure"), measures, key="peta.measure",
                       format_func=lambda m: peta.measure_name(m, data, lang))
method = right.radio(ui.text("peta_method"), classify.METHODS, key="peta.method",
                     format_func=lambda m: ui.text(f"peta_method_{m}"))
view_mode = far.radio(ui.text("peta_view"), ["single", "multiples"], key="peta.view",
                      format_func=lambda v: ui.text(f"peta_view_{v}"))
if not data.has_population:
    st.caption(ui.text("peta_no_population", level=ui.text(f"level_{data.level}")))

polygons, outline = peta.shapes(data)
png = mapfigure.export_config(peta.file_stem(data, kategori, view_mode == "multiples"))
if filters.area:
    st.button(ui.text("peta_back" if filters.kecamatan else "peta_back_provinsi"), on_click=ui.select_wilayah,
              args=(None,))

view = peta.map_view(data, kategori, measure, method, polygons, lang)
if view_mode == "multiples":
    views = [(k, peta.map_view(data, k, measure, method, polygons, lang)) for k in data.categories]
    title = ui.text("peta_multiples_title", measure=peta.measure_name(measure, data, lang),
                    level=ui.text(f"level_{data.level}"), tahun=filters.tahun)
    st.plotly_chart(mapfigure.small_multiples(views, outline, title, lang), key="peta.multiples", width="stretch",
                    theme=None, config=png)
else:
    figure = mapfigure.choropleth(view, outline, peta.map_title(data, kategori, measure, lang),
                                  peta.labelled(view, data), lang)
    drillable = data.level in (geo.KABUPATEN, geo.KECAMATAN)
    map_column, list_column = st.columns([3, 1])
    with map_column:
        st.plotly_chart(figure, key="peta.map", width="stretch", theme=None, config=png, selection_mode="points",
                        on_select=(lambda: ui.select_wilayah(ui.clicked_code("peta.map"))) if drillable else "ignore")
        st.caption(peta.map_caption(view, data, lang))
    with list_column:
        st.subheader(ui.text("peta_hotspots"))
        st.markdown("  \n".join(peta.hotspot_lines(view)))
st.caption(peta.definition(measure, lang, hotspots=view_mode != "multiples", data=data))
for note in peta.mismatch_notes(view, data, lang):
    st.warning(note)
ui.source_caption(*KINDS, *(("penduduk",) if measure == peta.PER_1000 else ()))
