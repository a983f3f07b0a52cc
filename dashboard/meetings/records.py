"""A rakor prepared: its title, date, place, agenda and participants, and the figures frozen when it was prepared.

``create`` builds the deck once through a recording ``run`` and stores every result in the same transaction as the
meeting itself; ``deck`` rebuilds the slides from those results only. So the projector, ``rakor deck --meeting``
and the minutes show the numbers as imported when the rakor was prepared, whatever was imported since.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from dashboard.access import audit
from dashboard.access import store as access_store
from dashboard.access.roles import OPERATOR, User, require
from dashboard.config import DEFAULT_AGENDA, Settings
from dashboard.filters import Filters, load_filter_options
from dashboard.i18n import register, t
from dashboard.meetings import decisions, points, store
from dashboard.meetings.actors import log
from dashboard.meetings.snapshot import FrozenRun, Recorder, Run, from_bytes, to_bytes
from dashboard.slides.agenda import build_deck
from dashboard.slides.items import Source
from dashboard.slides.model import Deck

Progress = Callable[[str], None]
Guard = Callable[[Run], Run]

FROZEN_SETTINGS = ("kabupaten", "desil_cutoff", "rag_green_pct", "rag_amber_pct", "bidang", "rakor_title")
"""The settings that shape a figure or its colour: frozen with the rakor, so a later rakor.toml change leaves it."""
MAX_TITLE = 200
DEFAULT_GROUPS = ("TKSK", "Korcam PKH", "LKS", "Tagana")

register({
    "meeting_title_missing": ("Judul rakor wajib diisi (paling panjang {n} huruf).",
                              "The rakor needs a title (at most {n} characters)."),
    "meeting_agenda_unknown": ("Agenda tidak dikenal: {items}.", "Unknown agenda items: {items}."),
    "meeting_participants_bad": ("Jumlah peserta harus bilangan bulat 0 atau lebih: {value}.",
                                 "A participant count must be a whole number, 0 or more: {value}."),
    "meeting_unknown": ("Rakor {id} tidak ada.", "There is no rakor {id}."),
    "agenda_ringkasan": ("Ringkasan", "Summary"),
    "agenda_perhatian": ("Wilayah perlu perhatian", "Areas needing attention"),
    "agenda_cakupan": ("Cakupan keluarga layak (C3)", "Coverage of eligible households (C3)"),
    "agenda_eksklusi_inklusi": ("Salah eksklusi dan inklusi (C4, C5)", "Exclusion and inclusion errors (C4, C5)"),
    "agenda_capaian": ("Capaian target T1-T5", "Target attainment T1-T5"),
    "agenda_anggaran": ("Pagu dan realisasi per bidang", "Budget and spending by bidang"),
    "agenda_kurva_s": ("Kurva S anggaran", "Budget S-curve"),
    "agenda_peta": ("Peta PPKS", "PPKS map"),
    "agenda_sumber": ("Sumber data", "Data sources"),
    "meeting_frame": ("dibekukan: {query}", "frozen: {query}"),
    "meeting_frozen": ("{n} hasil query dibekukan", "{n} query results frozen"),
})


class MeetingError(ValueError):
    """A value the store refuses; ``key`` and ``params`` say why (texts registered above)."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    held_on: dt.date
    place: str
    agenda: tuple[str, ...]
    participants: tuple[tuple[str, int], ...]
    filters: Filters
    frozen: dict[str, object]        # FROZEN_SETTINGS as they were
    data_as_of: str                  # the newest import the figures hold
    created_by: str
    created_at: str

    def settings_for(self, settings: Settings) -> Settings:
        """The office settings with this rakor's agenda and its frozen figure-shaping settings."""
        return replace(settings, agenda=self.agenda, **self.frozen)

    @property
    def n_participants(self) -> int:
        return sum(n for _, n in self.participants)


def as_of_text(as_of: str) -> str:
    """``03-12-2026 22:45`` for a rakor's ``data_as_of`` (``2026-12-03 22:45:34``), as slides date things; ``-`` when
    nothing was imported."""
    return f"{dt.datetime.fromisoformat(as_of):%d-%m-%Y %H:%M}" if as_of else "-"


def _checked(title: str, agenda: tuple[str, ...], participants: tuple[tuple[str, int], ...]) -> None:
    if not title.strip() or len(title) > MAX_TITLE:
        raise MeetingError("meeting_title_missing", n=MAX_TITLE)
    unknown = [item for item in agenda if item not in DEFAULT_AGENDA]
    if unknown:
        raise MeetingError("meeting_agenda_unknown", items=", ".join(unknown))
    for group, count in participants:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise MeetingError("meeting_participants_bad", value=f"{group} {count}")


