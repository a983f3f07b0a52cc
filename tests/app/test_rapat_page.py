"""The Rapat page and a rakor's presentation (AppTest): an operator prepares a rakor with the sidebar's filters,
``?rapat=ID&presentasi=1`` shows the figures frozen then, after a newer import too, and pimpinan may open a rakor
but not prepare one."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.access.roles import PIMPINAN
from dashboard.filters import QUARTER, Filters
from dashboard.formatting import format_pct
from dashboard.meetings import decisions, points, records
from dashboard.slides.model import Table, Tiles
from dashboard.textsafe import markdown_text
from tests.support.apptest import open_app
from tests.support.meetings import OPERATOR_USER, figures, import_newer, prepare

Q3 = Filters(2026, QUARTER, 3)


def prepare_in_app(demo, monkeypatch, title="Rakor Triwulan III") -> tuple[AppTest, records.Meeting]:
    app = open_app(demo.env, monkeypatch, "rapat", params=Q3.to_query_params())
    app.text_input(key="rapat.form.title").input(title)
    app.date_input(key="rapat.form.date").set_value(dt.date(2026, 10, 5))
    app.text_input(key="rapat.form.place").input("Aula Dinsos")
    app.number_input(key="rapat.form.group.TKSK").set_value(22)
    app.number_input(key="rapat.form.group.Korcam PKH").set_value(78)
    app.text_input(key="rapat.form.others").input("Camat=24")
    (submit,) = [b for b in app.button if b.label == "Siapkan dan bekukan angka"]
    submit.click().run()
    assert not app.exception, app.exception
    (meeting,) = records.listing(demo.settings().meetings_store)
    return app, meeting


def test_an_operator_prepares_a_rakor_with_the_sidebar_filters(demo_copy, monkeypatch):
    app, meeting = prepare_in_app(demo_copy, monkeypatch)
    assert (meeting.title, meeting.held_on, meeting.place, meeting.filters) == (
        "Rakor Triwulan III", dt.date(2026, 10, 5), "Aula Dinsos", Q3)
    assert meeting.participants == (("TKSK", 22), ("Korcam PKH", 78), ("LKS", 0), ("Tagana", 0), ("Camat", 24))
    assert meeting.created_by == "uji-operator"
    assert app.selectbox(key="rapat.chosen").value == meeting.id
    assert app.query_params["rapat"] == meeting.id
    assert [s.value for s in app.success] == ["Rakor Rakor Triwulan III disiapkan; angka dibekukan."]
    assert "Aula Dinsos" in app.markdown[-1].value or any("Aula Dinsos" in m.value for m in app.markdown)
    app.button(key="rapat.present").click().run()
    assert app.query_params["presentasi"] == "1" and app.query_params["rapat"] == meeting.id


def _heading(app: AppTest) -> str:
    (head,) = [h.value for h in app.html if 'class="present-head"' in h.value]
    return head.split("<h1>")[1].split("</h1>")[0]


def test_a_reopened_rakor_shows_the_frozen_figures_after_a_newer_import(demo_copy, monkeypatch, tmp_path):
    _, meeting = prepare_in_app(demo_copy, monkeypatch)
    frozen = demo_copy.deck(Q3)
    import_newer(demo_copy, tmp_path / "baru")
    live = demo_copy.deck(Q3)
    capaian = next(i for i, s in enumerate(frozen.slides) if s.key == "capaian")
    assert frozen.slides[capaian].body.cells != live.slides[capaian].body.cells
    app = open_app(demo_copy.env, monkeypatch, params={"rapat": meeting.id, "presentasi": "1"})
    tiles = frozen.slides[0].body
    assert isinstance(tiles, Tiles)
    assert [(m.label, m.value) for m in app.metric] == [(x.label, x.text) for x in tiles.tiles]
    (footer,) = [h.value for h in app.html if 'class="present-counter"' in h.value]
    total = len(frozen.slides) + 1  # and the closing slide: its participants
    assert f"Rakor Triwulan III · 05-10-2026 · 1 / {total}" in footer
    app = open_app(demo_copy.env, monkeypatch, params={"rapat": meeting.id, "presentasi": "1",
                                                       "slide": str(capaian + 1)})
    assert _heading(app) == frozen.slides[capaian].heading
    (table,) = [h.value for h in app.html if "<table" in h.value]
    body = frozen.slides[capaian].body
    assert isinstance(body, Table)
    shown = [format_pct(v) for v in body.values.iloc[:, 1] if v == v]
    assert all(value in table for value in shown)
    assert not all(format_pct(v) in table for v in live.slides[capaian].body.values.iloc[:, 1] if v == v)
    assert figures(records.deck(demo_copy.settings(), meeting)) == figures(frozen)


@pytest.mark.parametrize("role", [PIMPINAN])
def test_pimpinan_opens_a_rakor_but_may_not_prepare_one(demo_copy, monkeypatch, role):
    _, meeting = prepare_in_app(demo_copy, monkeypatch)
    app = open_app(demo_copy.env, monkeypatch, "rapat", role=role, params={"rapat": meeting.id})
    assert not [e for e in app.expander if e.label == "Siapkan rakor baru"]
    assert app.selectbox(key="rapat.chosen").value == meeting.id
    assert app.button(key="rapat.present").label == "Presentasikan rakor ini"


def test_an_operator_rewords_the_talking_points_and_pimpinan_reads_them(demo_copy, monkeypatch):
    app, meeting = prepare_in_app(demo_copy, monkeypatch)
    generated = points.lines_of(demo_copy.settings().meetings_store, meeting.id)
    area = app.text_area(key=f"rapat.points.{meeting.id}.capaian")
    assert area.value == "\n".join(generated["capaian"])
    area.input("Minta laporan T5 dari Korcam.\nKrejengan dibahas pertama.")
    (save,) = [b for b in app.button if b.label == "Simpan bahan bicara"]
    save.click().run()
    assert not app.exception, app.exception
    saved = points.lines_of(demo_copy.settings().meetings_store, meeting.id)
    assert saved["capaian"] == ["Minta laporan T5 dari Korcam.", "Krejengan dibahas pertama."]
    assert saved["anggaran"] == generated["anggaran"]
    reader = open_app(demo_copy.env, monkeypatch, "rapat", role=PIMPINAN, params={"rapat": meeting.id})
    assert not [a for a in reader.text_area if a.key.startswith("rapat.points")]
    shown = "\n".join(m.value for m in reader.markdown)
    assert all(f"- {markdown_text(line)}" in shown for line in saved["capaian"])


def _record(app: AppTest, meeting, figure_index: int, what: str, pic: str) -> AppTest:
    key = f"rapat.decide.{meeting.id}"
    app.selectbox(key=f"{key}.figure").set_value(figure_index)
    app.text_area(key=f"{key}.what").input(what)
    app.text_input(key=f"{key}.pic").input(pic)
    (save,) = [b for b in app.button if b.label == "Simpan keputusan"]
    save.click().run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize("role", [PIMPINAN, "operator"])
def test_a_decision_on_a_red_cell_is_recorded_and_shown_after_a_restart(demo_copy, monkeypatch, role):
    _, meeting = prepare_in_app(demo_copy, monkeypatch)
    app = open_app(demo_copy.env, monkeypatch, "rapat", role=role, params={"rapat": meeting.id})
    options = app.selectbox(key=f"rapat.decide.{meeting.id}.figure").options
    assert options[0].endswith("✗")  # red cells first
    _record(app, meeting, 0, "Percepat penanganan kasus PPKS", "TKSK Krejengan")
    frame = decisions.listing(demo_copy.settings().meetings_store, meeting.id)
    assert frame[["what", "pic", "status"]].values.tolist() == [["Percepat penanganan kasus PPKS", "TKSK Krejengan",
                                                                  "open"]]
    assert frame["deadline"].tolist() == [dt.date(2026, 11, 4)]  # the rakor's day + 30
    assert frame["created_by"].tolist() == [f"uji-{role}"]
    assert f"{frame['row_label'][0]} · {frame['column_label'][0]}: {frame['value_text'][0]} ✗" == options[0]
    restarted = open_app(demo_copy.env, monkeypatch, "rapat", role=role, params={"rapat": meeting.id})
    (table,) = [t for t in restarted.table if "Dicatat oleh" in t.value.columns]
    assert table.value.iloc[0].tolist()[1:] == ["Percepat penanganan kasus PPKS", "TKSK Krejengan", "04-11-2026",
                                                "terlambat" if dt.date.today() > dt.date(2026, 11, 4) else "berjalan",
                                                f"uji-{role}"]


def test_the_next_rakor_shows_the_follow_up_on_its_page_and_first_slide_and_the_kecamatan_history(demo_copy,
                                                                                                  monkeypatch):
    settings = demo_copy.settings()
    first = prepare(demo_copy)
    red = decisions.figures_of(records.deck(settings, first), records.wilayah_codes(settings, first))[0]
    decisions.record(settings, OPERATOR_USER, first.id, red, "Kunjungi kecamatan", "Kasi Rehsos",
                     dt.date(2026, 10, 20))
    second = prepare(demo_copy, title="Rakor November", held_on=dt.date(2026, 11, 2))
    app = open_app(demo_copy.env, monkeypatch, "rapat", params={"rapat": second.id})
    shown = [t.value for t in app.table]
    follow = next(frame for frame in shown if "Dulu" in frame.columns)
    assert follow.iloc[0].tolist() == ["05-10-2026", f"{red.row} · {red.column}", "Kunjungi kecamatan", "Kasi Rehsos",
                                       "20-10-2026", "terlambat", red.text, red.text, "0,0 poin"]
    app.selectbox(key="rapat.history.kode").set_value(red.kode).run()
    history = [t.value for t in app.table][-1]
    assert history["Keputusan"].tolist() == ["Kunjungi kecamatan"]
    present = open_app(demo_copy.env, monkeypatch, params={"rapat": second.id, "presentasi": "1"})
    assert _heading(present) == "Tindak lanjut keputusan rakor sebelumnya"
