"""The numbers behind the rakor deck as a workbook: one sheet per figure, for the office to check and reuse.

Every sheet opens with the slide's title, its source line and the period and filters, then the table. Numbers are
stored as numbers with the Indonesian display formats of ``slidetext.NUMBER_FORMATS``; percentages are stored as
the deck holds them (45.6, shown 45,6%), so the file holds exactly the numbers on the slides. What the deck shows
as "<5" (a count of 1-4 people) is stored as that text, never as the number behind it; text from the data is
always stored as text, so a name beginning with ``=`` is never a formula. A table split over several slides is one
sheet; a map gives its per-wilayah values; the first sheet lists the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from dashboard import theme
from dashboard.exports.cells import put_cell
from dashboard.exports.slidetext import (
    LOCALE,
    NUMBER_FORMATS,
    format_value,
    is_suppressed,
    long_date,
    number,
    progress_message,
    source_line,
)
from dashboard.i18n import register, t
from dashboard.slides.model import COUNT, PCT, TEXT, Chart, Deck, MapPicture, Slide, Table, Tiles
from dashboard.views import peta

register({
    "xlsx_contents": ("Isi", "Contents"),
    "xlsx_sheet": ("Lembar", "Sheet"),
    "xlsx_slide": ("Judul slide", "Slide title"),
    "xlsx_category": ("Kategori", "Category"),
    "xlsx_reference": ("Garis acuan: {label}", "Reference line: {label}"),
    "xlsx_indicator": ("Indikator", "Indicator"),
    "xlsx_value": ("Nilai", "Value"),
    "xlsx_change": ("Perubahan", "Change"),
    "xlsx_compared": ("Pembanding", "Compared with"),
    "xlsx_note": ("Catatan", "Note"),
    "xlsx_code": ("Kode wilayah", "Area code"),
    "xlsx_area": ("Wilayah", "Area"),
    "xlsx_class": ("Kelas", "Class"),
    "xlsx_rank": ("Peringkat", "Rank"),
    "xlsx_suppressed": ('Jumlah 1-4 orang ditulis "<5".', 'Counts of 1-4 people are written "<5".'),
})

HEADER_ROW = 5                      # title, source, period/filters, subtitle, then the table's header
INVALID = str.maketrans({c: " " for c in "[]:*?/\\"})
PER_1000_FORMAT = LOCALE + "#,##0.0"
BOLD = Font(bold=True)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=theme.SEQUENTIAL[-1].lstrip("#"))
HIGHLIGHT_FILL = PatternFill("solid", fgColor="DCEAF7")
RAG_FONT = {"hijau": "FFFFFF", "merah": "FFFFFF", "kuning": "111111", "abu": "111111"}

Progress = Callable[[str], None]


@dataclass
class Grid:
    """A sheet's table: values (numbers, text or None), a number format and a RAG status per cell."""

    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)
    formats: list[list[str | None]] = field(default_factory=list)
    status: list[list[str | None]] = field(default_factory=list)
    bold_rows: set[int] = field(default_factory=set)
    notes: list[tuple[str, object, str | None]] = field(default_factory=list)   # lines under the table

    def add(self, values: list[object], formats: list[str | None], status: list[str | None] | None = None,
            bold: bool = False) -> None:
        if bold:
            self.bold_rows.add(len(self.rows))
        self.rows.append(values)
        self.formats.append(formats)
        self.status.append(status or [None] * len(values))


