"""One builder per agenda item: the page views' loaders and numbers, laid out as slides.

Each builder takes the ``Source`` (the loaders' results, loaded once per deck) and returns its slides. A builder
computes nothing the page does not: it picks, orders and labels what the view already loaded, so the projector,
the deck and the pages always show the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from dashboard import theme
from dashboard.filters import Filters
from dashboard.formatting import format_number, format_pct, format_rupiah, month_name
from dashboard.i18n import register, t
from dashboard.maps import classify
from dashboard.slides.model import (
    COUNT,
    PCT,
    RUPIAH,
    TEXT,
    Chart,
    MapPicture,
    Missing,
    Reference,
    Series,
    Slide,
    Table,
    Tile,
    Tiles,
)
from dashboard.views import anggaran, cakupan, capaian, peta, ringkasan
from dashboard.views.tables import source_text

ROWS_PER_SLIDE = 12   # table rows one screen holds at 1024x768 with projector type; longer tables are split

register({
    "slide_missing": ("Data belum ada: impor berkas {kinds} (halaman Data atau `rakor import`).",
                      "No data yet: import the {kinds} file (Data page or `rakor import`)."),
    "slide_ringkasan": ("Ringkasan {period}", "Summary {period}"),
    "slide_perhatian": ("{level} perlu perhatian", "{level} needing attention"),
    "slide_indicator": ("{indicator} per {level}", "{indicator} by {level}"),
    "slide_capaian": ("Capaian target T1-T5 per {level}", "Target attainment T1-T5 by {level}"),
    "slide_anggaran": ("Pagu dan realisasi per bidang, {period}", "Budget and spending by bidang, {period}"),
    "slide_kurva_s": ("Kurva S: realisasi kumulatif terhadap rencana kas {tahun}",
                      "S-curve: cumulative spending against the cash plan {tahun}"),
    "slide_sumber": ("Sumber data dan kesegaran", "Data sources and freshness"),
    "slide_peta": ("Peta PPKS: {title}", "PPKS map: {title}"),
    "slide_col_kind": ("Jenis data", "Data kind"),
    "slide_col_file": ("Berkas terbaru", "Newest file"),
    "slide_col_files": ("Jumlah berkas", "Files"),
    "slide_col_imported": ("Diimpor", "Imported"),
    "slide_ref_kabupaten": ("Kabupaten {value}", "District {value}"),
    "slide_ref_provinsi": ("Provinsi {value}", "Province {value}"),
    "slide_ref_kecamatan": ("Kec. {name} {value}", "Sub-district {name} {value}"),
    "slide_notes_ringkasan": (
        "Cakupan keluarga layak {c3}, salah eksklusi {c4}, salah inklusi {c5} ({period}). "
        "Serapan anggaran {serapan}; total PPKS {ppks}.",
        "Coverage of eligible households {c3}, exclusion error {c4}, inclusion error {c5} ({period}). "
        "Budget absorption {serapan}; PPKS total {ppks}."),
    "slide_notes_perhatian": ("Capaian rata-rata terendah: {items}.", "Lowest mean attainment: {items}."),
    "slide_notes_chart": ("{indicator} {scope} {value}; tertinggi {top} {top_value}, terendah {low} {low_value}.",
                          "{indicator} {scope} {value}; highest {top} {top_value}, lowest {low} {low_value}."),
    "slide_notes_capaian": ("{red} sel merah dan {amber} sel kuning dari {n} sel bertarget ({mode}).",
                            "{red} red and {amber} amber cells of {n} cells with a target ({mode})."),
    "slide_notes_anggaran": ("Serapan {serapan}: realisasi {real} dari pagu {pagu}; sisa {sisa}.",
                             "Absorption {serapan}: spending {real} of a budget of {pagu}; remaining {sisa}."),
    "slide_notes_kurva": ("Realisasi kumulatif {real}, rencana kas {plan}: selisih {diff} ({month}).",
                          "Cumulative spending {real}, cash plan {plan}: difference {diff} ({month})."),
    "slide_notes_peta": ("Konsentrasi tertinggi ({n} wilayah kelas teratas): {items}.",
                         "Highest concentration ({n} areas in the top class): {items}."),
    "slide_notes_sumber": ("Angka diambil dari {n} jenis data; impor terakhir {when}.",
                           "Figures come from {n} data kinds; last import {when}."),
})


@dataclass
class Source:
    """What every builder reads, loaded once per deck and only when an item asks for it."""

    run: Callable[..., pd.DataFrame]
    filters: Filters
    settings: object
    lang: str

    @cached_property
    def freshness(self) -> pd.DataFrame:
        return self.run("freshness_by_kind")

    @cached_property
    def summary(self) -> ringkasan.RingkasanData:
        return ringkasan.load_ringkasan(self.run, self.filters, self.settings, self.lang)

    @cached_property
    def coverage(self) -> cakupan.CakupanData:
        return cakupan.load_cakupan(self.run, self.filters, self.settings, with_lists=False)

    @cached_property
    def budget(self) -> anggaran.AnggaranData:
        return anggaran.load_anggaran(self.run, self.filters, self.settings)

    @cached_property
    def ppks(self) -> peta.PetaData:
        return peta.load_peta(self.run, self.filters, self.settings)

    def source(self, *kinds: str) -> str:
        """The slide's one source line: files and import dates (the sources slide gives kinds and times)."""
        return source_text(self.freshness, kinds, self.lang, brief=True)

    def missing(self, key: str, title: str, *kinds: str) -> list[Slide]:
        """The item's one slide when its data are not imported: which file to import, instead of an error."""
        message = t("slide_missing", self.lang, kinds=", ".join(kinds))
        return [Slide(key, title, Missing(message), self.source(*kinds), message)]


