"""The minutes (notulen) of a rakor: ``rakor meeting minutes ID`` writes a DOCX (opened with python-docx and
converted by LibreOffice Writer) and a PDF (read back with pdftotext), both holding the meeting, its participants,
every talking point as stored, the follow-up and the decisions; the rakor's deck closes with the same decisions and
participants."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import docx
import duckdb
import pytest

from dashboard.access.roles import PIMPINAN, User
from dashboard.formatting import format_number
from dashboard.meetings import decisions, minutes, points, records
from dashboard.meetings.deck import rakor_deck
from tests.support.meetings import OPERATOR_USER, prepare, rakor
from tests.support.office import needs_libreoffice, to_pdf

KADIS = User("kadis", PIMPINAN)
PARTICIPANTS = (("TKSK", 22), ("Korcam PKH", 78), ("LKS", 14), ("Tagana", 25))


@pytest.fixture
def held(demo_copy):
    """A rakor with participants, one reworded point and two decisions on red scorecard cells."""
    settings = demo_copy.settings()
    meeting = prepare(demo_copy, place="Aula Dinas Sosial", participants=PARTICIPANTS)
    points.save(settings, OPERATOR_USER, meeting.id, "capaian", "Bahas T5 lebih dulu.\nMinta laporan Korcam.")
    found = decisions.figures_of(records.deck(settings, meeting), records.wilayah_codes(settings, meeting),
                                 ("capaian",))
    for figure, what, pic in zip(found[:2], ["Turunkan tim ke lapangan", "Perbaiki laporan bulanan"],
                                 ["TKSK Krejengan", "Kasi PPKS"], strict=True):
        decisions.record(settings, KADIS, meeting.id, figure, what, pic, dt.date(2026, 11, 5))
    return demo_copy, meeting


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_minutes_command_writes_a_docx_and_a_pdf_holding_the_record(held, tmp_path, monkeypatch):
    demo, meeting = held
    settings = demo.settings()
    assert rakor(demo, monkeypatch, "meeting", "minutes", meeting.id, "--out", str(tmp_path / "notulen")) == 0
    stem = f"notulen-35.13-2026-10-05-rapat-{meeting.id}"
    document = docx.Document(str(tmp_path / "notulen" / f"{stem}.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Notulen Rakor Triwulan III"
    meta, people, taken = (document.tables[0], document.tables[1], document.tables[-1])
    assert [[c.text for c in row.cells] for row in meta.rows][:2] == [["Hari, tanggal", "05-10-2026"],
                                                                      ["Tempat", "Aula Dinas Sosial"]]
    assert [[c.text for c in row.cells] for row in people.rows] == [
        ["Kelompok", "Jumlah"], *[[g, format_number(n)] for g, n in PARTICIPANTS], ["Jumlah seluruhnya", "139"]]
    stored = points.lines_of(settings.meetings_store, meeting.id)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [line for item in meeting.agenda for line in stored.get(item, [])]
    assert "Bahas T5 lebih dulu." in bullets
    frame = decisions.listing(settings.meetings_store, meeting.id)
    rows = [[c.text for c in row.cells] for row in taken.rows]
    assert rows[0] == ["Angka", "Keputusan", "PIC", "Tenggat", "Status"]
    assert [r[1:4] for r in rows[1:]] == [[w, p, "05-11-2026"] for w, p in zip(frame["what"], frame["pic"],
                                                                                 strict=True)]
    assert {r[4] for r in rows[1:]} == {"berjalan"}  # as of the rakor's day
    pdf_text = _flat(subprocess.run(["pdftotext", str(tmp_path / "notulen" / f"{stem}.pdf"), "-"], check=True,
                                    capture_output=True, text=True).stdout)
    for expected in ["Notulen Rakor Triwulan III", "Aula Dinas Sosial", "Jumlah seluruhnya", *bullets,
                     *frame["what"], *frame["pic"]]:
        assert _flat(expected) in pdf_text, expected


@needs_libreoffice
def test_libreoffice_writer_opens_the_minutes(held, tmp_path):
    demo, meeting = held
    (path,) = minutes.write(minutes.build(demo.settings(), meeting), tmp_path, ("docx",))
    converted = to_pdf(path, tmp_path / "lo", tmp_path / "profile")
    text = _flat(subprocess.run(["pdftotext", str(converted), "-"], check=True, capture_output=True,
                                text=True).stdout)
    assert "Notulen Rakor Triwulan III" in text and "Turunkan tim ke lapangan" in text and "Kasi PPKS" in text


def test_the_rakor_deck_closes_with_its_decisions_and_participants(held):
    demo, meeting = held
    deck = rakor_deck(demo.settings(), meeting)
    closing = [s for s in deck.slides if s.key == minutes.KEY]
    assert [s.title for s in closing] == ["Keputusan rakor", "Peserta"]
    assert [row[1] for row in closing[0].body.cells] == ["Turunkan tim ke lapangan", "Perbaiki laporan bulanan"]
    assert closing[1].body.cells[-1] == ["Jumlah seluruhnya", "139"]
    con = duckdb.connect(str(demo.database), read_only=True)
    newest = con.execute("select arg_max(file_name, imported_at) from import_log where status = 'aktif' "
                         "group by kind").fetchall()
    con.close()
    assert closing[0].source.startswith("Sumber: ") and all(name in closing[0].source for (name,) in newest)
    assert closing[0].source.endswith(f"Angka rakor ini dibekukan dari impor sampai "
                                      f"{records.as_of_text(meeting.data_as_of)}.")
    assert deck.slides[-2:] == closing
