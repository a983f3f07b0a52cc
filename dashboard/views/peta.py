"""Peta PMKS (indicators P1-P4): PPKS per kecamatan or desa as count, rate per 1,000 or share, cut into classes.

Pure (no Streamlit), like the other page modules: the page passes ``ui.query`` as ``run``. Figures come from
``queries/ppks_by_wilayah.sql``; this module picks the measure, classifies it, ranks it, and writes the
texts the map shows, with counts of 1-4 people suppressed as "<5" (totals are computed before suppression).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.filters import Filters
from dashboard.formatting import format_number, format_pct
from dashboard.i18n import register, t
from dashboard.maps import classify, geo
from dashboard.textsafe import markdown_text, plotly_text
from dashboard.wilayah import is_provinsi

JUMLAH, PER_1000, SHARE = "jumlah", "per_1000", "share_pct"
MEASURES = (JUMLAH, PER_1000, SHARE)
SMALL = range(1, 5)  # counts of people shown as "<5"

register({
    "peta_title": ("Peta PPKS", "PPKS map"),
    "peta_kategori": ("Kategori PPKS", "PPKS category"),
    "peta_all_kategori": ("Semua kategori", "All categories"),
    "peta_measure": ("Ukuran", "Measure"),
    "peta_measure_jumlah": ("Jumlah PPKS", "PPKS count"),
    "peta_measure_per_1000": ("Per 1.000 penduduk", "Per 1,000 population"),
    "peta_measure_share_pct": ("Persen dari kabupaten", "Share of the district"),
    "peta_measure_share_pct_provinsi": ("Persen dari provinsi", "Share of the province"),
    "peta_method": ("Pembagian kelas", "Classes"),
    "peta_method_kuantil": ("Kuantil (jumlah wilayah sama)", "Quantiles (equal counts)"),
    "peta_method_natural": ("Natural breaks (Jenks)", "Natural breaks (Jenks)"),
    "peta_level": ("Tingkat", "Level"),
    "peta_view": ("Tampilan", "View"),
    "peta_view_single": ("Satu peta", "One map"),
    "peta_view_multiples": ("Per kategori", "By category"),
    "peta_map_title": ("{measure} · {kategori}<br>{area}, {tahun}", "{measure} · {kategori}<br>{area}, {tahun}"),
    "peta_area_kabupaten": ("per {level}", "by {level}"),
    "peta_area_kecamatan": ("desa di Kec. {name}", "villages of {name}"),
    "peta_no_data": ("tidak ada laporan", "no report"),
    "peta_no_data_or_population": ("tidak ada laporan / tanpa penduduk", "no report / no population"),
    "peta_suppressed": ("<5", "<5"),
    "peta_suppressed_value": ("ditekan (jumlah <5)", "suppressed (count <5)"),
    "peta_hover": ("<b>{name}</b><br>{measure}: {value}<br>Peringkat {rank} dari {of}<br>Perubahan dari {prev}: "
                   "{change}", "<b>{name}</b><br>{measure}: {value}<br>Rank {rank} of {of}<br>Change from {prev}: "
                   "{change}"),
    "peta_hover_no_data": ("<b>{name}</b><br>tidak ada laporan PPKS {tahun}",
                           "<b>{name}</b><br>no PPKS report {tahun}"),
    "peta_hover_no_population": ("<b>{name}</b><br>PPKS {tahun}: {count}; tanpa data penduduk (tidak ada angka per "
                                 "1.000)", "<b>{name}</b><br>PPKS {tahun}: {count}; no population (no rate per "
                                 "1,000)"),
    "peta_points": ("{value} poin", "{value} points"),
    "peta_hotspots": ("Wilayah kelas tertinggi", "Top-class areas"),
    "peta_no_polygon": (
        "{n} wilayah tanpa batas wilayah di peta (angkanya tetap masuk total): {names}",
        "{n} areas without a boundary on the map (their figures stay in the totals): {names}",
    ),
    "peta_unknown_polygons": (
        "{n} poligon dengan kode yang tidak ada di data/referensi: {names}",
        "{n} polygons whose code is not in the data/reference: {names}",
    ),
    "peta_not_reported": ("{n} wilayah tanpa laporan PPKS {tahun} (arsir abu-abu): {names}",
                          "{n} areas without a PPKS report for {tahun} (grey hatching): {names}"),
    "peta_without_population": ("{n} wilayah melapor PPKS tetapi tanpa data penduduk, jadi tanpa angka per 1.000 "
                                "(arsir abu-abu): {names}", "{n} areas reported PPKS but have no population, so no "
                                "rate per 1,000 (grey hatching): {names}"),
    "peta_unplaced": (
        "{value} PPKS tercatat dengan kode kecamatan, tidak dapat dipetakan per desa (tetap masuk total).",
        "{value} PPKS recorded with a sub-district code cannot be placed on a village (still in the totals).",
    ),
    "peta_no_population": ("Penduduk per {level} belum diimpor: tampilkan jumlah atau persen.",
                           "No population per {level} imported: show the count or the share."),
    "peta_population_note": ("Penduduk: tahun {tahun}.", "Population: year {tahun}."),
    "peta_class_note": ("{n} kelas, {method}; warna lebih gelap = nilai lebih tinggi. Data PPKS tahunan.",
                        "{n} classes, {method}; darker = higher. PPKS data are yearly."),
    "peta_multiples_title": ("{measure} per {level}, {tahun}: kelas dihitung per kategori",
                             "{measure} by {level}, {tahun}: classes computed per category"),
    "peta_class_n": ("Kelas {n}", "Class {n}"),
    "peta_class_low": ("Kelas 1 (terendah)", "Class 1 (lowest)"),
    "peta_class_high": ("Kelas {n} (tertinggi)", "Class {n} (highest)"),
    "peta_png_hint": ("Unduh PNG untuk slide: ikon kamera di pojok kanan atas peta.",
                      "Download a PNG for the slides: camera icon at the top right of the map."),
    # one line per indicator: the rule as docs/INDICATORS.md states it, shown under the map
    "peta_def_jumlah": ("P1 Jumlah = PPKS pada rekap tahunan, per wilayah; jumlah 1-4 ditampilkan <5.",
                        "P1 Count = PPKS in the yearly recap, per area; counts of 1-4 are shown as <5."),
    "peta_def_per_1000": ("P2 = jumlah PPKS / penduduk wilayah (tahun terbaru) × 1.000; jumlah 1-4 ditekan.",
                          "P2 = PPKS count / the area's population (latest year) × 1,000; counts of 1-4 suppressed."),
    "peta_def_share_pct_provinsi": ("P3 = jumlah PPKS wilayah / jumlah provinsi pada kategori yang sama × 100; "
                                    "jumlah 1-4 ditekan.",
                                    "P3 = the area's PPKS / the province's total of the same category × 100; "
                                    "counts 1-4 suppressed."),
    "peta_def_share_pct": ("P3 = jumlah PPKS wilayah / jumlah kabupaten pada kategori yang sama × 100; "
                           "jumlah 1-4 ditekan.",
                           "P3 = the area's PPKS count / the district's count of the same category × 100; "
                           "counts of 1-4 suppressed."),
    "peta_def_hotspots": ("P4 = wilayah di kelas tertinggi (nilai > 0), dari yang tertinggi; tanpa laporan = arsir, "
                          "bukan nol.",
                          "P4 = areas in the top class (value > 0), highest first; no report = hatched, not zero."),
    "peta_back": ("Kembali ke peta kabupaten", "Back to the district map"),
    "peta_back_provinsi": ("Kembali ke peta provinsi", "Back to the province map"),
    "peta_click_hint": ("Klik nama kecamatan untuk melihat desanya.",
                        "Click a sub-district's name to see its villages."),
    "peta_click_hint_kabupaten": ("Klik nama kab/kota untuk melihat kecamatannya.",
                                  "Click a district's name to see its sub-districts."),
})


@dataclass(frozen=True)
class PetaData:
    """PPKS figures of the mapped area for every category (``kategori`` null = all), this year and last."""

    filters: Filters
    kabupaten: str
    level: str          # geo.KECAMATAN or geo.DESA
    parent: str         # the kabupaten, or the drilled kecamatan
    parent_name: str
    values: pd.DataFrame    # one row per wilayah x category (ppks_by_wilayah)
    unplaced: pd.DataFrame  # per category: PPKS recorded above the mapped level
    polygons: gpd.GeoDataFrame | None = None
    """Desa level: the kabupaten's imported desa boundaries (kind ``batas``), which replace the shipped ones."""
    polygons_key: str = ""  # identifies ``polygons`` (a digest of their WKB), for the outline cache

    @property
    def categories(self) -> list[str]:
        """Categories with any PPKS in this year or last, alphabetical."""
        counts = self.values.dropna(subset=["kategori"]).groupby("kategori")[["jumlah", "jumlah_prev"]].sum()
        return sorted(counts.index[counts.sum(axis=1) > 0])

    @property
    def has_population(self) -> bool:
        return bool(self.values["n_penduduk"].notna().any())


