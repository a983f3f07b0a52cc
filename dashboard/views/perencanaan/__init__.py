"""Perencanaan (the Bappeda planner's view): where next year's money and people should go, and what this year's
money bought. Five figures, one module each: budget to output (``keluaran``), SPM Bidang Sosial (``spm``),
targeting accuracy per desa (``sasaran``), caseload (``beban``) and the priority composite (``prioritas``).

Pure (no Streamlit), like the other page modules: the page passes ``ui.query`` as ``run``; tests and the Excel
export pass ``functools.partial(run_query, con)``. Each figure's numbers come from its own ``queries/*.sql``
(coverage per desa is the Cakupan page's own query); this package scales, ranks and words them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.filters import Filters
from dashboard.i18n import register
from dashboard.views import capaian
from dashboard.views.perencanaan import beban, keluaran, prioritas, sasaran, spm
from dashboard.views.perencanaan.scope import Scope

register({
    "perencanaan_title": ("Perencanaan", "Planning"),
    "perencanaan_intro": (
        "Untuk Bappeda: apa yang dibeli anggaran tahun ini, dan ke mana uang serta tenaga tahun depan.",
        "For Bappeda: what this year's money bought, and where next year's money and people should go."),
    "perencanaan_tab_keluaran": ("Anggaran ke keluaran", "Budget to output"),
    "perencanaan_tab_spm": ("SPM Bidang Sosial", "Social SPM"),
    "perencanaan_tab_sasaran": ("Ketepatan sasaran", "Targeting"),
    "perencanaan_tab_beban": ("Beban kerja", "Caseload"),
    "perencanaan_tab_prioritas": ("Prioritas tahun depan", "Next year's priorities"),
})


@dataclass(frozen=True)
class PerencanaanData:
    """Every figure of the page for one choice of filters (the weights are applied later, on the page)."""

    scope: Scope
    keluaran: keluaran.KeluaranData
    spm: pd.DataFrame
    sasaran: sasaran.SasaranData
    beban: pd.DataFrame
    inputs: pd.DataFrame          # the priority composite's inputs per child wilayah
    kecamatan_names: dict[str, str]
    cutoff: int


def load_scope(run: Callable[..., pd.DataFrame], filters: Filters, settings) -> Scope:
    """The chosen kab/kota (else the installation) and the as-of month of the Capaian page."""
    as_of = capaian.as_of_month(filters, run("last_month_by_source", tahun=filters.tahun))
    return Scope(filters, filters.kabupaten or settings.kabupaten, as_of)


def load_perencanaan(run: Callable[..., pd.DataFrame], filters: Filters, settings) -> PerencanaanData:
    scope = load_scope(run, filters, settings)
    caseload = beban.load_beban(run, scope)
    names = run("kecamatan_list", kabupaten=settings.kabupaten)
    return PerencanaanData(
        scope=scope,
        keluaran=keluaran.load_keluaran(run, filters, settings),
        spm=spm.load_spm(run, scope),
        sasaran=sasaran.load_sasaran(run, filters, settings, scope.base),
        beban=caseload,
        inputs=prioritas.load_inputs(run, scope, settings, caseload),
        kecamatan_names=dict(zip(names["kode"], names["nama"], strict=True)),
        cutoff=settings.cutoff_for("default"),
    )
