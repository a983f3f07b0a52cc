"""The database remembers the wilayah it holds: created for the configured one, it then decides over rakor.toml
(the app, ``rakor deck`` and imports use it, with a one-line notice where the configuration differs)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from dashboard import db
from dashboard.cli import main
from dashboard.config import load_settings
from dashboard.formatting import format_number
from dashboard.imports.runner import import_files
from tests.support.apptest import open_app
from tests.support.coverage import expected_counts

NOTICE = ("Basis data ini berisi data Kabupaten Probolinggo (35.13); rakor.toml menyebut Kabupaten Tanah Bumbu "
          "(63.10). Yang ditampilkan: Kabupaten Probolinggo (35.13).")
DTKS = [["NIK", "NO KK", "KODE WILAYAH", "TANGGAL PEMUTAKHIRAN"],
        ["3513011503800001", "3513010101000001", "35.13.01.2001", "2025-05-20"]]


@pytest.fixture
def tanah_bumbu(tmp_path):
    """A rakor.toml saying 63.10 (Kabupaten Tanah Bumbu)."""
    path = tmp_path / "tanah_bumbu" / "rakor.toml"
    path.parent.mkdir()
    path.write_text('kabupaten = "63.10"\n', encoding="utf-8")
    return path


def held(settings) -> str | None:
    with db.connect_readonly(settings.database) as con:
        return db.held_wilayah(con)


def test_a_new_database_holds_the_configured_wilayah(tmp_path, tanah_bumbu):
    settings = load_settings(config_path=tanah_bumbu, db_path=tmp_path / "baru.duckdb")
    db.ensure_database(settings)
    assert held(settings) == "63.10"
    assert db.effective_settings(settings) == (settings, None)


def test_the_database_decides_over_the_configuration(settings, tanah_bumbu):
    """Created under 35.13 (the test template), opened with a configuration saying 63.10."""
    other = load_settings(config_path=tanah_bumbu, db_path=settings.database)
    effective, differs = db.effective_settings(other)
    assert effective.kabupaten == "35.13" and effective.database == settings.database
    assert differs.message("id") == NOTICE
    assert differs.message("en") == ("This database holds Kabupaten Probolinggo (35.13); rakor.toml names Kabupaten "
                                     "Tanah Bumbu (63.10). Shown: Kabupaten Probolinggo (35.13).")
    db.ensure_database(other)  # a write session never moves the database to the configured wilayah
    with db.write_session(other):
        pass
    assert held(settings) == "35.13"


def test_imports_are_checked_against_the_database_wilayah(settings, tanah_bumbu, write_csv, _shared_reference):
    other = load_settings(config_path=tanah_bumbu, db_path=settings.database)
    (outcome,) = import_files([write_csv("dtks.csv", DTKS)], other, progress=lambda _m: None)
    assert outcome.status == "imported", outcome.lines


def test_the_command_line_says_so_in_one_line(settings, tanah_bumbu, write_csv, capsys):
    code = main(["--config", str(tanah_bumbu), "--db", str(settings.database), "check",
                 str(write_csv("dtks.csv", DTKS))])
    assert code == 0
    err = capsys.readouterr().err
    assert f"rakor: {NOTICE}" in err.splitlines()


def test_an_existing_database_adopts_the_configured_wilayah(tmp_path, tanah_bumbu, monkeypatch):
    """A database from before migration 0006 holds no wilayah; its next write session records the configured."""
    old = tmp_path / "migrations"
    old.mkdir()
    for version, path in db.migration_files():
        if version < 6:
            shutil.copyfile(path, old / path.name)
    settings = load_settings(config_path=tanah_bumbu, db_path=tmp_path / "lama.duckdb")
    with monkeypatch.context() as patch:
        patch.setattr(db, "MIGRATIONS_DIR", old)
        patch.setattr(db, "derived_outdated", lambda _con: False)  # today's derived SQL reads later views
        with duckdb.connect(str(settings.database)) as con:
            db.prepare(con, settings)
            con.execute("checkpoint")
    assert held(settings) is None
    assert db.effective_settings(settings) == (settings, None)  # nothing recorded yet: the configuration applies

    db.ensure_database(settings)

    assert held(settings) == "63.10"
    with db.connect_readonly(settings.database) as con:
        assert db.schema_version_readonly(con) == db.migration_files()[-1][0]


def test_the_app_shows_the_database_wilayah_and_a_notice(demo, tanah_bumbu, monkeypatch):
    """The 35.13 demo database served with a configuration saying 63.10: 35.13's figures, never empty pages."""
    app = open_app({**demo.env, "RAKOR_CONFIG": str(tanah_bumbu)}, monkeypatch)

    assert [info.value for info in app.info] == [NOTICE]
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Individu DTKS"] == format_number(expected_counts(demo.files)["n_individu"].sum())
    assert "Sukapura" in app.selectbox(key="filter.kecamatan").options  # 35.13.01: the kecamatan of 35.13