def map_scope(filters: Filters, unit: str, level: str | None) -> tuple[str, str]:
    """(level, parent): a selected kecamatan always drills to its desa; a provinsi (``unit``, when no kab/kota is
    chosen) maps its kab/kota, or every kecamatan when asked; otherwise the chosen level of the kab/kota (kecamatan
    when none is chosen)."""
    if filters.kecamatan:
        return geo.DESA, filters.kecamatan
    if is_provinsi(unit):
        return (geo.KECAMATAN if level == geo.KECAMATAN else geo.KABUPATEN), unit
    return level or geo.KECAMATAN, unit


def load_peta(run: Callable[..., pd.DataFrame], filters: Filters, settings, level: str | None = None) -> PetaData:
    unit = filters.kabupaten or settings.kabupaten  # the kab/kota mapped, or a provinsi's whole
    level, parent = map_scope(filters, unit, level)
    frame = run("ppks_by_wilayah", kabupaten=unit, parent=parent, child_len=geo.CODE_LENGTH[level],
                tahun=filters.tahun)
    placed = frame["kode"].notna()
    name = ""
    if parent != unit:
        names = run("kecamatan_list", kabupaten=settings.kabupaten)
        name = dict(zip(names["kode"], names["nama"], strict=True)).get(parent, parent)
    polygons, key = imported_desa(run, unit) if level == geo.DESA else (None, "")
    return PetaData(filters, unit, level, parent, name, frame[placed].reset_index(drop=True),
                    frame[~placed].reset_index(drop=True), polygons, key)