def trend(kpi: ringkasan.Kpi) -> str:
    """``good``/``bad`` by the change as the tile shows it, ``neutral`` when it rounds to zero or cannot be said."""
    change = ringkasan.shown_change(kpi)
    if not change:
        return "neutral"
    return "good" if (change > 0) == kpi.higher_is_better else "bad"


# ---- items ---------------------------------------------------------------------------------------------------

def ringkasan_slides(src: Source) -> list[Slide]:
    lang = src.lang
    period = cakupan.period_text(src.filters, lang)
    if src.freshness.empty:  # nothing imported: one line saying what to import, not eight empty tiles
        return src.missing("ringkasan", t("slide_ringkasan", lang, period="").strip(), "dtks", "penerima",
                           "anggaran")
    data = src.summary
    previous = cakupan.period_text(src.filters.previous(), lang)
    tiles = [Tile(t(f"ringkasan_kpi_{k.key}", lang), k.value, ringkasan.format_value(k), k.unit,
                  ringkasan.format_change(k, lang), trend(k), t(k.compared_with, lang, period=previous), k.note)
             for k in data.kpis]
    shown = {k.key: ringkasan.format_value(k) for k in data.kpis}
    notes = t("slide_notes_ringkasan", lang, c3=shown["c3"], c4=shown["c4"], c5=shown["c5"], period=period,
              serapan=shown["serapan"], ppks=shown["ppks"])
    kinds = tuple(dict.fromkeys(kind for k in data.kpis for kind in k.kinds))
    return [Slide("ringkasan", t("slide_ringkasan", lang, period=period), Tiles(tiles), src.source(*kinds), notes)]


def perhatian_slides(src: Source) -> list[Slide]:
    lang = src.lang
    title = t("slide_perhatian", lang, level=src.summary.attainment.level_word(lang, header=True))
    rows = ringkasan.attention_rows(src.summary, lang)
    if rows.empty:
        return src.missing("perhatian", title, "target")
    columns = [src.summary.attainment.level_word(lang, header=True), t("ringkasan_col_mean", lang),
               t("ringkasan_col_why", lang)]
    cells = [[n, format_pct(m), w] for n, m, w in zip(rows["nama"], rows["mean_pct"], rows["why"], strict=True)]
    values = pd.DataFrame({columns[0]: rows["nama"], columns[1]: rows["mean_pct"], columns[2]: rows["why"]})
    note = t("ringkasan_attention_note", lang, period=capaian.period_text(src.summary.attainment, lang))
    items = ", ".join(f"{n} {format_pct(m)}" for n, m in zip(rows["nama"], rows["mean_pct"], strict=True))
    return [Slide("perhatian", title, Table(columns, cells, values, [TEXT, PCT, TEXT]), src.source(*capaian.ALL_KINDS),
                  t("slide_notes_perhatian", lang, items=items), subtitle=note)]


