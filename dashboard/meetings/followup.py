"""Follow-up at the next rakor: the decisions of earlier rakor, done / late / open as of this rakor's day, with
the figure each was about then (frozen with its rakor) and now.

"Now" is the same figure (same agenda item, row and column) on another deck: the new rakor's own frozen slides when
the follow-up is part of that rakor (so it reads the same whenever reopened), the live dashboard for a kecamatan's
history. A figure the new deck does not show (another agenda, a kecamatan filter) has no "now".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.config import Settings
from dashboard.formatting import format_number, format_pct, format_rupiah
from dashboard.i18n import register, t
from dashboard.meetings import decisions, records
from dashboard.meetings.decisions import DONE, LATE, Figure
from dashboard.meetings.records import Meeting
from dashboard.slides.items import split_rows
from dashboard.slides.model import COUNT, PCT, RUPIAH, TEXT, Deck, Slide
from dashboard.slides.model import Table as TableBody
from dashboard.views.anggaran import signed_points, signed_rupiah

STATUS_RAG = {DONE: "hijau", LATE: "merah", decisions.OPEN: "kuning"}
KEY = "tindak_lanjut"  # the follow-up slides' agenda key (first in a rakor's deck)

register({
    "followup_col_meeting": ("Rakor", "Rakor"),
    "followup_col_then": ("Dulu", "Then"),
    "followup_col_now": ("Sekarang", "Now"),
    "followup_col_change": ("Perubahan", "Change"),
    "followup_col_then_now": ("Dulu → kini", "Then → now"),
    "followup_source": ("Sumber: keputusan {meetings}; angka kini: rakor ini, dibekukan dari impor sampai {as_of}.",
                        "Source: decisions of {meetings}; Now figures: this rakor, frozen from the imports up to "
                        "{as_of}."),
    "followup_source_meeting": ("{title} ({date}; angka dulu dibekukan dari impor sampai {as_of})",
                                "{title} ({date}; Then figures frozen from the imports up to {as_of})"),
    "followup_points": ("{value} poin", "{value} pts"),
    "followup_title": ("Tindak lanjut keputusan rakor sebelumnya", "Follow-up of earlier rakor decisions"),
    "followup_notes": ("{n} keputusan: {done} selesai, {late} terlambat, {open} berjalan.",
                       "{n} decisions: {done} done, {late} late, {open} open."),
})


def earlier_decisions(all_decisions: pd.DataFrame, day: dt.date, previous: dt.date | None) -> pd.DataFrame:
    """What a rakor held on ``day`` follows up: the decisions of earlier rakor, except those already done before
    the ``previous`` rakor (that one reported them done)."""
    earlier = all_decisions[all_decisions["held_on"] < day]
    if earlier.empty or previous is None:
        return earlier.reset_index(drop=True)
    reported = earlier["status"].eq(DONE) & earlier["done_on"].map(lambda d: d is not None and not pd.isna(d)
                                                                    and d < previous)
    return earlier[~reported].reset_index(drop=True)


def with_now(frame: pd.DataFrame, now: list[Figure], day: dt.date) -> pd.DataFrame:
    """``frame`` (decisions) with the status as of ``day``, the figure's value and text on ``now``, and the change
    from then to now (percentage points for a percentage)."""
    found = {(f.item, f.row, f.column): f for f in now}
    matches = [found.get((i, r, c)) for i, r, c in zip(frame["item"], frame["row_label"], frame["column_label"],
                                                       strict=True)]
    out = frame.assign(status_on=decisions.status_on(frame, day) if len(frame) else [],
                       value_now=[m.value if m else None for m in matches],
                       text_now=[m.text if m else "-" for m in matches])
    out["change"] = [None if then is None or pd.isna(then) or now_ is None else now_ - then
                     for then, now_ in zip(out["value_then"], out["value_now"], strict=True)]
    return out


def change_text(value: float | None, unit: str, lang: str = "id") -> str:
    """``+4,2 poin``, ``-Rp 1,2 jt``, ``+12``; ``-`` when there is nothing to compare."""
    if value is None or pd.isna(value):
        return "-"
    if unit == PCT:
        return t("followup_points", lang, value=signed_points(value))
    if unit == RUPIAH:
        return signed_rupiah(value)
    return ("+" if value > 0 else "") + format_number(value, 0 if unit == COUNT else 1)


def value_text(value: float | None, unit: str) -> str:
    if value is None or pd.isna(value):
        return "-"
    return {PCT: format_pct, RUPIAH: lambda v: format_rupiah(v, short=True)}.get(unit, format_number)(value)


def table(frame: pd.DataFrame, lang: str = "id", with_meeting: bool = True) -> TableBody:
    """The follow-up as a table, status coloured done/late/open: the page's and the minutes' with the rakor and
    then and now as numbers; a slide's (``with_meeting=False``) narrower, for projector type: its rakor in its
    source line, then and now in one column (``11,1% → 5,6%``), the change as a number."""
    figure = [" · ".join(filter(None, [r, c])) for r, c in zip(frame["row_label"], frame["column_label"], strict=True)]
    status = [t(f"decision_status_{s}", lang) for s in frame["status_on"]]
    then_now = [f"{then} → {now}" for then, now in zip(frame["value_text"], frame["text_now"], strict=True)]
    columns = {  # name: (cells, values)
        t("followup_col_meeting", lang): ([f"{h:%d-%m-%Y}" for h in frame["held_on"]],
                                          [f"{h:%Y-%m-%d}" for h in frame["held_on"]]),
        t("decision_col_figure", lang): (figure, figure),
        t("decision_col_what", lang): (list(frame["what"]), list(frame["what"])),
        t("decision_col_pic", lang): (list(frame["pic"]), list(frame["pic"])),
        t("decision_col_deadline", lang): ([f"{d:%d-%m-%Y}" for d in frame["deadline"]],
                                           [f"{d:%Y-%m-%d}" for d in frame["deadline"]]),
        t("decision_col_status", lang): (status, status),
        t("followup_col_then", lang): (list(frame["value_text"]), list(frame["value_then"])),
        t("followup_col_now", lang): (list(frame["text_now"]), list(frame["value_now"])),
        t("followup_col_then_now", lang): (then_now, then_now),
        t("followup_col_change", lang): ([change_text(c, u, lang) for c, u in zip(frame["change"], frame["unit"],
                                                                                 strict=True)], list(frame["change"])),
    }
    dropped = ["followup_col_then_now"] if with_meeting else ["followup_col_meeting", "followup_col_then",
                                                               "followup_col_now"]
    for key in dropped:
        del columns[t(key, lang)]
    names = list(columns)
    cells = [list(row) for row in zip(*(cells for cells, _ in columns.values()), strict=True)]
    values = pd.DataFrame({name: values for name, (_, values) in columns.items()}, columns=names)
    at = names.index(t("decision_col_status", lang))
    marks = [[STATUS_RAG[s] if j == at else None for j in range(len(names))] for s in frame["status_on"]]
    return TableBody(names, cells, values, [TEXT] * len(names), marks)


ROWS_PER_SLIDE = 4  # a decision wraps to about three lines: four fill the scorecard's twelve lines at its type


def of_meeting(settings: Settings, meeting: Meeting, frozen: Deck | None = None) -> pd.DataFrame:
    """The follow-up a rakor opens with: earlier decisions as of its day, "now" from its own frozen slides
    (``frozen``: that deck in Indonesian, the language decisions are labelled in, when already built)."""
    before = [m.held_on for m in records.listing(settings.meetings_store) if m.held_on < meeting.held_on]
    earlier = earlier_decisions(decisions.listing(settings.meetings_store), meeting.held_on, max(before, default=None))
    deck = frozen or records.deck(settings, meeting, "id")
    return with_now(earlier, decisions.figures_of(deck, records.wilayah_codes(settings, meeting)), meeting.held_on)


def source(rows: pd.DataFrame, meeting: Meeting, lang: str = "id") -> str:
    """A follow-up slide's source line: the rakor its decisions were taken at (title, day, the imports its "then"
    figures were frozen from) and the imports this rakor's "now" figures were frozen from."""
    taken = rows.drop_duplicates("meeting_id")
    names = "; ".join(t("followup_source_meeting", lang, title=title, date=f"{held:%d-%m-%Y}",
                        as_of=records.as_of_text(as_of))
                      for title, held, as_of in zip(taken["title"], taken["held_on"], taken["data_as_of"], strict=True))
    return t("followup_source", lang, meetings=names, as_of=records.as_of_text(meeting.data_as_of))


