"""Rakor records in tests: a deck as comparable figures, a newer import that changes them, the CLI on a demo."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.imports.runner import import_files
from dashboard.slides.model import Chart, Deck, MapPicture, Tiles
from dashboard.slides.model import Table as TableBody
from tests.support.demo import DemoDatabase


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
