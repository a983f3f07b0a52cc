"""Import and check files end to end; shared by the command line, the Data page and the demo builder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from dashboard import db, derived
from dashboard.config import Settings
from dashboard.formatting import format_number
from dashboard.i18n import t
from dashboard.imports.fields import ImportContext
from dashboard.imports.pipeline import Validated, validate_file
from dashboard.imports.writer import find_active_import, store
from dashboard.pseudonym import Pseudonymiser
from dashboard.reference import Reference
from dashboard.wilayah import is_provinsi

IMPORTED, UNCHANGED, REFUSED, UNREADABLE, VALID = "imported", "unchanged", "refused", "unreadable", "valid"


@dataclass
class Outcome:
    """What happened to one file, with the lines to show the operator."""

    path: Path
    status: str
    kind: str | None = None
    n_rows: int = 0
    lines: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Lines about the installation rather than the file (a new key), shown before ``lines``."""


Progress = Callable[[str], None]


def _context(con: duckdb.DuckDBPyConnection, settings: Settings, key: bytes, periode: str | None, lang: str,
             constants: dict[str, str] | None) -> ImportContext:
    """What validating any file of this run needs; built once per run (the reference holds 91,599 codes).

    Files are checked against the wilayah the database holds, whatever the configuration says (the database
    decides, see ``db.effective_settings``): its data stays of one wilayah.
    """
    wilayah = db.held_wilayah(con) or settings.kabupaten
    pseudonymiser = Pseudonymiser(key, db.pseudonym_scheme(con))
    return ImportContext(Reference.from_connection(con, wilayah), pseudonymiser, "", periode, lang,
                         dict(constants or {}), settings.limits)


def _key(settings: Settings, lang: str) -> tuple[bytes, list[str]]:
    """The checked key, and a notice when this run created it: losing that file unlinks every later import."""
    existed = settings.secret_file.exists()
    key = db.checked_key(settings)
    created = not existed and settings.secret_file.exists()
    return key, [t("key_created", lang, path=settings.secret_file)] if created else []


def _with_notices(outcomes: list[Outcome], notices: list[str]) -> list[Outcome]:
    """The run's notices go with its first file (the Data page shows outcomes, not the progress)."""
    if outcomes and notices:
        outcomes[0].notices = notices
    return outcomes


def _validate(con: duckdb.DuckDBPyConnection, path: Path, context: ImportContext, kind: str | None,
              progress: Progress) -> tuple[Validated, Outcome | None]:
    """Validate one file, staging its rows on ``con``; the second value is its refusal (errors first, then
    warnings), or None if it passed."""
    progress(t("reading", context.lang, file=path.name))
    validated = validate_file(path, replace(context, file_name=path.name), con, kind, progress)
    lines = validated.report.lines(path.name, context.lang)
    if validated.unreadable:
        return validated, Outcome(path, UNREADABLE, validated.kind, 0, lines)
    if not validated.report.ok:
        lines.append(t("refused", context.lang, file=path.name, n=len(validated.report.errors)))
        return validated, Outcome(path, REFUSED, validated.kind, 0, lines)
    return validated, None


def import_files(paths: Iterable[Path], settings: Settings, kind: str | None = None, periode: str | None = None,
                 progress: Progress = print, lang: str = "id", constants: dict[str, str] | None = None
                 ) -> list[Outcome]:
    """Import files one by one, each atomically; a refused file leaves the database as it was.

    Derived tables are rebuilt once at the end, for the kinds imported and, in a provinsi's database, only for the
    kab/kota the files touched (``derived.Touched``); the session's database file is swapped in only after that, so
    viewers never see new data with stale derived tables. A key other than the
    database's raises KeyRefused before the database is copied. ``constants`` (program, periode, tahun) stand in
    for columns a file lacks, before its title or name is asked.
    """
    outcomes, paths = [], [Path(p) for p in paths]
    key, notices = _key(settings, lang)
    incoming = sum(p.stat().st_size for p in paths if p.is_file())  # for the space a full disk says is needed
    with db.write_session(settings, key, incoming) as con:
        context = _context(con, settings, key, periode, lang, constants)
        wilayah = context.reference.kabupaten
        touched = derived.Touched(wilayah if is_provinsi(wilayah) else None)
        for path in paths:
            outcomes.append(_import_one(con, path, context, kind, progress, touched))
        imported = {o.kind for o in outcomes if o.status == IMPORTED}
        if imported:
            progress(t("deriving", lang))
            derived.refresh(con, imported, touched)
    return _with_notices(outcomes, notices)


