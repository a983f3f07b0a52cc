"""``rakor backup``, ``rakor restore`` and ``rakor versions``: the archive holds the database and a manifest but
never the key, a restore gives back the same data and refuses to overwrite, a damaged archive or another key is
refused or named loudly, and the key travels only as its own file."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import tarfile
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.config import Settings, load_settings
from dashboard.pseudonym import fingerprint, load_or_create_key
from tests.conftest import snapshot

NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"


def dtks_rows(first: int) -> list[list[str]]:
    header = ["NO KK", "NIK", "NAMA", "KODE WILAYAH", "DESIL", "TGL UPDATE"]
    return [header] + [[f"35130101010{first:05d}", f"35130115038{first + i:05d}", f"WARGA {i}",
                        NGADISARI if i % 2 else WONOTORO, "2", "2025-05-20"] for i in range(4)]


@pytest.fixture
def imported(settings, write_csv, import_one) -> Settings:
    """The test database after one DTKS import (so it records its key)."""
    outcome = import_one(write_csv("dtks_2025-05.csv", dtks_rows(1)))
    assert outcome.status != "ditolak", outcome.lines
    return settings


def rakor(config_file: Path, database: Path, *args: str) -> int:
    return main(["--config", str(config_file), "--db", str(database), *args])


def only_archive(folder: Path) -> Path:
    (archive,) = folder.glob("rakor-backup-*.tar")
    return archive


def test_backup_writes_one_archive_with_the_database_and_a_manifest_but_no_key(imported, config_file, tmp_path,
                                                                                capsys):
    folder = tmp_path / "cadangan"
    assert rakor(config_file, imported.database, "backup", str(folder)) == 0
    out, err = capsys.readouterr()
    archive = only_archive(folder)
    assert archive.name.startswith("rakor-backup-35.13-")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert list(folder.iterdir()) == [archive]  # no key file, no leftover copy
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["database.duckdb", "manifest.json"]
        manifest = json.loads(tar.extractfile("manifest.json").read())
        data = tar.extractfile("database.duckdb").read()
    key = load_or_create_key(imported.secret_file)
    assert manifest["wilayah"] == "35.13"
    assert manifest["key_fingerprint"] == fingerprint(key)
    assert manifest["key_included"] is False
    assert manifest["schema_version"] >= 7 and manifest["product_version"]
    assert manifest["stores"] == {"database": "present", "access": "not present", "meetings": "not present"}
    assert manifest["files"][0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["latest_import"]["file_name"] == "dtks_2025-05.csv"
    assert data == imported.database.read_bytes()
    assert key.hex().encode() not in archive.read_bytes()
    assert str(archive) in out
    assert "kunci penyamaran" in err and str(imported.secret_file) in err and "--with-key" in err


def test_restore_into_an_empty_place_gives_the_same_data(imported, config_file, tmp_path, capsys):
    rakor(config_file, imported.database, "backup", str(tmp_path / "b"))
    capsys.readouterr()
    elsewhere = tmp_path / "lain" / "rakor.duckdb"
    assert rakor(config_file, elsewhere, "restore", str(only_archive(tmp_path / "b"))) == 0
    out, err = capsys.readouterr()
    assert "Dipulihkan" in out and "dtks_2025-05.csv" in out
    assert err == ""  # same key in place: nothing to warn about
    restored = load_settings(config_path=config_file, db_path=elsewhere)
    assert snapshot(restored) == snapshot(imported)
    assert not elsewhere.with_name("rakor.duckdb.restore").exists()


def test_restore_refuses_an_existing_database_without_force_and_keeps_it_with_force(
        imported, config_file, tmp_path, write_csv, import_one, capsys):
    rakor(config_file, imported.database, "backup", str(tmp_path / "b"))
    archive = only_archive(tmp_path / "b")
    before_backup = snapshot(imported)
    import_one(write_csv("dtks_2025-06.csv", dtks_rows(20)))
    after = snapshot(imported)
    assert after != before_backup
    capsys.readouterr()
    assert rakor(config_file, imported.database, "restore", str(archive)) == 2
    assert "--force" in capsys.readouterr().err
    assert snapshot(imported) == after
    assert rakor(config_file, imported.database, "restore", str(archive), "--force") == 0
    assert snapshot(imported) == before_backup
    kept = imported.database.with_name("rakor.duckdb.before-restore")
    assert str(kept) in capsys.readouterr().out
    assert snapshot(Settings(database=kept)) == after


def _tampered(archive: Path, target: Path) -> Path:
    """The same archive with one byte of the database changed, the manifest untouched."""
    with tarfile.open(archive) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    with tarfile.open(target, "w") as tar:
        for member, data in members:
            if member.name == "database.duckdb":
                data = data[:5000] + bytes([data[5000] ^ 1]) + data[5001:]
            tar.addfile(member, io.BytesIO(data))
    return target


def test_a_damaged_or_foreign_archive_is_refused_and_nothing_is_written(imported, config_file, tmp_path, capsys):
    rakor(config_file, imported.database, "backup", str(tmp_path / "b"))
    tampered = _tampered(only_archive(tmp_path / "b"), tmp_path / "rakor-backup-ubah.tar")
    target = tmp_path / "baru" / "rakor.duckdb"
    capsys.readouterr()
    assert rakor(config_file, target, "restore", str(tampered)) == 1
    assert "DITOLAK" in capsys.readouterr().err
    assert not target.exists() and not target.with_name("rakor.duckdb.restore").exists()
    foreign = tmp_path / "bukan.tar"
    foreign.write_bytes(b"ini bukan arsip")
    assert rakor(config_file, target, "--lang", "en", "restore", str(foreign)) == 2
    assert "not a readable rakor backup archive" in capsys.readouterr().err
    assert not target.exists()


def test_with_key_writes_the_key_as_its_own_file_with_a_loud_warning_in_both_languages(imported, config_file,
                                                                                       tmp_path, capsys):
    folder = tmp_path / "b"
    assert rakor(config_file, imported.database, "backup", str(folder), "--with-key") == 0
    err = capsys.readouterr().err
    (key_file,) = folder.glob("*-KUNCI-RAHASIA.key")
    assert key_file.name == only_archive(folder).name.removesuffix(".tar") + "-KUNCI-RAHASIA.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_text().strip() == imported.secret_file.read_text().strip()
    assert "KUNCI RAHASIA" in err and "TERPISAH" in err  # Indonesian
    assert "SECRET KEY" in err and "APART" in err  # and English
    with tarfile.open(only_archive(folder)) as tar:
        assert "KUNCI" not in " ".join(tar.getnames())


def test_restore_under_another_key_says_so_loudly_and_key_installs_only_where_none_is(
        imported, config_file, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "b"
    rakor(config_file, imported.database, "backup", str(folder), "--with-key")
    archive, (key_file,) = only_archive(folder), folder.glob("*-KUNCI-RAHASIA.key")
    original = fingerprint(load_or_create_key(imported.secret_file))
    other_key = tmp_path / "kantor-baru" / "pseudonym.key"
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(other_key))
    load_or_create_key(other_key)
    capsys.readouterr()

    assert rakor(config_file, tmp_path / "a" / "rakor.duckdb", "restore", str(archive)) == 0
    err = capsys.readouterr().err
    assert "PERHATIAN" in err and original in err and "--key" in err
    assert rakor(config_file, tmp_path / "e" / "rakor.duckdb", "--lang", "en", "restore", str(archive)) == 0
    assert "can only be matched with its original key" in capsys.readouterr().err

    target = tmp_path / "c" / "rakor.duckdb"
    assert rakor(config_file, target, "restore", str(archive), "--key", str(key_file)) == 2
    assert "--force" in capsys.readouterr().err
    assert not target.exists()  # refused before anything was written
    assert fingerprint(load_or_create_key(other_key)) != original
    assert rakor(config_file, target, "restore", str(archive), "--key", str(key_file), "--force") == 0
    out, err = capsys.readouterr()
    assert fingerprint(load_or_create_key(other_key)) == original and err == ""
    assert stat.S_IMODE(other_key.stat().st_mode) == 0o600
    assert other_key.with_name("pseudonym.key.before-restore").exists() and "before-restore" in out

    fresh_key = tmp_path / "kosong" / "pseudonym.key"
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(fresh_key))
    assert rakor(config_file, tmp_path / "d" / "rakor.duckdb", "restore", str(archive), "--key", str(key_file)) == 0
    assert fingerprint(load_or_create_key(fresh_key)) == original
    assert stat.S_IMODE(fresh_key.stat().st_mode) == 0o600


def test_a_key_file_of_another_backup_is_refused(imported, config_file, tmp_path, capsys):
    rakor(config_file, imported.database, "backup", str(tmp_path / "b"))
    stranger = tmp_path / "asing.key"
    load_or_create_key(stranger)
    target = tmp_path / "c" / "rakor.duckdb"
    capsys.readouterr()
    assert rakor(config_file, target, "restore", str(only_archive(tmp_path / "b")), "--key", str(stranger)) == 2
    assert "dibuat dengan kunci" in capsys.readouterr().err
    assert not target.exists()


def test_versions_lists_the_live_file_and_the_previous_one_with_their_latest_imports(
        imported, config_file, write_csv, import_one, capsys):
    import_one(write_csv("dtks_2025-06.csv", dtks_rows(20)))
    capsys.readouterr()
    assert rakor(config_file, imported.database, "versions") == 0
    live, previous = capsys.readouterr().out.splitlines()
    assert live.startswith("aktif") and "dtks_2025-06.csv (dtks, " in live
    assert previous.startswith("sebelum impor terakhir") and "dtks_2025-05.csv (dtks, " in previous
    assert str(imported.database) + ".prev" in previous


def test_a_backup_that_cannot_be_written_or_lacks_its_key_says_so_and_leaves_nothing(imported, config_file, tmp_path,
                                                                                    monkeypatch, capsys):
    blocked = tmp_path / "penuh"
    blocked.mkdir()
    with monkeypatch.context() as patch:
        patch.setattr("dashboard.backup.tarfile.TarFile.addfile", _no_space)
        assert rakor(config_file, imported.database, "backup", str(blocked)) == 2
    assert "tidak dapat ditulis" in capsys.readouterr().err
    assert list(blocked.iterdir()) == []
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(tmp_path / "tidak-ada.key"))
    assert rakor(config_file, imported.database, "backup", str(blocked), "--with-key") == 2
    assert "tidak-ada.key" in capsys.readouterr().err
    assert list(blocked.iterdir()) == []


def _no_space(*_: object) -> None:
    raise OSError(28, "No space left on device")


def test_accounts_and_audit_log_travel_with_the_backup_and_are_never_rolled_back(imported, config_file, tmp_path,
                                                                                  capsys):
    from dashboard.access import accounts
    from dashboard.config import Auth
    from tests.support.accounts import audit_lines

    accounts.add(imported.access_store, "sari", "operator", "sandi-sari-123", "cli:uji")
    assert rakor(config_file, imported.database, "backup", str(tmp_path / "b")) == 0
    archive = only_archive(tmp_path / "b")
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == ["akses.sqlite", "database.duckdb", "manifest.json"]
        assert json.loads(tar.extractfile("manifest.json").read())["stores"] == {
            "database": "present", "access": "present", "meetings": "not present"}
    elsewhere = load_settings(config_path=config_file, db_path=tmp_path / "lain" / "rakor.duckdb")
    assert rakor(config_file, elsewhere.database, "restore", str(archive)) == 0
    assert "Akun dan log audit dipulihkan" in capsys.readouterr().out
    assert accounts.sign_in(elsewhere.access_store, "sari", "sandi-sari-123", Auth()).status == "ok"
    assert [line[1] for line in audit_lines(elsewhere)] == ["akun_tambah", "pulihkan", "masuk"]
    # restoring over a place with its own log keeps that log: nothing is taken back
    before = audit_lines(imported)
    assert rakor(config_file, imported.database, "restore", str(archive), "--force") == 0
    assert "dipertahankan" in capsys.readouterr().out
    assert audit_lines(imported)[:len(before)] == before and audit_lines(imported)[-1][1] == "pulihkan"
    assert [line[1] for line in before] == ["akun_tambah", "cadangkan"]