def _coverage_references(data: cakupan.CakupanData, key: str, lang: str) -> list[Reference]:
    refs = []
    value = cakupan.kabupaten_value(data, key)
    if value is not None:
        refs.append(Reference(t(f"slide_ref_{data.base_level}", lang, value=format_pct(value)), value))
    if data.filters.kecamatan and (own := cakupan.scope_value(data, key)) is not None:
        refs.append(Reference(t("slide_ref_kecamatan", lang, name=data.kecamatan_name, value=format_pct(own)), own))
    return refs


def _chart_notes(data: cakupan.CakupanData, key: str, frame: pd.DataFrame, column: str, lang: str) -> str:
    """``C3 Cakupan keluarga layak kabupaten 45,6%; tertinggi A 70,1%, terendah B 20,0%.`` (frame sorted)."""
    best, worst = frame.iloc[0], frame.iloc[-1]
    scope = data.kecamatan_name or t(f"cakupan_total_{data.base_level}", lang).lower()
    return t("slide_notes_chart", lang, indicator=t(f"cakupan_{key}", lang), scope=scope,
             value=format_pct(cakupan.scope_value(data, key)), top=best["nama"], top_value=format_pct(best[column]),
             low=worst["nama"], low_value=format_pct(worst[column]))


def _indicator_slide(src: Source, item: str, key: str, colour: str) -> list[Slide]:
    """One coverage indicator per child wilayah, sorted best first, the kabupaten (and kecamatan) value as lines,
    the rule in one line and the households it leaves out named under the title."""
    data, lang = src.coverage, src.lang
    indicator = cakupan.INDICATORS[key]
    title = t("slide_indicator", lang, indicator=t(f"cakupan_{key}", lang),
              level=t(f"level_{data.level}", lang))
    if data.coverage.empty or data.coverage["n_eligible"].sum() == 0:
        return src.missing(item, title, "dtks", "penerima")
    frame = data.coverage.dropna(subset=[indicator.pct]).sort_values(
        [indicator.pct, "nama"], ascending=[not indicator.higher_is_better, True])
    references = _coverage_references(data, key, lang)
    top = max([*frame[indicator.pct], *(r.value for r in references)])
    subtitle = " · ".join(filter(None, [cakupan.program_text(data, lang), cakupan.period_text(data.filters, lang),
                                        cakupan.side_note(data, key, lang)]))
    notes = _chart_notes(data, key, frame, indicator.pct, lang)
    parts = split_rows(len(frame))
    slides = []
    for i, rows in enumerate(parts):
        part = frame.iloc[rows]
        series = Series(t(f"cakupan_{key}", lang), part[indicator.pct].tolist(),
                        [format_pct(v) for v in part[indicator.pct]], colour)
        chart = Chart("bar", part["nama"].tolist(), [series], PCT, references=references, value_max=top)
        slides.append(Slide(item, title, chart, src.source("dtks", "penerima"), notes,
                            subtitle=f"{subtitle}. {cakupan.definition(key, lang)}",
                            part=(i + 1, len(parts)) if len(parts) > 1 else None))
    return slides


def split_rows(n: int, per_slide: int = ROWS_PER_SLIDE) -> list[slice]:
    """Rows (or bars) per slide: at most ``per_slide``, split evenly (24 -> 12 + 12, 13 -> 7 + 6)."""
    count = max(1, math.ceil(n / per_slide))
    size = math.ceil(n / count) if n else 0
    return [slice(i * size, (i + 1) * size) for i in range(count)]


def cakupan_slides(src: Source) -> list[Slide]:
    return _indicator_slide(src, "cakupan", "C3", theme.PALETTE[2])


def eksklusi_inklusi_slides(src: Source) -> list[Slide]:
    """C4 then C5, one chart each: both on one chart would be 48 bars, too small to read from the back."""
    return [*_indicator_slide(src, "eksklusi_inklusi", "C4", theme.PALETTE[3]),
            *_indicator_slide(src, "eksklusi_inklusi", "C5", theme.PALETTE[0])]


