"""Settings: defaults, then rakor.toml, then environment, then explicit arguments (dashboard.config)."""

from __future__ import annotations

import dataclasses
import inspect
import tomllib
from pathlib import Path

import pytest

from dashboard.config import DEFAULT_BIDANG, ConfigError, Keluaran, Settings, load_settings
from dashboard.paths import SOURCE_DIR

FULL_TOML = """
kabupaten = "35.14"
language = "en"
database = "db/kantor.duckdb"
secret_file = "kunci/pseudonym.key"

[desil_cutoff]
default = 3
PKH = 4
"PBI-JK" = 5

[rag]
green = 85.0
amber = 60

[bidang]
"1.06.02" = "Pemberdayaan Sosial"
"1.06.05.2.02" = "Penanganan Fakir Miskin"
"""


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    """A config folder, with the working directory somewhere else so relative paths cannot pass by accident."""
    folder = tmp_path / "kantor"
    folder.mkdir()
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("RAKOR_SECRET_FILE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (folder / "rakor.toml").write_text("", encoding="utf-8")  # tests that need settings overwrite it
    return folder


def test_a_named_config_file_that_does_not_exist_is_an_error(office):
    with pytest.raises(ConfigError, match="tidak ada"):
        load_settings(config_path=office / "salah_ketik.toml")


def test_cli_exits_2_on_a_missing_config_file(office, capsys):
    from dashboard.cli import main

    assert main(["--config", str(office / "salah_ketik.toml"), "check", "x.csv"]) == 2
    assert "salah_ketik.toml" in capsys.readouterr().err


def test_defaults_with_an_empty_config_file(office):
    settings = load_settings(config_path=office / "rakor.toml")

    assert settings.kabupaten == "35.13"
    assert settings.language == "id"
    assert settings.database == office / "data" / "rakor.duckdb"
    assert settings.secret_file == office.parent / "home" / ".config" / "rakor" / "pseudonym.key"
    assert settings.desil_cutoff == {"default": 4}
    assert (settings.rag_green_pct, settings.rag_amber_pct) == (90.0, 70.0)
    assert settings.bidang == DEFAULT_BIDANG
    assert settings.bidang is not DEFAULT_BIDANG


def test_toml_overrides_every_default(office):
    config = office / "rakor.toml"
    config.write_text(FULL_TOML, encoding="utf-8")

    settings = load_settings(config_path=config)

    assert settings == Settings(
        kabupaten="35.14", language="en", database=office / "db" / "kantor.duckdb",
        secret_file=office / "kunci" / "pseudonym.key", desil_cutoff={"default": 3, "PKH": 4, "PBI-JK": 5},
        rag_green_pct=85.0, rag_amber_pct=60.0,
        bidang={"1.06.02": "Pemberdayaan Sosial", "1.06.05.2.02": "Penanganan Fakir Miskin"})
    assert isinstance(settings.rag_amber_pct, float)


def test_relative_paths_resolve_against_the_config_folder_not_the_working_directory(office):
    config = office / "rakor.toml"
    config.write_text('database = "../gudang/rakor.duckdb"\nsecret_file = "rahasia.key"\n', encoding="utf-8")

    settings = load_settings(config_path=config)

    assert settings.database == office.parent / "gudang" / "rakor.duckdb"
    assert settings.secret_file == office / "rahasia.key"
    assert settings.database.is_absolute() and settings.secret_file.is_absolute()


def test_absolute_and_home_paths_in_toml(office, tmp_path):
    config = office / "rakor.toml"
    config.write_text(f'database = "{tmp_path / "abs.duckdb"}"\nsecret_file = "~/kunci/pseudonym.key"\n',
                      encoding="utf-8")

    settings = load_settings(config_path=config)

    assert settings.database == tmp_path / "abs.duckdb"
    assert settings.secret_file == tmp_path / "home" / "kunci" / "pseudonym.key"


def test_environment_overrides_the_toml(office, tmp_path, monkeypatch):
    config = office / "rakor.toml"
    config.write_text(FULL_TOML, encoding="utf-8")
    monkeypatch.setenv("RAKOR_DB", str(tmp_path / "env.duckdb"))
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(tmp_path / "env.key"))
    monkeypatch.setenv("RAKOR_LANG", "id")

    settings = load_settings(config_path=config)

    assert settings.database == tmp_path / "env.duckdb"
    assert settings.secret_file == tmp_path / "env.key"
    assert settings.language == "id"
    assert settings.kabupaten == "35.14"          # no environment override: the TOML value stays


def test_explicit_database_argument_wins_over_environment(office, tmp_path, monkeypatch):
    monkeypatch.setenv("RAKOR_DB", str(tmp_path / "env.duckdb"))

    settings = load_settings(config_path=office / "rakor.toml", db_path=tmp_path / "arg.duckdb")

    assert settings.database == tmp_path / "arg.duckdb"


def test_rakor_config_environment_names_the_file(office, monkeypatch):
    config = office / "kantor.toml"
    config.write_text('kabupaten = "35.13"\nlanguage = "en"\n', encoding="utf-8")
    monkeypatch.setenv("RAKOR_CONFIG", str(config))

    settings = load_settings()

    assert settings.language == "en"
    assert settings.database == office / "data" / "rakor.duckdb"


