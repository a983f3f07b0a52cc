"""File -> validated rows: detect the kind, parse every column, check duplicates and totals.

``validate_file`` never writes to the warehouse tables: it stages rows in temporary tables, chunk by chunk, and
``dashboard.imports.writer`` stores what it staged. The command line,
the Data page and the demo builder all go through here, so a file is judged the same everywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import t
from dashboard.imports import boundaries, parse
from dashboard.imports.columns import build_lookup, heading, normalise_header
from dashboard.imports.fields import Fields, ImportContext, Note
from dashboard.imports.forms import TIME_KEYS, Form, TableData, describe_periods, time_order
from dashboard.imports.kinds import BATAS, FORMS, KINDS
from dashboard.imports.problems import Report
from dashboard.imports.reader import RawTable, ReadAgain, UnreadableFile, read_tables
from dashboard.imports.staging import Stage, Staged


@dataclass
class Validated:
    """The outcome of validating one file: its rows staged per warehouse table if there were no errors."""

    path: Path
    sha256: str
    kind: str | None = None
    staged: list[Staged] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    source: str | None = None
    unreadable: bool = False
    notes: list[Note] = field(default_factory=list)
    """Values the file states once (title, sheet or file name) or the operator gave, and where each came from."""
    stage: Stage | None = None
    period_frames: list[tuple[pd.DataFrame, tuple[str, ...]]] = field(default_factory=list)
    """The distinct period key values of each staged table, and which of them are time keys."""

    n_rows: int = 0

    @property
    def periods(self) -> list[str]:
        """Every period the file covers, e.g. ``PKH 2025 Tahap 1``."""
        return self._labels(lambda keys: keys)

    @property
    def period_range(self) -> tuple[str | None, str | None, int]:
        """First and last period in time order (time columns only, so not per program), and how many."""
        labels = self._labels(lambda keys: tuple(k for k in keys if k in TIME_KEYS))
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

    def release(self) -> None:
        """Drop the staged rows (after they were written, or when the file was refused or only checked); the
        counts and periods stay."""
        if self.stage is not None:
            self.stage.drop()
        self.staged = []

    def _labels(self, keys_of) -> list[str]:
        labels: list[str] = []
        for frame, keys in self.period_frames:
            labels += [p for p in describe_periods(frame, keys_of(keys)) if p not in labels]
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


def validate_file(path: Path, context: ImportContext, con: duckdb.DuckDBPyConnection, kind: str | None = None,
                  progress: Callable[[str], None] = lambda _message: None) -> Validated:
    """Read and validate a whole file (every sheet), staging its rows in temporary tables of ``con``; the result
    holds staged rows only if it has no errors, and its ``release`` drops them."""
    result = Validated(path, file_sha256(path), stage=Stage(con))
    if kind and kind not in KINDS:
        result.report.error("kind_unsupported", kind=kind, kinds=", ".join(KINDS))
        return result
    if kind == BATAS or (kind is None and boundaries.is_boundary_file(path)):
        _validate_boundaries(path, context, result)
    else:
        try:
            _validate_tables(path, context, kind, progress, result)
        except ReadAgain:  # Arrow refused a row after chunks were staged: pandas reads the file from the start
            result.release()
            result = Validated(path, result.sha256, stage=Stage(con))
            _validate_tables(path, context, kind, progress, result, use_pandas=True)
    return _close(result)


def _validate_tables(path: Path, context: ImportContext, kind: str | None, progress: Callable[[str], None],
                     result: Validated, use_pandas: bool = False) -> None:
    """A table file (CSV, XLSX): every sheet checked against the form it fits, chunk by chunk."""
    try:
        for chunks in read_tables(path, context.limits, use_pandas):
            _validate_sheet(chunks, context, kind, progress, result)
    except UnreadableFile as exc:
        result.unreadable = True
        result.report.error("file_unreadable", reason=exc.message(context.lang))


def _validate_sheet(chunks: Iterator[RawTable], context: ImportContext, kind: str | None,
                    progress: Callable[[str], None], result: Validated) -> None:
    """One sheet (or CSV): the form is told from its first chunk; totals are checked against the whole sheet."""
    form, totals = None, _Totals()
    for chunk in chunks:
        if form is None:
            form = detect_form(chunk, kind, context.constants)
            if form is None:
                result.report.error("kind_unknown", sheet=chunk.sheet, kinds=", ".join(KINDS))
                return
            other = _other_kind(chunk, form, kind, context.constants)
            if other:  # one line for the file, not one per missing cell
                if not any(p.key == "kind_mismatch" for p in result.report.errors):
                    result.report.error("kind_mismatch", kind=kind, found=other, file=result.path.name)
                return
            result.kind = result.kind or form.kind
        if len(chunk.row_numbers):
            progress(t("validating_rows", context.lang, first=format_number(int(chunk.row_numbers[0])),
                       last=format_number(int(chunk.row_numbers[-1]))))
        _validate_chunk(chunk, form, context, result, totals)
    if form is not None:
        totals.check(result.report)
        if form.finish is not None and result.report.ok:
            form.finish(result.stage, result.notes)


def _validate_chunk(table: RawTable, form: Form, context: ImportContext, result: Validated, totals: _Totals
                    ) -> None:
    fields = Fields(table, build_lookup(form.columns, form.aliases), result.report, context, form.constants)
    given = stated(table, form, context.constants)
    if not fields.require(*(c for c in form.signature if c not in given)):
        return  # without the columns that make it this kind, every row would only repeat that
    out = form.prepare(fields, context)
    result.source = result.source or out.source
    result.notes += [note for note in fields.notes if note not in result.notes]
    for canon in context.constants:
        if fields.has(canon) and canon in fields.constants:
            result.report.warning("option_ignored", sheet=table.sheet, column=fields.name_of(canon),
                                  option=fields.constants[canon].option)
    for data in out.tables:
        data.headers = {col: fields.name_of(_SOURCE_OF.get(col, col)) for col in data.unique}
        totals.add(table, form, data, fields)
        if result.report.ok:  # a refused file's rows are never written: stop staging at the first error
            result.stage.add(data)


def _close(result: Validated) -> Validated:
    """What needs the whole file: repeated keys, the periods covered, 'no rows', the capped cell counts."""
    stage = result.stage
    for staged in stage.tables.values():
        stage.duplicates(staged, result.report)
    if result.report.ok and not any(s.rows for s in stage.tables.values()):
        result.report.error("no_rows")
    result.report.close()
    if result.report.ok:
        result.staged = list(stage.tables.values())
        result.n_rows = max(s.rows for s in result.staged)
        result.period_frames = [(s.periods_frame(stage.con), s.data.periods) for s in result.staged]
    else:
        result.release()
    return result


def _validate_boundaries(path: Path, context: ImportContext, result: Validated) -> None:
    """A boundary file (GeoJSON, zipped Shapefile, GeoPackage): polygons instead of cells, same report and rows."""
    result.kind = BATAS
    try:
        tables = boundaries.validate_boundaries(path, context, result.report)
    except UnreadableFile as exc:
        result.unreadable = True
        result.report.error("file_unreadable", reason=exc.message(context.lang))
        return
    if result.report.ok:
        for data in tables:
            result.stage.add(data)


# prepared columns that stand for a file column of another name
_SOURCE_OF = {"nik_hash": "nik", "no_kk_hash": "no_kk", "_person": "nik", "kode_kecamatan": "nama_kecamatan"}


class _Totals:
    """A sheet's JUMLAH/TOTAL rows and the sums of what they total, gathered over its chunks: a difference is a
    warning once the whole sheet is read."""

    def __init__(self) -> None:
        self.stated: list[tuple[pd.DataFrame, str, str | None]] = []  # total rows, the file's column, sheet
        self.computed: dict[str, float] = {}  # file column -> sum of the prepared rows it totals

    def add(self, table: RawTable, form: Form, data: TableData, fields: Fields) -> None:
        if not form.total_columns:
            return
        scope = form.total_scope(data.frame)
        for prepared_col, canon in form.total_columns:
            header = fields.header_of.get(canon)
            if header is None or prepared_col not in scope:
                continue
            self.computed[header] = self.computed.get(header, 0.0) + float(scope[prepared_col].sum())
            if not table.totals.empty:
                self.stated.append((table.totals[[header, "_row", "_label"]], header, table.sheet))

    def check(self, report: Report) -> None:
        for rows, header, sheet in self.stated:
            stated_values, _bad = parse.parse_number(rows[header].reset_index(drop=True))
            computed = self.computed[header]
            for value, row, label in zip(stated_values, rows["_row"], rows["_label"], strict=True):
                if pd.notna(value) and abs(value - computed) > 0.5:
                    report.warning("total_mismatch", row=int(row), column=header, sheet=sheet, label=label,
                                   stated=_fmt(value), computed=_fmt(computed))


def _fmt(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2)
