"""The PPTX's page geometry, type sizes and colours, and the one way text is put on a slide.

Sizes are for a hall: titles 32-36 pt, body text 18-20 pt, headline numbers 40-48 pt; text is near-black on
white and coloured fills carry white or black text by contrast. Geometry is in inches on a 16:9 page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from dashboard import theme

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.45
FONT = "Arial"   # on every office PC; LibreOffice without it falls back to the wider DejaVu Sans we measure with
DARK, MUTED, GRID, PANEL, WHITE = "111111", "333333", "D0D0D0", "F2F2F2", "FFFFFF"
ACCENT = theme.SEQUENTIAL[-1].lstrip("#")   # the table header and the title slide's bar: white text reads on it
HIGHLIGHT = "DCEAF7"                        # a highlighted table row (the total, the chosen kecamatan)
TITLE_PT = (36, 32)
SUBTITLE_PT = 20
BODY_PT = 20
SMALL_PT = 18
SOURCE_PT = 16
FOOTER_PT = 14
RAG_TEXT = {"hijau": WHITE, "merah": WHITE, "kuning": DARK, "abu": DARK}   # contrast >= 4.5 on theme.RAG


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    def emu(self) -> tuple[int, int, int, int]:
        return Inches(self.left), Inches(self.top), Inches(self.width), Inches(self.height)

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


def rgb(colour: str) -> RGBColor:
    """``#0072B2`` or ``0072B2`` as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def style(run, pt: float, *, bold: bool = False, colour: str = DARK, italic: bool = False) -> None:
    font = run.font
    font.name = FONT
    font.size = Pt(pt)
    font.bold = bold
    font.italic = italic
    font.color.rgb = rgb(colour)


def prepare(text_frame, *, anchor=MSO_ANCHOR.TOP, margin: float = 0.05) -> None:
    """Wrap, never shrink or grow by itself (sizes are chosen to fit), small even margins."""
    text_frame.word_wrap = True
    text_frame.auto_size = MSO_AUTO_SIZE.NONE
    text_frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(text_frame, side, Inches(margin))


def paragraph(text_frame, text: str, pt: float, *, first: bool = False, align=PP_ALIGN.LEFT, **font) -> None:
    """Add one paragraph of one run (``first`` fills the frame's empty first paragraph)."""
    para = text_frame.paragraphs[0] if first else text_frame.add_paragraph()
    para.alignment = align
    run = para.add_run()
    run.text = text
    style(run, pt, **font)


def add_text(shapes, box: Box, lines: str | list[str], pt: float, *, anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT,
             **font):
    """A text box holding ``lines`` (one paragraph each), all in one style."""
    shape = shapes.add_textbox(*box.emu())
    prepare(shape.text_frame, anchor=anchor)
    for i, text in enumerate([lines] if isinstance(lines, str) else lines):
        paragraph(shape.text_frame, text, pt, first=i == 0, align=align, **font)
    return shape


def fill(shape, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)


def outline(shape, colour: str | None, width_pt: float = 1.0) -> None:
    """A thin border, or none (``colour`` None)."""
    if colour is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = rgb(colour)
    shape.line.width = Pt(width_pt)


def panel(shapes, box: Box, colour: str, border: str | None = GRID, *, anchor=MSO_ANCHOR.MIDDLE, margin: float = 0.15):
    """A filled, bordered box for text. A text box, not an autoshape: an autoshape carries the theme's shadow,
    which LibreOffice draws even when the shape says no effects."""
    shape = shapes.add_textbox(*box.emu())
    fill(shape, colour)
    outline(shape, border)
    prepare(shape.text_frame, anchor=anchor, margin=margin)
    return shape
