"""A small hand-made rakor ``Deck`` with every body kind, for the handout writers' tests (PPTX, XLSX, PDF).

Eight slides: tiles, a bar chart with a reference line, a line chart, one table split over two slides (RAG status,
a highlighted total row, a count shown as "<5"), a map of three square "kecamatan", a missing-data slide and the
sources table. No NIK, no names of people: aggregates only, as the real deck.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.maps import geo
from dashboard.slides.model import (
    COUNT,
    PCT,
    RUPIAH,
    TEXT,
    Chart,
    Deck,
    MapPicture,
    Missing,
    Reference,
    Series,
    Slide,
    Table,
    Tile,
    Tiles,
)
from dashboard.views.peta import MapView

BLUE, ORANGE = "#0072B2", "#E69F00"
KECAMATAN = ["Tongas", "Lumbang", "Sukapura", "Sumber", "Kuripan"]
CAPAIAN = [95.0, 82.5, 75.0, None, 40.0]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun"]
REALISASI = [0.2e9, 0.55e9, 0.9e9, 1.3e9, 1.75e9, 2.1e9]
RENCANA = [0.3e9, 0.6e9, 1.0e9, 1.4e9, 1.8e9, 2.2e9]
SUPPRESSED_COUNT = 3   # a count of people the deck shows as "<5": no handout may hold it


def tiles_slide() -> Slide:
    tiles = [
        Tile("KPM PKH", 12345, "12.345", COUNT, "+234", "good", "dibanding Triwulan 2 2026"),
        Tile("Cakupan DTKS desil 1-4", 45.6, "45,6%", PCT, "-1,2 poin", "bad", "dibanding Triwulan 2 2026",
             note="+68 keluarga layak menunggu salur"),
        Tile("Realisasi anggaran", 12.3e9, "Rp 12,3 M", RUPIAH, "0,0 poin", "neutral"),
        Tile("PPKS baru", SUPPRESSED_COUNT, "<5", COUNT),
    ]
    return Slide("ringkasan", "Ringkasan Triwulan 3 2026", Tiles(tiles), source="DTKS Juli 2026; SP2D September 2026",
                 notes="KPM PKH 12.345, naik 234 dari triwulan lalu. Cakupan 45,6%, turun 1,2 poin.")


def bar_slide() -> Slide:
    labels = ["95,0%", "82,5%", "75,0%", "", "40,0%"]
    chart = Chart("bar", KECAMATAN, [Series("Capaian PKH", CAPAIAN, labels, BLUE)], PCT, "Capaian (%)",
                  [Reference("Kabupaten", 71.2)], value_max=100)
    return Slide("capaian", "Capaian target PKH per kecamatan", chart, source="Target 2026; salur PKH tahap 3",
                 notes="Tongas tertinggi 95,0%, Kuripan terendah 40,0%; kabupaten 71,2%.",
                 subtitle="Capaian = KPM tersalur dibagi target tahap 3")


def line_slide() -> Slide:
    chart = Chart("line", MONTHS, [
        Series("Realisasi", REALISASI, ["", "", "", "", "", "Rp 2,1 M"], BLUE),
        Series("Rencana", RENCANA, ["", "", "", "", "", "Rp 2,2 M"], ORANGE),
    ], RUPIAH, references=[Reference("Pagu", 2.5e9)])
    return Slide("anggaran", "Realisasi anggaran bansos 2026", chart, source="SP2D Juni 2026",
                 notes="Realisasi Juni Rp 2,1 M dari rencana Rp 2,2 M; pagu Rp 2,5 M.")


def _table_part(rows: list[tuple], status: list[str | None], highlight: list[int]) -> Table:
    columns = ["Kecamatan", "KPM", "Target", "Capaian"]
    values = pd.DataFrame(rows, columns=columns)
    cells = [[name, "<5" if kpm == SUPPRESSED_COUNT else f"{kpm:,}".replace(",", "."),
              f"{target:,}".replace(",", "."), f"{pct:.1f}%".replace(".", ",")] for name, kpm, target, pct in rows]
    marks = [[None, None, None, mark] for mark in status]
    return Table(columns, cells, values, [TEXT, COUNT, COUNT, PCT], marks, highlight)


def table_slides() -> list[Slide]:
    first = _table_part([("Tongas", 1900, 2000, 95.0), ("Lumbang", 1650, 2000, 82.5), ("Sukapura", 1500, 2000, 75.0)],
                        ["hijau", "kuning", "kuning"], [])
    second = _table_part([("Sumber", SUPPRESSED_COUNT, 0, 0.0), ("Kuripan", 800, 2000, 40.0),
                          ("Kabupaten", 5853, 8000, 73.2)], ["abu", "merah", "kuning"], [2])
    common = {"source": "Target 2026; salur PKH tahap 3", "notes": "Empat dari lima kecamatan di bawah target."}
    return [Slide("capaian_tabel", "Capaian per kecamatan", first, part=(1, 2), **common),
            Slide("capaian_tabel", "Capaian per kecamatan", second, part=(2, 2), **common)]


def map_picture() -> MapPicture:
    """Three square kecamatan: 120 PPKS, 45 PPKS and one with a count of 1-4 (shown "<5")."""
    squares = [shapely.box(i, 0, i + 1, 1) for i in range(3)]
    frame = gpd.GeoDataFrame({
        "kode": ["35.13.01", "35.13.02", "35.13.03"], "nama": ["Tongas", "Lumbang", "Sumber"],
        "value": [120.0, 45.0, float(SUPPRESSED_COUNT)], "jumlah": [120, 45, SUPPRESSED_COUNT],
        "klass": [2, 1, 0], "rank": [1.0, 2.0, 3.0], "value_text": ["120", "45", "<5"],
        "label_x": [0.5, 1.5, 2.5], "label_y": [0.5] * 3, "hover": ["", "", ""]}, geometry=squares)
    empty = pd.DataFrame(columns=["kode", "nama"])
    view = MapView("jumlah", "kuantil", frame, np.array([5.0, 50.0, 120.0]), ["<5", "45", "120"],
                   geo.MapJoin(frame, empty, empty), 0)
    outline = np.array([shapely.box(0, 0, 3, 1)], dtype=object)
    return MapPicture(view, outline, np.ones(3, dtype=bool), ["1. Tongas: 120"])


def sources_slide() -> Slide:
    columns = ["Berkas", "Jenis data", "Diimpor"]
    rows = [["dtks_2026_07.xlsx", "DTKS", "02-12-2026"], ["sp2d_2026_09.csv", "SP2D", "03-12-2026"]]
    return Slide("sumber", "Sumber data", Table(columns, rows, pd.DataFrame(rows, columns=columns), [TEXT] * 3))


def small_deck() -> Deck:
    slides = [tiles_slide(), bar_slide(), line_slide(), *table_slides(),
              Slide("peta", "Peta PPKS per kecamatan 2026", map_picture(), source="PPKS 2026",
                    notes="Tongas terbanyak dengan 120 PPKS."),
              Slide("psks", "PSKS", Missing("Data PSKS belum diimpor: impor berkas PSKS tahun 2026.")),
              sources_slide()]
    return Deck("Rapat Koordinasi Dinas Sosial", "Kabupaten Probolinggo", "35.13", "Triwulan 3 2026",
                "Tahun 2026 · Triwulan 3 · semua kecamatan · semua program", dt.date(2026, 12, 3),
                "rakor-35.13-2026-triwulan3", slides)
