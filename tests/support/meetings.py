"""Rakor records in tests: a deck as comparable figures, a newer import that changes them, the CLI on a demo."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

from dashboard.access.roles import OPERATOR, User
from dashboard.cli import main
from dashboard.config import Settings
from dashboard.db import connect_readonly
from dashboard.filters import QUARTER, Filters
from dashboard.imports.runner import import_files
from dashboard.meetings import records
from dashboard.queries import run_query
from dashboard.slides.agenda import build_deck
from dashboard.slides.model import Chart, Deck, MapPicture, Tiles
from dashboard.slides.model import Table as TableBody
from tests.support.demo import DemoDatabase

Q3 = Filters(2026, QUARTER, 3)
HELD_ON = dt.date(2026, 10, 5)
OPERATOR_USER = User("uji-operator", OPERATOR)


def live_deck(demo: DemoDatabase, filters: Filters = Q3, settings: Settings | None = None) -> Deck:
    """The deck on the live database as of now, dated the rakor's day."""
    con = connect_readonly(demo.database)
    try:
        return build_deck(partial(run_query, con), filters, settings or demo.settings(), "id", today=HELD_ON)
    finally:
        con.close()


def prepare(demo: DemoDatabase, user: User = OPERATOR_USER, filters: Filters = Q3, held_on: dt.date = HELD_ON,
            **options) -> records.Meeting:
    """A rakor prepared on the live database, as the Rapat page prepares it."""
    con = connect_readonly(demo.database)
    try:
        return records.create(demo.settings(), partial(run_query, con), user,
                              options.pop("title", "Rakor Triwulan III"), held_on, filters, **options)
    finally:
        con.close()


def figures(deck: Deck) -> list[tuple]:
    """Everything a slide shows, per slide, in a form ``==`` compares (NaN included, through ``repr``)."""
    shown = []
    for slide in deck.slides:
        body = slide.body
        if isinstance(body, Tiles):
            content = [(x.label, x.value, x.text, x.change, x.note) for x in body.tiles]
        elif isinstance(body, Chart):
            content = [body.categories, [(s.name, s.values, s.labels) for s in body.series],
                       [(r.label, r.value) for r in body.references]]
        elif isinstance(body, TableBody):
            content = [body.columns, body.cells, body.status, body.values.to_dict("list")]
        elif isinstance(body, MapPicture):
            content = [body.view.frame[["kode", "value_text", "klass"]].to_dict("list"), body.view.legend,
                       body.hotspots]
        else:
            content = [body.message]
        shown.append((slide.key, slide.heading, slide.subtitle, slide.source, slide.notes, repr(content)))
    return shown


def newer_targets(demo: DemoDatabase, folder: Path, factor: float = 2.0) -> Path:
    """The demo's 2026 target file again with every target times ``factor``: a newer file of the same kind and
    period, which replaces the older rows (so every T1-T5 attainment changes)."""
    frame = pd.read_excel(demo.files / "target_kinerja_2026.xlsx", dtype={"Kode Kecamatan": str})
    frame["Target"] = (frame["Target"] * factor).round()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "target_kinerja_2026_revisi.xlsx"
    frame.to_excel(path, index=False)
    return path


def import_newer(demo: DemoDatabase, folder: Path) -> None:
    (outcome,) = import_files([newer_targets(demo, folder)], demo.settings(), kind="target", progress=lambda _: None)
    assert outcome.status == "imported", outcome.lines


def rakor(demo: DemoDatabase, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``rakor ARGS`` on the demo database (its key), as the terminal runs it."""
    for key, value in demo.env.items():
        monkeypatch.setenv(key, value)
    return main(list(args))
