"""File -> validated rows: detect the kind, parse every column, check duplicates and totals.

``validate_file`` never writes; ``dashboard.imports.writer`` stores what it returns. The command line,
the Data page and the demo builder all go through here, so a file is judged the same everywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import t
from dashboard.imports import boundaries, parse
from dashboard.imports.columns import build_lookup, heading, normalise_header
from dashboard.imports.fields import Fields, ImportContext, Note
from dashboard.imports.forms import TIME_KEYS, Form, TableData, describe_periods, time_order
from dashboard.imports.kinds import BATAS, FORMS, KINDS
from dashboard.imports.problems import Report
from dashboard.imports.reader import RawTable, UnreadableFile, read_tables


@dataclass
class Validated:
    """The outcome of validating one file: rows per table if there were no errors."""

    path: Path
    sha256: str
    kind: str | None = None
    tables: list[TableData] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    source: str | None = None
    unreadable: bool = False
    notes: list[Note] = field(default_factory=list)
    """Values the file states once (title, sheet or file name) or the operator gave, and where each came from."""

    @property
    def n_rows(self) -> int:
        return max((len(t.frame) for t in self.tables), default=0)

    @property
    def periods(self) -> list[str]:
        """Every period the file covers, e.g. ``PKH 2025 Tahap 1``."""
        return self._labels(lambda table: table.periods)

    @property
    def period_range(self) -> tuple[str | None, str | None, int]:
        """First and last period in time order (time columns only, so not per program), and how many."""
        labels = self._labels(lambda table: tuple(k for k in table.periods if k in TIME_KEYS))
        return (labels[0], labels[-1], len(self.periods)) if labels else (None, None, 0)

    def note_lines(self, lang: str = "id") -> list[str]:
        """One line per column taken from elsewhere: ``Tanpa kolom TAHUN: 2025 diambil dari nama berkas``."""
        grouped: dict[tuple[str, str, str | None], list[str]] = {}
        for note in self.notes:
            values = grouped.setdefault((note.canon, note.where, note.option), [])
            if str(note.value) not in values:
                values.append(str(note.value))
        lines = []
        for (canon, where, option), values in grouped.items():
            place = t(f"place_{where}", lang, option=option)
            fix = t("constant_fix", lang, option=option) if option and where != "option" else ""
            lines.append(t("constant_note", lang, column=heading(canon), values=", ".join(values), place=place) + fix)
        return lines

    def _labels(self, keys_of) -> list[str]:
        labels: list[str] = []
        for table in self.tables:
            labels += [p for p in describe_periods(table.frame, keys_of(table)) if p not in labels]
        return sorted(labels, key=time_order)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stated(table: RawTable, form: Form, options: dict[str, str]) -> set[str]:
    """The form's columns this file states once (sheet, title or file name) or the operator gave, not per row."""
    return {canon for canon, constant in form.constants.items()
            if canon in options or any(constant.find(text) is not None for _, text in table.places)}


def recognised(table: RawTable, form: Form, options: dict[str, str]) -> set[str]:
    """The form's columns the table has, or states once in its title or name (or the operator gave)."""
    names = {normalise_header(h) for h in table.headers}
    found = {canon for variant, canon in build_lookup(form.columns, form.aliases).items() if variant in names}
    return found | stated(table, form, options)


def detect_form(table: RawTable, kind: str | None, options: dict[str, str] | None = None) -> Form | None:
    """The form whose signature columns are all present (or stated in the title) and which recognises the most."""
    scored = []
    for form in FORMS:
        if kind and form.kind != kind:
            continue
        found = recognised(table, form, options or {})
        scored.append((set(form.signature) <= found, len(found), form))
    complete = [(n, form) for ok, n, form in scored if ok and n]
    if complete:
        return max(complete, key=lambda item: item[0])[1]
    if kind and scored:  # the operator named the kind: validate as it, so missing columns are named
        return max(scored, key=lambda item: item[1])[2]
    return None


def _other_kind(table: RawTable, form: Form, kind: str | None, options: dict[str, str]) -> str | None:
    """The kind a table fits better when it lacks the signature of the kind the operator named."""
    found = recognised(table, form, options)
    if not kind or set(form.signature) <= found:
        return None
    other = detect_form(table, None, options)
    if other is None or other.kind == kind or len(recognised(table, other, options)) <= len(found):
        return None
    return other.kind


def validate_file(path: Path, context: ImportContext, kind: str | None = None,
                  progress: Callable[[str], None] = lambda _message: None) -> Validated:
    """Read and validate a whole file (every sheet); the result holds rows only if it has no errors."""
    result = Validated(path, file_sha256(path))
    if kind and kind not in KINDS:
        result.report.error("kind_unsupported", kind=kind, kinds=", ".join(KINDS))
        return result
    if kind == BATAS or (kind is None and boundaries.is_boundary_file(path)):
        return _validate_boundaries(path, context, result)
    return _validate_tables(path, context, kind, progress, result)


