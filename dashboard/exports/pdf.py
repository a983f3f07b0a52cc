"""The rakor deck as a PDF handout: a title page, then one 16:9 page per slide, as the PPTX shows them.

Drawn with matplotlib's PDF backend, which needs no browser and fetches nothing. Fonts are embedded as TrueType
(``pdf.fonttype`` 42), so every word and number is real text: a reader can search the handout and copy a figure.
One figure per page, written into one ``PdfPages`` and dropped at once, keeps a dozen pages to a few seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages

from dashboard.exports import fonts
from dashboard.exports.pdfbody import draw_map, draw_missing, draw_table, draw_tiles
from dashboard.exports.pdfchart import draw_chart
from dashboard.exports.pdfpage import ACCENT, DARK, MARGIN, MUTED, PAGE_H, PAGE_W, Area, Page, lines_height
from dashboard.exports.slidetext import long_date, source_line
from dashboard.i18n import register, t
from dashboard.slides.model import Chart, Deck, MapPicture, Missing, Slide, Table, Tiles

register({
    "pdf_page_made": ("PDF halaman {n}/{of}: {title}", "PDF page {n}/{of}: {title}"),
    "pdf_title_page": ("halaman judul", "title page"),
})

HEADING_SIZES = (30, 28, 26)
SUBTITLE_PT, SOURCE_PT, FOOTER_PT = 17, 13, 12
WIDTH = PAGE_W - 2 * MARGIN


def _title_page(deck: Deck, lang: str) -> Page:
    """Kabupaten, period, the filters and the date, as the PPTX's title slide."""
    page = Page()
    page.rect(Area(0, 0, 25, PAGE_H), ACCENT)
    area = Area(MARGIN + 40, PAGE_H * 0.24, PAGE_W - MARGIN * 2 - 40, PAGE_H * 0.6)
    y = page.paragraph(area, deck.title, 40, bold=True, max_lines=3)
    y = page.paragraph(Area(area.x, y + 12, area.w, 0), f"{deck.wilayah} ({deck.kode})", 30, bold=True, colour=ACCENT)
    y = page.paragraph(Area(area.x, y + 10, area.w, 0), deck.period, 26)
    y = page.paragraph(Area(area.x, y + 18, area.w, 0), deck.filters_text, 18, colour=MUTED)
    page.paragraph(Area(area.x, y + 8, area.w, 0), long_date(deck.date, lang), 18, colour=MUTED)
    return page


def _frame(page: Page, deck: Deck, index: int, lang: str) -> Area:
    """Heading, subtitle, source line and footer of slide ``index``; returns the area left for the body."""
    slide = deck.slides[index]
    # one line at 30-26 pt where it fits (the body keeps the room), else two lines at 28
    size = next((pt for pt in HEADING_SIZES if fonts.measure(slide.heading, pt, True) <= WIDTH), HEADING_SIZES[1])
    y = page.paragraph(Area(MARGIN, MARGIN * 0.8, WIDTH, 0), slide.heading, size, bold=True, max_lines=2)
    if slide.subtitle:
        size = SUBTITLE_PT if len(fonts.wrap(slide.subtitle, SUBTITLE_PT, WIDTH)) <= 2 else SUBTITLE_PT - 3
        y = page.paragraph(Area(MARGIN, y + 2, WIDTH, 0), slide.subtitle, size, colour=MUTED, max_lines=3)
    page.hline(MARGIN, PAGE_W - MARGIN, y + 6, ACCENT, 2.0)
    footer_y = PAGE_H - MARGIN * 0.6 - FOOTER_PT
    page.text(MARGIN, footer_y, deck.footer(index), FOOTER_PT, colour=MUTED)
    page.text(PAGE_W - MARGIN, footer_y, deck.filters_text, FOOTER_PT, colour=MUTED, ha="right")
    bottom = footer_y - 8
    source = source_line(slide, lang)
    if source:
        size = SOURCE_PT if len(fonts.wrap(source, SOURCE_PT, WIDTH)) <= 2 else SOURCE_PT - 2
        bottom -= lines_height(min(len(fonts.wrap(source, size, WIDTH)), 3), size)
        page.paragraph(Area(MARGIN, bottom, WIDTH, 0), source, size, colour=MUTED, max_lines=3)
    top = y + 20
    return Area(MARGIN, top, WIDTH, bottom - 10 - top)


def _body(page: Page, slide: Slide, area: Area, lang: str) -> None:
    body = slide.body
    if isinstance(body, Tiles):
        draw_tiles(page, body, area)
    elif isinstance(body, Chart):
        draw_chart(page, body, area)
    elif isinstance(body, Table):
        draw_table(page, body, area)
    elif isinstance(body, MapPicture):
        draw_map(page, body, area, lang)
    elif isinstance(body, Missing):
        draw_missing(page, body, area)
    else:
        page.text(area.x, area.y, str(body), 16, colour=DARK)


def slide_page(deck: Deck, index: int, lang: str = "id") -> Page:
    """Slide ``index`` of ``deck`` as one page."""
    page = Page()
    _body(page, deck.slides[index], _frame(page, deck, index, lang), lang)
    return page


def write_pdf(deck: Deck, path: Path, lang: str = "id", progress: Callable[[str], None] | None = None) -> Path:
    """Write ``deck`` to ``path``: the title page, then every slide; ``progress`` hears of each page as it is made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = len(deck.slides) + 1
    metadata = {"Title": f"{deck.title} · {deck.wilayah} · {deck.period}", "Creator": "Rakor Dashboard",
                "Subject": deck.filters_text}
    with matplotlib.rc_context(fonts.RC), PdfPages(path, metadata=metadata) as pdf:
        for number in range(pages):
            page = _title_page(deck, lang) if number == 0 else slide_page(deck, number - 1, lang)
            pdf.savefig(page.fig)
            page.fig.clear()
            if progress:
                title = t("pdf_title_page", lang) if number == 0 else deck.slides[number - 1].heading
                progress(t("pdf_page_made", lang, n=number + 1, of=pages, title=title))
    return path
