"""Presentation mode in a real browser at the projector's two sizes: no Streamlit chrome, every slide of the
default agenda on one screen (nothing past the edge, nothing scrolling), type large enough for the back of the hall
and in contrast, the presenter's keys without a click into the page, the filters shown on every slide, offline.

Screenshots of every slide land in tests/artifacts/presentasi_<size>_<n>.png to be looked at.
"""

import re

import pytest

from dashboard.filters import QUARTER, Filters
from dashboard.slides.model import Missing
from tests.support.demo import DemoDatabase, streamlit_server
from tests.support.layout import artifact, chart_text_problems
from tests.support.slides_screen import contrast_problems, fit_problems, on_slide, sizes

Q3 = Filters(2026, QUARTER, 3)
SIZES = [(1024, 768), (1920, 1080)]
COUNTER = ".present-counter"


def _address(filters: Filters, **extra: str) -> str:
    params = {"presentasi": "1", **filters.to_query_params(), **extra}
    return "?" + "&".join(f"{key}={value}" for key, value in params.items())


def _heading(page) -> str:
    return page.locator(".present-head h1").inner_text()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_one_screen_and_the_keys_walk_through_them(open_page, demo, width, height):
    deck = demo.deck(Q3)
    total = len(deck.slides)
    page = open_page(_address(Q3), width, height)
    on_slide(page, 1, total)
    for selector in ("[data-testid='stSidebar']", "[data-testid='stHeader']", "[data-testid='stToolbar']"):
        assert not page.locator(selector).is_visible(), selector
    for number, slide in enumerate(deck.slides, start=1):
        on_slide(page, number, total)
        where = f"slide {number} ({slide.key}) at {width}x{height}"
        assert _heading(page) == slide.heading, where
        assert page.locator(".present-scope").inner_text() == deck.filters_text, where
        assert fit_problems(page) == [], where
        measured = sizes(page)
        assert min(measured["chart"], default=99) >= 18, where
        assert min(measured["table"], default=99) >= 18, where
        if width == 1024:
            assert min(measured["headline"], default=99) >= 48, where
        for chart in page.locator(".js-plotly-plot").all():
            assert chart_text_problems(chart) == [], where
        assert contrast_problems(page) == [], where
        page.screenshot(path=artifact(f"presentasi_{width}x{height}_{number}.png"))
        page.keyboard.press("PageDown")  # the remote's "next", no click into the page first
    page.wait_for_timeout(500)
    on_slide(page, total, total)  # PageDown on the last slide stays there
    for number in range(total - 1, 0, -1):
        page.keyboard.press("PageUp")
        on_slide(page, number, total)
        assert _heading(page) == deck.slides[number - 1].heading
    for key, number in (("Space", 2), ("ArrowRight", 3), ("ArrowLeft", 2), ("PageDown", 3)):
        page.keyboard.press(key)
        on_slide(page, number, total)
    assert re.search(r"[?&]slide=3(&|$)", page.url)  # a reload stays on the slide


def test_slide_in_the_address_opens_that_slide_with_the_page_filters(open_page, demo):
    filters = Filters(2026, QUARTER, 2, "35.13.01", "PKH")
    deck = demo.deck(filters)
    assert "Sukapura" in deck.filters_text and "PKH" in deck.filters_text
    page = open_page(_address(filters, slide="4"), 1024, 768)
    on_slide(page, 4, len(deck.slides))
    assert _heading(page) == deck.slides[3].heading
    assert page.locator(".present-scope").inner_text() == deck.filters_text
    page.reload(wait_until="networkidle")
    on_slide(page, 4, len(deck.slides))
    assert fit_problems(page) == []


def test_presentasi_button_on_a_page_and_keluar_back(open_page, demo):
    deck = demo.deck(Q3)
    page = open_page("cakupan?" + "&".join(f"{k}={v}" for k, v in Q3.to_query_params().items()), 1024, 768)
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Presentasi").click()
    on_slide(page, 1, len(deck.slides))
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert "presentasi=1" in page.url and "ke=3" in page.url and "/cakupan" in page.url
    page.get_by_role("button", name="Keluar").click()
    page.locator("[data-testid='stSidebar']").wait_for()
    page.get_by_role("heading", name="Cakupan").first.wait_for()
    assert "presentasi" not in page.url and "ke=3" in page.url


@pytest.fixture(scope="module")
def empty_app(tmp_path_factory):
    """The app on a database with nothing imported yet: (its address, the database)."""
    root = tmp_path_factory.mktemp("empty")
    empty = DemoDatabase(root / "rakor.duckdb", root / "files", root / "pseudonym.key")
    with streamlit_server(empty) as url:
        yield url, empty


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_slide_without_data_says_which_file_to_import(open_page, empty_app, width, height):
    url, empty = empty_app
    page = open_page("?presentasi=1", width, height, server=url)
    page.locator(COUNTER).wait_for()
    deck = empty.deck(Filters(0))  # no year has data: the app falls back to the same
    missing = [n for n, slide in enumerate(deck.slides, start=1) if isinstance(slide.body, Missing)]
    assert len(missing) >= len(deck.slides) - 1  # all but the tiles, which show "-"
    for number, slide in enumerate(deck.slides, start=1):
        on_slide(page, number, len(deck.slides))
        assert _heading(page) == slide.heading
        if number in missing:
            assert page.locator(".present-missing").inner_text() == slide.body.message.replace("`", "")
            assert re.fullmatch(r"Data belum ada: impor berkas .+ \(halaman Data atau `rakor import`\)\.",
                                slide.body.message)
        assert fit_problems(page) == []
        if number == missing[0]:
            page.screenshot(path=artifact(f"presentasi_missing_{width}x{height}.png"))
        page.keyboard.press("ArrowRight")


def test_the_handouts_download_from_presentation_mode(open_page, demo, tmp_path):
    """'Berkas' over a slide: the three files are written with the slides listed as they are made, then downloaded
    under the names of what they hold; the slide stays one screen underneath."""
    deck = demo.deck(Q3)
    page = open_page(_address(Q3, slide="3"), 1024, 768, accept_downloads=True)
    on_slide(page, 3, len(deck.slides))
    page.get_by_role("button", name="Berkas").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Siapkan berkas rakor (PowerPoint, PDF, Excel)").click()
    dialog.get_by_text("Slide 14/14", exact=False).first.wait_for(timeout=120_000)  # progress, slide by slide
    magic = {"PPTX": b"PK", "PDF": b"%PDF", "XLSX": b"PK"}
    for kind, start in magic.items():
        with page.expect_download() as download:
            dialog.get_by_role("button", name=f"Unduh {kind}").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.name == f"rakor-35.13-2026-triwulan3.{kind.lower()}"
        assert saved.read_bytes().startswith(start)
    page.screenshot(path=str(artifact("presentasi_berkas_1024x768.png")))
