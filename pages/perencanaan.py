"""Perencanaan: budget to output, SPM Bidang Sosial, targeting per desa, caseload and next year's priorities, with
the Excel export that carries the priority formula."""

import streamlit as st

from dashboard.access.roles import OPERATOR
from dashboard.exports import perencanaan_xlsx
from dashboard.formatting import format_number, format_pct
from dashboard.maps import figure as mapfigure
from dashboard.views import cakupan
from dashboard.views import perencanaan as plan
from dashboard.views.perencanaan import beban, keluaran, petakan, prioritas, sasaran, spm
from dashboard.web import ui
from dashboard.web.lists import XLSX, list_download

CHART = {"displaylogo": False}

filters = ui.current_filters()
lang = ui.lang()
settings = ui.settings()
st.title(ui.text("perencanaan_title"))
st.caption(ui.text("perencanaan_intro"))
data = plan.load_perencanaan(ui.query, filters, settings)
scope = data.scope
tabs = st.tabs([ui.text(f"perencanaan_tab_{name}") for name in ("keluaran", "spm", "sasaran", "beban", "prioritas")])

with tabs[0]:
    budget = data.keluaran
    if budget.bulan is None:
        st.info(ui.text("perencanaan_no_budget", tahun=filters.tahun))
    else:
        st.subheader(keluaran.title(budget, lang))
        for line in keluaran.flag_lines(budget, lang):
            st.warning(line)
        st.table(keluaran.keluaran_table(budget, lang))
        st.caption(" ".join([ui.text("perencanaan_flag_note"), keluaran.definition(budget, lang)]))
        ui.source_caption("anggaran", "penerima", "ppks", "psks", "dtks")

with tabs[1]:
    st.plotly_chart(spm.chart(data.spm, scope, lang), key="perencanaan.spm", width="stretch", theme=None,
                    config=CHART)
    st.table(spm.summary_table(data.spm, scope, lang))
    st.subheader(ui.text("perencanaan_spm_table", level=scope.level_word(lang), period=scope.period_text(lang)))
    st.table(spm.wilayah_table(data.spm, scope, lang))
    st.caption(spm.definition(scope, lang))
    ui.source_caption("ppks")

with tabs[2]:
    targeting = data.sasaran
    program = filters.program or ui.text("cakupan_all_programs")
    st.subheader(ui.text("perencanaan_sasaran_title", program=program, period=cakupan.period_text(filters, lang)))
    key = st.radio(ui.text("cakupan_indikator"), ["C4", "C5"], key="perencanaan.sasaran", horizontal=True,
                   format_func=lambda k: cakupan.indicator_name(k, lang))
    shapes = petakan.desa_shapes(ui.query, filters.kabupaten or settings.kabupaten, targeting.parent)
    if shapes.empty:
        st.info(ui.text("perencanaan_no_desa_map"))
    else:
        rows = targeting.rows
        view = petakan.map_view(rows, shapes, cakupan.INDICATORS[key].pct, format_pct,
                                sasaran.hover_texts(rows, key, lang), ui.text("perencanaan_no_value"))
        labels = view.frame["kode"].isin(rows.head(sasaran.LABELLED)["kode"]).to_numpy()
        st.plotly_chart(mapfigure.choropleth(view, shapes.outline, ui.text(f"perencanaan_map_{key}"), labels, lang),
                        key="perencanaan.sasaran_map", width="stretch", theme=None, config=CHART)
        if note := petakan.missing_note(view, "desa", lang):
            st.caption(note)
    st.markdown(ui.text("perencanaan_sasaran_top", n=min(sasaran.TOP, len(targeting.rows)),
                        of=format_number(len(targeting.rows))))
    st.table(sasaran.table(targeting, data.kecamatan_names, lang))
    st.caption(" ".join([cakupan.definition("C4", lang), cakupan.definition("C5", lang),
                         ui.text("perencanaan_def_sasaran")]))
    if filters.kecamatan and ui.may(OPERATOR):  # names and masked NIK: the query itself refuses other roles
        lists = cakupan.load_cakupan(ui.query, filters, settings)
        for kind in ("exclusion", "inclusion"):
            list_download(lists, kind, cakupan.followup_table(lists, kind, lang))
    else:
        st.caption(ui.text("perencanaan_lists_kecamatan" if ui.may(OPERATOR) else "perencanaan_lists_role"))
    ui.source_caption("dtks", "penerima")

with tabs[3]:
    measure = st.radio(ui.text("cakupan_indikator"), beban.MEASURES, key="perencanaan.beban", horizontal=True,
                       format_func=lambda m: ui.text(f"perencanaan_beban_{m}"))
    heaviest = beban.heaviest(data.beban, measure, lang)
    if heaviest:
        st.markdown(f"**{heaviest}**")
    shapes = petakan.child_shapes(scope.base)
    view = petakan.map_view(data.beban, shapes, measure, format_number, beban.hover_texts(data.beban, measure, lang),
                            ui.text("perencanaan_no_worker"))
    st.plotly_chart(mapfigure.choropleth(view, shapes.outline, beban.map_title(scope, measure, lang),
                                         view.frame["kode"].notna().to_numpy(), lang),
                    key="perencanaan.beban_map", width="stretch", theme=None, config=CHART)
    if note := petakan.missing_note(view, scope.level, lang):
        st.caption(note)
    st.table(beban.table(data.beban, scope, measure, lang))
    missing = beban.without_worker(data.beban, scope, measure, lang)
    if missing:
        st.warning(missing)
    st.caption(beban.definition(scope, lang))
    ui.source_caption("ppks", "psks")

with tabs[4]:
    columns = st.columns(len(prioritas.INPUTS))
    weights = {item.key: column.slider(ui.text(f"perencanaan_input_{item.key}", cutoff=data.cutoff), 0.0, 100.0,
                                       float(settings.bobot_prioritas[item.key]), 5.0, format="%.0f",
                                       key=f"perencanaan.bobot.{item.key}")
               for item, column in zip(prioritas.INPUTS, columns, strict=True)}
    if sum(weights.values()) <= 0:
        st.warning(ui.text("perencanaan_weights_zero"))
    else:
        ranked = prioritas.composite(data.inputs, weights)
        st.plotly_chart(prioritas.chart(ranked, scope, weights, lang, data.cutoff), key="perencanaan.prioritas",
                        width="stretch", theme=None, config=CHART)
        st.table(prioritas.table(ranked, scope, lang, data.cutoff))
        st.caption(ui.text("perencanaan_weights", weights=prioritas.weights_text(weights, lang, data.cutoff)))
        st.caption(prioritas.definition(scope, lang))
        ui.source_caption("dtks", "penduduk", "ppks", "penerima", "target")

if sum(weights.values()) > 0:
    st.download_button(ui.text("perencanaan_download"), lambda: perencanaan_xlsx.workbook(data, weights, lang),
                       file_name=perencanaan_xlsx.file_name(data), mime=XLSX, key="perencanaan.download",
                       on_click="ignore")