def capaian_slides(src: Source) -> list[Slide]:
    targets, lang = src.summary.attainment, src.lang
    title = t("slide_capaian", lang, level=targets.level_word(lang))
    if targets.current.empty or targets.current["target"].notna().sum() == 0:
        return src.missing("capaian", title, "target")
    values = capaian.scorecard_values(targets, prorata=True)
    keys = list(capaian.INDICATORS)
    columns = [targets.level_word(lang, header=True), *(t(f"capaian_short_{k}", lang) for k in keys)]
    numbers = pd.concat([values["nama"].rename(columns[0]), values[keys].set_axis(columns[1:], axis=1)], axis=1)
    cells = [[name, *(format_pct(v) if pd.notna(v) else "–" for v in row)]
             for name, row in zip(values["nama"], values[keys].to_numpy(), strict=True)]
    status = [[None, *(capaian.rag_status(v if pd.notna(v) else None, targets.green_pct, targets.amber_pct)
                       for v in row)] for row in values[keys].to_numpy()]
    flat = [s for row in status for s in row[1:]]
    notes = t("slide_notes_capaian", lang, red=flat.count("merah"), amber=flat.count("kuning"),
              n=len(flat) - flat.count("abu"), mode=capaian.mode_text(targets, True, lang))
    subtitle = f"{capaian.mode_text(targets, True, lang)} · {capaian.legend_text(targets, lang)}"
    parts = split_rows(len(cells))
    slides = []
    for i, rows in enumerate(parts):
        table = Table(columns, cells[rows], numbers.iloc[rows].reset_index(drop=True), [TEXT, *[PCT] * len(keys)],
                      status[rows])
        slides.append(Slide("capaian", title, table, src.source(*capaian.ALL_KINDS), notes, subtitle=subtitle,
                            part=(i + 1, len(parts)) if len(parts) > 1 else None))
    return slides


def anggaran_slides(src: Source) -> list[Slide]:
    data, lang = src.budget, src.lang
    period = anggaran.period_text(data, lang)
    title = t("slide_anggaran", lang, period=period)
    if data.is_empty:
        return src.missing("anggaran", title, "anggaran")
    frame = data.by_bidang
    names = [anggaran.bidang_label(b, lang) for b in frame["bidang"]]
    real = Series(t("anggaran_trace_realisasi", lang), frame["realisasi_rp"].tolist(),
                  [f"{format_rupiah(r, short=True)} ({format_pct(p)})" for r, p in
                   zip(frame["realisasi_rp"], frame["absorption_pct"], strict=True)], anggaran.REAL_COLOUR)
    pagu = Series(t("anggaran_trace_pagu", lang), frame["pagu_rp"].tolist(),
                  [format_rupiah(v, short=True) for v in frame["pagu_rp"]], anggaran.PAGU_COLOUR)
    totals = anggaran.compute_totals(frame)
    notes = t("slide_notes_anggaran", lang, serapan=format_pct(totals.absorption_pct),
              real=format_rupiah(totals.realisasi_rp, short=True), pagu=format_rupiah(totals.pagu_rp, short=True),
              sisa=format_rupiah(totals.sisa_rp, short=True))
    chart = Chart("bar", names, [real, pagu], RUPIAH)
    return [Slide("anggaran", title, chart, src.source("anggaran"), notes, subtitle=t("anggaran_filters_note", lang))]


