"""Follow-up at the next rakor (dashboard/meetings/followup.py): the earlier rakor's decisions open the next one,
done / late / open as of its day, with the figure then (frozen with the first rakor) and now (frozen with the next,
after a newer import), both recomputed with pandas from the files; a kecamatan's history; the follow-up slides."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pptx import Presentation

from dashboard.access.roles import PIMPINAN, User
from dashboard.meetings import decisions, followup, records
from dashboard.meetings.deck import rakor_deck
from dashboard.slides.model import Table
from dashboard.views import capaian
from tests.support.attainment import expected_attainment
from tests.support.meetings import HELD_ON, Q3, figures, import_newer, newer_targets, prepare, rakor

KADIS = User("kadis", PIMPINAN)


def _shown(as_of: str) -> str:
    """``2026-12-03 22:45:34`` as a slide dates it."""
    return f"{dt.datetime.strptime(as_of, '%Y-%m-%d %H:%M:%S'):%d-%m-%Y %H:%M}"
NEXT = dt.date(2026, 11, 2)


@pytest.fixture
def two_rakor(demo_copy, tmp_path):
    """Rakor 1 (5 Oct) decides on a red T5 cell (deadline passed by rakor 2), a bidang's bar (done before rakor 2)
    and a tile (deadline after rakor 2); a newer target file is imported; rakor 2 (2 Nov) is prepared."""
    settings = demo_copy.settings()
    first = prepare(demo_copy)
    found = decisions.figures_of(records.deck(settings, first), records.wilayah_codes(settings, first))
    red = next(f for f in found if f.item == "capaian" and f.column == "T5 PPKS" and f.status == "merah")
    bar = next(f for f in found if f.item == "anggaran")
    tile = next(f for f in found if f.item == "ringkasan")
    late = decisions.record(settings, KADIS, first.id, red, "Percepat kasus PPKS", "TKSK", dt.date(2026, 10, 20))
    done = decisions.record(settings, KADIS, first.id, bar, "Percepat SP2D", "Bidang", dt.date(2026, 10, 30))
    decisions.change(settings, KADIS, done, decisions.DONE, dt.date(2026, 10, 15))
    still = decisions.record(settings, KADIS, first.id, tile, "Pantau bulanan", "Sekretariat", dt.date(2026, 12, 31))
    import_newer(demo_copy, tmp_path / "baru")
    second = prepare(demo_copy, title="Rakor November", held_on=NEXT)
    return demo_copy, first, second, {"late": (late, red), "done": (done, bar), "open": (still, tile)}


def test_the_next_rakor_opens_with_the_decisions_then_and_now(two_rakor, tmp_path):
    demo, first, second, made = two_rakor
    settings = demo.settings()
    frame = followup.of_meeting(settings, second).set_index("id")
    assert set(frame.index) == {decision for decision, _ in made.values()}
    for status, (decision, figure) in made.items():
        assert frame.loc[decision, "status_on"] == status
        assert frame.loc[decision, "value_then"] == pytest.approx(figure.value)
    # T5 then: the files as they were; now: the same realisation over the doubled target of the newer file
    late, red = made["late"]
    as_of = capaian.as_of_month(Q3, records.frozen_run(settings.meetings_store, first.id)(
        "last_month_by_source", tahun=2026))
    expected = expected_attainment(demo.files, Q3, as_of).loc[(red.kode, "T5")]
    assert frame.loc[late, "value_then"] == pytest.approx(expected["attainment_prorata_pct"])
    old = pd.read_excel(demo.files / "target_kinerja_2026.xlsx", dtype={"Kode Kecamatan": str})
    new = pd.read_excel(newer_targets(demo, tmp_path / "lagi"), dtype={"Kode Kecamatan": str})
    ratio = (old.set_index(["Kode Kecamatan", "Indikator"])["Target"]
             / new.set_index(["Kode Kecamatan", "Indikator"])["Target"]).loc[(red.kode, "T5")]
    assert frame.loc[late, "value_now"] == pytest.approx(expected["attainment_prorata_pct"] * ratio)
    assert frame.loc[late, "change"] == pytest.approx(frame.loc[late, "value_now"] - frame.loc[late, "value_then"])
    done, bar = made["done"]
    assert frame.loc[done, "value_now"] == pytest.approx(bar.value)  # the budget was not re-imported
    assert followup.change_text(frame.loc[late, "change"], red.unit).endswith(" poin")


def test_the_rakor_deck_opens_with_the_follow_up_slide_and_a_later_rakor_drops_what_was_reported_done(
        two_rakor, tmp_path, monkeypatch):
    demo, first, second, made = two_rakor
    settings = demo.settings()
    deck = rakor_deck(settings, second)
    opening = deck.slides[0]
    assert opening.key == followup.KEY and isinstance(opening.body, Table)
    assert [row[4] for row in opening.body.cells] == ["terlambat", "selesai", "berjalan"]
    assert [row[4] for row in opening.body.status] == ["merah", "hijau", "kuning"]
    assert opening.notes == "3 keputusan: 1 selesai, 1 terlambat, 1 berjalan."
    assert opening.source == (
        f"Sumber: keputusan Rakor Triwulan III (05-10-2026; angka dulu dibekukan dari impor sampai "
        f"{_shown(first.data_as_of)}); angka kini: rakor ini, dibekukan dari impor sampai {_shown(second.data_as_of)}.")
    assert figures(deck)[1:] == figures(records.deck(settings, second))
    own = figures(rakor_deck(settings, first))  # nothing to follow up before rakor 1; it closes with its decisions
    assert own[:-1] == figures(records.deck(settings, first)) and own[-1][:2] == ("notulen", "Keputusan rakor")
    assert rakor(demo, monkeypatch, "deck", "--meeting", second.id, "--out", str(tmp_path / "out")) == 0
    (pptx,) = (tmp_path / "out").glob("*.pptx")
    texts = [" ".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame)
             for s in Presentation(pptx).slides]
    assert "Tindak lanjut keputusan rakor sebelumnya" in texts[1]
    now = decisions.figures_of(records.deck(settings, second), records.wilayah_codes(settings, second))
    again = decisions.record(settings, KADIS, second.id, now[0], "Rapat ulang", "Sekretariat", dt.date(2026, 11, 20))
    third = prepare(demo, title="Rakor Desember", held_on=dt.date(2026, 12, 1))
    later = followup.of_meeting(settings, third).set_index("id")
    assert set(later.index) == {made["late"][0], made["open"][0], again}  # done on 15 Oct, reported on 2 Nov
    opening = [s for s in rakor_deck(settings, third).slides if s.key == followup.KEY]
    assert [s.part for s in opening] == [(1, 2), (2, 2)]  # each rakor's decisions on slides of their own
    assert ["Rakor Triwulan III (05-10-2026;" in s.source and "Rakor November" not in s.source for s in opening] \
        == [True, False]
    assert "Rakor November (02-11-2026;" in opening[1].source and [len(s.body.cells) for s in opening] == [2, 1]


def test_a_kecamatans_history_lists_its_decisions_with_the_live_figure(two_rakor):
    demo, first, second, made = two_rakor
    settings = demo.settings()
    late, red = made["late"]
    now = decisions.figures_of(records.deck(settings, second), records.wilayah_codes(settings, second))
    history = followup.history(settings, red.kode, now, dt.date(2026, 10, 10))
    assert history["id"].tolist() == [late]
    assert history["status_on"].tolist() == ["open"]  # on 10 Oct its deadline (20 Oct) had not passed
    assert history["title"].tolist() == [first.title] and history["held_on"].tolist() == [HELD_ON]
    assert followup.history(settings, "35.13.99", now, NEXT).empty
