"""Decisions (dashboard/meetings/decisions.py): tied to a figure of the frozen slides (the scorecard's red and amber
cells first, with the kecamatan's code), changed with who and when, done/late/open as of a day, logged."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.access.roles import OPERATOR, PIMPINAN, AccessDenied, User
from dashboard.filters import load_filter_options
from dashboard.meetings import decisions, records
from dashboard.slides.model import Table
from tests.support.accounts import audit_lines
from tests.support.meetings import prepare

KADIS = User("kadis", PIMPINAN)


def test_the_figures_a_decision_can_take_are_the_slides_cells_red_and_amber_first(demo_copy):
    settings = demo_copy.settings()
    meeting = prepare(demo_copy)
    deck = records.deck(settings, meeting)
    codes = records.wilayah_codes(settings, meeting)
    found = decisions.figures_of(deck, codes, ("capaian",))
    scorecard = [s.body for s in deck.slides if s.key == "capaian"]
    cells = [(t.cells[r][0], t.columns[c], t.cells[r][c], t.status[r][c]) for t in scorecard if isinstance(t, Table)
             for r in range(len(t.cells)) for c in range(1, len(t.columns))]
    assert sorted((f.row, f.column, f.text, f.status) for f in found) == sorted(cells)
    ranks = [decisions.RANK.get(f.status, 2) for f in found]
    assert ranks == sorted(ranks) and ranks[0] == 0
    names = load_filter_options(records.frozen_run(settings.meetings_store, meeting.id), "35.13").kecamatan
    assert all(names[f.kode] == f.row for f in found)
    red = found[0]
    table = next(t for t in scorecard if red.row in [row[0] for row in t.cells])
    r = [row[0] for row in table.cells].index(red.row)
    assert red.value == pytest.approx(table.values.iat[r, table.columns.index(red.column)])


def test_a_decision_is_recorded_changed_and_logged_with_who_and_when(demo_copy):
    settings = demo_copy.settings()
    meeting = prepare(demo_copy)
    red = decisions.figures_of(records.deck(settings, meeting), records.wilayah_codes(settings, meeting))[0]
    first = decisions.record(settings, KADIS, meeting.id, red, "Turunkan tim ke lapangan", "Camat",
                             dt.date(2026, 10, 20))
    decisions.change(settings, User("uji-operator", OPERATOR), first, decisions.DONE, dt.date(2026, 10, 18))
    frame = decisions.listing(settings.meetings_store, meeting.id)
    row = frame.iloc[0]
    assert (row["created_by"], row["changed_by"], row["status"], row["done_on"]) == (
        "kadis", "uji-operator", "done", dt.date(2026, 10, 18))
    assert (row["row_label"], row["kode"], row["value_text"]) == (red.row, red.kode, red.text)
    assert [line[1:3] for line in audit_lines(settings) if line[1].startswith("keputusan")] == [
        ("keputusan_catat", first), ("keputusan_ubah", first)]
    with pytest.raises(AccessDenied):
        decisions.record(settings, User("tamu", ""), meeting.id, red, "x", "y", dt.date(2026, 11, 1))
    with pytest.raises(decisions.DecisionError):
        decisions.record(settings, KADIS, meeting.id, red, " ", "Camat", dt.date(2026, 11, 1))
    with pytest.raises(decisions.DecisionError):
        decisions.change(settings, KADIS, first, decisions.DONE)  # done needs its day
    assert decisions.listing(settings.meetings_store, kode=red.kode)["id"].tolist() == [first]
    assert decisions.listing(settings.meetings_store, kode=red.kode[:5])["id"].tolist() == [first]  # its kabupaten


@pytest.mark.parametrize(("status", "done_on", "deadline", "day", "expected"), [
    ("open", None, dt.date(2026, 11, 1), dt.date(2026, 11, 2), "late"),
    ("open", None, dt.date(2026, 11, 1), dt.date(2026, 11, 1), "open"),      # due that day: not late yet
    ("done", dt.date(2026, 11, 5), dt.date(2026, 11, 1), dt.date(2026, 11, 3), "late"),   # done only later
    ("done", dt.date(2026, 10, 30), dt.date(2026, 11, 1), dt.date(2026, 11, 3), "done"),
    ("done", dt.date(2026, 11, 3), dt.date(2026, 11, 10), dt.date(2026, 11, 3), "done"),
])
def test_done_late_open_as_of_a_day(status, done_on, deadline, day, expected):
    import pandas as pd

    frame = pd.DataFrame({"status": [status], "done_on": [done_on], "deadline": [deadline]})
    assert decisions.status_on(frame, day).tolist() == [expected]
