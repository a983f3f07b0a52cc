"""Decisions (tindak lanjut) taken at a rakor, each tied to one figure of its slides: a red or amber cell of the
scorecard, a kecamatan's bar, a tile, a map area.

A decision keeps the figure as shown then (slide, row, column, value), what was decided, who is responsible (PIC),
the deadline and its status. Whether it is done, late or still open is always said *as of a date* (the next
rakor's), from the status and the day it was done, so a rakor reopened later reads as it did that day.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.access import audit
from dashboard.access import store as access_store
from dashboard.access.roles import PIMPINAN, User, require
from dashboard.config import Settings
from dashboard.exports.slidetext import RAG_SYMBOLS
from dashboard.i18n import register, t
from dashboard.meetings import store
from dashboard.meetings.actors import log
from dashboard.slides.model import TEXT, Chart, Deck, MapPicture, Slide, Table, Tiles

OPEN, DONE = "open", "done"
LATE = "late"  # never stored: an open decision past its deadline on the day asked
STATUSES = (OPEN, DONE)
MAX_WHAT, MAX_PIC = 500, 120
RANK = {"merah": 0, "kuning": 1}

register({
    "decision_what_missing": ("Isi keputusan wajib diisi (paling panjang {n} huruf).",
                              "The decision needs a text (at most {n} characters)."),
    "decision_pic_missing": ("Penanggung jawab (PIC) wajib diisi (paling panjang {n} huruf).",
                             "The decision needs a person in charge (PIC, at most {n} characters)."),
    "decision_unknown": ("Keputusan {id} tidak ada.", "There is no decision {id}."),
    "decision_done_on_missing": ("Tanggal selesai wajib diisi untuk keputusan yang selesai.",
                                 "A decision marked done needs the day it was done."),
    "decision_col_figure": ("Angka", "Figure"),
    "decision_col_what": ("Keputusan", "Decision"),
    "decision_col_pic": ("PIC", "PIC"),
    "decision_col_deadline": ("Tenggat", "Deadline"),
    "decision_col_status": ("Status", "Status"),
    "decision_col_by": ("Dicatat oleh", "Recorded by"),
    "decision_status_rule": ("Selesai: ditandai selesai paling lambat tanggal itu · terlambat: belum selesai dan "
                             "tenggat sudah lewat · berjalan: lainnya.",
                             "Done: marked done on or before that day · late: not done and past its deadline · "
                             "open: otherwise."),
    "decision_status_open": ("berjalan", "open"),
    "decision_status_done": ("selesai", "done"),
    "decision_status_late": ("terlambat", "late"),
})


class DecisionError(ValueError):
    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Figure:
    """One figure of a slide a decision can be tied to, as shown."""

    item: str                 # the slide's agenda item (``capaian``)
    row: str                  # ``Krejengan`` (a kecamatan, a bidang, a tile's label)
    column: str               # ``T5 PPKS`` (an indicator column, a chart's series); "" for a tile
    kode: str | None          # the wilayah's code when the row is one
    value: float | None
    unit: str
    text: str                 # ``11,4%``
    status: str | None = None  # RAG of a scorecard cell

    @property
    def label(self) -> str:
        """``Krejengan · T5 PPKS: 11,4% ✗`` (the RAG symbol reads without colour)."""
        where = " · ".join(filter(None, [self.row, self.column]))
        mark = f" {RAG_SYMBOLS[self.status]}" if self.status in RANK else ""
        return f"{where}: {self.text}{mark}"


def _number(value: object) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _table_figures(item: str, table: Table, codes: dict[str, str]) -> Iterable[Figure]:
    for r, row in enumerate(table.cells):
        for c, unit in enumerate(table.units):
            if c == 0 or unit == TEXT:
                continue
            status = table.status[r][c] if table.status else None
            yield Figure(item, row[0], table.columns[c], codes.get(row[0]), _number(table.values.iat[r, c]), unit,
                         row[c], status)


def _slide_figures(slide: Slide, codes: dict[str, str]) -> list[Figure]:
    body, item = slide.body, slide.key
    if isinstance(body, Table):
        return list(_table_figures(item, body, codes))
    if isinstance(body, Chart) and body.kind == "bar":
        return [Figure(item, name, series.name, codes.get(name), _number(value), body.unit, label)
                for series in body.series
                for name, value, label in zip(body.categories, series.values, series.labels, strict=True)]
    if isinstance(body, Tiles):
        return [Figure(item, tile.label, "", None, _number(tile.value), tile.unit, tile.text) for tile in body.tiles]
    if isinstance(body, MapPicture):
        frame = body.view.frame
        return [Figure(item, name, slide.title, kode, _number(value), "", text) for kode, name, value, text in
                zip(frame["kode"], frame["nama"], frame["value"], frame["value_text"], strict=True)]
    return []


def figures_of(deck: Deck, codes: dict[str, str], items: Iterable[str] | None = None) -> list[Figure]:
    """Every figure of ``deck`` (of the agenda ``items``, default all) a decision can be tied to; red cells first,
    then amber, then the rest in slide order. ``codes`` maps a wilayah's name to its code."""
    found: dict[tuple[str, str, str], Figure] = {}
    for slide in deck.slides:
        if items is None or slide.key in items:
            for figure in _slide_figures(slide, codes):
                found.setdefault((figure.item, figure.row, figure.column), figure)
    return sorted(found.values(), key=lambda f: RANK.get(f.status or "", 2))


def wilayah_codes(kecamatan: dict[str, str], kabupaten: dict[str, str]) -> dict[str, str]:
    """Name -> code of the installation's kecamatan and kab/kota; a name two wilayah share is left out."""
    codes: dict[str, str] = {}
    shared: set[str] = set()
    for code, name in [*kecamatan.items(), *kabupaten.items()]:
        if name in codes and codes[name] != code:
            shared.add(name)
        codes[name] = code
    return {name: code for name, code in codes.items() if name not in shared}


