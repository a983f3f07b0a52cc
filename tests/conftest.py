"""Shared fixtures for the importer tests.

Every test runs with its own settings: a database under ``tmp_path`` and a pseudonymisation key under
``tmp_path`` (set through ``RAKOR_SECRET_FILE``), so no test reads the office's environment or writes the
real key in ``~/.config``. Building the schema and loading the 91,599 reference codes takes about a second,
so it is done once per session and each test gets a copy of that template database.

The page, query and browser tests read one demo database (``demo``), also built once per session.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dashboard import db
from dashboard.config import Settings, load_settings
from dashboard.imports.runner import Outcome, check_files, import_files
from dashboard.reference import Reference
from tests.support.demo import DemoDatabase, build_test_demo

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
SAMPLES_DIR = FIXTURES_DIR / "samples"

Rows = Sequence[Sequence[object]]


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No office environment leaks in, and the key file always lands in the test's own folder."""
    for name in ("RAKOR_DB", "RAKOR_CONFIG", "RAKOR_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(tmp_path / "secret" / "pseudonym.key"))


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the reference loaded, built once and copied by ``settings``."""
    path = tmp_path_factory.mktemp("template") / "rakor.duckdb"
    con = duckdb.connect(str(path))
    try:
        db.prepare(con, Settings())
        con.execute("checkpoint")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabase:
    """The small demo database, built once per session for the sql, app, browser and upload tests (it was built
    once per layer, the suite's slowest setup).

    Built on first request only, so a run without those tests never pays for it. Read only: a test that writes
    takes ``demo_copy``. It opens with its own key (``demo.env``, ``demo.settings()``), not the test's.
    """
    return build_test_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_copy(demo: DemoDatabase, tmp_path: Path) -> DemoDatabase:
    """This test's own copy of the demo database, to import into or change; same files and key."""
    return demo.copy_to(tmp_path / "demo")


_REFERENCES: dict[tuple, Reference] = {}
_build_reference = Reference.from_connection


def _cached_reference(con: duckdb.DuckDBPyConnection, kabupaten: str) -> Reference:
    """Reference.from_connection, built once per distinct wilayah table (it is read-only shipped data)."""
    identity = con.execute("select count(*), min(kode), max(kode), max(length(nama)) from wilayah").fetchall()[0]
    key = (kabupaten, *identity)
    if key not in _REFERENCES:
        _REFERENCES[key] = _build_reference(con, kabupaten)
    return _REFERENCES[key]


@pytest.fixture(scope="session")
def reference_cache() -> Callable[[duckdb.DuckDBPyConnection, str], Reference]:
    """The memoised Reference builder, for fixtures wider than a test that patch it themselves."""
    return _cached_reference


@pytest.fixture
def _shared_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the wilayah Reference (0.3-0.5 s from 91,599 rows) once per session instead of once per file.

    Every test database is a copy of the same template, so the reference is the same; the real builder runs
    on first use, and tests that change the wilayah table get their own entry.
    """
    monkeypatch.setattr(Reference, "from_connection", staticmethod(_cached_reference))


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A minimal rakor.toml for Kabupaten Probolinggo, so tests do not depend on the project's own file."""
    path = tmp_path / "config" / "rakor.toml"
    path.parent.mkdir()
    path.write_text('kabupaten = "35.13"\nlanguage = "id"\n', encoding="utf-8")
    return path


@pytest.fixture
def fresh_settings(tmp_path: Path, config_file: Path, _shared_reference: None) -> Settings:
    """Settings whose database does not exist yet."""
    return load_settings(config_path=config_file, db_path=tmp_path / "data" / "rakor.duckdb")


@pytest.fixture
def settings(fresh_settings: Settings, template_database: Path) -> Settings:
    """Settings with a current, empty (reference-only) database in ``tmp_path``."""
    fresh_settings.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template_database, fresh_settings.database)
    return fresh_settings


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    path = tmp_path / "files"
    path.mkdir()
    return path


def csv_file(path: Path, rows: Rows, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False,
             lineterminator: str = "\r\n") -> Path:
    """Write ``rows`` as an office would: chosen delimiter and encoding, optionally a UTF-8 BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))
    return path


def xlsx_file(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write one sheet per entry; rows go from A1 down, so title rows come first and ``[]`` is an empty row."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


@pytest.fixture(scope="session")
def csv_writer() -> Callable[..., Path]:
    """``csv_writer(path, rows, delimiter=",", encoding="utf-8", bom=False)`` for fixtures wider than a test."""
    return csv_file


@pytest.fixture(scope="session")
def xlsx_writer() -> Callable[..., Path]:
    """``xlsx_writer(path, {sheet: rows})`` for fixtures wider than a test."""
    return xlsx_file


@pytest.fixture
def write_csv(files_dir: Path) -> Callable[..., Path]:
    """``write_csv(name, rows, delimiter=",", encoding="utf-8", bom=False)`` -> the file in this test's folder."""

    def write(name: str, rows: Rows, **options: object) -> Path:
        return csv_file(files_dir / name, rows, **options)

    return write


@pytest.fixture
def write_xlsx(files_dir: Path) -> Callable[..., Path]:
    """``write_xlsx(name, {sheet: rows})`` -> the file in this test's folder (title rows first, then header)."""

    def write(name: str, sheets: dict[str, Rows]) -> Path:
        return xlsx_file(files_dir / name, sheets)

    return write


@pytest.fixture
def sample_file(files_dir: Path) -> Callable[[str], Path]:
    """A copy of one of the office-shaped sample files (kept in tests/fixtures/samples)."""

    def copy(name: str) -> Path:
        target = files_dir / name
        shutil.copyfile(SAMPLES_DIR / name, target)
        return target

    return copy


def _quiet(_: str) -> None:
    """Progress callback that shows nothing."""


@pytest.fixture
def import_one(request: pytest.FixtureRequest) -> Callable[..., Outcome]:
    """Import one file into the test database (or ``using=`` other settings) and return its Outcome."""

    def run(path: Path, kind: str | None = None, periode: str | None = None, lang: str = "id",
            using: Settings | None = None) -> Outcome:
        target = using or request.getfixturevalue("settings")
        (outcome,) = import_files([path], target, kind=kind, periode=periode, progress=_quiet, lang=lang)
        return outcome

    return run


@pytest.fixture
def check_one(request: pytest.FixtureRequest) -> Callable[..., Outcome]:
    """Check one file against the test database (writes nothing) and return its Outcome."""

    def run(path: Path, kind: str | None = None, periode: str | None = None, lang: str = "id",
            using: Settings | None = None) -> Outcome:
        target = using or request.getfixturevalue("settings")
        (outcome,) = check_files([path], target, kind=kind, periode=periode, progress=_quiet, lang=lang)
        return outcome

    return run


def _connect(settings: Settings) -> duckdb.DuckDBPyConnection:
    return db.connect_readonly(settings.database)


@pytest.fixture
def fetch() -> Callable[..., list[tuple]]:
    """``fetch(settings, sql, params)``: rows of a query on a read-only connection."""

    def run(settings: Settings, sql: str, params: dict | None = None) -> list[tuple]:
        con = _connect(settings)
        try:
            return con.execute(sql, params or {}).fetchall()
        finally:
            con.close()

    return run


def snapshot(settings: Settings) -> dict[str, object]:
    """Row count of every table plus the whole import log, read-only; ``{}`` when there is no database."""
    if not settings.database.exists():
        return {}
    con = _connect(settings)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
        counts = {t: con.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in tables}
        log = con.execute("select * from import_log order by import_id").fetchall() if "import_log" in counts else []
    finally:
        con.close()
    return {"counts": counts, "import_log": log}


@pytest.fixture
def db_snapshot() -> Callable[[Settings], dict[str, object]]:
    """``db_snapshot(settings)``: table row counts and import_log rows, to prove nothing was written."""
    return snapshot


def iter_varchar_columns(con: duckdb.DuckDBPyConnection) -> Iterable[tuple[str, str]]:
    """(table, column) of every VARCHAR column in the main schema."""
    return con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'main' and data_type = 'VARCHAR' order by 1, 2"
    ).fetchall()


@pytest.fixture
def varchar_columns() -> Callable[[duckdb.DuckDBPyConnection], Iterable[tuple[str, str]]]:
    return iter_varchar_columns
