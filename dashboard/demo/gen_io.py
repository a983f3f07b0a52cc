"""Shared constants and byte-stable writers (CSV via pyarrow, XLSX via openpyxl) for the demo generator."""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from dashboard.formatting import MONTH_NAMES

AS_OF = np.datetime64("2026-10-31", "D")
FIXED_DT = datetime(2026, 11, 1)
YEARS = (2025, 2026)
LAST_MONTH = {2025: 12, 2026: 10}
BULAN = tuple(name.upper() for name in MONTH_NAMES["id"])  # office titles and sheet names write months in capitals
BOLD = Font(bold=True)
_CHUNK = 1_000_000
# the office named as the author of every workbook; generate_demo_files sets it for its wilayah
OFFICE = ContextVar("OFFICE", default="Dinas Sosial Kabupaten Probolinggo")


def stream(seed: int, name: str) -> np.random.Generator:
    """Independent generator per component, so changing one file never shifts the random draws of another."""
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def day(iso: str) -> int:
    """Days since 1970-01-01; all dates are handled as integers to keep the maths vectorised."""
    return int(np.datetime64(iso, "D").astype(np.int64))


def split_integer(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total over weights by largest remainder, so parts always sum exactly to total."""
    w = np.asarray(weights, dtype=float)
    raw = w / w.sum() * total
    base = np.floor(raw).astype(np.int64)
    rest = int(total - base.sum())
    if rest > 0:
        base[np.argsort(-(raw - base), kind="stable")[:rest]] += 1
    return base


def weighted_pick(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Choose exactly k indices without replacement proportional to weights (Efraimidis-Spirakis keys).

    Exact counts (instead of Bernoulli draws) keep the designed error shares stable even for small demos.
    """
    w = np.asarray(weights, dtype=float)
    ok = np.flatnonzero(w > 0)
    k = min(k, ok.size)
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    keys = np.log(rng.random(ok.size)) / w[ok]
    top = np.argpartition(-keys, k - 1)[:k]
    return np.sort(ok[top])


def exact_share(rng: np.random.Generator, group: np.ndarray, p_group: np.ndarray) -> np.ndarray:
    """Random flags with exactly round(p * size) set in every group: designed shares hold even for small demos."""
    n = group.size
    order = np.lexsort((rng.random(n), group))
    g = group[order]
    rank = np.arange(n) - np.searchsorted(g, g, side="left")
    out = np.empty(n, dtype=bool)
    out[order] = rank < np.round(np.asarray(p_group)[g] * np.bincount(group, minlength=len(p_group))[g])
    return out


# ---------------------------------------------------------------- text columns


def lookup(labels: Sequence[str], idx: np.ndarray) -> pa.Array:
    """Map small integer codes to strings without building Python objects per row."""
    return pa.array(list(labels), pa.string()).take(pa.array(np.asarray(idx, dtype=np.int64)))


def const(n: int, text: str) -> pa.Array:
    """A column holding one value, built without a per-row Python list."""
    return lookup([text], np.zeros(n, dtype=np.int64))


def int_text(values: np.ndarray, empty_mask: np.ndarray | None = None) -> pa.Array:
    """Integers as decimal text; rows in empty_mask become empty cells."""
    arr = pa.array(np.asarray(values, dtype=np.int64)).cast(pa.string())
    if empty_mask is not None:
        arr = pc.if_else(pa.array(empty_mask), pa.scalar("", pa.string()), arr)
    return arr


def date_text(days: np.ndarray, fmt: str) -> pa.Array:
    """Format day numbers through a per-day lookup table: ~40k distinct dates instead of millions of calls."""
    days = np.asarray(days, dtype=np.int64)
    if days.size == 0:
        return pa.array([], pa.string())
    lo, hi = int(days.min()), int(days.max())
    table = np.arange(lo, hi + 1).astype("datetime64[D]").astype(object)
    labels = [d.strftime(fmt) for d in table]
    return lookup(labels, days - lo)


# ---------------------------------------------------------------- CSV


def _chunk_bytes(cols: list[pa.Array], sep: str, eol: str) -> bytes:
    """Join columns into lines with pyarrow so big files are written without a Python loop over rows."""
    cols = [c.fill_null("") for c in cols]
    line = pc.binary_join_element_wise(*cols, sep)
    line = pc.binary_join_element_wise(line, pa.scalar("", pa.string()), eol)
    offsets = np.frombuffer(line.buffers()[1], dtype=np.int32)[line.offset : line.offset + len(line) + 1]
    return line.buffers()[2].to_pybytes()[offsets[0] : offsets[-1]]


def write_csv(
    path: Path,
    header: Sequence[str],
    chunks: Iterable[list[pa.Array]],
    *,
    sep: str = ",",
    eol: str = "\n",
    encoding: str = "utf-8",
    bom: bool = False,
) -> int:
    """Write a CSV from chunks of string columns, quoting nothing (callers quote where a format needs it).

    Returns the number of data rows, which the generator reports.
    """
    rows = 0
    with open(path, "wb") as fh:
        if bom:
            fh.write(b"\xef\xbb\xbf")
        fh.write((sep.join(header) + eol).encode(encoding))
        for cols in chunks:
            n = len(cols[0])
            for start in range(0, n, _CHUNK):
                part = [c.slice(start, _CHUNK) for c in cols]
                data = _chunk_bytes(part, sep, eol)
                if encoding != "utf-8":
                    data = data.decode("utf-8").encode(encoding)
                fh.write(data)
            rows += n
    return rows


def write_small_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> int:
    """Write a small comma-separated UTF-8 file with ``\n`` line ends; the csv module quotes a field only
    when it holds a comma, quote or newline, so any name or note reads back as written."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------- XLSX


class _FixedZip(zipfile.ZipFile):
    """ZipFile stamping every entry with FIXED_DT, so the same workbook always gives the same bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_DT.timetuple()[:6])
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """openpyxl adds worksheets from temp files; route them through writestr for the fixed stamp."""
        self.writestr(arcname or Path(filename).name, Path(filename).read_bytes(), compress_type, compresslevel)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save without openpyxl's save_workbook, which stamps the current time into docProps and the zip."""
    wb.properties.created = wb.properties.modified = FIXED_DT
    wb.properties.creator = OFFICE.get()
    archive = _FixedZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()


def new_sheet(title: str) -> tuple[Workbook, object]:
    """Workbook with a single sheet of the given name (office files carry exactly one named sheet)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def text_cell(ws, row: int, col: int, value: str) -> None:
    """Write a cell forced to text, the way offices store NIK/kode as text to keep leading digits."""
    c = ws.cell(row=row, column=col, value=value)
    c.data_type = "s"
    c.number_format = "@"


def set_widths(ws, widths: Sequence[float]) -> None:
    """Column widths so the demo files look like real office spreadsheets when opened."""
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
