"""``rakor deck`` on the demo database, end to end: three files named after what they hold, each slide reported as
it is made, and every file opened by a real office client (LibreOffice) with the deck's headline numbers in it."""

from __future__ import annotations

import re

import openpyxl
import pypdf
import pytest

from dashboard.cli import main
from dashboard.filters import QUARTER, Filters
from dashboard.slides.model import Tiles
from tests.support.office import needs_libreoffice, to_pdf

ARGS = ["deck", "--tahun", "2026", "--periode", "triwulan", "--ke", "3"]


def _text(pdf) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


@pytest.mark.office
@needs_libreoffice
def test_rakor_deck_writes_three_files_an_office_opens(demo, tmp_path, capsys):
    assert main(["--db", str(demo.database), *ARGS, "--out", str(tmp_path / "out")]) == 0
    deck = demo.deck(Filters(2026, QUARTER, 3))
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [f"rakor-35.13-2026-triwulan3.{ext}" for ext in ("pdf", "pptx", "xlsx")]
    progress = capsys.readouterr().err
    for i, slide in enumerate(deck.slides, start=1):
        assert f"{slide.heading}" in progress and f"Slide {i}/{len(deck.slides)}" in progress
    assert progress.count("Ditulis: ") == 3

    tiles = deck.slides[0].body
    assert isinstance(tiles, Tiles)
    headline = [tile.text for tile in tiles.tiles]
    ours = _text(tmp_path / "out" / "rakor-35.13-2026-triwulan3.pdf")
    pptx_pdf = _text(to_pdf(tmp_path / "out" / "rakor-35.13-2026-triwulan3.pptx", tmp_path / "lo", tmp_path / "p"))
    assert len(ours) == len(pptx_pdf) == 1 + len(deck.slides)
    for pages in (ours, pptx_pdf):
        assert all(number in pages[1] for number in headline)
        assert [slide.heading.split(" (")[0] in page for slide, page in zip(deck.slides, pages[1:], strict=True)] \
            == [True] * len(deck.slides)
    xlsx = tmp_path / "out" / "rakor-35.13-2026-triwulan3.xlsx"
    sheets = _text(to_pdf(xlsx, tmp_path / "lo-xlsx", tmp_path / "p"))
    assert len(sheets) >= len(openpyxl.load_workbook(xlsx).sheetnames)
    assert not any(re.search(r"\d{16}", page.replace(".", "")) for page in ours + pptx_pdf + sheets)


def test_rakor_deck_refuses_filters_it_cannot_honour(demo, tmp_path, capsys):
    assert main(["--db", str(demo.database), "deck", "--kecamatan", "99.99.99", "--out", str(tmp_path)]) == 2
    assert "kecamatan=99.99.99" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
