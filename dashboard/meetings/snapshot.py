"""Freezing a rakor's figures: every query result its slides are built from, stored and replayed.

The deck model (dashboard/slides) builds every slide from the page views' loaders, which read only through the
``run`` callable they are given. Recording what ``run`` returned while the deck is built, and answering the same
calls from that record later, rebuilds the very same slides months on, after any number of imports, with the
renderers of the day. Only aggregates pass through (the deck reads no named list), a few hundred rows per rakor.
Each result is stored as Parquet (types, nulls and column order survive exactly) keyed by the query's name and its
parameters in canonical JSON.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pandas as pd

from dashboard.i18n import register, t

Run = Callable[..., pd.DataFrame]

register({
    "snapshot_missing": ("Rakor ini tidak membekukan angka {query} ({params}); tampilan ini tidak dapat dibuat "
                         "ulang dari bekuannya.",
                         "This rakor froze no figures for {query} ({params}); this view cannot be rebuilt from "
                         "its snapshot."),
})


def _plain(value: object) -> object:
    """numpy scalars as Python ones, so 9 and numpy's 9 make the same key."""
    return value.item() if hasattr(value, "item") else str(value)


def params_key(params: dict[str, object]) -> str:
    """The parameters of one call as canonical JSON: the key a frozen result is found by."""
    return json.dumps(params, sort_keys=True, ensure_ascii=False, default=_plain, separators=(",", ":"))


def to_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def from_bytes(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))


class Recorder:
    """A ``run`` that passes every call through and keeps its result (the first one per key)."""

    def __init__(self, run: Run):
        self._run = run
        self.frames: dict[tuple[str, str], pd.DataFrame] = {}

    def __call__(self, name: str, **params: object) -> pd.DataFrame:
        frame = self._run(name, **params)
        self.frames.setdefault((name, params_key(params)), frame.copy())
        return frame


class SnapshotMissing(LookupError):
    """A view asked the snapshot for a result it never recorded (the agenda or the code asks for more now)."""

    def __init__(self, name: str, key: str):
        super().__init__(t("snapshot_missing", "en", query=name, params=key))
        self.name, self.key = name, key

    def message(self, lang: str) -> str:
        return t("snapshot_missing", lang, query=self.name, params=self.key)


class FrozenRun:
    """A ``run`` that answers from a snapshot only (a copy per call: callers may change what they get)."""

    def __init__(self, frames: dict[tuple[str, str], pd.DataFrame]):
        self.frames = frames

    def __call__(self, name: str, **params: object) -> pd.DataFrame:
        key = params_key(params)
        try:
            return self.frames[(name, key)].copy()
        except KeyError:
            raise SnapshotMissing(name, key) from None
