"""A rakor's whole deck: it opens with the follow-up of earlier decisions, then its agenda's slides from the frozen
figures (records.deck), and closes with the minutes' slides (decisions, participants). The same for the projector
(``?rapat=ID&presentasi=1``) and ``rakor deck --meeting``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dashboard.config import Settings
from dashboard.meetings import followup, minutes, records
from dashboard.meetings.records import Meeting
from dashboard.slides.model import Deck


def compose(settings: Settings, meeting: Meeting, frozen: Deck, lang: str = "id",
            frozen_id: Deck | None = None) -> Deck:
    """``frozen`` (the rakor's agenda slides in ``lang``) with the follow-up slides first and the minutes' closing
    slides (decisions so far, participants) last; ``frozen_id``: the same deck in Indonesian if at hand (decisions
    are found again by its labels)."""
    source = frozen_id or (frozen if lang == "id" else None)
    opening = followup.slides(followup.of_meeting(settings, meeting, source), meeting, lang)
    return replace(frozen, slides=[*opening, *frozen.slides, *minutes.slides(settings, meeting, lang)])


def rakor_deck(settings: Settings, meeting: Meeting, lang: str = "id",
               progress: Callable[[str], None] | None = None) -> Deck:
    return compose(settings, meeting, records.deck(settings, meeting, lang, progress), lang)