def slides(frame: pd.DataFrame, meeting: Meeting, lang: str = "id") -> list[Slide]:
    """The follow-up as the rakor's first slides (none when nothing was decided before): each earlier rakor's
    decisions on slides of their own, split as long tables are, so each slide's source line names its rakor."""
    if frame.empty:
        return []
    counts = frame["status_on"].value_counts()
    notes = t("followup_notes", lang, n=len(frame), done=counts.get(DONE, 0), late=counts.get(LATE, 0),
              open=counts.get(decisions.OPEN, 0))
    groups = [rows.index for _, rows in frame.groupby("meeting_id", sort=False)]
    pages = [group[part] for group in groups for part in split_rows(len(group), ROWS_PER_SLIDE)]
    slides_ = []
    for i, rows in enumerate(pages):
        shown = frame.loc[rows].reset_index(drop=True)
        slides_.append(Slide(KEY, t("followup_title", lang), table(shown, lang, with_meeting=False),
                             source(shown, meeting, lang), notes, subtitle=notes,
                             part=(i + 1, len(pages)) if len(pages) > 1 else None))
    return slides_


def history(settings: Settings, kode: str, now: list[Figure], day: dt.date) -> pd.DataFrame:
    """Every decision about a wilayah (a kecamatan and its desa), oldest rakor first, as of ``day`` with ``now``."""
    return with_now(decisions.listing(settings.meetings_store, kode=kode), now, day)
