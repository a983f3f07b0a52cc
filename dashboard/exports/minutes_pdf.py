"""The minutes (notulen) as an A4 PDF, drawn as the deck's PDF is (matplotlib, DejaVu Sans as real text): nothing
to install, every word selectable. Text flows down the page and onto the next; a table row is never split, and a
table continued on a new page repeats its header."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages

from dashboard.exports import fonts
from dashboard.exports.pdfpage import ACCENT, DARK, GRID, LEADING, MUTED, PANEL, Area, Page
from dashboard.meetings.minutes import Minutes
from dashboard.slides.model import Table

A4_W, A4_H = 595.0, 842.0
MARGIN = 48.0
WIDTH = A4_W - 2 * MARGIN
TITLE_PT, HEADING_PT, SUBHEADING_PT, BODY_PT, TABLE_PT = 18, 14, 12, 10.5, 9
PAD = 3.0


class _Flow:
    """Pages filled top to bottom; ``need`` starts a new page when a block would cross the bottom margin."""

    def __init__(self, pdf: PdfPages, title: str):
        self.pdf, self.title, self.number = pdf, title, 0
        self.page: Page | None = None
        self.y = MARGIN
        self._new_page()

    def _new_page(self) -> None:
        self.finish()
        self.number += 1
        self.page = Page(A4_W, A4_H)
        self.page.text(A4_W - MARGIN, A4_H - MARGIN / 2, f"{self.title} · {self.number}", 8, colour=MUTED,
                       ha="right")
        self.y = MARGIN

    def finish(self) -> None:
        if self.page is not None:
            self.pdf.savefig(self.page.fig)
            self.page.fig.clear()
            self.page = None

    def need(self, height: float) -> bool:
        """Room for ``height`` more points, on a new page if not on this one; True when a page was started."""
        if self.y + height > A4_H - MARGIN:
            self._new_page()
            return True
        return False

    def paragraph(self, text: str, size: float, *, bold: bool = False, indent: float = 0, colour: str = DARK,
                  before: float = 0) -> None:
        lines = fonts.wrap(text, size, WIDTH - indent, bold)
        self.y += before
        for line in lines:
            self.need(size * LEADING)
            self.page.text(MARGIN + indent, self.y, line, size, bold=bold, colour=colour)
            self.y += size * LEADING

    def bullet(self, text: str) -> None:
        self.need(BODY_PT * LEADING)
        self.page.text(MARGIN + 6, self.y, "•", BODY_PT)
        self.paragraph(text, BODY_PT, indent=18)

    def table(self, table: Table, widths: list[float]) -> None:
        header = [fonts.wrap(str(c), TABLE_PT, w - 2 * PAD, True) for c, w in zip(table.columns, widths, strict=True)]
        self._row(header, widths, bold=True, fill=PANEL)
        for row in table.cells:
            cells = [fonts.wrap(str(c), TABLE_PT, w - 2 * PAD) for c, w in zip(row, widths, strict=True)]
            height = max(len(c) for c in cells) * TABLE_PT * LEADING + 2 * PAD
            if self.need(height):
                self._row(header, widths, bold=True, fill=PANEL)
            self._row(cells, widths)
        self.y += 6

    def _row(self, cells: list[list[str]], widths: list[float], bold: bool = False, fill: str | None = None) -> None:
        height = max(len(c) for c in cells) * TABLE_PT * LEADING + 2 * PAD
        self.need(height)
        x = MARGIN
        for lines, width in zip(cells, widths, strict=True):
            area = Area(x, self.y, width, height)
            if fill:
                self.page.rect(area, fill)
            self.page.rect(area, "none", GRID)
            self.page.lines(x + PAD, self.y + PAD, lines, TABLE_PT, bold=bold)
            x += width
        self.y += height


def column_widths(table: Table, width: float = WIDTH) -> list[float]:
    """Widths in proportion to each column's longest word-run (capped), so a short column stays narrow."""
    wants = []
    for i, name in enumerate(table.columns):
        longest = max([fonts.measure(str(name), TABLE_PT, True),
                       *(fonts.measure(str(row[i]), TABLE_PT) for row in table.cells)])
        wants.append(min(max(longest, 40.0), 220.0) + 2 * PAD)
    scale = width / sum(wants)
    return [w * scale for w in wants]


def write_minutes_pdf(minutes: Minutes, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(fonts.RC), PdfPages(path, metadata={"Title": minutes.title,
                                                                   "Creator": "Rakor Dashboard"}) as pdf:
        flow = _Flow(pdf, minutes.title)
        flow.paragraph(minutes.title, TITLE_PT, bold=True, colour=ACCENT)
        flow.y += 6
        label_width = WIDTH * 0.28
        for label, value in minutes.meta:
            lines = fonts.wrap(value, BODY_PT, WIDTH - label_width)
            flow.need(len(lines) * BODY_PT * LEADING)
            flow.page.text(MARGIN, flow.y, label, BODY_PT, bold=True)
            flow.y = flow.page.lines(MARGIN + label_width, flow.y, lines, BODY_PT)
        for section in minutes.sections:
            size = HEADING_PT if section.level == 1 else SUBHEADING_PT
            flow.need(size * LEADING * 3)  # a heading never ends a page alone
            flow.paragraph(section.heading, size, bold=True, before=10 if section.level == 1 else 5)
            for line in section.bullets:
                flow.bullet(line)
            if section.text:
                flow.paragraph(section.text, BODY_PT, colour=MUTED)
            if section.table is not None:
                flow.y += 3
                flow.table(section.table, column_widths(section.table))
        flow.paragraph(minutes.closing, BODY_PT, colour=MUTED, before=12)
        flow.finish()
    return path
