"""Read CSV and XLSX files as offices produce them into raw tables of cells.

Handles: comma, semicolon, pipe or tab delimiters; UTF-8 with or without BOM and Windows-1252;
title rows above the header; total rows (``JUMLAH``, ``TOTAL``, ``GRAND TOTAL``) at the bottom;
several sheets per workbook. Cells stay raw (parsing is the validators' job) and every row keeps
its line/row number in the file so messages can name it.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from dashboard.config import Limits
from dashboard.i18n import register, t
from dashboard.imports.columns import ALL_VARIANTS, normalise_header
from dashboard.imports.parse import arrow_text

HEADER_SEARCH_ROWS = 30
_TOTAL = re.compile(r"^(jumlah|total|grand\s*total)\b", re.IGNORECASE)
DELIMITERS = (";", ",", "|", "\t")
# a member of an XLSX unpacking to more than this many times its packed size is a zip bomb, not a workbook
# (real sheets pack 5-30 times; members under a megabyte unpacked are never refused for it)
XLSX_MAX_RATIO = 200
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_CHUNK = 1024 * 1024
# a cell in column AAA (703) or beyond: with a column limit under 703, seeing one in the sheet's XML is enough
_WIDE_CELL = re.compile(rb'<(?:\w+:)?c r="[A-Z]{3,}[0-9]')


register({
    "unreadable_suffix": ("jenis berkas {suffix} tidak didukung; gunakan CSV atau XLSX",
                          "file type {suffix} is not supported; use CSV or XLSX"),
    "unreadable_no_table": ("tidak ada lembar berisi tabel dengan judul kolom yang dikenal",
                            "no sheet holds a table with recognised column headings"),
    "unreadable_xlsx": ("XLSX rusak atau bukan XLSX (isinya bukan buku kerja Excel); buka di Excel lalu simpan "
                        "ulang sebagai .xlsx", "damaged XLSX or not an XLSX (its content is not an Excel workbook); "
                        "open it in Excel and save it again as .xlsx"),
    "unreadable_empty": ("berkas kosong", "the file is empty"),
    "unreadable_no_header": ("baris judul kolom tidak ditemukan di {n} baris pertama",
                             "no column heading row in the first {n} rows"),
    "unreadable_xlsx_size": ("XLSX terlalu besar setelah dibuka ({mb} MB, batas {limit} MB; [limits] "
                             "xlsx_uncompressed_mb)",
                             "XLSX too large once unpacked ({mb} MB, limit {limit} MB; [limits] xlsx_uncompressed_mb)"),
    "unreadable_xlsx_bomb": ("XLSX mencurigakan: bagian {member} membesar {ratio} kali saat dibuka (bom zip?)",
                             "suspicious XLSX: part {member} unpacks to {ratio} times its size (a zip bomb?)"),
    "unreadable_xlsx_sheets": ("XLSX berisi {n} lembar, batas {limit} ([limits] xlsx_max_sheets)",
                               "the XLSX holds {n} sheets, limit {limit} ([limits] xlsx_max_sheets)"),
    "unreadable_too_many_rows": ("lembar {sheet} berisi lebih dari {limit} baris ([limits] xlsx_max_rows)",
                                 "sheet {sheet} holds more than {limit} rows ([limits] xlsx_max_rows)"),
    "unreadable_too_many_columns": ("lembar {sheet} berisi {n} kolom, batas {limit} ([limits] xlsx_max_columns)",
                                    "sheet {sheet} holds {n} columns, limit {limit} ([limits] xlsx_max_columns)"),
    "unreadable_nul": ("{file} berisi karakter NUL (bita nol) di baris {line}: bukan CSV teks; simpan ulang dari "
                       "Excel sebagai CSV", "{file} holds a NUL character (zero byte) on line {line}: not a text CSV; "
                       "save it again from Excel as CSV"),
    "unreadable_long_line": ("{file}: baris {line} lebih panjang dari {limit} MB ([limits] csv_max_line_mb); "
                             "periksa pemisah baris", "{file}: line {line} is longer than {limit} MB ([limits] "
                             "csv_max_line_mb); check the line breaks"),
    "unreadable_csv": ("CSV tidak dapat diurai di sekitar baris {line}; periksa tanda kutip dan pemisah kolom",
                       "CSV cannot be parsed near line {line}; check quotes and column separators"),
})


class UnreadableFile(Exception):
    """The file cannot be opened or holds no table: a message key and its parameters, never Python's own words."""

    def __init__(self, key: str, **params: object):
        super().__init__(t(key, "id", **params))
        self.key, self.params = key, params

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.params)


