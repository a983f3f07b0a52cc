"""The PPTX handout read back with python-pptx: a title slide then one slide per deck slide, native charts with the
deck's numbers and labels, native tables with RAG symbols, large type, every shape on the page, no NIK."""

from __future__ import annotations

import io
import re
import sys
import types
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from dashboard.exports import pptx_tiles
from dashboard.exports.pptx import write_pptx
from dashboard.exports.pptx_draw import Box
from dashboard.exports.pptx_tiles import plan, tile_height
from dashboard.exports.slidetext import long_date, source_line
from dashboard.exports.xlsx import write_xlsx
from dashboard.slides.model import PCT, Chart, Table, Tile, Tiles
from tests.support import deck as sample
from tests.support.office import needs_libreoffice, to_pdf

# a 1 x 1 white PNG: the map picture's place is tested here, its drawing in test_export_mapimage
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff"
                    "3f0005fe02fea7d6a4a80000000049454e44ae426082")
NIK_LIKE = re.compile(rb"(?<![\d.])\d{16}(?!\d)")   # not the decimals of a float


@pytest.fixture
def map_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """A stand-in for ``exports.mapimage.map_png`` that records what it was asked for."""
    calls: list[tuple] = []

    def map_png(picture, width_px, height_px, lang="id"):
        calls.append((picture, width_px, height_px, lang))
        return PNG

    monkeypatch.setitem(sys.modules, "dashboard.exports.mapimage", types.SimpleNamespace(map_png=map_png))
    return calls


@pytest.fixture
def written(tmp_path: Path, map_calls: list[tuple]):
    deck = sample.small_deck()
    messages: list[str] = []
    path = write_pptx(deck, tmp_path / "out" / f"{deck.file_stem}.pptx", progress=messages.append)
    return deck, path, Presentation(str(path)), messages


def shapes_of(container):
    """Every shape, groups opened."""
    for shape in container.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shapes_of(shape)
        else:
            yield shape


def texts_of(slide) -> list[str]:
    return [shape.text_frame.text for shape in shapes_of(slide) if shape.has_text_frame]


def runs_of(slide):
    for shape in shapes_of(slide):
        if shape.has_text_frame:
            yield from (run for p in shape.text_frame.paragraphs for run in p.runs)
        if shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    yield from (run for p in cell.text_frame.paragraphs for run in p.runs)


def one(slide, kind: str):
    found = [shape for shape in shapes_of(slide) if getattr(shape, kind, False)]
    assert len(found) == 1, kind
    return found[0]


def test_a_title_slide_then_every_deck_slide_in_order_each_reported_as_made(written):
    deck, path, presentation, messages = written
    assert path.name == "rakor-35.13-2026-triwulan3.pptx"
    slides = list(presentation.slides)
    assert len(slides) == 1 + len(deck.slides)
    assert (presentation.slide_width, presentation.slide_height) == (Emu(12191695), Emu(6858000))  # 16:9
    title = " ".join(texts_of(slides[0]))
    for part in (deck.title, deck.wilayah, deck.period, long_date(deck.date)):
        assert part in title
    assert [s.shapes.title.text for s in slides[1:]] == [s.heading for s in deck.slides]
    assert messages == [f"Slide {i}/{len(deck.slides)}: {s.heading}" for i, s in enumerate(deck.slides, start=1)]


def test_every_slide_has_its_source_footer_and_notes(written):
    deck, _, presentation, _ = written
    for index, (content, slide) in enumerate(zip(deck.slides, list(presentation.slides)[1:], strict=True)):
        texts = texts_of(slide)
        assert deck.footer(index) in texts
        if content.source:
            assert source_line(content) in texts and source_line(content).startswith("Sumber: ")
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert notes == content.notes


def test_type_is_large_enough_for_a_hall(written):
    deck, _, presentation, _ = written
    slides = list(presentation.slides)[1:]
    for slide in slides:
        assert min(run.font.size.pt for p in slide.shapes.title.text_frame.paragraphs for run in p.runs) >= 32
    tiles = [r for r in runs_of(slides[0]) if r.text in {t.text for t in deck.slides[0].body.tiles}]
    assert len(tiles) == 4 and min(r.font.size.pt for r in tiles) >= 40
    for index, content in enumerate(deck.slides):
        if isinstance(content.body, Table):
            table = one(slides[index], "has_table").table
            sizes = [run.font.size.pt for row in table.rows for cell in row.cells
                     for p in cell.text_frame.paragraphs for run in p.runs]
            assert min(sizes) >= 18, content.heading


