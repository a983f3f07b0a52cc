"""Import and check files end to end; shared by the command line, the Data page and the demo builder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import db, derived
from dashboard.config import Settings
from dashboard.i18n import t
from dashboard.imports.fields import ImportContext
from dashboard.imports.pipeline import Validated, validate_file
from dashboard.imports.writer import find_active_import, store
from dashboard.pseudonym import Pseudonymiser, load_or_create_key
from dashboard.reference import Reference

IMPORTED, UNCHANGED, REFUSED, UNREADABLE, VALID = "imported", "unchanged", "refused", "unreadable", "valid"


@dataclass
class Outcome:
    """What happened to one file, with the lines to show the operator."""

    path: Path
    status: str
    kind: str | None = None
    n_rows: int = 0
    lines: list[str] = field(default_factory=list)


Progress = Callable[[str], None]


def _context(con: duckdb.DuckDBPyConnection, settings: Settings, path: Path, periode: str | None,
             lang: str) -> ImportContext:
    return ImportContext(Reference.from_connection(con, settings.kabupaten),
                         Pseudonymiser(load_or_create_key(settings.secret_file)), path.name, periode, lang)


def _judge(validated: Validated, lang: str) -> tuple[str | None, list[str]]:
    """Refusal status and the report lines (errors, then warnings)."""
    lines = validated.report.lines(validated.path.name, lang)
    if validated.unreadable:
        return UNREADABLE, lines
    if not validated.report.ok:
        return REFUSED, lines + [t("refused", lang, file=validated.path.name, n=len(validated.report.errors))]
    return None, lines


def import_files(paths: Iterable[Path], settings: Settings, kind: str | None = None, periode: str | None = None,
                 progress: Progress = print, lang: str = "id") -> list[Outcome]:
    """Import files one by one, each atomically; a refused file leaves the database as it was.

    Derived tables are rebuilt once at the end, for the kinds imported; the session's database file is
    swapped in only after that, so viewers never see new data with stale derived tables.
    """
    outcomes = []
    with db.write_session(settings) as con:
        for path in paths:
            outcomes.append(_import_one(con, Path(path), settings, kind, periode, progress, lang))
        imported = {o.kind for o in outcomes if o.status == IMPORTED}
        if imported:
            progress(t("deriving", lang))
            derived.refresh(con, imported)
    return outcomes


def _import_one(con, path: Path, settings: Settings, kind, periode, progress: Progress, lang: str) -> Outcome:
    progress(t("reading", lang, file=path.name))
    validated = validate_file(path, _context(con, settings, path, periode, lang), kind, progress)
    refusal, lines = _judge(validated, lang)
    if refusal:
        return Outcome(path, refusal, validated.kind, 0, lines)
    progress(t("writing", lang))
    warnings = [p.render(path.name, lang) for p in validated.report.warnings]
    stored = store(con, validated, warnings)
    if stored.import_id is None:
        when = f"{stored.unchanged_since:%Y-%m-%d %H:%M}"
        return Outcome(path, UNCHANGED, validated.kind, 0, [t("already_imported", lang, file=path.name, when=when)])
    lines.append(t("imported", lang, rows=validated.n_rows, kind=validated.kind, file=path.name,
                   periods=", ".join(validated.periods)))
    if stored.replaced_files:
        lines.append(t("replaced", lang, files=", ".join(stored.replaced_files)))
    return Outcome(path, IMPORTED, validated.kind, validated.n_rows, lines)


def check_files(paths: Iterable[Path], settings: Settings, kind: str | None = None, periode: str | None = None,
                progress: Progress = print, lang: str = "id") -> list[Outcome]:
    """Validate files exactly as an import would, writing nothing."""
    con = _checking_connection(settings)
    outcomes = []
    try:
        for path in map(Path, paths):
            progress(t("reading", lang, file=path.name))
            validated = validate_file(path, _context(con, settings, path, periode, lang), kind, progress)
            refusal, lines = _judge(validated, lang)
            if refusal:
                outcomes.append(Outcome(path, refusal, validated.kind, 0, lines))
                continue
            lines.append(t("check_ok", lang, file=path.name, rows=validated.n_rows, kind=validated.kind,
                           periods=", ".join(validated.periods)))
            since = _already(con, validated.sha256)
            if since is not None:
                lines.append(t("already_imported", lang, file=path.name, when=f"{since:%Y-%m-%d %H:%M}"))
            outcomes.append(Outcome(path, VALID, validated.kind, validated.n_rows, lines))
    finally:
        con.close()
    return outcomes


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


def _already(con: duckdb.DuckDBPyConnection, sha256: str):
    exists = con.execute("select count(*) from information_schema.tables where table_name = 'import_log'").fetchall()[0]
    return find_active_import(con, sha256) if exists[0] else None
