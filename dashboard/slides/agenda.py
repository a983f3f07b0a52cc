"""The rakor deck: the configured agenda (``[agenda]`` in rakor.toml) built into slides from the page views.

``build_deck`` is the one function the presentation mode, ``rakor deck`` and the app's download button call,
with the same filters the pages use, so a number on the projector is the number in the handout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from dashboard.filters import MONTH, QUARTER, Filters, ignored_params, load_filter_options
from dashboard.i18n import register, t
from dashboard.slides.items import BUILDERS, Source
from dashboard.slides.model import Deck
from dashboard.views import cakupan
from dashboard.wilayah import child_level, is_provinsi

register({
    "deck_no_database": ("Basis data {db} belum ada: jalankan `rakor demo` atau impor berkas dulu.",
                         "Database {db} does not exist yet: run `rakor demo` or import files first."),
    "deck_unknown_filter": ("Filter tidak dikenal atau tanpa data: {values}", "Unknown filter or no data: {values}"),
    "deck_all_kecamatan": ("semua kecamatan", "all sub-districts"),
    "deck_all_kabupaten": ("semua kab/kota", "all districts/cities"),
    "deck_all_program": ("semua program", "all programmes"),
    "deck_kecamatan": ("Kec. {name}", "Sub-district {name}"),
})

Progress = Callable[[str], None]


def file_stem(kode: str, filters: Filters) -> str:
    """``rakor-35.13-2026-triwulan3`` (+ ``-bulan05``, ``-35.13.01``, ``-pkh``): what the files hold, in their name."""
    parts = ["rakor", kode, str(filters.tahun)]
    if filters.granularity == QUARTER and filters.period:
        parts.append(f"triwulan{filters.period}")
    elif filters.granularity == MONTH and filters.period:
        parts.append(f"bulan{filters.period:02d}")
    parts += [p for p in (filters.kecamatan or filters.kabupaten, filters.program) if p]
    return re.sub(r"[^a-z0-9.\-]+", "-", "-".join(parts).lower())


def filters_text(filters: Filters, area_name: str, lang: str = "id", top: str = "") -> str:
    """``Triwulan/Tahap 3 2026 · semua kecamatan · semua program``: the filters in force, on every slide. The area is
    the chosen kecamatan, else a provinsi's chosen kab/kota (``area_name``), else all of the installation ``top``."""
    if filters.kecamatan:
        area = t("deck_kecamatan", lang, name=area_name)
    elif filters.kabupaten:
        area = area_name
    else:
        area = t(f"deck_all_{child_level(top) if top else 'kecamatan'}", lang)
    program = filters.program or t("deck_all_program", lang)
    return " · ".join([cakupan.period_text(filters, lang), area, program])


def resolve_filters(run: Callable[..., pd.DataFrame], settings, params: dict[str, str | None]
                    ) -> tuple[Filters, list[str]]:
    """Filters from command-line values as the app reads them from its URL, and the values it could not honour."""
    given = {name: value for name, value in params.items() if value is not None}
    chosen = load_filter_options(run, settings.kabupaten).parse(given)
    return chosen, ignored_params(given, chosen)


def build_deck(run: Callable[..., pd.DataFrame], filters: Filters, settings, lang: str = "id",
               today: dt.date | None = None, progress: Progress | None = None) -> Deck:
    """Every agenda item's slides, in the configured order; an item without data says what to import."""
    source = Source(run, filters, settings, lang)
    slides = []
    for item in settings.agenda:
        made = BUILDERS[item](source)
        slides += made
        if progress:
            for slide in made:
                progress(slide.heading)
    names = run("wilayah_by_kode", kode=settings.kabupaten)
    wilayah = str(names["nama"].iloc[0]) if len(names) else settings.kabupaten
    wilayah = f"Provinsi {wilayah}" if is_provinsi(settings.kabupaten) else wilayah
    area = ""
    if filters.area:
        area = run("wilayah_by_kode", kode=filters.area)["nama"].squeeze() or filters.area
    return Deck(settings.rakor_title, wilayah, settings.kabupaten, cakupan.period_text(filters, lang),
                filters_text(filters, str(area), lang, settings.kabupaten), today or dt.date.today(),
                file_stem(settings.kabupaten, filters), slides)
