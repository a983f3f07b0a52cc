"""Hostile and broken input files, written on demand for the tests and tools/hostile_inputs.py.

Each writer takes the target path and returns it. The sizes are those the issue names (a 10 MB line, a million
columns) unless a test passes smaller ones; nothing here is kept in the repository.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

HEADER = "NIK;No KK;Nama;Kode Desa;Desil"
ROW = "3513011234560001;3513011234560002;Siti;3513010001;3"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>')
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
              'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
              'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook '
             'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets>'
             '</workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
_SHEET_REL = ('<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'worksheet" Target="worksheets/sheet{n}.xml"/>')
_SHEET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><worksheet ' \
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
_SHEET_CLOSE = "</sheetData></worksheet>"


def _column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_workbook(path: Path, sheets: list[bytes | str | Iterable[bytes]]) -> Path:
    """A minimal XLSX whose sheets are the given worksheet XML texts (or chunks of one, streamed), written
    deflated as Excel does."""
    n = len(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            sheets="".join(_SHEET_TYPE.format(n=i) for i in range(1, n + 1))))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheets="".join(
            f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1))))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(
            rels="".join(_SHEET_REL.format(n=i) for i in range(1, n + 1))))
        for i, sheet in enumerate(sheets, start=1):
            if isinstance(sheet, str | bytes):
                archive.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
                continue
            with archive.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as handle:
                for chunk in sheet:
                    handle.write(chunk)
    return path


def zip_bomb(path: Path, unpacked_mb: int = 200) -> Path:
    """An XLSX whose one sheet unpacks to ``unpacked_mb`` MB of blank rows (it packs about a thousand times)."""
    blank = b'<row r="1"><c r="A1" t="inlineStr"><is><t> </t></is></c></row>'
    megabyte = blank * (1024 * 1024 // len(blank))

    def chunks() -> Iterable[bytes]:
        yield _SHEET_OPEN.format(dimension="").encode()
        for _ in range(unpacked_mb):
            yield megabyte
        yield _SHEET_CLOSE.encode()
    return write_workbook(path, [chunks()])


def wide_sheet(path: Path, columns: int = 1_000_000, declared: bool = True) -> Path:
    """An XLSX with one row of ``columns`` cells, its ``<dimension>`` saying so or (``declared=False``) absent."""
    cells = "".join(f'<c r="{_column(i)}1"><v>1</v></c>' for i in range(1, columns + 1))
    dimension = f'<dimension ref="A1:{_column(columns)}1"/>' if declared else ""
    return write_workbook(path, [_SHEET_OPEN.format(dimension=dimension) + f'<row r="1">{cells}</row>' + _SHEET_CLOSE])


def many_sheets(path: Path, n: int = 1000) -> Path:
    return write_workbook(path, [_SHEET_OPEN.format(dimension="") + _SHEET_CLOSE] * n)


def long_line_csv(path: Path, mb: int = 10) -> Path:
    """A header, a row, then one line of ``mb`` MB without a line break (a file saved with the wrong newlines)."""
    with open(path, "wb") as handle:
        handle.write(f"{HEADER}\n{ROW}\n".encode())
        handle.write(b"x" * (mb * 1024 * 1024))
        handle.write(b"\n")
    return path


def nul_csv(path: Path, at_line: int = 3) -> Path:
    """A CSV with a NUL byte in the middle of line ``at_line`` (a UTF-16 or binary file renamed .csv looks so)."""
    rows = [HEADER] + [ROW] * 5
    rows[at_line - 1] = rows[at_line - 1][:10] + "\x00" + rows[at_line - 1][10:]
    path.write_bytes("\n".join(rows).encode() + b"\n")
    return path


def mixed_endings_csv(path: Path) -> Path:
    """Header and rows ended by CRLF, LF and CR in turn."""
    path.write_bytes(b"Judul laporan\r\n" + HEADER.encode() + b"\r\n" + b"".join(
        ROW.replace("0001;", f"000{i};").encode() + end for i, end in enumerate((b"\r\n", b"\n", b"\r\n", b"\n"), 1)))
    return path