def imported_desa(run: Callable[..., pd.DataFrame], kabupaten: str) -> tuple[gpd.GeoDataFrame | None, str]:
    """The desa boundaries imported for the kabupaten (kind ``batas``) and a digest naming them; (None, '')
    without any. ``run`` (the page's ``ui.query``) caches the rows per database version."""
    rows = run("batas_by_kabupaten", kabupaten=kabupaten)
    polygons = geo.from_stored(rows)
    if polygons.empty:
        return None, ""
    digest = hashlib.sha256()
    for wkb in rows["geometry_wkb"].dropna():
        digest.update(bytes(wkb))
    return polygons, digest.hexdigest()


def has_desa_boundaries(run: Callable[..., pd.DataFrame], kabupaten: str) -> bool:
    """Whether the desa level can be mapped: the product ships desa polygons or the office imported its own."""
    return geo.has_boundaries(kabupaten, geo.DESA) or imported_desa(run, kabupaten)[0] is not None


# ---- one map -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MapView:
    """One classified map: the rows with a polygon, class breaks and legend, and what could not be mapped."""

    measure: str
    method: str
    frame: gpd.GeoDataFrame     # mapped rows: value, klass (-1 = no data), rank, texts, geometry
    breaks: np.ndarray
    legend: list[str]           # one range label per class, lowest first
    join: geo.MapJoin
    unplaced: int               # PPKS recorded above the mapped level
    no_data_label: str = ""     # the legend's word for hatched areas: no report (or also no population, on P2)

    def no_data_text(self, lang: str = "id") -> str:
        return self.no_data_label or t("peta_no_data", lang)

    @property
    def hotspots(self) -> pd.DataFrame:
        """P4: wilayah in the top class, highest first."""
        top = self.frame[(self.frame["klass"] == len(self.breaks) - 1) & (self.frame["value"] > 0)]
        return top.sort_values(["value", "nama"], ascending=[False, True])


def is_small(count: object) -> bool:
    return count in SMALL


def value_text(measure: str, value: float | None, count: int, lang: str = "id") -> str:
    """The value as the hall reads it; any figure resting on 1-4 people is suppressed."""
    if value is None or pd.isna(value):
        return t("peta_no_data", lang)
    if is_small(count):
        return t("peta_suppressed", lang) if measure == JUMLAH else t("peta_suppressed_value", lang)
    if measure == PER_1000:
        return format_number(value, 1)
    if measure == SHARE:
        return format_pct(value)
    return format_number(value)


def change_text(measure: str, row: pd.Series, lang: str = "id") -> str:
    if not (row["ada_data"] and row["ada_data_prev"]) or pd.isna(row["value"]) or pd.isna(row["value_prev"]):
        return "-"
    if is_small(row["jumlah"]) or is_small(row["jumlah_prev"]):
        return t("peta_suppressed_value", lang)
    change = row["value"] - row["value_prev"]
    sign = "+" if change > 0 else ""
    if measure == SHARE:
        return t("peta_points", lang, value=f"{sign}{format_number(change, 1)}")
    return f"{sign}{format_number(change, 1 if measure == PER_1000 else 0)}"


