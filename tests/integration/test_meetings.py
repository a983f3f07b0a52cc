"""Rakor records (dashboard/meetings): a prepared rakor keeps its figures through newer imports, ``rakor deck
--meeting`` hands out the frozen numbers, a killed writer leaves no half rakor, viewers read while one records,
and backup/restore carry the records without overwriting a rakor in place."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import threading
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard.access.roles import PIMPINAN, AccessDenied, User
from dashboard.backup import backup, restore
from dashboard.db import connect_readonly
from dashboard.meetings import points, records, store
from dashboard.queries import run_query
from dashboard.slides.items import Source
from tests.support.accounts import audit_lines
from tests.support.meetings import OPERATOR_USER, Q3, figures, import_newer, live_deck, prepare, rakor


def test_a_rakor_shows_the_figures_as_prepared_after_a_newer_import(demo_copy, tmp_path):
    settings = demo_copy.settings()
    before = live_deck(demo_copy)
    meeting = prepare(demo_copy, place="Aula Dinsos", participants=(("TKSK", 22), ("Korcam PKH", 78)))
    assert figures(records.deck(settings, meeting)) == figures(before)
    import_newer(demo_copy, tmp_path / "baru")
    after = live_deck(demo_copy)
    assert figures(after) != figures(before)  # the import did change the live figures ...
    changed = {f[0] for f, g in zip(figures(before), figures(after), strict=True) if f != g}
    assert "capaian" in changed
    reopened = records.get(settings.meetings_store, meeting.id)
    assert reopened == meeting
    assert figures(records.deck(settings, reopened)) == figures(before)  # ... but not the rakor's


def test_a_later_change_of_rakor_toml_leaves_a_prepared_rakor_as_it_was(demo_copy):
    meeting = prepare(demo_copy)
    stricter = replace(demo_copy.settings(), rag_green_pct=99.0, rag_amber_pct=98.0, rakor_title="Lain")
    assert figures(records.deck(stricter, meeting)) == figures(live_deck(demo_copy))
    assert figures(live_deck(demo_copy, settings=stricter)) != figures(live_deck(demo_copy))


def test_rakor_deck_meeting_writes_the_frozen_numbers_and_refuses_filters(demo_copy, tmp_path, monkeypatch,
                                                                          capsys):
    assert rakor(demo_copy, monkeypatch, "meeting", "create", "--title", "Rakor Triwulan III", "--date",
                 "2026-10-05", "--tahun", "2026", "--periode", "triwulan", "--ke", "3", "--place", "Aula",
                 "--participants", "TKSK=22,Korcam PKH=78,LKS=14") == 0
    out = capsys.readouterr().out
    (meeting,) = records.listing(demo_copy.settings().meetings_store)
    assert f"/?rapat={meeting.id}&presentasi=1" in out
    assert meeting.participants == (("TKSK", 22), ("Korcam PKH", 78), ("LKS", 14))
    assert meeting.created_by.startswith("cli:") and meeting.filters == Q3
    frozen = figures(live_deck(demo_copy))
    import_newer(demo_copy, tmp_path / "baru")
    assert rakor(demo_copy, monkeypatch, "meeting", "list") == 0
    assert meeting.id in capsys.readouterr().out
    assert rakor(demo_copy, monkeypatch, "deck", "--meeting", meeting.id, "--out", str(tmp_path / "out")) == 0
    (pptx,) = (tmp_path / "out").glob("*.pptx")
    assert pptx.name == f"rakor-35.13-2026-triwulan3-rapat-{meeting.id}.pptx"
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(pptx).slides if s.has_notes_slide]
    shown = notes[-len(frozen) - 1:-1]  # the agenda's slides, before the closing one (participants)
    assert [f[4] for f in frozen] == shown  # every slide's key numbers as prepared
    assert [f[4] for f in figures(live_deck(demo_copy))] != shown
    assert notes[-1] == "Jumlah seluruhnya: 114"
    assert rakor(demo_copy, monkeypatch, "deck", "--meeting", meeting.id, "--tahun", "2025") == 2
    assert rakor(demo_copy, monkeypatch, "deck", "--meeting", "tidakada") == 2
    assert [line for line in audit_lines(demo_copy.settings()) if line[1] == "rapat_siapkan"] == [
        (meeting.created_by, "rapat_siapkan", meeting.id, "Rakor Triwulan III (2026-10-05)")]


def test_pimpinan_may_not_prepare_a_rakor_and_bad_values_are_refused(demo_copy):
    with pytest.raises(AccessDenied):
        prepare(demo_copy, user=User("kadis", PIMPINAN))
    with pytest.raises(records.MeetingError, match="meeting_title_missing"):
        prepare(demo_copy, title="  ")
    with pytest.raises(records.MeetingError, match="meeting_participants_bad"):
        prepare(demo_copy, participants=(("TKSK", -1),))
    with pytest.raises(records.MeetingError, match="meeting_agenda_unknown"):
        prepare(demo_copy, agenda=("ringkasan", "rahasia"))
    assert records.listing(demo_copy.settings().meetings_store) == []


KILLED_WRITER = """
import os, sys, time
from functools import partial
from dashboard.access.roles import OPERATOR, User
from dashboard.db import connect_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.meetings import records
from dashboard.queries import run_query
from tests.support.demo import DemoDatabase
from pathlib import Path
import datetime as dt