def write_xlsx(deck: Deck, path: Path, lang: str = "id", progress: Progress | None = None) -> Path:
    """Write the deck's figures to ``path`` (folders made as needed); ``progress`` hears of each slide."""
    workbook = Workbook()
    contents = workbook.active
    contents.title = t("xlsx_contents", lang)
    listed: list[tuple[str, Slide]] = []
    for indices in _groups(deck.slides):
        first = deck.slides[indices[0]]
        grid = _grid([deck.slides[i].body for i in indices], lang)
        if grid is not None:
            sheet = workbook.create_sheet(_sheet_name(first, [contents.title, *(n for n, _ in listed)]))
            _write(sheet, deck, first, grid, lang)
            listed.append((sheet.title, first))
        for index in indices:
            if progress:
                progress(progress_message(deck, index, lang))
    _contents(contents, deck, listed, lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _groups(slides: list[Slide]) -> list[list[int]]:
    """Slide indices per sheet: the parts of one split table or chart (same key, title and body kind, in a row)
    go together."""
    groups: list[list[int]] = []
    for index, slide in enumerate(slides):
        previous = slides[groups[-1][-1]] if groups else None
        if (previous is not None and slide.part and previous.part and isinstance(slide.body, Table | Chart)
                and type(slide.body) is type(previous.body)
                and (slide.key, slide.title) == (previous.key, previous.title)):
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _sheet_name(slide: Slide, taken: list[str]) -> str:
    """The slide's title without the characters Excel refuses, cut at a word to Excel's 31 characters; unique."""
    base = " ".join((slide.title or slide.key).translate(INVALID).split()).strip("'") or slide.key or "Slide"
    name, n = _cut(base, 31), 2
    while name.lower() in (other.lower() for other in taken):
        suffix = f" ({n})"
        name, n = _cut(base, 31 - len(suffix)) + suffix, n + 1
    return name


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit + 1].rsplit(" ", 1)[0]
    return (head if len(head) >= limit // 2 else text[:limit]).rstrip(" ·-,(")


def _grid(bodies: list, lang: str) -> Grid | None:
    body = bodies[0]
    if isinstance(body, Table):
        return _table_grid(bodies)
    if isinstance(body, Chart):
        return _chart_grid(bodies, lang)
    if isinstance(body, Tiles):
        return _tiles_grid(body, lang)
    if isinstance(body, MapPicture):
        return _map_grid(body, lang)
    return None   # Missing: nothing to hand out


def _stored(text: str, value: object, unit: str) -> object:
    """What a cell holds: the number, unless the slide shows it suppressed ("<5") or the column is text."""
    if unit == TEXT or is_suppressed(text):
        return text
    amount = number(value)
    if amount is None:
        return None if text.strip() in ("", "-") else text
    return amount


def _table_grid(tables: list[Table]) -> Grid:
    first = tables[0]
    grid = Grid(list(first.columns))
    formats = [NUMBER_FORMATS.get(unit) for unit in first.units]
    for table in tables:
        status = table.status or [[None] * len(table.columns) for _ in table.cells]
        for r, cells in enumerate(table.cells):
            values = [_stored(text, table.values.iat[r, c], unit)
                      for c, (text, unit) in enumerate(zip(cells, table.units, strict=True))]
            grid.add(values, formats, list(status[r]), bold=r in table.highlight_rows)
    return grid


def _chart_grid(charts: list[Chart], lang: str) -> Grid:
    chart = charts[0]
    grid = Grid([t("xlsx_category", lang), *(series.name for series in chart.series)])
    style = NUMBER_FORMATS.get(chart.unit)
    for part in charts:
        for i, category in enumerate(part.categories):
            values = [_stored(series.labels[i] if i < len(series.labels) else "", series.values[i], part.unit)
                      for series in part.series]
            grid.add([category, *values], [None, *[style] * len(values)])
    grid.notes = [(t("xlsx_reference", lang, label=ref.label), number(ref.value), style) for ref in chart.references]
    return grid


def _tiles_grid(tiles: Tiles, lang: str) -> Grid:
    keys = ("xlsx_indicator", "xlsx_value", "xlsx_change", "xlsx_compared", "xlsx_note")
    grid = Grid([t(key, lang) for key in keys])
    for tile in tiles.tiles:
        value = _stored(tile.text, tile.value, tile.unit)
        grid.add([tile.label, value, tile.change, tile.compared_with or None, tile.note],
                 [None, NUMBER_FORMATS.get(tile.unit), None, None, None])
    return grid


def _map_grid(picture: MapPicture, lang: str) -> Grid:
    """Per wilayah the mapped value, class and rank; a value resting on 1-4 people as the map shows it."""
    view = picture.view
    measure_format = {peta.JUMLAH: NUMBER_FORMATS[COUNT], peta.PER_1000: PER_1000_FORMAT,
                      peta.SHARE: NUMBER_FORMATS[PCT]}.get(view.measure)
    grid = Grid([t("xlsx_code", lang), t("xlsx_area", lang), t(f"peta_measure_{view.measure}", lang),
                 t("xlsx_class", lang), t("xlsx_rank", lang)])
    frame = view.frame.sort_values(["rank", "nama"], na_position="last")
    for _, row in frame.iterrows():
        # as the map writes it where no figure may be shown: "tidak ada laporan", "<5", "ditekan (jumlah <5)"
        hidden = pd.isna(row["value"]) or peta.is_small(row["jumlah"])
        value = row["value_text"] if hidden else number(row["value"])
        klass = int(row["klass"]) + 1 if row["klass"] >= 0 else None
        formats = [None, None, measure_format, None, None]
        grid.add([row["kode"], row["nama"], value, klass, number(row["rank"])], formats)
    grid.notes = [(t("xlsx_suppressed", lang), None, None)]
    return grid


# ---- writing -------------------------------------------------------------------------------------------------

def _put(cell, value: object, number_format: str | None = None) -> None:
    """A number with its format, or text that stays text (never a formula, whatever it begins with)."""
    put_cell(cell, value, number_format)


def _write(sheet, deck: Deck, slide: Slide, grid: Grid, lang: str) -> None:
    heading = [slide.title, source_line(slide, lang), f"{deck.wilayah} · {deck.filters_text}", slide.subtitle]
    for row, text in enumerate(heading, start=1):
        _put(sheet.cell(row, 1), text or None)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for c, name in enumerate(grid.columns, start=1):
        cell = sheet.cell(HEADER_ROW, c)
        _put(cell, name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r, (values, formats, status) in enumerate(zip(grid.rows, grid.formats, grid.status, strict=True)):
        for c, (value, number_format, mark) in enumerate(zip(values, formats, status, strict=True), start=1):
            cell = sheet.cell(HEADER_ROW + 1 + r, c)
            _put(cell, value, number_format)
            _dress(cell, mark, r in grid.bold_rows)
    below = HEADER_ROW + len(grid.rows) + 2
    for offset, (label, value, number_format) in enumerate(grid.notes):
        _put(sheet.cell(below + offset, 1), label)
        _put(sheet.cell(below + offset, 2), value, number_format)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    _widths(sheet, grid)
    print_setup(sheet)


def _dress(cell, mark: str | None, bold: bool) -> None:
    """RAG fill (with a readable font colour) and the bold of a highlighted row."""
    if mark in theme.RAG:
        cell.fill = PatternFill("solid", fgColor=theme.RAG[mark].lstrip("#"))
        cell.font = Font(bold=bold, color=RAG_FONT[mark])
    elif bold:
        cell.fill = HIGHLIGHT_FILL
        cell.font = BOLD


def _widths(sheet, grid: Grid) -> None:
    """Each column as wide as its longest shown value or header word, within reason."""
    for c, name in enumerate(grid.columns):
        shown = [_shown(row[c], formats[c]) for row, formats in zip(grid.rows, grid.formats, strict=True)]
        longest = max([len(word) for word in name.split()] + [len(text) for text in shown] + [8])
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(longest + 3, 60)


def _shown(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str) or not number_format:
        return str(value)
    unit = next((unit for unit, fmt in NUMBER_FORMATS.items() if fmt == number_format), "")
    return format_value(value, unit) if unit else str(value)


def print_setup(sheet) -> None:
    """Landscape, one page wide: the sheets are handed out printed too."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _contents(sheet, deck: Deck, listed: list[tuple[str, Slide]], lang: str) -> None:
    """What the workbook is and where each figure went, with a link to each sheet."""
    lines = [deck.title, deck.wilayah, deck.period, deck.filters_text, long_date(deck.date, lang)]
    for row, text in enumerate(lines, start=1):
        _put(sheet.cell(row, 1), text)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    top = len(lines) + 2
    for c, name in enumerate((t("xlsx_sheet", lang), t("xlsx_slide", lang)), start=1):
        cell = sheet.cell(top, c)
        _put(cell, name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for offset, (name, slide) in enumerate(listed, start=1):
        link = sheet.cell(top + offset, 1)
        _put(link, name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location="'{}'!A1".format(name.replace("'", "''")))
        link.font = Font(color="0563C1", underline="single")
        _put(sheet.cell(top + offset, 2), slide.title)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 70
    print_setup(sheet)