def legend_labels(measure: str, values: pd.Series, counts: pd.Series, classes: np.ndarray, n: int,
                  lang: str = "id") -> list[str]:
    """``12 – 25`` per class: the smallest and largest value in it (disjoint, true ranges), suppressed alike."""
    labels = []
    for klass in range(n):
        inside = classes == klass
        if not inside.any():
            labels.append("")
            continue
        low, high = values[inside].idxmin(), values[inside].idxmax()
        texts = [value_text(measure, values[i], counts[i], lang) for i in (low, high)]  # a rate on 1-4 people too
        labels.append(texts[0] if texts[0] == texts[1] else f"{texts[0]} – {texts[1]}")
    return labels


def map_view(data: PetaData, kategori: str | None, measure: str, method: str, boundaries: gpd.GeoDataFrame,
             lang: str = "id") -> MapView:
    """Classify the chosen category and measure over the mapped wilayah that reported (others are 'no data')."""
    rows = data.values[data.values["kategori"].isna() if kategori is None else data.values["kategori"] == kategori]
    # a code the reference does not know has no name: it is shown by its code everywhere
    frame = rows.assign(nama=rows["nama"].fillna(rows["kode"]), value=rows[measure].where(rows["ada_data"]),
                        value_prev=rows[f"{measure}_prev"].where(rows["ada_data_prev"])).reset_index(drop=True)
    joined = geo.join(frame, boundaries, data.parent)
    mapped = joined.mapped
    breaks = classify.breaks_for(method, mapped["value"].to_numpy(dtype=float))
    classes = classify.classify(mapped["value"].to_numpy(dtype=float), breaks)
    ranks = mapped["value"].rank(ascending=False, method="min")
    mapped = mapped.assign(klass=classes, rank=ranks)
    mapped["value_text"] = [value_text(measure, v, c, lang) for v, c in zip(mapped["value"], mapped["jumlah"],
                                                                            strict=True)]
    mapped["hover"] = _hover_texts(mapped, data, measure, lang)
    unplaced = data.unplaced
    unplaced = unplaced[unplaced["kategori"].isna() if kategori is None else unplaced["kategori"] == kategori]
    legend = legend_labels(measure, mapped["value"], mapped["jumlah"], classes, len(breaks), lang)
    no_data = "peta_no_data_or_population" if _without_population(mapped).any() else "peta_no_data"
    return MapView(measure, method, mapped, breaks, legend, joined, int(unplaced["jumlah"].sum()), t(no_data, lang))


def _without_population(frame: pd.DataFrame) -> pd.Series:
    """Wilayah that reported PPKS but have no value: on a rate map, those without population."""
    return frame["ada_data"].astype(bool) & frame["value"].isna()


def _measure_key(measure: str, data: PetaData | None) -> str:
    """P3 is a share of the whole mapped: a provinsi's when its kab/kota are mapped."""
    provinsi = data is not None and measure == SHARE and is_provinsi(data.kabupaten)
    return f"{measure}_provinsi" if provinsi else measure


def measure_name(measure: str, data: PetaData | None, lang: str = "id") -> str:
    return t(f"peta_measure_{_measure_key(measure, data)}", lang)


def _hover_texts(mapped: pd.DataFrame, data: PetaData, measure: str, lang: str) -> list[str]:
    named = measure_name(measure, data, lang)
    n_valued = int(mapped["value"].notna().sum())
    texts = []
    for _, row in mapped.iterrows():
        if pd.isna(row["value"]):
            key = "peta_hover_no_population" if row["ada_data"] else "peta_hover_no_data"
            texts.append(t(key, lang, name=plotly_text(row["nama"]), tahun=data.filters.tahun,
                           count=value_text(JUMLAH, row["jumlah"], row["jumlah"], lang)))
            continue
        texts.append(t("peta_hover", lang, name=plotly_text(row["nama"]), measure=named, value=row["value_text"],
                       rank=int(row["rank"]), of=n_valued, prev=data.filters.tahun - 1,
                       change=change_text(measure, row, lang)))
    return texts


_OUTLINES: dict[tuple[str, str, str], np.ndarray] = {}


def shapes(data: PetaData) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """Polygons of the mapped level and the outline drawn around them: the imported desa boundaries where the
    office has imported some, else the shipped ones."""
    if data.polygons is None:
        return geo.polygons_of(data.kabupaten, data.level), geo.outline(data.kabupaten, data.level, data.parent)
    key = (data.kabupaten, data.parent, data.polygons_key)
    if key not in _OUTLINES:
        if len(_OUTLINES) >= 64:
            _OUTLINES.clear()
        _OUTLINES[key] = geo.outline_of(data.polygons, data.kabupaten, data.parent)
    return data.polygons, _OUTLINES[key]