demo = DemoDatabase(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
frames = []
def progress(message):
    if message.startswith("dibekukan"):
        frames.append(message)
        if len(frames) == 5:  # inside the transaction: the meeting row and five results written, not committed
            print("ready", flush=True)
            time.sleep(120)
con = connect_readonly(demo.database)
records.create(demo.settings(), partial(run_query, con), User("uji", OPERATOR), "Rakor", dt.date(2026, 10, 5),
               Filters(2026, QUARTER, 3), progress=progress)
"""


def test_a_writer_killed_while_saving_leaves_no_half_rakor(demo_copy):
    kept = prepare(demo_copy, title="Rakor sebelumnya")
    child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(demo_copy.database), str(demo_copy.files),
                              str(demo_copy.secret)], stdout=subprocess.PIPE, cwd=Path(__file__).parents[2],
                             env=dict(os.environ, **demo_copy.env))
    try:
        assert child.stdout.readline().strip() == b"ready"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    path = demo_copy.settings().meetings_store
    assert [m.id for m in records.listing(path)] == [kept.id]
    with closing(sqlite3.connect(path)) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        assert {row[0] for row in con.execute("select distinct meeting_id from frame")} == {kept.id}
    assert figures(records.deck(demo_copy.settings(), kept)) == figures(live_deck(demo_copy))


def test_viewers_keep_reading_while_a_rakor_is_recorded(demo_copy):
    first = prepare(demo_copy, title="Pertama")
    path = demo_copy.settings().meetings_store
    errors, seen = [], []
    stop = threading.Event()

    def view():
        while not stop.is_set():
            try:
                seen.append(len(records.listing(path)))
                records.frozen_run(path, first.id)
            except Exception as exc:  # noqa: BLE001  (any failure of a viewer fails the test)
                errors.append(exc)

    viewers = [threading.Thread(target=view) for _ in range(3)]
    for viewer in viewers:
        viewer.start()
    with store.reading(path) as reader:  # a read transaction held open across the write
        reader.execute("begin")
        assert reader.execute("select count(*) from meeting").fetchone() == (1,)
        second = prepare(demo_copy, title="Kedua")
        assert reader.execute("select count(*) from meeting").fetchone() == (1,)  # its own consistent view
    stop.set()
    for viewer in viewers:
        viewer.join()
    assert errors == [] and seen and set(seen) <= {1, 2}
    assert {m.id for m in records.listing(path)} == {first.id, second.id}


def test_backup_carries_the_records_and_a_restore_never_overwrites_a_rakor_in_place(demo_copy, tmp_path):
    settings = demo_copy.settings()
    kept = prepare(demo_copy, title="Di tempat")
    lost = prepare(demo_copy, title="Hilang")
    result = backup(settings, tmp_path / "cadangan")
    assert result.code == 0, result.err
    with tarfile.open(result.archive) as tar:
        assert "rapat.sqlite" in tar.getnames()
    with store.connect(settings.meetings_store) as con:  # after the backup: one rakor lost, one renamed
        for table in reversed(store.TABLES):
            con.execute(f"delete from {table} where {'id' if table == 'meeting' else 'meeting_id'} = ?", (lost.id,))
        con.execute("update meeting set title = 'Diubah setelah cadangan' where id = ?", (kept.id,))
    done = restore(settings, result.archive, force=True)
    assert done.code == 0, done.err
    assert any("1 rakor" in line for line in done.out)
    titles = {m.id: m.title for m in records.listing(settings.meetings_store)}
    assert titles == {kept.id: "Diubah setelah cadangan", lost.id: "Hilang"}
    assert figures(records.deck(settings, records.get(settings.meetings_store, lost.id))) == figures(
        live_deck(demo_copy))
    settings.meetings_store.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{settings.meetings_store}{suffix}").unlink(missing_ok=True)
    assert restore(settings, result.archive, force=True).code == 0
    assert {m.title for m in records.listing(settings.meetings_store)} == {"Di tempat", "Hilang"}


def test_talking_points_are_generated_when_prepared_and_edited_by_operators_only(demo_copy, tmp_path):
    settings = demo_copy.settings()
    con = connect_readonly(demo_copy.database)
    try:
        expected = points.generate(Source(lambda name, **p: run_query(con, name, **p), Q3, settings, "id"))
    finally:
        con.close()
    meeting = prepare(demo_copy)
    import_newer(demo_copy, tmp_path / "baru")
    assert points.lines_of(settings.meetings_store, meeting.id) == expected  # as generated from the frozen figures
    assert points.generate(records.source(settings, meeting)) == expected
    own = "Capaian T5 rendah di banyak kecamatan: minta laporan Korcam.\n\n  Bahas Krejengan lebih dulu.  "
    assert points.save(settings, OPERATOR_USER, meeting.id, "capaian", own)
    assert not points.save(settings, OPERATOR_USER, meeting.id, "capaian", own)  # nothing changed, nothing logged
    stored = points.read(settings.meetings_store, meeting.id).set_index("item")
    assert stored.loc["capaian", "lines"] == ["Capaian T5 rendah di banyak kecamatan: minta laporan Korcam.",
                                              "Bahas Krejengan lebih dulu."]
    assert (stored.loc["capaian", "edited"], stored.loc["capaian", "changed_by"]) == (1, "uji-operator")
    assert stored.loc["anggaran", "edited"] == 0
    with pytest.raises(AccessDenied):
        points.save(settings, User("kadis", PIMPINAN), meeting.id, "capaian", "lain")
    with pytest.raises(points.PointsError):
        points.save(settings, OPERATOR_USER, meeting.id, "capaian", "x" * (points.MAX_POINTS_CHARS + 1))
    assert [line for line in audit_lines(settings) if line[1] == "bahan_ubah"] == [
        ("uji-operator", "bahan_ubah", meeting.id, "capaian")]


def test_a_rakor_missing_a_frozen_result_says_so_instead_of_reading_the_live_database(demo_copy, monkeypatch,
                                                                                      capsys, tmp_path):
    meeting = prepare(demo_copy)
    with store.connect(demo_copy.settings().meetings_store) as con:  # as if a later version asked for more
        con.execute("delete from frame where meeting_id = ? and query = 'attainment_by_wilayah'", (meeting.id,))
    assert rakor(demo_copy, monkeypatch, "deck", "--meeting", meeting.id, "--out", str(tmp_path)) == 1
    assert "tidak membekukan angka attainment_by_wilayah" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pptx"))
