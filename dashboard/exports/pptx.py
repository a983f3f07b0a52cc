"""The rakor deck as a PowerPoint file: a title slide, then one slide per ``Deck`` slide in agenda order.

16:9, large type, near-black on white. Every slide carries its heading (a real title placeholder, so PowerPoint's
outline and a screen reader list the slides), its body, the source line and the footer the presentation mode
shows; the speaker notes hold the slide's key numbers. Charts are native (``pptx_chart``), tables native
(``pptx_table``), the map a picture from ``exports.mapimage`` (legend included) with its hotspots as text beside it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from dashboard.exports import textfit
from dashboard.exports.pptx_chart import add_chart
from dashboard.exports.pptx_draw import (
    ACCENT,
    BODY_PT,
    DARK,
    FOOTER_PT,
    MARGIN,
    MUTED,
    PANEL,
    SLIDE_H,
    SLIDE_W,
    SMALL_PT,
    SOURCE_PT,
    SUBTITLE_PT,
    TITLE_PT,
    Box,
    add_text,
    fill,
    outline,
    panel,
    paragraph,
    prepare,
    style,
)
from dashboard.exports.pptx_table import add_table
from dashboard.exports.pptx_tiles import add_tiles
from dashboard.exports.slidetext import long_date, plain, progress_message, source_line
from dashboard.i18n import register, t
from dashboard.slides.model import Chart, Deck, MapPicture, Missing, Slide, Table, Tiles

register({
    "pptx_hotspots_more": ("… dan {n} wilayah lain", "… and {n} more areas"),
})

TITLE_ONLY = 5                       # the default template's "Title Only" layout
MAP_DPI = 150

Progress = Callable[[str], None]


def write_pptx(deck: Deck, path: Path, lang: str = "id", progress: Progress | None = None) -> Path:
    """Write ``deck`` to ``path`` (folders made as needed); ``progress`` hears of each slide as it is made."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    properties = presentation.core_properties
    properties.title = f"{deck.title} · {deck.wilayah} · {deck.period}"
    properties.subject = deck.filters_text
    properties.author = deck.wilayah
    properties.language = "en-US" if lang == "en" else "id-ID"
    layout = presentation.slide_layouts[TITLE_ONLY]
    _title_slide(presentation.slides.add_slide(layout), deck, lang)
    for index, content in enumerate(deck.slides):
        slide = presentation.slides.add_slide(layout)
        body = _frame(slide, deck, index, lang)
        _body(slide.shapes, content.body, body, lang)
        if content.notes:
            slide.notes_slide.notes_text_frame.text = content.notes
        if progress:
            progress(progress_message(deck, index, lang))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(path))
    return path