def labelled(view: MapView, data: PetaData) -> np.ndarray:
    """Which wilayah get their name on the map: all, except two levels below the whole (desa of a kabupaten,
    kecamatan of a provinsi): hotspots only there, or hundreds of names would cover the map."""
    crowded = data.level == geo.DESA or (data.level == geo.KECAMATAN and is_provinsi(data.kabupaten))
    if crowded and data.parent == data.kabupaten:
        return view.frame["kode"].isin(view.hotspots["kode"]).to_numpy()
    return np.ones(len(view.frame), dtype=bool)


def hotspot_lines(view: MapView) -> list[str]:
    """``1. Tiris: 4.060`` per hotspot: a list wraps in a narrow column beside the map, where a table is cut."""
    spots = view.hotspots
    return [f"{int(rank)}\\. {markdown_text(name)}: **{value}**" for rank, name, value in
            zip(spots["rank"], spots["nama"], spots["value_text"], strict=True)]


def map_title(data: PetaData, kategori: str | None, measure: str, lang: str = "id") -> str:
    level = t(f"level_{data.level}", lang)
    area = (t("peta_area_kecamatan", lang, name=data.parent_name) if data.parent != data.kabupaten
            else t("peta_area_kabupaten", lang, level=level))
    return t("peta_map_title", lang, measure=measure_name(measure, data, lang),
             kategori=kategori or t("peta_all_kategori", lang), area=area, tahun=data.filters.tahun)


def map_caption(view: MapView, data: PetaData, lang: str = "id") -> str:
    """How to read the map: classes and method, the population year behind a rate, what a click does, PNG."""
    method = t(f"peta_method_{view.method}", lang)
    parts = [t("peta_class_note", lang, n=len(view.breaks), method=method)]
    years = view.frame["tahun_penduduk"].dropna().unique()
    if view.measure == PER_1000 and len(years):
        parts.append(t("peta_population_note", lang, tahun=", ".join(str(int(y)) for y in sorted(years))))
    if data.level in (geo.KABUPATEN, geo.KECAMATAN):
        parts.append(t(f"peta_click_hint{'_kabupaten' if data.level == geo.KABUPATEN else ''}", lang))
    parts.append(t("peta_png_hint", lang))
    return " ".join(parts)


def definition(measure: str, lang: str = "id", hotspots: bool = True, data: PetaData | None = None) -> str:
    """The chosen measure's one-line rule (P1, P2 or P3), and on a line of its own P4's when the hotspot list is
    shown."""
    parts = [t(f"peta_def_{_measure_key(measure, data)}", lang)]
    if hotspots:
        parts.append(t("peta_def_hotspots", lang))
    return "  \n".join(parts)  # a Markdown line break: one rule per line


def file_stem(data: PetaData, kategori: str | None, multiples: bool = False) -> str:
    """``peta-ppks-2026-desa-35.13.01-fakir-miskin``: what the exported PNG shows, readable in a slide folder."""
    parts = ["peta-ppks", str(data.filters.tahun), data.level]
    if data.parent != data.kabupaten:
        parts.append(data.parent)
    parts.append("per-kategori" if multiples else (kategori or ""))
    return "-".join(p for p in parts if p).replace(" ", "-").replace("(", "").replace(")", "")


def mismatch_notes(view: MapView, data: PetaData, lang: str = "id") -> list[str]:
    """Everything the map could not show, in words: nothing is dropped silently."""
    notes = []
    frame = view.frame
    if not view.join.no_polygon.empty:
        missing = view.join.no_polygon
        names = [f"{n} ({value_text(view.measure, v, c, lang)})"
                 for n, v, c in zip(missing["nama"], missing["value"], missing["jumlah"], strict=True)]
        notes.append(t("peta_no_polygon", lang, n=len(names), names=", ".join(names)))
    if not view.join.unknown_polygons.empty:
        unknown = view.join.unknown_polygons
        notes.append(t("peta_unknown_polygons", lang, n=len(unknown),
                       names=", ".join(f"{n} ({k})" for k, n in zip(unknown["kode"], unknown["nama"], strict=True))))
    no_population = _without_population(frame)
    for key, rows in (("peta_not_reported", frame[frame["value"].isna() & ~no_population]),
                      ("peta_without_population", frame[no_population])):
        if not rows.empty:
            notes.append(t(key, lang, n=len(rows), tahun=data.filters.tahun, names=", ".join(rows["nama"])))
    if view.unplaced:
        notes.append(t("peta_unplaced", lang, value=value_text(JUMLAH, view.unplaced, view.unplaced, lang)))
    return notes