def kurva_s_slides(src: Source) -> list[Slide]:
    data, lang = src.budget, src.lang
    title = t("slide_kurva_s", lang, tahun=data.tahun)
    if data.is_empty:
        return src.missing("kurva_s", title, "anggaran")
    curve = data.curve
    months = [month_name(m, lang)[:3] for m in curve["bulan"]]
    # labels only where the eye looks: the latest month spent and the year's end (twelve labels a line overlap)
    last_month = curve["realisasi_kumulatif_rp"].last_valid_index()
    shown = {last_month, curve.index[-1]}

    def labels(values: pd.Series) -> list[str]:
        return [format_rupiah(v, short=True) if i in shown and pd.notna(v) else "" for i, v in values.items()]

    plan = Series(t("anggaran_trace_kas_kum", lang), curve["anggaran_kas_kumulatif_rp"].tolist(),
                  labels(curve["anggaran_kas_kumulatif_rp"]), anggaran.PLAN_COLOUR)
    real = Series(t("anggaran_trace_realisasi_kum", lang), curve["realisasi_kumulatif_rp"].tolist(),
                  labels(curve["realisasi_kumulatif_rp"]), anggaran.REAL_COLOUR)
    pagu = curve["pagu_rp"].dropna()
    refs = [Reference(f"{t('anggaran_trace_pagu', lang)} {format_rupiah(pagu.iloc[-1], short=True)}",
                      float(pagu.iloc[-1]))] if len(pagu) else []
    last = curve.dropna(subset=["realisasi_kumulatif_rp"]).iloc[-1]
    notes = t("slide_notes_kurva", lang, real=format_rupiah(last["realisasi_kumulatif_rp"], short=True),
              plan=format_rupiah(last["anggaran_kas_kumulatif_rp"], short=True),
              diff=anggaran.signed_rupiah(last["realisasi_kumulatif_rp"] - last["anggaran_kas_kumulatif_rp"]),
              month=f"{month_name(int(last['bulan']), lang)} {data.tahun}")
    chart = Chart("line", months, [plan, real], RUPIAH, references=refs)
    return [Slide("kurva_s", title, chart, src.source("anggaran"), notes,
                  subtitle=anggaran.period_text(data, lang))]


def peta_slides(src: Source) -> list[Slide]:
    data, lang = src.ppks, src.lang
    measure = peta.PER_1000 if data.has_population else peta.JUMLAH
    map_title = peta.map_title(data, None, measure, lang).replace("<br>", " ")  # plotly's line break, not a slide's
    title = t("slide_peta", lang, title=map_title)
    if not data.categories:
        return src.missing("peta", title, "ppks")
    polygons, outline = peta.shapes(data)
    view = peta.map_view(data, None, measure, classify.QUANTILE, polygons, lang)
    spots = view.hotspots
    hotspots = [f"{int(r)}. {n}: {v}" for r, n, v in zip(spots["rank"], spots["nama"], spots["value_text"],
                                                        strict=True)]
    notes = t("slide_notes_peta", lang, n=len(spots), items="; ".join(hotspots) or "-")
    method = t(f"peta_method_{view.method}", lang)
    caption = " ".join([t("peta_class_note", lang, n=len(view.breaks), method=method),
                        *peta.mismatch_notes(view, data, lang)])
    kinds = ("ppks", "penduduk") if measure == peta.PER_1000 else ("ppks",)
    return [Slide("peta", title, MapPicture(view, outline, peta.labelled(view, data), hotspots),
                  src.source(*kinds), notes, subtitle=caption)]


def sumber_slides(src: Source) -> list[Slide]:
    lang, fresh = src.lang, src.freshness.sort_values("kind")
    title = t("slide_sumber", lang)
    if fresh.empty:
        return src.missing("sumber", title, "dtks")
    columns = [t(f"slide_col_{c}", lang) for c in ("kind", "file", "files", "imported")]
    kinds = [s if isinstance(s, str) and s else k for k, s in zip(fresh["kind"], fresh["source"], strict=True)]
    cells = [[k, f, format_number(n), f"{w:%d-%m-%Y %H:%M}"] for k, f, n, w in
             zip(kinds, fresh["file_name"], fresh["n_files"], fresh["imported_at"], strict=True)]
    values = pd.DataFrame({columns[0]: kinds, columns[1]: fresh["file_name"].to_numpy(),
                           columns[2]: fresh["n_files"].to_numpy(), columns[3]: fresh["imported_at"].to_numpy()})
    notes = t("slide_notes_sumber", lang, n=len(fresh), when=f"{fresh['imported_at'].max():%d-%m-%Y %H:%M}")
    return [Slide("sumber", title, Table(columns, cells, values, [TEXT, TEXT, COUNT, TEXT]), "", notes)]


BUILDERS: dict[str, Callable[[Source], list[Slide]]] = {
    "ringkasan": ringkasan_slides, "perhatian": perhatian_slides, "cakupan": cakupan_slides,
    "eksklusi_inklusi": eksklusi_inklusi_slides, "capaian": capaian_slides, "anggaran": anggaran_slides,
    "kurva_s": kurva_s_slides, "peta": peta_slides, "sumber": sumber_slides,
}