def create(settings: Settings, run: Run, user: User, title: str, held_on: dt.date, filters: Filters,
           place: str = "", agenda: tuple[str, ...] | None = None,
           participants: tuple[tuple[str, int], ...] = (), lang: str = "id",
           progress: Progress | None = None) -> Meeting:
    """Prepare a rakor: freeze the figures of its deck and store them with it, in one transaction."""
    require(user, OPERATOR, "rakor")
    agenda = tuple(agenda or settings.agenda)
    participants = tuple((str(g).strip(), n) for g, n in participants if str(g).strip())
    _checked(title, agenda, participants)
    recorder = Recorder(run)
    load_filter_options(recorder, settings.kabupaten)  # the wilayah names, for decisions tied to a kecamatan
    frozen = {name: getattr(settings, name) for name in FROZEN_SETTINGS}
    draft = Meeting("", title.strip(), held_on, place.strip(), agenda, participants, filters, frozen, "",
                    user.name, access_store.stamp(access_store.now_utc()))
    build_deck(recorder, filters, draft.settings_for(settings), lang, today=held_on, progress=progress)
    generated = points.generate(Source(FrozenRun(recorder.frames), filters, draft.settings_for(settings), lang))
    fresh = recorder.frames.get(("freshness_by_kind", "{}"))
    as_of = "" if fresh is None or fresh.empty else f"{pd.Timestamp(fresh['imported_at'].max()):%Y-%m-%d %H:%M:%S}"
    with store.connect(settings.meetings_store) as con:
        meeting_id = _new_id(con)
        meeting = replace(draft, id=meeting_id, data_as_of=as_of)
        con.execute("insert into meeting values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _row(meeting))
        for (name, key), frame in recorder.frames.items():
            con.execute("insert into frame values (?, ?, ?, ?)", (meeting_id, name, key, to_bytes(frame)))
            if progress:
                progress(t("meeting_frame", lang, query=name))
        points.insert(con, meeting_id, generated, user.name)
    if progress:
        progress(t("meeting_frozen", lang, n=len(recorder.frames)))
    log(settings, user, audit.MEETING_CREATE, meeting.id, f"{meeting.title} ({meeting.held_on:%Y-%m-%d})")
    return meeting


def _new_id(con) -> str:
    """A short id for the address (``/?rapat=3f9a1c2e``), unique in this store and unlikely in another, so two
    offices' records merge on a restore."""
    while True:
        candidate = secrets.token_hex(4)
        if not con.execute("select 1 from meeting where id = ?", (candidate,)).fetchone():
            return candidate


def _row(meeting: Meeting) -> tuple:
    return (meeting.id, meeting.title, meeting.held_on.isoformat(), meeting.place, json.dumps(meeting.agenda),
            json.dumps(meeting.participants, ensure_ascii=False), json.dumps(asdict(meeting.filters)),
            json.dumps(meeting.frozen, ensure_ascii=False), meeting.data_as_of, meeting.created_by,
            meeting.created_at)


COLUMNS = "id, title, held_on, place, agenda, participants, filters, settings, data_as_of, created_by, created_at"


def _meeting(row: tuple) -> Meeting:
    return Meeting(row[0], row[1], dt.date.fromisoformat(row[2]), row[3], tuple(json.loads(row[4])),
                   tuple((str(g), int(n)) for g, n in json.loads(row[5])), Filters(**json.loads(row[6])),
                   json.loads(row[7]), row[8], row[9], row[10])


def listing(path: Path) -> list[Meeting]:
    """Every rakor, the latest first."""
    with store.reading(path) as con:
        rows = con.execute(f"select {COLUMNS} from meeting order by held_on desc, created_at desc").fetchall()
    return [_meeting(row) for row in rows]


def get(path: Path, meeting_id: str) -> Meeting:
    with store.reading(path) as con:
        row = con.execute(f"select {COLUMNS} from meeting where id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise MeetingError("meeting_unknown", id=meeting_id)
    return _meeting(row)


def frozen_run(path: Path, meeting_id: str) -> FrozenRun:
    """A ``run`` answering from the rakor's frozen results only."""
    with store.reading(path) as con:
        rows = con.execute("select query, params, data from frame where meeting_id = ?", (meeting_id,)).fetchall()
    return FrozenRun({(name, key): from_bytes(data) for name, key, data in rows})


def version(path: Path) -> tuple:
    """Changes to what a rakor's files say beyond its frozen figures (decisions, talking points): a cache key."""
    with store.reading(path) as con:
        return con.execute("select (select count(*) || max(changed_at) from decision), "
                           "(select count(*) || max(changed_at) from talking_point)").fetchone()


def wilayah_codes(settings: Settings, meeting: Meeting) -> dict[str, str]:
    """Name -> code of the wilayah the rakor's slides name, from its frozen lists (decisions tied to a kecamatan)."""
    options = load_filter_options(frozen_run(settings.meetings_store, meeting.id), meeting.frozen["kabupaten"])
    return decisions.wilayah_codes(options.kecamatan, options.kabupaten)


def frozen_queries(path: Path, meeting_id: str) -> list[str]:
    """The names of the queries whose results the rakor froze (what a reader's role is checked against)."""
    with store.reading(path) as con:
        return [row[0] for row in con.execute("select distinct query from frame where meeting_id = ? order by 1",
                                              (meeting_id,))]


def source(settings: Settings, meeting: Meeting, lang: str = "id", guard: Guard | None = None) -> Source:
    """What the deck's builders read, answered from the frozen results (talking points, decisions); ``guard`` wraps
    the ``run`` (the app's role check)."""
    run = frozen_run(settings.meetings_store, meeting.id)
    return Source(guard(run) if guard else run, meeting.filters, meeting.settings_for(settings), lang)


def deck(settings: Settings, meeting: Meeting, lang: str = "id", progress: Progress | None = None,
         guard: Guard | None = None) -> Deck:
    """The rakor's slides as they were shown: its agenda, built from its frozen figures, dated the rakor's day,
    its files named after it (``rakor-35.13-2026-triwulan3-rapat-3f9a1c2e``)."""
    frozen = source(settings, meeting, lang, guard)
    built = build_deck(frozen.run, meeting.filters, frozen.settings, lang, today=meeting.held_on, progress=progress)
    return replace(built, title=meeting.title, file_stem=f"{built.file_stem}-rapat-{meeting.id}")