def test_nothing_runs_off_the_slide_or_into_the_source_line(written):
    deck, _, presentation, _ = written
    width, height = presentation.slide_width, presentation.slide_height
    for index, slide in enumerate(list(presentation.slides)[1:]):
        source = [s for s in shapes_of(slide) if s.has_text_frame and s.text_frame.text.startswith("Sumber:")]
        limit = source[0].top if source else height
        for shape in shapes_of(slide):
            assert shape.left >= 0 and shape.top >= 0 and shape.left + shape.width <= width, shape.name
            assert shape.top + shape.height <= height, shape.name
            if shape.has_table:   # rows as set: PowerPoint only grows them, and they were sized to hold their text
                bottom = shape.top + sum(row.height for row in shape.table.rows)
                assert bottom <= limit, deck.slides[index].heading


def test_bar_chart_is_a_native_chart_with_the_decks_values_and_labels_top_to_bottom(written):
    deck, _, presentation, _ = written
    content = deck.slides[1]
    chart = one(presentation.slides[2], "has_chart").chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == content.body.categories
    assert chart.category_axis.reverse_order   # PowerPoint draws bars bottom-up
    (series,) = chart.plots[0].series
    assert series.name == "Capaian PKH"
    assert list(series.values) == sample.CAPAIAN
    assert str(series.format.fill.fore_color.rgb) == sample.BLUE.lstrip("#")
    for index, label in enumerate(content.body.series[0].labels):
        data_label = series.points[index].data_label
        assert (data_label.text_frame.text if data_label.has_text_frame else "") == label
    assert chart.value_axis.maximum_scale == 100 and chart.value_axis.tick_labels.number_format == '[$-421]0"%"'
    # the reference line is drawn over the plot, grouped with the chart, labelled with its value
    group = next(s for s in presentation.slides[2].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    assert any(s.shape_type == MSO_SHAPE_TYPE.LINE for s in group.shapes)
    assert "Kabupaten: 71,2%" in texts_of(group)


def test_line_chart_carries_its_reference_as_a_dashed_series(written):
    deck, _, presentation, _ = written
    chart = one(presentation.slides[3], "has_chart").chart
    # python-pptx names the type by its markers, and the reference line has none
    assert chart.chart_type in (XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE)
    assert list(chart.plots[0].categories) == sample.MONTHS
    realisasi, rencana, pagu = chart.plots[0].series
    assert realisasi.marker.style == XL_MARKER_STYLE.CIRCLE and pagu.marker.style == XL_MARKER_STYLE.NONE
    assert pagu.format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert list(realisasi.values) == sample.REALISASI and list(rencana.values) == sample.RENCANA
    assert pagu.name == "Pagu" and set(pagu.values) == {2.5e9}
    assert realisasi.points[5].data_label.text_frame.text == "Rp 2,1 M"
    assert not realisasi.points[0].data_label.has_text_frame
    assert pagu.points[0].data_label.text_frame.text == "Pagu: Rp 2,5 M"


def test_tables_are_native_with_rag_symbols_and_suppressed_counts(written):
    deck, _, presentation, _ = written
    first = one(presentation.slides[4], "has_table").table
    second = one(presentation.slides[5], "has_table").table
    rows = [[cell.text for cell in row.cells] for row in first.rows]
    assert rows[0] == ["Kecamatan", "KPM", "Target", "Capaian"]
    assert rows[1] == ["Tongas", "1.900", "2.000", "✓ 95,0%"]
    assert rows[2][3] == "! 82,5%"
    rows = [[cell.text for cell in row.cells] for row in second.rows]
    assert rows[1] == ["Sumber", "<5", "0", "– 0,0%"]
    assert rows[2][3] == "✗ 40,0%"
    total = second.cell(3, 0).text_frame.paragraphs[0].runs[0]
    assert total.text == "Kabupaten" and total.font.bold
    assert str(second.cell(2, 3).fill.fore_color.rgb) == "C62828"   # theme.RAG merah
    sources = one(presentation.slides[8], "has_table").table
    assert [cell.text for cell in sources.rows[1].cells] == ["dtks_2026_07.xlsx", "DTKS", "02-12-2026"]


def test_tiles_show_number_change_and_note_with_arrows_only_for_a_direction(written):
    _, _, presentation, _ = written
    texts = texts_of(presentation.slides[1])
    assert "KPM PKH\n12.345\n▲ +234 dibanding Triwulan 2 2026" in texts
    assert any(t.startswith("Cakupan DTKS desil 1-4\n45,6%\n▼ -1,2 poin") and t.endswith("menunggu salur")
               for t in texts)
    assert "Realisasi anggaran\nRp 12,3 M\n0,0 poin" in texts   # neutral: no arrow
    assert "PPKS baru\n<5" in texts


def test_map_is_a_picture_from_mapimage_with_its_hotspots(written, map_calls):
    deck, _, presentation, _ = written
    slide = presentation.slides[6]
    (picture,) = [shape for shape in shapes_of(slide) if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    ((asked, width_px, height_px, lang),) = map_calls
    assert asked is deck.slides[5].body and lang == "id"
    assert abs(width_px / height_px - picture.width / picture.height) < 0.01   # drawn for its place, not stretched
    assert width_px >= 1000
    assert "Wilayah kelas tertinggi\n1. Tongas: 120" in texts_of(slide)


def test_missing_data_says_what_to_import_in_large_type(written):
    deck, _, presentation, _ = written
    runs = [r for r in runs_of(presentation.slides[7]) if r.text == deck.slides[6].body.message]
    assert len(runs) == 1 and runs[0].font.size.pt >= 24


def test_no_nik_like_number_anywhere_in_the_file(written):
    _, path, _, _ = written
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".xlsx"):   # the charts' own workbooks
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    data = b"".join(inner.read(n) for n in inner.namelist())
            assert not NIK_LIKE.search(data), name
            assert b"NIK" not in data, name


def test_english_deck_and_a_deck_of_every_kind_without_map(tmp_path: Path, map_calls):
    deck = sample.small_deck()
    path = write_pptx(deck, tmp_path / "deck.pptx", lang="en")
    presentation = Presentation(str(path))
    assert "3 December 2026" in " ".join(texts_of(presentation.slides[0]))
    assert source_line(deck.slides[0], "en") in texts_of(presentation.slides[1])
    kinds = {type(s.body) for s in deck.slides}
    assert {Tiles, Chart, Table} <= kinds


@pytest.mark.office
@needs_libreoffice
def test_libreoffice_opens_both_files_page_for_page(tmp_path: Path, map_calls):
    deck = sample.small_deck()
    pptx = write_pptx(deck, tmp_path / "files" / "deck.pptx")
    xlsx = write_xlsx(deck, tmp_path / "files" / "deck.xlsx")
    profile = tmp_path / "libreoffice-profile"
    slides = pypdf.PdfReader(to_pdf(pptx, tmp_path / "pptx", profile))
    assert len(slides.pages) == 1 + len(deck.slides)
    texts = [" ".join(page.extract_text().split()) for page in slides.pages]
    for content, text in zip(deck.slides, texts[1:], strict=True):
        assert content.heading in text
    assert "✓ 95,0%" in texts[4] and "✗ 40,0%" in texts[5]
    sheets = pypdf.PdfReader(to_pdf(xlsx, tmp_path / "xlsx", profile))
    assert len(sheets.pages) == len(openpyxl.load_workbook(xlsx).sheetnames) == 7   # each sheet one page wide


def test_eight_tiles_with_long_notes_get_a_four_by_two_grid_that_holds_their_text():
    """The demo's summary: eight tiles, some with a two-line note, above a three-line source list."""
    tile = Tile("Cakupan keluarga layak", 73.0, "73,0%", PCT, "-0,6 poin", "bad", "dibanding Triwulan/Tahap 2 2026",
                note="+5 keluarga layak menunggu salur/gagal salur (tidak dihitung sebagai KPM)")
    box = Box(0.45, 1.1, 12.43, 4.9)
    chosen = plan([tile] * 8, box)
    assert chosen.columns == 4 and chosen.number_pt >= 40 and chosen.text_pt >= 14
    width, height = pptx_tiles._cell(box, 8, chosen.columns)
    inner = width - 2 * pptx_tiles.INSET - 0.05
    assert tile_height(tile, inner, chosen.text_pt, chosen.note_pt, chosen.number_pt) <= height - 2 * pptx_tiles.INSET