def _import_one(con: duckdb.DuckDBPyConnection, path: Path, context: ImportContext, kind: str | None,
                progress: Progress, touched: derived.Touched) -> Outcome:
    validated, refusal = _validate(con, path, context, kind, progress)
    try:
        return refusal or _store(con, validated, context.lang, progress, touched)
    finally:
        validated.release()


def _store(con: duckdb.DuckDBPyConnection, validated: Validated, lang: str, progress: Progress,
           touched: derived.Touched) -> Outcome:
    path = validated.path
    lines = validated.report.lines(path.name, lang) + validated.note_lines(lang)
    progress(t("writing", lang))
    warnings = [p.render(path.name, lang) for p in validated.report.warnings]
    stored = store(con, validated, warnings, validated.note_lines(lang),
                   lambda kabs, replaces: touched.before_write(con, validated.kind, kabs, replaces))
    if stored.import_id is None:
        when = f"{stored.unchanged_since:%Y-%m-%d %H:%M}"
        return Outcome(path, UNCHANGED, validated.kind, 0, [t("already_imported", lang, file=path.name, when=when)])
    lines.append(t("imported", lang, rows=format_number(validated.n_rows), kind=validated.kind, file=path.name,
                   periods=", ".join(validated.periods)))
    if stored.replaced_files:
        lines.append(t("replaced", lang, files=", ".join(stored.replaced_files)))
    touched.written(validated.kind, stored.kabs)
    return Outcome(path, IMPORTED, validated.kind, validated.n_rows, lines)


def check_files(paths: Iterable[Path], settings: Settings, kind: str | None = None, periode: str | None = None,
                progress: Progress = print, lang: str = "id", constants: dict[str, str] | None = None
                ) -> list[Outcome]:
    """Validate files exactly as an import would, writing nothing; a key the import would refuse is refused too."""
    key, notices = _key(settings, lang)
    con = _checking_connection(settings)
    outcomes = []
    try:
        context = _context(con, settings, key, periode, lang, constants)
        for path in map(Path, paths):
            validated, refusal = _validate(con, path, context, kind, progress)
            validated.release()  # its counts and periods stay; the staged rows are not needed
            outcomes.append(refusal or _checked(con, validated, lang))
    finally:
        con.close()
    return _with_notices(outcomes, notices)


def _checked(con: duckdb.DuckDBPyConnection, validated: Validated, lang: str) -> Outcome:
    path = validated.path
    lines = validated.report.lines(path.name, lang) + validated.note_lines(lang)
    lines.append(t("check_ok", lang, file=path.name, rows=format_number(validated.n_rows), kind=validated.kind,
                   periods=", ".join(validated.periods)))
    since = find_active_import(con, validated.sha256)
    if since is not None:
        lines.append(t("already_imported", lang, file=path.name, when=f"{since:%Y-%m-%d %H:%M}"))
    return Outcome(path, VALID, validated.kind, validated.n_rows, lines)


def _checking_connection(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The live database read-only when it is current, else an in-memory one with the reference loaded."""
    if settings.database.exists():
        con = db.connect_readonly(settings.database)
        if db.schema_version_readonly(con) == db.migration_files()[-1][0]:
            return con
        con.close()
    con = duckdb.connect(":memory:")
    db.prepare(con, settings)
    return con

