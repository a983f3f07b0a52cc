"""Text for the matplotlib handouts (PDF pages, map pictures): one bundled font, measured before it is placed.

matplotlib's bundled DejaVu Sans needs nothing installed or fetched and holds the RAG symbols. matplotlib never
wraps or shrinks text to a box, so lines are measured (with ``textfit``, as the PPTX is) and broken or shrunk here:
nothing is cut at a box edge or runs into its neighbour. Sizes and widths are in points.
"""

from __future__ import annotations

from dashboard.exports.textfit import width_in

FAMILY = "DejaVu Sans"
# real text in the PDF (TrueType, type 42): selectable, searchable, a number can be copied
RC = {"font.family": "sans-serif", "font.sans-serif": [FAMILY], "pdf.fonttype": 42, "hatch.linewidth": 1.0,
      "axes.unicode_minus": False}


def measure(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` at ``size`` points, in points."""
    return width_in(text, size, bold) * 72 if text else 0.0


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` points (a single longer word stays whole)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            joined = f"{current} {word}" if current else word
            if current and measure(joined, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = joined
        lines.append(current)
    return lines


def fit_size(text: str, width: float, size: float, minimum: float, bold: bool = False) -> float:
    """The largest size from ``size`` down to ``minimum`` at which one line of ``text`` fits ``width`` points."""
    natural = measure(text, size, bold)
    return size if natural <= width else max(minimum, size * width / natural)