# ---- stored ----------------------------------------------------------------------------------------------------

COLUMNS = ["id", "meeting_id", "item", "row_label", "column_label", "kode", "value_then", "unit", "value_text",
           "what", "pic", "deadline", "status", "done_on", "created_by", "created_at", "changed_by", "changed_at"]


def _checked(what: str, pic: str) -> tuple[str, str]:
    what, pic = what.strip(), pic.strip()
    if not what or len(what) > MAX_WHAT:
        raise DecisionError("decision_what_missing", n=MAX_WHAT)
    if not pic or len(pic) > MAX_PIC:
        raise DecisionError("decision_pic_missing", n=MAX_PIC)
    return what, pic


def record(settings: Settings, user: User, meeting_id: str, figure: Figure, what: str, pic: str,
           deadline: dt.date) -> str:
    """A decision taken at the rakor on ``figure``; every signed-in role may record one (docs/SECURITY.md).
    Returns its id."""
    require(user, PIMPINAN, "keputusan rakor")
    what, pic = _checked(what, pic)
    now = access_store.stamp(access_store.now_utc())
    decision_id = secrets.token_hex(8)
    with store.connect(settings.meetings_store) as con:
        con.execute(f"insert into decision ({', '.join(COLUMNS)}) values ({', '.join('?' * len(COLUMNS))})",
                    (decision_id, meeting_id, figure.item, figure.row, figure.column, figure.kode, figure.value,
                     figure.unit, figure.text, what, pic, deadline.isoformat(), OPEN, None, user.name, now,
                     user.name, now))
    log(settings, user, audit.DECISION_ADD, decision_id, f"{meeting_id}: {figure.label} -> {pic}")
    return decision_id


def change(settings: Settings, user: User, decision_id: str, status: str, done_on: dt.date | None = None,
           what: str | None = None, pic: str | None = None, deadline: dt.date | None = None) -> None:
    """A decision's status (done with the day it was done, or open again) and, optionally, its text, PIC or
    deadline; who changed it and when are kept with it, and the change goes to the audit log."""
    require(user, PIMPINAN, "keputusan rakor")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if status == DONE and done_on is None:
        raise DecisionError("decision_done_on_missing")
    with store.connect(settings.meetings_store) as con:
        row = con.execute("select what, pic, deadline from decision where id = ?", (decision_id,)).fetchone()
        if row is None:
            raise DecisionError("decision_unknown", id=decision_id)
        new_what, new_pic = _checked(what if what is not None else row[0], pic if pic is not None else row[1])
        new_deadline = deadline.isoformat() if deadline else row[2]
        con.execute("update decision set status = ?, done_on = ?, what = ?, pic = ?, deadline = ?, changed_by = ?, "
                    "changed_at = ? where id = ?",
                    (status, done_on.isoformat() if status == DONE else None, new_what, new_pic, new_deadline,
                     user.name, access_store.stamp(access_store.now_utc()), decision_id))
    detail = f"status={status}" + (f" {done_on:%Y-%m-%d}" if status == DONE else "")
    log(settings, user, audit.DECISION_CHANGE, decision_id, detail)


def listing(path: Path, meeting_id: str | None = None, kode: str | None = None) -> pd.DataFrame:
    """Decisions with their rakor's date, title and the imports its figures were frozen from (``data_as_of``),
    oldest rakor first; of one rakor, or about one wilayah (a kecamatan's own and its desa's)."""
    sql = (f"select {', '.join('d.' + c for c in COLUMNS)}, m.held_on, m.title, m.data_as_of "
           "from decision d "
           "join meeting m on m.id = d.meeting_id where (? is null or d.meeting_id = ?) "
           "and (? is null or d.kode = ? or d.kode like ? || '.%') order by m.held_on, d.created_at")
    with store.reading(path) as con:
        rows = con.execute(sql, (meeting_id, meeting_id, kode, kode, kode)).fetchall()
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "held_on", "title", "data_as_of"])
    for column in ("deadline", "done_on", "held_on"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def status_on(frame: pd.DataFrame, day: dt.date) -> pd.Series:
    """``done`` / ``late`` / ``open`` of each decision as of ``day``: done if marked done on or before it, late if
    not and its deadline passed before it, open otherwise."""
    done = (frame["status"] == DONE) & frame["done_on"].map(lambda d: d is not None and not pd.isna(d) and d <= day)
    late = ~done & frame["deadline"].map(lambda d: d < day)
    return pd.Series([DONE if d else LATE if lt else OPEN for d, lt in zip(done, late, strict=True)],
                     index=frame.index, dtype=object)


def table(frame: pd.DataFrame, day: dt.date, lang: str = "id") -> pd.DataFrame:
    """Decisions as a page and the minutes show them: the figure, what, PIC, deadline, status as of ``day``."""
    status = status_on(frame, day)
    figure = [f"{' · '.join(filter(None, [r, c]))}: {v}" for r, c, v in
              zip(frame["row_label"], frame["column_label"], frame["value_text"], strict=True)]
    return pd.DataFrame({
        t("decision_col_figure", lang): figure,
        t("decision_col_what", lang): frame["what"],
        t("decision_col_pic", lang): frame["pic"],
        t("decision_col_deadline", lang): [f"{d:%d-%m-%Y}" for d in frame["deadline"]],
        t("decision_col_status", lang): [t(f"decision_status_{s}", lang) for s in status],
        t("decision_col_by", lang): frame["created_by"],
    })