@dataclass
class RawTable:
    """One table (a CSV file or one sheet) with its header found and totals set aside."""

    sheet: str | None
    headers: list[str]
    frame: pd.DataFrame          # data rows, columns = headers as written
    row_numbers: np.ndarray      # 1-based row/line number of each data row in the file
    totals: pd.DataFrame         # total rows, same columns, with a ``_row`` column
    places: tuple[tuple[str, str], ...]
    """(where, text) for the sheet name, the title rows and the file name, in the order they are asked for the
    constants the columns leave out (year, month, programme); ``where`` is ``sheet``, ``title`` or ``file``."""

    @property
    def context(self) -> str:
        return " ".join(text for _, text in self.places)


def read_tables(path: Path, limits: Limits | None = None, use_pandas: bool = False
                ) -> Iterator[Iterator[RawTable]]:
    """Every table of a file, each as its chunks: a CSV in ``limits.chunk_rows`` rows at a time, an XLSX sheet whole
    (sheets are bounded by the XLSX limits). Raises UnreadableFile if there is none, or if the file exceeds
    ``limits``; a CSV's chunk iterator raises ReadAgain when only pandas (``use_pandas``) can read it after all."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path, limits)
        tables = [iter((table,)) for table in _read_xlsx(path, limits)]
    elif suffix in (".csv", ".txt", ".tsv"):
        tables = [_read_csv(path, limits, use_pandas)]
    else:
        raise UnreadableFile("unreadable_suffix", suffix=suffix or "''")
    if not tables:
        raise UnreadableFile("unreadable_no_table")
    return iter(tables)


def header_score(cells: list[object]) -> int:
    """How many cells of a row are known column names: the header row is the best-scoring one."""
    return sum(1 for c in cells if isinstance(c, str) and c.strip() and normalise_header(c) in ALL_VARIANTS)


def _find_header(rows: list[list[object]]) -> int | None:
    scores = [header_score(r) for r in rows[:HEADER_SEARCH_ROWS]]
    if not scores or max(scores) < 2:
        return None
    return scores.index(max(scores))


def _unique_headers(cells: list[object]) -> list[str]:
    headers, seen = [], {}
    for i, cell in enumerate(cells, start=1):
        name = str(cell).strip() if cell is not None and str(cell).strip() else f"kolom_{i}"
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return headers


def _cell_text(column: pd.Series) -> pd.Series:
    """Cells as stripped text, blanks as ''."""
    if isinstance(column.dtype, pd.StringDtype):
        return column.fillna("").str.strip()
    return column.map(lambda v: "" if v is None or v != v else str(v).strip()).astype("str")


def _starts_total(text: pd.Series) -> np.ndarray:
    """Cells that begin with JUMLAH / TOTAL / GRAND TOTAL (Arrow's regex kernel on CSV text)."""
    arrow = arrow_text(text)
    if arrow is not None:
        found = pc.match_substring_regex(arrow, _TOTAL.pattern, ignore_case=True)
        return pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return text.str.match(_TOTAL).fillna(False).to_numpy(dtype=bool)


def _split_totals(frame: pd.DataFrame, numbers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Drop empty rows; set aside rows whose first non-empty cell says JUMLAH/TOTAL.

    Columns are scanned left to right for the rows still without a non-empty cell, so a file whose first
    column is always filled (a DTKS export) costs one vectorised pass over one column.
    """
    keep = np.zeros(len(frame), dtype=bool)
    is_total = np.zeros(len(frame), dtype=bool)
    labels: dict[int, str] = {}
    pending = np.arange(len(frame))
    for name in frame.columns:
        if not pending.size:
            break
        text = _cell_text(frame[name].iloc[pending])
        found = text.ne("").to_numpy(dtype=bool)
        total = found & _starts_total(text)
        keep[pending[found]] = True
        is_total[pending[total]] = True
        labels.update(zip(pending[total].tolist(), text[total].tolist(), strict=True))
        pending = pending[~found]
    totals = frame[is_total].copy()
    totals["_row"] = numbers[is_total]
    totals["_label"] = [labels[i] for i in np.flatnonzero(is_total)]
    data = keep & ~is_total
    if data.all():
        return frame, numbers, totals
    return frame[data].reset_index(drop=True), numbers[data], totals


def check_xlsx(path: Path, limits: Limits) -> None:
    """Refuse a workbook too big, too many-sheeted or too wide from its zip directory and each sheet's declared
    ``<dimension>``, before openpyxl unpacks anything: a zip bomb costs milliseconds, not the PC's memory."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > limits.xlsx_uncompressed_mb * _CHUNK:
                raise UnreadableFile("unreadable_xlsx_size", mb=total // _CHUNK, limit=limits.xlsx_uncompressed_mb)
            for member in members:
                if member.file_size > _CHUNK and member.file_size > XLSX_MAX_RATIO * max(member.compress_size, 1):
                    raise UnreadableFile("unreadable_xlsx_bomb", member=member.filename,
                                         ratio=member.file_size // max(member.compress_size, 1))
            sheets = [m for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")]
            if len(sheets) > limits.xlsx_max_sheets:
                raise UnreadableFile("unreadable_xlsx_sheets", n=len(sheets), limit=limits.xlsx_max_sheets)
            for member in sheets:
                with archive.open(member) as handle:
                    sheet = member.filename.rsplit("/", 1)[-1]
                    head = handle.read(4096)
                    _check_dimension(head, sheet, limits)
                    if limits.xlsx_max_columns < 703:
                        _check_width(head, handle, sheet, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise UnreadableFile("unreadable_xlsx") from exc


def _check_dimension(head: bytes, sheet: str, limits: Limits) -> None:
    """The declared used range: only refused when beyond the limits (a wrong, too small one is read anyway)."""
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return
    letters, rows = found.group(3).decode(), int(found.group(4))
    columns = 0
    for letter in letters:
        columns = columns * 26 + ord(letter) - 64
    if columns > limits.xlsx_max_columns:
        raise UnreadableFile("unreadable_too_many_columns", sheet=sheet, n=columns, limit=limits.xlsx_max_columns)
    if rows > limits.xlsx_max_rows:
        raise UnreadableFile("unreadable_too_many_rows", sheet=sheet, limit=limits.xlsx_max_rows)


def _check_width(head: bytes, handle, sheet: str, limits: Limits) -> None:
    """The sheet's XML streamed once for a cell in column AAA or beyond: openpyxl would build a whole row of a
    million cells in memory before the row limit could see it (an undeclared or wrongly declared width)."""
    tail = b""
    chunk = head
    while chunk:
        found = _WIDE_CELL.search(tail + chunk)
        if found:
            raise UnreadableFile("unreadable_too_many_columns", sheet=sheet, n=f"> {limits.xlsx_max_columns}",
                                 limit=limits.xlsx_max_columns)
        tail = chunk[-32:]
        chunk = handle.read(_CHUNK)


def _sheet_rows(sheet, limits: Limits) -> list[list[object]]:
    """The sheet's rows without trailing empty cells, refused as soon as one exceeds the row or column limit."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        if len(cells) > limits.xlsx_max_columns:
            raise UnreadableFile("unreadable_too_many_columns", sheet=sheet.title, n=len(cells),
                                 limit=limits.xlsx_max_columns)
        rows.append(cells)
        if len(rows) > limits.xlsx_max_rows:
            raise UnreadableFile("unreadable_too_many_rows", sheet=sheet.title, limit=limits.xlsx_max_rows)
    return rows


def _read_xlsx(path: Path, limits: Limits) -> Iterator[RawTable]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise UnreadableFile("unreadable_xlsx") from exc
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some generators write a wrong <dimension>; read what is really there
            try:
                rows = _sheet_rows(sheet, limits)
            except UnreadableFile:
                raise
            except Exception as exc:  # a sheet beyond Excel's own grid (column AAAA) or damaged XML
                raise UnreadableFile("unreadable_xlsx") from exc
            header_at = _find_header(rows)
            if header_at is None:
                continue
            headers = _unique_headers(rows[header_at])
            body = [(r + [None] * len(headers))[: len(headers)] for r in rows[header_at + 1:]]
            frame = pd.DataFrame(body, columns=headers, dtype=object)
            # keep object dtype: cells stay the str/int/float/datetime Excel stored, not a re-inferred column type
            frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v).astype(object)
            numbers = np.arange(header_at + 2, header_at + 2 + len(frame))
            frame, numbers, totals = _split_totals(frame, numbers)
            titles = " ".join(str(c) for r in rows[:header_at] for c in r if c is not None)
            places = (("sheet", sheet.title), ("title", titles), ("file", path.stem))
            yield RawTable(sheet.title, headers, frame, numbers, totals, places)
    finally:
        workbook.close()


def _sniff_text(path: Path) -> tuple[str, list[str]]:
    """Encoding and first lines. UTF-8 (BOM or not) is tried first, then Windows-1252."""
    with open(path, "rb") as handle:
        head = handle.read(256 * 1024)
    if not head.strip():
        raise UnreadableFile("unreadable_empty")
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", head[3:].decode("utf-8", errors="replace").splitlines()
    try:
        text = head.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is not a reason to give up on UTF-8
        encoding = "utf-8" if exc.start >= len(head) - 3 else "cp1252"
        text = head.decode(encoding, errors="replace")
    return encoding, text.splitlines()


def _choose_delimiter(sample: list[str]) -> tuple[str, list[list[str]], int]:
    """The delimiter whose parse of the first lines gives the best header, with those parsed lines and its index.

    Best means the most known column names, then the most rows below it with the header's field count.
    Counting delimiter characters instead refuses a semicolon file whose title lines hold commas.
    """
    best: tuple[tuple[int, int], str, list[list[str]], int] | None = None
    for delimiter in DELIMITERS:
        rows = [next(csv.reader(io.StringIO(line), delimiter=delimiter), []) for line in sample]
        header_at = _find_header(rows)
        if header_at is None:
            continue
        width = len(rows[header_at])
        rank = (header_score(rows[header_at]), sum(len(row) == width for row in rows[header_at + 1:]))
        if best is None or rank > best[0]:  # on a full tie the earlier delimiter in DELIMITERS stays
            best = (rank, delimiter, rows, header_at)
    if best is None:
        raise UnreadableFile("unreadable_no_header", n=HEADER_SEARCH_ROWS)
    return best[1], best[2], best[3]


@dataclass(frozen=True)
class CsvScan:
    """What one pass over a CSV's bytes tells before parsing."""

    encoding: str
    """``utf-8`` when every byte decodes as UTF-8 (a BOM is skipped), else ``cp1252``."""
    blank_inside: bool
    """A blank line before the last line with content: Arrow skips it, shifting the row numbers after it."""


def scan_csv(path: Path, limits: Limits) -> CsvScan:
    """One pass in 1 MB chunks before parsing: a NUL byte or a line longer than the limit is refused naming the
    file and line, without ever holding more than a chunk (a 10 MB line or a binary file renamed .csv); the pass
    also settles the encoding and whether blank lines sit between rows."""
    longest = limits.csv_max_line_mb * _CHUNK
    line, run = 1, 0  # run: bytes since the last newline
    decoder, utf8 = codecs.getincrementaldecoder("utf-8")(), True
    first_blank, last_content, previous = 0, 0, b"\n"  # previous: the byte before this chunk
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise UnreadableFile("unreadable_nul", file=path.name, line=line + chunk.count(b"\n", 0, nul))
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            data = np.frombuffer(chunk, dtype=np.uint8)
            ends = np.flatnonzero(data == 10)
            gaps = np.diff(ends, prepend=-1) - 1 if ends.size else np.empty(0, dtype=np.int64)
            if ends.size:
                gaps[0] += run
                too_long = np.flatnonzero(gaps > longest)
                if too_long.size:
                    raise UnreadableFile("unreadable_long_line", file=path.name, line=line + int(too_long[0]),
                                         limit=limits.csv_max_line_mb)
                blank_at, content_at = _blank_lines(data, ends, gaps, previous[-1])
                first_blank = first_blank or (line + blank_at if blank_at is not None else 0)
                last_content = line + content_at if content_at is not None else last_content
                run = len(chunk) - int(ends[-1]) - 1
            else:
                run += len(chunk)
            if run > longest:
                raise UnreadableFile("unreadable_long_line", file=path.name, line=line + int(ends.size),
                                     limit=limits.csv_max_line_mb)
            line += int(ends.size)
            previous = chunk
    if run:
        last_content = line
    return CsvScan("utf-8" if utf8 else "cp1252", bool(first_blank) and first_blank < last_content)


def _blank_lines(data: np.ndarray, ends: np.ndarray, gaps: np.ndarray, before_chunk: int
                 ) -> tuple[int | None, int | None]:
    """Within a chunk: the index of the first blank line (``\\n`` or ``\\r\\n`` alone) and of the last line with
    content, each None when there is none."""
    before = np.concatenate(([before_chunk], data))[ends]  # the byte before each newline
    blank = (gaps == 0) | ((gaps == 1) & (before == 13))
    blanks, content = np.flatnonzero(blank), np.flatnonzero(~blank)
    return (int(blanks[0]) if blanks.size else None), (int(content[-1]) if content.size else None)


class ReadAgain(Exception):
    """Arrow refused a row after chunks were read (a row short of trailing empty fields): read with pandas."""


def _read_csv(path: Path, limits: Limits, use_pandas: bool = False) -> Iterator[RawTable]:
    """The CSV's chunks. Arrow reads them without a Python object per cell; pandas' C engine reads a file with
    blank lines between rows (which Arrow skips, shifting row numbers) or rows short of trailing empty fields
    (which Arrow refuses), padding short rows to the header's width."""
    scan = scan_csv(path, limits)
    _, lines = _sniff_text(path)
    delimiter, rows, header_at = _choose_delimiter(lines[:HEADER_SEARCH_ROWS])
    width = len(rows[header_at])
    if width > limits.xlsx_max_columns:
        raise UnreadableFile("unreadable_too_many_columns", sheet=path.name, n=width, limit=limits.xlsx_max_columns)
    headers = _unique_headers(rows[header_at])
    titles = " ".join(" ".join(r) for r in rows[:header_at])
    places = (("title", titles), ("file", path.stem))
    if use_pandas or scan.blank_inside:
        frames = _pandas_chunks(path, scan.encoding, delimiter, header_at, width, limits.chunk_rows)
    elif scan.encoding == "utf-8":
        frames = _duckdb_chunks(path, delimiter, header_at, width, limits.chunk_rows)
    else:
        frames = _arrow_chunks(path, scan.encoding, delimiter, header_at, width, limits.chunk_rows)
    return _csv_chunks(frames, headers, header_at + 2, places)


def _csv_chunks(frames: Iterator[pd.DataFrame], headers: list[str], first: int, places: tuple
                ) -> Iterator[RawTable]:
    start = first
    for frame in frames:
        yield _chunk(frame, headers, first, places)
        first += len(frame)
    if first == start:  # the header alone: one empty chunk, so the file is still judged (and has no rows)
        yield _chunk(pd.DataFrame({h: pd.Series([], dtype="str") for h in headers}), headers, first, places)


def _chunk(frame: pd.DataFrame, headers: list[str], first: int, places: tuple) -> RawTable:
    """A chunk of a CSV whose first data row is line ``first``."""
    frame.columns = headers[: frame.shape[1]] + [f"kolom_{i}" for i in range(len(headers) + 1, frame.shape[1] + 1)]
    frame, numbers, totals = _split_totals(frame, np.arange(first, first + len(frame)))
    return RawTable(None, list(frame.columns), frame, numbers, totals, places)


def _duckdb_chunks(path: Path, delimiter: str, header_at: int, width: int, rows: int) -> Iterator[pd.DataFrame]:
    """All cells as text, ``rows`` at a time, parsed by DuckDB on every core (a UTF-8 file); its own in-memory
    connection, since the import's connection stages each chunk while this result is still being read."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": "256MB", "arrow_large_buffer_size": True})
    try:
        relation = con.sql(
            "select * from read_csv($path, delim = $delim, quote = '\"', escape = '\"', header = false, skip = $skip, "
            "columns = $columns, auto_detect = false, null_padding = true)",
            params={"path": str(path), "delim": delimiter, "skip": header_at + 1,
                    "columns": {f"f{i}": "VARCHAR" for i in range(width)}})
        yield from _gathered(relation.to_arrow_reader(rows), rows)
    except duckdb.Error as exc:
        raise ReadAgain from exc
    finally:
        con.close()


def _arrow_chunks(path: Path, encoding: str, delimiter: str, header_at: int, width: int, rows: int
                  ) -> Iterator[pd.DataFrame]:
    """All cells as text, ``rows`` at a time; Arrow's large strings become pandas strings without a copy."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(skip_rows=header_at + 1, autogenerate_column_names=True,
                                           encoding="utf8" if encoding == "utf-8" else encoding,
                                           block_size=8 << 20),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                 column_types={f"f{i}": pa.large_string() for i in range(width)}),
        )
        yield from _gathered(reader, rows)
    except pa.ArrowInvalid as exc:
        raise ReadAgain from exc


def _gathered(batches: Iterator, rows: int) -> Iterator[pd.DataFrame]:
    """Record batches joined into frames of about ``rows`` rows (readers hand out smaller batches)."""
    import pyarrow as pa

    held: list = []
    for batch in batches:
        held.append(batch)
        if sum(b.num_rows for b in held) >= rows:
            yield _to_frame(pa.Table.from_batches(held))
            held = []
    if held:
        yield _to_frame(pa.Table.from_batches(held))


def _to_frame(table) -> pd.DataFrame:
    import pyarrow as pa

    strings = pd.StringDtype("pyarrow", na_value=np.nan)
    return table.to_pandas(types_mapper={pa.large_string(): strings, pa.string(): strings}.get)


def _pandas_chunks(path: Path, encoding: str, delimiter: str, header_at: int, width: int, rows: int
                   ) -> Iterator[pd.DataFrame]:
    try:
        yield from pd.read_csv(
            path, sep=delimiter, encoding=encoding, skiprows=header_at + 1, header=None, names=range(width),
            dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=False, quotechar='"', engine="c",
            chunksize=rows,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise UnreadableFile("unreadable_csv", line=int(line.group(1)) + header_at + 1 if line else "?") from exc
