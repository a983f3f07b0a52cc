"""Presentation mode (AppTest): ``?presentasi=1`` shows the deck's slides with the URL's filters, the first slide's
tiles are the Ringkasan loader's numbers, ``slide=N`` and the buttons move through the deck, and "Keluar" returns
to the page with its filters."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.db import connect_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.i18n import t
from dashboard.queries import run_query
from dashboard.slides.agenda import build_deck
from dashboard.views import ringkasan
from tests.support.apptest import open_app

Q3 = Filters(2026, QUARTER, 3)


@pytest.fixture
def run_demo(demo):
    """The page loaders' ``run`` on the demo database, as ``ui.query`` runs them."""
    con = connect_readonly(demo.database)
    yield lambda name, **params: run_query(con, name, **params)
    con.close()


@pytest.fixture
def present(demo, monkeypatch):
    """``present(lang=None, **params)``: the app opened at ``/?<params>`` on the demo database, fresh caches."""

    def open_(lang: str | None = None, **params: str) -> AppTest:
        return open_app(demo.env, monkeypatch, params=params, lang=lang)

    return open_


def _html(app: AppTest, css_class: str) -> str:
    """The text of the one ``st.html`` element carrying ``css_class``."""
    (found,) = [h.value for h in app.html if f'class="{css_class}"' in h.value]
    return found


def _heading(app: AppTest) -> str:
    head = _html(app, "present-head")
    return head.split("<h1>")[1].split("</h1>")[0]


@pytest.mark.parametrize("filters", [Q3, Filters(2026, QUARTER, 2, "35.13.01")], ids=["q3", "q2-sukapura"])
def test_first_slide_tiles_are_the_ringkasan_numbers(present, run_demo, demo, filters):
    app = present(presentasi="1", **filters.to_query_params())
    kpis = ringkasan.load_ringkasan(run_demo, filters, demo.settings()).kpis
    shown = [(m.label, m.value, m.delta or None) for m in app.metric]
    assert shown == [(t(f"ringkasan_kpi_{k.key}"), ringkasan.format_value(k), ringkasan.format_change(k))
                     for k in kpis]
    assert not app.sidebar.children  # no sidebar: no language, no filters
    deck = build_deck(run_demo, filters, demo.settings())
    assert _heading(app) == deck.slides[0].heading
    assert deck.filters_text in _html(app, "present-scope")  # the filters in force, on every slide
    assert f"1 / {len(deck.slides)}" in _html(app, "present-counter")


def test_slide_in_the_url_opens_that_slide_and_the_buttons_move(present, run_demo, demo):
    deck = build_deck(run_demo, Q3, demo.settings())
    app = present(presentasi="1", slide="3", **Q3.to_query_params())
    assert _heading(app) == deck.slides[2].heading
    app.button(key="present_next").click().run()
    assert app.query_params["slide"] == "4"
    assert _heading(app) == deck.slides[3].heading
    app.button(key="present_prev").click().run()
    app.button(key="present_prev").click().run()
    assert _heading(app) == deck.slides[1].heading
    assert app.query_params["tahun"] == "2026" and app.query_params["ke"] == "3"


@pytest.mark.parametrize(("asked", "shown"), [("999", -1), ("0", 0), ("dua", 0)])
def test_a_slide_number_out_of_the_deck_opens_its_nearest_end(present, run_demo, demo, asked, shown):
    deck = build_deck(run_demo, Q3, demo.settings())
    app = present(presentasi="1", slide=asked, **Q3.to_query_params())
    assert _heading(app) == deck.slides[shown].heading
    assert app.button(key="present_next").disabled == (shown == -1)
    assert app.button(key="present_prev").disabled == (shown == 0)


def test_presentasi_button_keeps_the_page_filters_and_keluar_returns_to_them(present):
    app = present(**Q3.to_query_params())
    assert app.selectbox(key="filter.period").value == 3
    app.button(key="present_start").click().run()
    assert not app.exception, app.exception
    assert dict(app.query_params) == {**Q3.to_query_params(), "presentasi": "1", "slide": "1"}
    assert _heading(app) == "Ringkasan Triwulan/Tahap 3 2026"
    app.button(key="present_next").click().run()
    app.button(key="present_exit").click().run()
    assert not app.exception, app.exception
    assert dict(app.query_params) == Q3.to_query_params()
    assert app.radio(key="filter.granularity").value == QUARTER
    assert app.selectbox(key="filter.period").value == 3
    assert not [h for h in app.html if "present-head" in h.value]


def test_the_language_chosen_on_the_page_stays_while_presenting(present):
    """Its radio is not drawn while presenting, and Streamlit forgets an undrawn widget's value unless kept."""
    app = present(lang="en", presentasi="1", **Q3.to_query_params())
    assert _heading(app) == "Summary Quarter/Tahap 3 2026"
    app.button(key="present_next").click().run()
    app.button(key="present_next").click().run()
    assert _heading(app).startswith("C3 Coverage of eligible households")
    assert app.button(key="present_exit").label == "Exit"
    app.button(key="present_exit").click().run()
    assert app.radio(key="lang").value == "en"