def _validate_tables(path: Path, context: ImportContext, kind: str | None, progress: Callable[[str], None],
                     result: Validated) -> Validated:
    """A table file (CSV, XLSX): every sheet checked against the form it fits."""
    try:
        tables = read_tables(path, context.limits)
    except UnreadableFile as exc:
        result.unreadable = True
        result.report.error("file_unreadable", reason=exc.message(context.lang))
        return result
    prepared: dict[str, list[TableData]] = {}
    progress(t("validating", context.lang, rows=format_number(sum(len(tb.frame) for tb in tables))))
    for table in tables:
        form = detect_form(table, kind, context.constants)
        if form is None:
            result.report.error("kind_unknown", sheet=table.sheet, kinds=", ".join(KINDS))
            continue
        other = _other_kind(table, form, kind, context.constants)
        if other:  # one line for the file, not one per missing cell
            if not any(p.key == "kind_mismatch" for p in result.report.errors):
                result.report.error("kind_mismatch", kind=kind, found=other, file=path.name)
            continue
        result.kind = result.kind or form.kind
        _validate_table(table, form, context, result, prepared)
        table.frame = table.frame.iloc[:0]  # the raw cells are no longer needed; free them before writing
    result.tables = [_combine(parts) for parts in prepared.values()]
    for table in result.tables:
        _check_duplicates(table, result.report)
    if not any(len(t.frame) for t in result.tables) and result.report.ok:
        result.report.error("no_rows")
    if not result.report.ok:
        result.tables = []
    return result


def _validate_boundaries(path: Path, context: ImportContext, result: Validated) -> Validated:
    """A boundary file (GeoJSON, zipped Shapefile, GeoPackage): polygons instead of cells, same report and rows."""
    result.kind = BATAS
    try:
        result.tables = boundaries.validate_boundaries(path, context, result.report)
    except UnreadableFile as exc:
        result.unreadable = True
        result.report.error("file_unreadable", reason=exc.message(context.lang))
        return result
    if not any(len(t.frame) for t in result.tables) and result.report.ok:
        result.report.error("no_rows")
    if not result.report.ok:
        result.tables = []
    return result


def _validate_table(table: RawTable, form: Form, context: ImportContext, result: Validated,
                    prepared: dict[str, list[TableData]]) -> None:
    fields = Fields(table, build_lookup(form.columns, form.aliases), result.report, context, form.constants)
    given = stated(table, form, context.constants)
    if not fields.require(*(c for c in form.signature if c not in given)):
        return  # without the columns that make it this kind, every row would only repeat that
    out = form.prepare(fields, context)
    result.source = result.source or out.source
    result.notes += fields.notes
    for canon in context.constants:
        if fields.has(canon) and canon in fields.constants:
            result.report.warning("option_ignored", sheet=table.sheet, column=fields.name_of(canon),
                                  option=fields.constants[canon].option)
    for data in out.tables:
        data.headers = {col: fields.name_of(_SOURCE_OF.get(col, col)) for col in data.unique}
        _check_totals(table, form, data, fields)
        prepared.setdefault(data.table, []).append(data)


# prepared columns that stand for a file column of another name
_SOURCE_OF = {"nik_hash": "nik", "no_kk_hash": "no_kk", "_person": "nik", "kode_kecamatan": "nama_kecamatan"}


def _combine(parts: list[TableData]) -> TableData:
    frame = pd.concat([p.frame for p in parts], ignore_index=True) if len(parts) > 1 else parts[0].frame
    return replace(parts[0], frame=frame)


def _check_duplicates(data: TableData, report: Report) -> None:
    """Rows repeating the unique key of an earlier row are errors naming that row."""
    if not data.unique or data.frame.empty:
        return
    keys = data.frame[list(data.unique)]
    dup = keys.duplicated(keep="first").to_numpy() & keys.notna().all(axis=1).to_numpy()
    if not dup.any():
        return
    group = keys.groupby(list(data.unique), sort=False, dropna=False).ngroup().to_numpy()
    first_pos = pd.Series(np.arange(len(group))).groupby(group).transform("min").to_numpy()
    rows, sheets = data.frame["_row"].to_numpy(), data.frame["_sheet"].to_numpy()
    for pos in np.flatnonzero(dup)[:500]:
        other = rows[first_pos[pos]]
        where = f"{other} ({sheets[first_pos[pos]]})" if sheets[first_pos[pos]] != sheets[pos] else other
        report.error("duplicate", row=int(rows[pos]), sheet=sheets[pos], other=where,
                     column=", ".join(data.headers.get(c, c) for c in data.unique))


def _check_totals(table: RawTable, form: Form, data: TableData, fields: Fields) -> None:
    """A JUMLAH/TOTAL row is compared with the sum of the rows it totals; a difference is a warning."""
    if table.totals.empty or not form.total_columns:
        return
    scope = form.total_scope(data.frame)
    for prepared_col, canon in form.total_columns:
        header = fields.header_of.get(canon)
        if header is None or prepared_col not in scope:
            continue
        stated, bad = parse.parse_number(table.totals[header].reset_index(drop=True))
        computed = float(scope[prepared_col].sum())
        for value, row, label in zip(stated, table.totals["_row"], table.totals["_label"], strict=True):
            if pd.notna(value) and abs(value - computed) > 0.5:
                fields.report.warning("total_mismatch", row=int(row), column=header, sheet=table.sheet, label=label,
                                      stated=_fmt(value), computed=_fmt(computed))


def _fmt(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2)
