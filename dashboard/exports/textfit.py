"""How much room a text takes on a slide, measured with DejaVu Sans, so tables, tiles and titles are sized to fit.

DejaVu Sans is what LibreOffice falls back to offline and is wider than Arial (the font the PPTX names, which
PowerPoint on an office PC has), so a text that fits when measured here fits on either. The font files come with
matplotlib: nothing is fetched and no system font is assumed.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import matplotlib
from PIL import ImageFont

_EM = 1000  # measure at 1000 px per em, then scale to points


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), _EM)


@cache
def width_in(text: str, pt: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at ``pt`` points, in inches."""
    return _font(bold).getlength(text) / _EM * pt / 72


def lines(text: str, box_in: float, pt: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped at spaces in a box ``box_in`` inches wide (a word longer than
    the box counts as the lines it would be broken into)."""
    total = 0
    for paragraph in text.split("\n"):
        count, current = 1, ""
        for word in paragraph.split():
            joined = f"{current} {word}" if current else word
            if width_in(joined, pt, bold) <= box_in or not current:
                current = joined
                continue
            count += 1
            current = word
        extra = math.ceil(width_in(current, pt, bold) / box_in) - 1 if box_in > 0 else 0
        total += count + max(extra, 0)
    return total


def longest_word_in(text: str, pt: float, bold: bool = False) -> float:
    """The widest single word: a column narrower than that breaks a word in two."""
    return max((width_in(word, pt, bold) for word in text.split()), default=0.0)


def line_height_in(pt: float) -> float:
    """One line of text at ``pt`` points with the usual 1.2 line spacing, in inches."""
    return pt * 1.2 / 72


def fit_size(text: str, box_in: float, sizes: tuple[float, ...], max_lines: int = 1, bold: bool = False) -> float:
    """The first (largest) of ``sizes`` at which ``text`` takes at most ``max_lines`` lines; else the smallest."""
    for pt in sizes:
        if lines(text, box_in, pt, bold) <= max_lines:
            return pt
    return sizes[-1]