def _title(slide, text: str, box: Box, pt: float) -> None:
    """The slide's title placeholder, placed and styled by hand (the template's is centred and 44 pt Calibri)."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = box.emu()
    prepare(shape.text_frame, anchor=MSO_ANCHOR.TOP)
    shape.text_frame.text = text
    para = shape.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    style(para.runs[0], pt, bold=True)


def _title_slide(slide, deck: Deck, lang: str) -> None:
    """Kabupaten, period and date: what the handout is, readable from the back of the hall."""
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *Box(0, 0, 0.35, SLIDE_H).emu())
    fill(bar, ACCENT)
    outline(bar, None)
    width = SLIDE_W - 2 * MARGIN - 0.4
    pt = textfit.fit_size(deck.title, width, (44, 40, 36), max_lines=2, bold=True)
    height = textfit.lines(deck.title, width, pt, bold=True) * textfit.line_height_in(pt) + 0.15
    _title(slide, deck.title, Box(MARGIN + 0.4, 1.6, width, height), pt)
    lines = [(deck.wilayah, 36, True, DARK), (deck.period, 30, False, DARK),
             (long_date(deck.date, lang), 26, False, DARK), (deck.filters_text, 20, False, MUTED)]
    shape = slide.shapes.add_textbox(*Box(MARGIN + 0.4, 1.6 + height + 0.2, width, 3.6).emu())
    prepare(shape.text_frame)
    for i, (text, size, bold, colour) in enumerate(line for line in lines if line[0]):
        paragraph(shape.text_frame, text, size, first=i == 0, bold=bold, colour=colour)


def _frame(slide, deck: Deck, index: int, lang: str) -> Box:
    """Heading, subtitle, source line and footer; returns the room left for the body."""
    content: Slide = deck.slides[index]
    width = SLIDE_W - 2 * MARGIN
    pt = textfit.fit_size(content.heading, width - 0.1, TITLE_PT, max_lines=1, bold=True)
    height = textfit.lines(content.heading, width - 0.1, pt, bold=True) * textfit.line_height_in(pt) + 0.1
    _title(slide, content.heading, Box(MARGIN, 0.3, width, height), pt)
    top = 0.3 + height
    if content.subtitle:
        pt = textfit.fit_size(content.subtitle, width - 0.1, (SUBTITLE_PT, SMALL_PT))
        sub = textfit.lines(content.subtitle, width - 0.1, pt) * textfit.line_height_in(pt) + 0.1
        add_text(slide.shapes, Box(MARGIN, top, width, sub), content.subtitle, pt, colour=MUTED)
        top += sub
    footer_top = SLIDE_H - 0.2 - textfit.line_height_in(FOOTER_PT) - 0.1
    add_text(slide.shapes, Box(MARGIN, footer_top, width, SLIDE_H - 0.2 - footer_top), deck.footer(index),
             FOOTER_PT, colour=MUTED, align=PP_ALIGN.RIGHT)
    bottom = footer_top
    source = source_line(content, lang)
    if source:
        # a long list of files steps down to 14 pt: it is for the handout, the hall reads the body
        pt = textfit.fit_size(source, width - 0.1, (SOURCE_PT, FOOTER_PT))
        tall = textfit.lines(source, width - 0.1, pt) * textfit.line_height_in(pt) + 0.1
        bottom = footer_top - tall
        add_text(slide.shapes, Box(MARGIN, bottom, width, tall), source, pt, colour=MUTED)
    return Box(MARGIN, top + 0.15, width, bottom - 0.1 - (top + 0.15))


def _body(shapes, body, box: Box, lang: str) -> None:
    if isinstance(body, Tiles):
        add_tiles(shapes, body.tiles, box)
    elif isinstance(body, Chart):
        add_chart(shapes, body, box)
    elif isinstance(body, Table):
        add_table(shapes, body, box)
    elif isinstance(body, MapPicture):
        _map(shapes, body, box, lang)
    elif isinstance(body, Missing):
        _missing(shapes, body, box)
    else:
        raise TypeError(f"unknown slide body: {type(body).__name__}")


# ---- map and missing -----------------------------------------------------------------------------------------

def _map(shapes, picture: MapPicture, box: Box, lang: str) -> None:
    """The map picture (legend drawn in it, as on the page) and the top-class areas as text on the right."""
    from dashboard.exports.mapimage import map_png  # imported when used: it brings matplotlib in

    side = min(4.2, box.width * 0.32) if picture.hotspots else 0.0
    area = Box(box.left, box.top, box.width - side - (0.25 if side else 0.0), box.height)
    png = map_png(picture, round(area.width * MAP_DPI), round(area.height * MAP_DPI), lang)
    shapes.add_picture(io.BytesIO(png), *area.emu())
    if side:
        _hotspots(shapes, picture.hotspots, Box(area.right + 0.25, box.top, side, box.height), lang)


def _hotspots(shapes, hotspots: list[str], box: Box, lang: str) -> None:
    """The top-class areas, as many as the panel holds; the rest counted."""
    if not hotspots or box.height <= 0:
        return
    lines = [plain(line) for line in hotspots]
    room = max(int((box.height - textfit.line_height_in(BODY_PT)) / textfit.line_height_in(SMALL_PT)), 1)
    if len(lines) > room:
        lines = [*lines[:room - 1], t("pptx_hotspots_more", lang, n=len(lines) - room + 1)]
    shape = add_text(shapes, box, t("peta_hotspots", lang), BODY_PT, bold=True)
    for line in lines:
        paragraph(shape.text_frame, line, SMALL_PT)


def _missing(shapes, missing: Missing, box: Box) -> None:
    """What to import, large, in a calm grey box (nothing is wrong, data are simply not there yet)."""
    height = min(box.height, 2.6)
    place = Box(box.left + 0.5, box.top + (box.height - height) / 2, box.width - 1.0, height)
    text_frame = panel(shapes, place, PANEL, margin=0.3).text_frame
    pt = textfit.fit_size(missing.message, place.width - 0.7, (32, 28, 24), max_lines=3)
    paragraph(text_frame, missing.message, pt, first=True, align=PP_ALIGN.CENTER, colour=DARK)
