"""The message catalogue: both languages of a message take the same parameters, or one of them raises KeyError
(or silently drops a figure) only when a user switches language."""

from __future__ import annotations

import importlib
import pkgutil
from string import Formatter

import dashboard
from dashboard.i18n import MESSAGES

# Entry scripts run an app or a command when imported; they register no messages.
SCRIPTS = {"dashboard.__main__", "dashboard.web.app"}


def _import_every_module() -> None:
    """Pages and modules add their messages with ``register`` at import, so the whole catalogue exists only once
    every module of the package has been imported."""
    for module in pkgutil.walk_packages(dashboard.__path__, "dashboard."):
        if module.name not in SCRIPTS:
            importlib.import_module(module.name)


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


_import_every_module()


def test_the_pages_messages_are_in_the_catalogue():
    """Guards the check below against a catalogue missing the pages' own messages."""
    assert {f"{page}_title" for page in ("ringkasan", "cakupan", "capaian", "anggaran", "peta")} <= set(MESSAGES)


def test_both_languages_take_the_same_placeholders():
    mismatched = {key: (sorted(placeholders(indonesian)), sorted(placeholders(english)))
                  for key, (indonesian, english) in MESSAGES.items()
                  if placeholders(indonesian) != placeholders(english)}
    assert mismatched == {}
