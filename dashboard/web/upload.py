"""Import a file uploaded on the Data page through the same importer as the command line."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from dashboard.config import Settings
from dashboard.i18n import t
from dashboard.imports.runner import REFUSED, Outcome, import_files
from dashboard.pseudonym import KeyRefused


def safe_name(name: str) -> str:
    """The uploaded file's own name (it appears in messages and the import log), stripped of any path."""
    base = Path(name).name
    return re.sub(r"[^\w.\- ]", "_", base) or "berkas"


def import_upload(name: str, content: bytes, settings: Settings, lang: str = "id") -> Outcome:
    """Write the upload to a private temporary folder under its own name and import it atomically.

    A key the database refuses (the key file changed since the app started) is shown like a refused file.
    """
    with tempfile.TemporaryDirectory(prefix="rakor-upload-") as folder:
        path = Path(folder) / safe_name(name)
        path.write_bytes(content)
        try:
            (outcome,) = import_files([path], settings, progress=lambda _message: None, lang=lang)
            outcome.lines[:0] = outcome.notices  # a new key's notice: the page shows these lines, not the progress
        except KeyRefused as refusal:
            return Outcome(path, REFUSED, lines=[refusal.message(lang)])
    return outcome


def split_messages(outcome: Outcome, lang: str = "id") -> tuple[list[str], list[str]]:
    """(summary lines for the coloured box, per-row error and warning lines shown below it)."""
    prefixes = tuple(f"{t(key, lang)}:" for key in ("error", "warning"))
    details = [line for line in outcome.lines if line.startswith(prefixes)]
    return [line for line in outcome.lines if not line.startswith(prefixes)], details
