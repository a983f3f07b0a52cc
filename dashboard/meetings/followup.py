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


def table(frame: pd.DataFrame, lang: str = "id") -> TableBody:
    """The follow-up as a slide table (and the page's): status coloured done/late/open, then and now as numbers."""
    columns = [t("followup_col_meeting", lang), t("decision_col_figure", lang), t("decision_col_what", lang),
               t("decision_col_pic", lang), t("decision_col_deadline", lang), t("decision_col_status", lang),
               t("followup_col_then", lang), t("followup_col_now", lang), t("followup_col_change", lang)]
    figure = [" · ".join(filter(None, [r, c])) for r, c in zip(frame["row_label"], frame["column_label"], strict=True)]
    cells = [[f"{held:%d-%m-%Y}", fig, what, pic, f"{deadline:%d-%m-%Y}", t(f"decision_status_{status}", lang),
              then, now, change_text(change, unit, lang)]
             for held, fig, what, pic, deadline, status, then, now, change, unit in
             zip(frame["held_on"], figure, frame["what"], frame["pic"], frame["deadline"], frame["status_on"],
                 frame["value_text"], frame["text_now"], frame["change"], frame["unit"], strict=True)]
    values = pd.DataFrame(dict(zip(columns, [
        [f"{h:%Y-%m-%d}" for h in frame["held_on"]], figure, list(frame["what"]), list(frame["pic"]),
        [f"{d:%Y-%m-%d}" for d in frame["deadline"]], [t(f"decision_status_{s}", lang) for s in frame["status_on"]],
        list(frame["value_then"]), list(frame["value_now"]), list(frame["change"])], strict=True)))
    status = [[None] * 5 + [STATUS_RAG[s]] + [None] * 3 for s in frame["status_on"]]
    units = [TEXT] * 6 + [TEXT, TEXT, TEXT]
    return TableBody(columns, cells, values, units, status)


ROWS_PER_SLIDE = 6  # a decision's text wraps: six rows fit one screen at 1024x768


def of_meeting(settings: Settings, meeting: Meeting, frozen: Deck | None = None) -> pd.DataFrame:
    """The follow-up a rakor opens with: earlier decisions as of its day, "now" from its own frozen slides
    (``frozen``: that deck in Indonesian, the language decisions are labelled in, when already built)."""
    before = [m.held_on for m in records.listing(settings.meetings_store) if m.held_on < meeting.held_on]
    earlier = earlier_decisions(decisions.listing(settings.meetings_store), meeting.held_on, max(before, default=None))
    deck = frozen or records.deck(settings, meeting, "id")
    return with_now(earlier, decisions.figures_of(deck, records.wilayah_codes(settings, meeting)), meeting.held_on)


def slides(frame: pd.DataFrame, lang: str = "id") -> list[Slide]:
    """The follow-up as the rakor's first slides (none when nothing was decided before)."""
    if frame.empty:
        return []
    counts = frame["status_on"].value_counts()
    notes = t("followup_notes", lang, n=len(frame), done=counts.get(DONE, 0), late=counts.get(LATE, 0),
              open=counts.get(decisions.OPEN, 0))
    body = table(frame, lang)
    parts = [slice(i, i + ROWS_PER_SLIDE) for i in range(0, len(frame), ROWS_PER_SLIDE)]
    return [Slide(KEY, t("followup_title", lang), TableBody(body.columns, body.cells[rows],
                                                            body.values.iloc[rows].reset_index(drop=True), body.units,
                                                            body.status[rows]),
                  notes=notes, subtitle=notes, part=(i + 1, len(parts)) if len(parts) > 1 else None)
            for i, rows in enumerate(parts)]


def history(settings: Settings, kode: str, now: list[Figure], day: dt.date) -> pd.DataFrame:
    """Every decision about a wilayah (a kecamatan and its desa), oldest rakor first, as of ``day`` with ``now``."""
    return with_now(decisions.listing(settings.meetings_store, kode=kode), now, day)
