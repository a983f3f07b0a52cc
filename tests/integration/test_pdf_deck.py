"""The real rakor deck of the demo database as a PDF: one page per slide after the title page, and the headline
numbers of the summary tiles readable (and searchable) as text."""


import pypdf
import pytest

from dashboard.exports.pdf import write_pdf
from dashboard.filters import QUARTER, Filters
from dashboard.slides.model import Tiles


@pytest.fixture(scope="module")
def deck(demo):
    return demo.deck(Filters(2026, QUARTER, 3))


def test_the_demo_deck_as_pdf(deck, tmp_path):
    messages: list[str] = []
    reader = pypdf.PdfReader(write_pdf(deck, tmp_path / f"{deck.file_stem}.pdf", progress=messages.append))
    assert len(reader.pages) == 1 + len(deck.slides) == len(messages)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert deck.wilayah in texts[0] and deck.period in texts[0]
    for slide, text in zip(deck.slides, texts[1:], strict=True):
        assert slide.heading in text
    first = deck.slides[0].body
    assert isinstance(first, Tiles)
    for tile in first.tiles:
        assert tile.text in texts[1], tile.label
