"""The minutes (notulen) of a rakor: what it was, who came, each agenda item with its talking points, the follow-up
of earlier decisions and the decisions taken, in one model the DOCX, the PDF and the deck's closing slides share.

Decisions are listed with their status as of the rakor's day and the follow-up as the rakor opened with it, so the
minutes read the same whenever they are written out again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.config import Settings
from dashboard.formatting import format_number
from dashboard.i18n import register, t
from dashboard.meetings import decisions, followup, points, records
from dashboard.meetings.records import Meeting
from dashboard.slides.items import split_rows
from dashboard.slides.model import COUNT, TEXT, Slide
from dashboard.slides.model import Table as TableBody
from dashboard.views.tables import source_text

KEY = "notulen"  # the closing slides' agenda key
ROWS_PER_SLIDE = followup.ROWS_PER_SLIDE  # decisions wrap as the follow-up's do

register({
    "minutes_title": ("Notulen {title}", "Minutes of {title}"),
    "minutes_date": ("Hari, tanggal", "Date"),
    "minutes_place": ("Tempat", "Place"),
    "minutes_wilayah": ("Wilayah", "Area"),
    "minutes_scope": ("Cakupan angka", "Scope of the figures"),
    "minutes_frozen": ("Angka", "Figures"),
    "minutes_frozen_value": ("dibekukan dari impor sampai {as_of} (rakor {id})",
                             "frozen from the imports up to {as_of} (rakor {id})"),
    "minutes_prepared_by": ("Disiapkan oleh", "Prepared by"),
    "minutes_participants": ("Peserta", "Participants"),
    "minutes_group": ("Kelompok", "Group"),
    "minutes_count": ("Jumlah", "Count"),
    "minutes_total": ("Jumlah seluruhnya", "Total"),
    "minutes_agenda": ("Agenda dan bahan bicara", "Agenda and talking points"),
    "minutes_no_points": ("(tanpa bahan bicara)", "(no talking points)"),
    "minutes_followup": ("Tindak lanjut keputusan rakor sebelumnya", "Follow-up of earlier rakor decisions"),
    "minutes_decisions": ("Keputusan rakor", "Rakor decisions"),
    "minutes_no_decisions": ("Tidak ada keputusan yang dicatat.", "No decisions were recorded."),
    "minutes_closing": ("Notulen ini ditulis {today} dari catatan rakor di Rakor Dashboard.",
                        "These minutes were written on {today} from the rakor's record in Rakor Dashboard."),
    "minutes_notes": ("{n} keputusan dicatat.", "{n} decisions recorded."),
    "minutes_source": ("{sources} Angka rakor ini dibekukan dari impor sampai {as_of}.",
                       "{sources} This rakor's figures were frozen from the imports up to {as_of}."),
})


@dataclass(frozen=True)
class Section:
    heading: str
    level: int = 1
    bullets: list[str] = field(default_factory=list)
    table: TableBody | None = None
    text: str = ""


@dataclass(frozen=True)
class Minutes:
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    closing: str
    file_stem: str


def participants_table(meeting: Meeting, lang: str = "id") -> TableBody:
    groups = [(g, n) for g, n in meeting.participants if n] or list(meeting.participants)
    columns = [t("minutes_group", lang), t("minutes_count", lang)]
    rows = [*groups, (t("minutes_total", lang), meeting.n_participants)]
    return TableBody(columns, [[g, format_number(n)] for g, n in rows], pd.DataFrame(rows, columns=columns),
                     [TEXT, COUNT], highlight_rows=[len(rows) - 1])


def decisions_table(frame: pd.DataFrame, day: dt.date, lang: str = "id") -> TableBody:
    shown = decisions.table(frame, day, lang).drop(columns=t("decision_col_by", lang))
    return TableBody(list(shown.columns), shown.to_numpy().tolist(), shown, [TEXT] * len(shown.columns))


def build(settings: Settings, meeting: Meeting, lang: str = "id", today: dt.date | None = None) -> Minutes:
    """The rakor's minutes from its record: frozen figures' scope, participants, points, follow-up, decisions."""
    frozen = records.deck(settings, meeting, lang)
    meta = [(t("minutes_date", lang), f"{meeting.held_on:%d-%m-%Y}"),
            (t("minutes_place", lang), meeting.place or "-"),
            (t("minutes_wilayah", lang), f"{frozen.wilayah} ({frozen.kode})"),
            (t("minutes_scope", lang), frozen.filters_text),
            (t("minutes_frozen", lang), t("minutes_frozen_value", lang, as_of=meeting.data_as_of or "-",
                                          id=meeting.id)),
            (t("minutes_prepared_by", lang), meeting.created_by)]
    sections = [Section(t("minutes_participants", lang), table=participants_table(meeting, lang)),
                Section(t("minutes_agenda", lang))]
    said = points.lines_of(settings.meetings_store, meeting.id)
    for number, item in enumerate(meeting.agenda, start=1):
        lines = said.get(item, [])
        sections.append(Section(f"{number}. {t(f'agenda_{item}', lang)}", 2, lines,
                                text="" if lines else t("minutes_no_points", lang)))
    earlier = followup.of_meeting(settings, meeting, frozen if lang == "id" else None)
    if not earlier.empty:
        sections.append(Section(t("minutes_followup", lang), table=followup.table(earlier, lang)))
    taken = decisions.listing(settings.meetings_store, meeting.id)
    sections.append(Section(t("minutes_decisions", lang), table=decisions_table(taken, meeting.held_on, lang)
                            if not taken.empty else None,
                            text="" if not taken.empty else t("minutes_no_decisions", lang)))
    today = today or dt.date.today()
    return Minutes(t("minutes_title", lang, title=meeting.title), meta, sections,
                   t("minutes_closing", lang, today=f"{today:%d-%m-%Y}"),
                   f"notulen-{frozen.kode}-{meeting.held_on:%Y-%m-%d}-rapat-{meeting.id}")


def source(settings: Settings, meeting: Meeting, lang: str = "id") -> str:
    """The decisions slide's source line: the files the rakor's figures were frozen from, as other slides name
    theirs, and up to which import."""
    fresh = records.frozen_run(settings.meetings_store, meeting.id)("freshness_by_kind")
    files = source_text(fresh, list(fresh["kind"]), lang, brief=True)
    return t("minutes_source", lang, sources=files, as_of=records.as_of_text(meeting.data_as_of))


def slides(settings: Settings, meeting: Meeting, lang: str = "id") -> list[Slide]:
    """The deck's closing slides: the decisions taken (as recorded so far, split as long tables are) and who took
    part."""
    taken = decisions.listing(settings.meetings_store, meeting.id)
    closing = []
    if not taken.empty:
        body = decisions_table(taken, meeting.held_on, lang)
        parts = split_rows(len(taken), ROWS_PER_SLIDE)
        notes, line = t("minutes_notes", lang, n=len(taken)), source(settings, meeting, lang)
        closing += [Slide(KEY, t("minutes_decisions", lang),
                          TableBody(body.columns, body.cells[rows], body.values.iloc[rows].reset_index(drop=True),
                                    body.units), line, notes,
                          part=(i + 1, len(parts)) if len(parts) > 1 else None) for i, rows in enumerate(parts)]
    if meeting.participants:
        closing.append(Slide(KEY, t("minutes_participants", lang), participants_table(meeting, lang),
                             notes=f"{t('minutes_total', lang)}: {format_number(meeting.n_participants)}"))
    return closing


FORMATS = ("docx", "pdf")


def write(minutes: Minutes, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """``notulen-….docx`` and ``.pdf`` in ``out_dir``."""
    from dashboard.exports.minutes_docx import write_docx
    from dashboard.exports.minutes_pdf import write_minutes_pdf

    writers = {"docx": write_docx, "pdf": write_minutes_pdf}
    return [writers[fmt](minutes, out_dir / f"{minutes.file_stem}.{fmt}") for fmt in formats]
