"""Write the rakor deck as its three handouts, named after what they hold (``rakor-35.13-2026-triwulan3.pptx``).

Shared by ``rakor deck`` and the app's download button, so both hand out the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dashboard.i18n import register, t
from dashboard.slides.model import Deck

register({"deck_written": ("Ditulis: {file}", "Written: {file}")})

FORMATS = ("pptx", "pdf", "xlsx")


def deck_paths(deck: Deck, out_dir: Path) -> dict[str, Path]:
    """Where each format goes (the stem has dots, so it is joined, never given to ``with_suffix``)."""
    return {fmt: out_dir / f"{deck.file_stem}.{fmt}" for fmt in FORMATS}


def write_deck(deck: Deck, out_dir: Path, lang: str = "id", progress: Callable[[str], None] | None = None
               ) -> list[Path]:
    """PPTX, PDF and XLSX of ``deck`` in ``out_dir``; ``progress`` hears of every slide as it is made and of every
    file as soon as it is written."""
    from dashboard.exports.pdf import write_pdf
    from dashboard.exports.pptx import write_pptx
    from dashboard.exports.xlsx import write_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = deck_paths(deck, out_dir)
    writers = {"pptx": write_pptx, "pdf": write_pdf, "xlsx": write_xlsx}
    written = []
    for fmt in FORMATS:
        written.append(writers[fmt](deck, paths[fmt], lang=lang, progress=progress))
        if progress:
            progress(t("deck_written", lang, file=written[-1]))
    return written
