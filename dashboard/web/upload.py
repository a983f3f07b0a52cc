"""Import a file uploaded on the Data page through the same importer as the command line."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from dashboard.access import audit
from dashboard.access.roles import OPERATOR, User, require
from dashboard.config import Settings
from dashboard.db import DiskFull
from dashboard.i18n import register, t
from dashboard.imports.runner import REFUSED, Outcome, import_files
from dashboard.pseudonym import KeyRefused

register({
    "upload_too_big": ("{file} terlalu besar ({mb} MB); batas unggahan {limit} MB ([limits] upload_mb di rakor.toml). "
                       "Berkas yang lebih besar dapat diimpor lewat perintah: rakor import BERKAS",
                       "{file} is too large ({mb} MB); the upload limit is {limit} MB ([limits] upload_mb in "
                       "rakor.toml). Larger files can be imported with the command: rakor import FILE"),
})
MAX_NAME = 120


def safe_name(name: str) -> str:
    """The uploaded file's own name (it appears in messages and the import log), stripped of any path: the last
    part after ``/`` or ``\\``, without NUL or other characters outside letters, digits, ``.-_`` and space,
    never ``.``, ``..`` or a hidden name, at most MAX_NAME characters with its suffix kept."""
    base = re.split(r"[/\\]", name.replace("\x00", ""))[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    if len(base) > MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        base = stem[: MAX_NAME - len(suffix) - 1] + dot + suffix if dot and len(suffix) <= 10 else base[:MAX_NAME]
    return base or "berkas"


def import_upload(name: str, content: bytes, settings: Settings, user: User, lang: str = "id") -> Outcome:
    """Import an upload as ``user`` (an operator or admin: checked here, whatever the page drew), into the audit log.
    """
    require(user, OPERATOR, "import")
    outcome = _import(name, content, settings, lang)
    audit.imports(settings.access_store, user.name, user.role, [outcome])
    return outcome


def _import(name: str, content: bytes, settings: Settings, lang: str) -> Outcome:
    """Write the upload to a private temporary folder under its own name and import it atomically.

    A key the database refuses (the key file changed since the app started) is shown like a refused file, and so
    is a file above ``[limits] upload_mb``. The bytes live only in that folder (mode 700, removed on return,
    refused or not): nothing uploaded is kept, the imported rows are.
    """
    limit = settings.limits.upload_mb
    if len(content) > limit * 1024 * 1024:
        mb = f"{len(content) / 1024 / 1024:.0f}"
        return Outcome(Path(safe_name(name)), REFUSED,
                       lines=[t("upload_too_big", lang, file=safe_name(name), mb=mb, limit=limit)])
    with tempfile.TemporaryDirectory(prefix="rakor-upload-") as folder:
        path = Path(folder) / safe_name(name)
        assert path.parent == Path(folder)  # safe_name never yields a path
        path.write_bytes(content)
        try:
            (outcome,) = import_files([path], settings, progress=lambda _message: None, lang=lang)
            outcome.lines[:0] = outcome.notices  # a new key's notice: the page shows these lines, not the progress
        except (KeyRefused, DiskFull) as refusal:  # nothing written either way
            return Outcome(path, REFUSED, lines=[refusal.message(lang)])
    return outcome


def split_messages(outcome: Outcome, lang: str = "id") -> tuple[list[str], list[str]]:
    """(summary lines for the coloured box, per-row error and warning lines shown below it)."""
    prefixes = tuple(f"{t(key, lang)}:" for key in ("error", "warning"))
    details = [line for line in outcome.lines if line.startswith(prefixes)]
    return [line for line in outcome.lines if not line.startswith(prefixes)], details