@pytest.mark.parametrize(("program", "cutoff"), [("PKH", 4), ("PBI-JK", 5), ("BPNT", 3), ("ATENSI", 3)])
def test_cutoff_for_a_program_falls_back_to_the_default(office, program, cutoff):
    config = office / "rakor.toml"
    config.write_text(FULL_TOML, encoding="utf-8")

    assert load_settings(config_path=config).cutoff_for(program) == cutoff


def test_cutoff_without_a_default_entry_is_four():
    assert Settings(desil_cutoff={"PKH": 2}).cutoff_for("BPNT") == 4


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().kabupaten = "35.14"  # type: ignore[misc]


def test_every_setting_has_a_default_and_help_text():
    text = inspect.getsource(Settings)
    for field in dataclasses.fields(Settings):
        assert field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
        declaration = text.index(f"    {field.name}: ")
        following = text[declaration:].splitlines()[1].strip()
        assert following.startswith('"""'), f"{field.name} has no help text"


def test_shipped_rakor_toml_only_uses_known_settings():
    raw = tomllib.loads((SOURCE_DIR / "rakor.toml").read_text(encoding="utf-8"))
    known = {f.name for f in dataclasses.fields(Settings)} | {"rag", "prioritas"}
    assert set(raw) <= known
    assert set(raw.get("rag", {})) <= {"green", "amber"}
    assert set(raw.get("agenda", {})) <= {"title", "items"}


def test_agenda_items_and_title_from_toml(tmp_path):
    config = tmp_path / "rakor.toml"
    config.write_text('[agenda]\ntitle = "Rakor TKSK"\nitems = ["peta", "ringkasan"]\n', encoding="utf-8")
    settings = load_settings(config_path=config)
    assert settings.agenda == ("peta", "ringkasan") and settings.rakor_title == "Rakor TKSK"
    config.write_text('[agenda]\nitems = ["ringkasan", "grafik"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="grafik"):
        load_settings(config_path=config)


def test_relative_database_on_the_command_line_is_relative_to_the_working_directory(office, monkeypatch):
    settings = load_settings(config_path=office / "rakor.toml", db_path=Path("kantor.duckdb"))

    assert settings.database == Path.cwd() / "kantor.duckdb"


def test_auth_section_defaults_paths_and_refusals(tmp_path: Path):
    config = tmp_path / "rakor.toml"
    config.write_text('database = "db/rakor.duckdb"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.auth.enabled and settings.access_store == tmp_path / "db" / "akses.sqlite"
    elsewhere = dataclasses.replace(settings, database=tmp_path / "lain" / "x.duckdb")
    assert elsewhere.access_store == tmp_path / "lain" / "akses.sqlite"  # follows the database it is given
    config.write_text('[auth]\nenabled = false\nstore = "akun/akses.sqlite"\nidle_minutes = 5\n', encoding="utf-8")
    settings = load_settings(config)
    assert not settings.auth.enabled and settings.auth.idle_minutes == 5
    assert settings.access_store == tmp_path / "akun" / "akses.sqlite"
    for text, says in (('[auth]\nenabled = "no"\n', "true atau false"), ("[auth]\nidle_minutes = 0\n", "positif"),
                       ("[auth]\npassword = 1\n", "tidak dikenal")):
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=says):
            load_settings(config)


def test_the_shipped_keluaran_and_prioritas_are_the_defaults():
    settings = load_settings(SOURCE_DIR / "rakor.toml")
    assert settings.keluaran == Settings().keluaran and settings.bobot_prioritas == Settings().bobot_prioritas


def test_keluaran_and_prioritas_from_toml_and_refusals(tmp_path: Path):
    config = tmp_path / "rakor.toml"
    config.write_text('[keluaran]\n"1.06.02" = "laporan_tksk"\n"1.06.06" = { ukuran = "kasus_selesai", kategori = '
                      '["Korban Bencana Alam"] }\n"1.06.05" = { ukuran = "kpm", program = ["PKH"] }\n'
                      '[prioritas]\nppks = 0\ncapaian = 50\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.keluaran == {"1.06.02": Keluaran("laporan_tksk"),
                                 "1.06.06": Keluaran("kasus_selesai", ("korban bencana alam",)),
                                 "1.06.05": Keluaran("kpm", ("PKH",))}  # replaces the defaults
    assert settings.bobot_prioritas == {"desil": 30.0, "ppks": 0.0, "kesenjangan": 30.0, "capaian": 50.0}
    for text, says in (('[keluaran]\n"1.06" = "uang"\n', "ukuran tidak dikenal"),
                       ('[keluaran]\n"1.06" = { ukuran = "kpm", desa = [] }\n', "keluaran"),
                       ("[prioritas]\nbobot = 1\n", "tidak dikenal"), ("[prioritas]\nppks = -1\n", ">= 0"),
                       ("[prioritas]\ndesil = 0\nppks = 0\nkesenjangan = 0\ncapaian = 0\n", "nol")):
        config.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=says):
            load_settings(config)
