"""What a rakor slide holds, independent of where it is shown.

The presentation mode (Streamlit), the PPTX, the PDF and the XLSX all render the same ``Deck``: numbers are
computed once, by the page views' loaders, and every renderer only lays them out. A body is one of five kinds,
so each slide holds one figure, one table or one set of tiles, as a projector needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.formatting import COUNT, PCT, RUPIAH, TEXT  # noqa: F401  (the slides' units, re-exported)
from dashboard.views.peta import MapView

# RAG status of a cell; each carries a word/symbol too, so it reads without colour on a washed-out projector.
RAG_STATUSES = ("hijau", "kuning", "merah", "abu")


@dataclass(frozen=True)
class Tile:
    """One headline number: label, value (None = no data), how it is shown, its change and who it leaves out."""

    label: str
    value: float | None
    text: str
    unit: str
    change: str | None = None        # "+1,2 poin" / "-3.456" / "0,0 poin"; None = nothing to compare with
    trend: str = "neutral"           # "good", "bad" or "neutral" (no change, or no direction)
    compared_with: str = ""          # what the change is against ("dibanding Triwulan 2 2026")
    note: str | None = None          # e.g. "+68 keluarga layak menunggu salur/gagal salur"


@dataclass(frozen=True)
class Tiles:
    tiles: list[Tile]


@dataclass(frozen=True)
class Series:
    """One series of a chart: its values (None = no value) and the labels printed on them."""

    name: str
    values: list[float | None]
    labels: list[str]
    colour: str


@dataclass(frozen=True)
class Reference:
    """A labelled reference line across a chart (the kabupaten value, the pagu)."""

    label: str
    value: float


@dataclass(frozen=True)
class Chart:
    """A bar or line chart as data, so PowerPoint gets a native chart and the PDF and screen draw the same one.

    ``kind``: ``bar`` horizontal bars (categories top to bottom in list order), ``line`` a line per series over the
    categories left to right. ``unit`` formats the value axis and labels.
    """

    kind: str
    categories: list[str]
    series: list[Series]
    unit: str
    value_title: str = ""
    references: list[Reference] = field(default_factory=list)
    value_max: float | None = None   # the axis end (None: from the data)


@dataclass(frozen=True)
class Table:
    """A table as shown (``cells``, formatted) and as numbers (``values``, same rows and columns) for the XLSX.

    ``units`` gives each column's unit (``PCT``, ``RUPIAH``, ``COUNT`` or ``TEXT``); ``status`` optionally a RAG
    status per cell (``RAG_STATUSES`` or None), which renderers show as colour *and* a symbol.
    """

    columns: list[str]
    cells: list[list[str]]
    values: pd.DataFrame
    units: list[str]
    status: list[list[str | None]] | None = None
    highlight_rows: list[int] = field(default_factory=list)   # e.g. the total row, or the chosen kecamatan


@dataclass(frozen=True)
class MapPicture:
    """The Peta page's map: the same classified ``MapView`` (classes, colours via ``maps.figure.class_colours``,
    legend ranges, "<5" suppression), the area's outline and which areas carry their name."""

    view: MapView
    outline: np.ndarray
    labelled: np.ndarray             # bool per row of view.frame
    hotspots: list[str]              # "1. Tiris: 4.060" per hotspot, shown beside the map


@dataclass(frozen=True)
class Missing:
    """A slide whose data are not imported yet: one line saying which file to import."""

    message: str


Body = Tiles | Chart | Table | MapPicture | Missing


@dataclass(frozen=True)
class Slide:
    """One screen of the rakor: a title, one body, the source line, speaker notes; ``part`` for split tables."""

    key: str                         # the agenda item it belongs to
    title: str
    body: Body
    source: str = ""
    notes: str = ""
    subtitle: str = ""               # e.g. the mode or the rule in one line
    part: tuple[int, int] | None = None   # (2, 3): second of three slides of one table

    @property
    def heading(self) -> str:
        """The title with ``(2/3)`` when the slide is part of a split table."""
        return f"{self.title} ({self.part[0]}/{self.part[1]})" if self.part else self.title


@dataclass(frozen=True)
class Deck:
    """The rakor's slides in agenda order, with what the title slide and every footer say."""

    title: str                       # "Rapat Koordinasi Dinas Sosial"
    wilayah: str                     # "Kabupaten Probolinggo"
    kode: str                        # "35.13"
    period: str                      # "Triwulan/Tahap 3 2026"
    filters_text: str                # "Tahun 2026 · Triwulan 3 · semua kecamatan · semua program"
    date: dt.date
    file_stem: str                   # "rakor-35.13-2026-triwulan3"
    slides: list[Slide]

    def footer(self, index: int) -> str:
        """``Rapat Koordinasi ... · 03-12-2026 · 3 / 12`` for slide ``index`` (0-based)."""
        return f"{self.title} · {self.date:%d-%m-%Y} · {index + 1} / {len(self.slides)}"
