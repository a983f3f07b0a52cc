"""No full 16-digit NIK or No. KK leaves the input files: after the demo build, a round of imports (command line
and upload) and of exports (follow-up lists, the deck as PPTX, PDF and XLSX), the database file, every export
(unzipped, the PDF's text extracted), the log records and everything printed hold none of the demo's numbers.

The demo's own generated files (``demo.files``) are the inputs and hold full numbers by design; they are where
the numbers are read from, never scanned. The page screenshots (tests/artifacts) show only what the pages show,
whose queries return ``nik_mask`` only (tests/sql/test_cakupan.py checks the mask of every follow-up list).
"""

from __future__ import annotations

import logging
import re
from functools import partial
from pathlib import Path

import duckdb
import pypdf

from dashboard.db import connect_readonly
from dashboard.exports.deck import write_deck
from dashboard.filters import QUARTER, Filters
from dashboard.imports.runner import import_files
from dashboard.queries import run_query
from dashboard.views import cakupan
from dashboard.web.upload import import_upload
from tests.support.accounts import TEST_OPERATOR
from tests.support.office import office_bytes

SIXTEEN = re.compile(rb"(?<!\d)\d{16}(?!\d)")


def _secrets(files: Path) -> set[bytes]:
    """Every 16-digit number in the demo's input files: the NIK and No. KK of the DTKS and recipient lists."""
    found: set[bytes] = set()
    for path in files.iterdir():
        if path.suffix.lower() in (".csv", ".txt"):
            found |= set(SIXTEEN.findall(path.read_bytes()))
    return found


def _database_texts(database: Path) -> bytes:
    """Every text and integer value of every table, as text: the file's own bytes may hold strings compressed."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type in ('VARCHAR', 'BIGINT', 'HUGEINT', 'UBIGINT', 'DECIMAL(18,0)')"
            " or data_type like 'DECIMAL(%'").fetchall()
        chunks = []
        for schema, table, column in columns:
            rows = con.execute(f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" '
                               f'where regexp_matches(cast("{column}" as varchar), \'\\d{{16}}\')').fetchall()
            chunks += [str(value).encode() for (value,) in rows]
        return b"\n".join(chunks)
    finally:
        con.close()


def test_no_full_nik_or_kk_in_database_logs_or_exports(demo_copy, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    secrets = _secrets(demo_copy.files)
    assert len(secrets) > 1000  # the scan looks for real numbers, not an empty set
    settings = demo_copy.settings()
    inputs = sorted(p for p in demo_copy.files.iterdir() if p.name.startswith(("dtks_", "penerima_")))

    outcomes = import_files(inputs[:2], settings, progress=print)  # a re-import: unchanged, said by name
    dtks = next(p for p in inputs if p.name.startswith("dtks_"))
    changed = dtks.read_bytes().replace(b"\r\n", b"\n")  # same rows, other bytes: validated and stored again
    outcomes.append(import_upload(dtks.name, changed, settings, TEST_OPERATOR))
    assert outcomes[-1].status == "imported", outcomes[-1].lines
    broken = tmp_path / "dtks_rusak.csv"  # a refused file: its error lines name rows, never the number
    broken.write_bytes(dtks.read_bytes().replace(b";", b";x", 40))
    outcomes += import_files([broken], settings, progress=print)
    for outcome in outcomes:
        print("\n".join(outcome.lines))

    out = tmp_path / "keluar"
    out.mkdir()
    con = connect_readonly(settings.database)
    try:
        run = partial(run_query, con)
        kabupaten = cakupan.load_cakupan(run, Filters(2026, QUARTER, 3, None, "PKH"), settings)
        code = kabupaten.kabupaten["kode"].iloc[0]  # a kecamatan: its follow-up lists name people
        data = cakupan.load_cakupan(run, Filters(2026, QUARTER, 3, code, "PKH"), settings)
        for kind in ("exclusion", "inclusion", "unmatched"):
            table = cakupan.followup_table(data, kind)
            assert len(table), kind
            (out / f"{kind}.xlsx").write_bytes(cakupan.followup_xlsx(table, cakupan.excel_title(data, kind)))
    finally:
        con.close()
    written = write_deck(demo_copy.deck(Filters(2026, QUARTER, 3)), out, progress=print)
    assert {p.suffix for p in written} == {".pptx", ".pdf", ".xlsx"}

    captured = capsys.readouterr()
    scanned = {
        "database file": settings.database.read_bytes(),
        "database values": _database_texts(settings.database),
        "stdout": captured.out.encode(), "stderr": captured.err.encode(),
        "log": "\n".join(r.getMessage() for r in caplog.records).encode(),
    }
    for path in out.iterdir():
        if path.suffix in (".xlsx", ".pptx"):
            scanned[path.name] = office_bytes(path)
        elif path.suffix == ".pdf":
            scanned[path.name] = path.read_bytes() + "\n".join(
                page.extract_text() for page in pypdf.PdfReader(path).pages).encode()
    assert b"dtks_rusak.csv" in scanned["stdout"]  # the refusal was printed, and is scanned
    leaks = {where: sorted(set(SIXTEEN.findall(data)) & secrets)[:3] for where, data in scanned.items()}
    assert {where: found for where, found in leaks.items() if found} == {}
