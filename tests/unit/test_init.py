"""``rakor init``: the configuration of one office from its wilayah's code or name (dashboard.installation)."""

from __future__ import annotations

import pytest

from dashboard.cli import EXIT_OK, EXIT_USAGE, main
from dashboard.config import load_settings
from dashboard.installation import CONFIG_TEMPLATE, find_wilayah, render_config
from dashboard.paths import SOURCE_DIR


@pytest.fixture
def office(tmp_path, monkeypatch):
    """An empty office folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_shipped_template_is_the_documented_rakor_toml():
    assert (SOURCE_DIR / "rakor.toml").read_text(encoding="utf-8") == CONFIG_TEMPLATE
    assert render_config("35.13") == CONFIG_TEMPLATE


@pytest.mark.parametrize("value", ["63.10", "Tanah Bumbu", "KAB. TANAH BUMBU", "kabupaten tanah  bumbu"])
def test_a_code_or_a_name_writes_the_configuration(office, capsys, value):
    assert main(["init", "--wilayah", value]) == EXIT_OK
    written = office / "rakor.toml"
    settings = load_settings(config_path=written)
    assert settings.kabupaten == "63.10"
    assert settings.database == office / "data" / "rakor.duckdb"
    assert written.read_text(encoding="utf-8") == render_config("63.10")
    out = capsys.readouterr().out
    assert f"Konfigurasi untuk Kabupaten Tanah Bumbu (63.10) ditulis ke {written}" in out
    assert "`rakor demo --wilayah 63.10`" in out and "`rakor import BERKAS`" in out and "`rakor serve`" in out


def test_kabupaten_or_kota_settles_a_shared_name():
    assert find_wilayah("Kota Probolinggo").wilayah.kode == "35.74"
    assert find_wilayah("Kabupaten Probolinggo").wilayah.kode == "35.13"


def test_an_ambiguous_name_lists_the_candidates(office, capsys):
    assert main(["init", "--wilayah", "Probolinggo"]) == EXIT_USAGE
    err = capsys.readouterr().err.splitlines()
    assert err == ["Probolinggo cocok dengan lebih dari satu kabupaten/kota; sebutkan kodenya:",
                   "  35.13  Kabupaten Probolinggo", "  35.74  Kota Probolinggo"]
    assert not (office / "rakor.toml").exists()


def test_an_unknown_name_lists_the_closest(office, capsys):
    assert main(["init", "--wilayah", "Tanah Bumbo"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Wilayah tidak dikenal: Tanah Bumbo." in err and "Yang paling mirip:" in err
    assert "  63.10  Kabupaten Tanah Bumbu" in err
    assert not (office / "rakor.toml").exists()


def test_an_unknown_code_lists_its_provinsi(office, capsys):
    assert main(["init", "--wilayah", "63.99"]) == EXIT_USAGE
    assert "  63.10  Kabupaten Tanah Bumbu" in capsys.readouterr().err


def test_nothing_close_says_to_give_the_code(office, capsys):
    assert main(["init", "--wilayah", "Xyzzy"]) == EXIT_USAGE
    assert "sebutkan kode Kemendagri kabupaten/kota" in capsys.readouterr().err


def test_a_provinsi_sets_up_a_provinsi_office(office, capsys):
    """Dinas Sosial Provinsi Gorontalo: by code, or by name with the word Provinsi (Gorontalo alone is also a
    kabupaten and a kota)."""
    assert main(["init", "--wilayah", "75"]) == EXIT_OK
    assert "Konfigurasi untuk Provinsi Gorontalo (75) ditulis" in capsys.readouterr().out
    assert load_settings(config_path=office / "rakor.toml").kabupaten == "75"
    assert main(["init", "--wilayah", "Gorontalo", "--force"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert all(line in err for line in ("  75  Provinsi Gorontalo", "  75.01  Kabupaten Gorontalo",
                                        "  75.71  Kota Gorontalo"))
    assert find_wilayah("Provinsi Gorontalo").wilayah.kode == "75"
    assert find_wilayah("Kota Gorontalo").wilayah.kode == "75.71"


def test_a_kecamatan_code_names_its_kabupaten(office, capsys):
    assert main(["init", "--wilayah", "35.13.01"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "35.13.01 adalah kode kecamatan Sukapura, bukan kabupaten/kota" in err
    assert "  35.13  Kabupaten Probolinggo" in err


def test_an_existing_file_is_kept_without_force(office, capsys):
    existing = office / "rakor.toml"
    existing.write_text('kabupaten = "35.13"\n', encoding="utf-8")
    assert main(["init", "--wilayah", "63.10"]) == EXIT_USAGE
    assert existing.read_text(encoding="utf-8") == 'kabupaten = "35.13"\n'
    assert "--force" in capsys.readouterr().err
    assert main(["init", "--wilayah", "63.10", "--force"]) == EXIT_OK
    assert load_settings(config_path=existing).kabupaten == "63.10"


def test_config_names_where_it_is_written(office, capsys):
    """--config may name a file that does not exist yet; the next steps then name it too."""
    target = office / "kantor" / "rakor.toml"
    assert main(["--config", str(target), "init", "--wilayah", "35.74"]) == EXIT_OK
    assert load_settings(config_path=target).kabupaten == "35.74"
    assert f"`rakor --config {target} serve`" in capsys.readouterr().out
    assert not (office / "rakor.toml").exists()


def test_english_messages(office, capsys):
    assert main(["--lang", "en", "init", "--wilayah", "Tanah Bumbu"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Configuration for Kabupaten Tanah Bumbu (63.10) written to" in out and "Next: `rakor demo" in out
    assert main(["--lang", "en", "init", "--wilayah", "63.10"]) == EXIT_USAGE
    assert "already exists and was not overwritten; add --force" in capsys.readouterr().err
    assert main(["--lang", "en", "init", "--wilayah", "Probolinggo"]) == EXIT_USAGE
    assert "matches more than one kabupaten/kota; give its code:" in capsys.readouterr().err


def test_the_wilayah_is_required(office, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["init"])
    assert exit_.value.code == EXIT_USAGE
    assert "--wilayah" in capsys.readouterr().err
