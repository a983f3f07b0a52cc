"""The PDF handout: a title page and one 16:9 page per slide, every word and number real text (searchable,
copyable), each page with its heading, body texts, source and footer, RAG cells readable without colour."""

import re

import pypdf
import pytest

from dashboard.exports import pdfchart
from dashboard.exports.pdf import write_pdf
from dashboard.exports.slidetext import reference_text
from dashboard.slides.model import PCT, RUPIAH, Chart, Table, Tiles
from tests.support import deck as handmade


def _flat(text: str) -> str:
    """Whitespace folded: a heading wrapped over two lines reads as it was written."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    deck = handmade.small_deck()
    messages: list[str] = []
    path = write_pdf(deck, tmp_path_factory.mktemp("pdf") / f"{deck.file_stem}.pdf", progress=messages.append)
    reader = pypdf.PdfReader(path)
    return deck, reader, [_flat(page.extract_text()) for page in reader.pages], messages


def test_a_title_page_then_one_16_by_9_page_per_slide(written):
    deck, reader, texts, messages = written
    assert len(reader.pages) == 1 + len(deck.slides)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (960.0, 540.0)
    assert len(messages) == len(reader.pages)
    assert messages[0] == "PDF halaman 1/9: halaman judul"
    assert messages[5] == "PDF halaman 6/9: Capaian per kecamatan (2/2)"
    for part in ("Rapat Koordinasi Dinas Sosial", "Kabupaten Probolinggo (35.13)", "Triwulan 3 2026",
                 "3 Desember 2026", deck.filters_text):
        assert part in texts[0]


def test_every_page_holds_its_heading_source_and_footer(written):
    deck, _, texts, _ = written
    for index, slide in enumerate(deck.slides):
        text = texts[index + 1]
        assert slide.heading in text
        assert _flat(deck.footer(index)) in text
        if slide.source:
            assert f"Sumber: {slide.source}" in text
        if slide.subtitle:
            assert slide.subtitle in text


def test_tiles_show_label_number_change_and_note(written):
    deck, _, texts, _ = written
    body = deck.slides[0].body
    assert isinstance(body, Tiles)
    for tile in body.tiles:
        assert tile.label in texts[1] and tile.text in texts[1]
    assert "▲ +234" in texts[1] and "▼ -1,2 poin" in texts[1]
    assert "+68 keluarga layak menunggu salur" in texts[1]
    # a neutral change carries no arrow
    assert "0,0 poin" in texts[1] and "▲ 0,0" not in texts[1] and "▼ 0,0" not in texts[1]


def test_charts_print_their_labels_categories_references_and_indonesian_ticks(written):
    deck, _, texts, _ = written
    for index in (1, 2):
        chart = deck.slides[index].body
        assert isinstance(chart, Chart)
        text = texts[index + 1]
        for series in chart.series:
            for label in filter(None, series.labels):
                assert label in text
        for reference in chart.references:
            assert reference_text(reference, chart.unit) in text
    assert all(name in texts[2] for name in handmade.KECAMATAN)
    assert all(tick in texts[2] for tick in ("0%", "20%", "40%", "60%", "80%", "100%"))
    assert all(month in texts[3] for month in handmade.MONTHS)
    assert "Rp 2 M" in texts[3] and "Realisasi" in texts[3] and "Rencana" in texts[3]


def test_bars_run_top_to_bottom_in_list_order(written):
    _, _, texts, _ = written
    positions = [texts[2].index(name) for name in handmade.KECAMATAN]
    assert positions == sorted(positions)


def test_table_cells_carry_their_rag_symbol(written):
    deck, _, texts, _ = written
    for index in (3, 4, 7):
        table = deck.slides[index].body
        assert isinstance(table, Table)
        for column in table.columns:
            assert column in texts[index + 1]
        for row in table.cells:
            for cell in row:
                assert cell in texts[index + 1]
    assert "✓ 95,0%" in texts[4] and "! 82,5%" in texts[4]
    assert "– 0,0%" in texts[5] and "✗ 40,0%" in texts[5] and "! 73,2%" in texts[5]


def test_map_page_has_names_legend_and_hotspots_and_missing_page_its_message(written):
    deck, _, texts, _ = written
    picture = deck.slides[5].body
    for text in (*picture.view.frame["nama"], *picture.view.legend, *picture.hotspots, "Wilayah kelas tertinggi"):
        assert text in texts[6]
    assert deck.slides[6].body.message in texts[7]


def test_text_is_embedded_truetype_and_no_16_digit_number_appears(written):
    """Type 42 fonts (not type 3 outlines): a reader can search the handout and copy a number."""
    _, reader, texts, _ = written
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        subtypes = {fonts[name].get_object()["/Subtype"] for name in fonts}
        assert subtypes <= {"/TrueType", "/Type0"}
    assert not any(re.search(r"\d{16}", text) for text in texts)
    assert not any(re.search(r"\d{16}", text.replace(".", "").replace(" ", "")) for text in texts)


def test_english_handout(tmp_path):
    deck = handmade.small_deck()
    reader = pypdf.PdfReader(write_pdf(deck, tmp_path / "en.pdf", lang="en"))
    assert "3 December 2026" in reader.pages[0].extract_text()
    assert "Source: " in reader.pages[1].extract_text()


@pytest.mark.parametrize(("value", "unit", "step", "text"), [
    (40.0, PCT, 20.0, "40%"), (2.5, PCT, 0.5, "2,5%"), (1.5e9, RUPIAH, 5e8, "Rp 1,5 M"),
    (6e8, RUPIAH, 3e8, "Rp 600 jt"), (0.0, RUPIAH, 3e8, "0"), (12000.0, "count", 2000.0, "12.000"),
])
def test_axis_ticks_are_written_the_indonesian_way(value, unit, step, text):
    assert pdfchart.tick_text(value, unit, step) == text
