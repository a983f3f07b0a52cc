"""NIK and No. KK are pseudonymised at the door: no full number in the database, its file, a log or the console.

The database records its key's fingerprint and refuses another key (or a missing key file) before writing.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import stat
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import db
from dashboard.cli import main
from dashboard.config import Settings, load_settings
from dashboard.paths import APP_FILE
from dashboard.pseudonym import KeyRefused, fingerprint, load_or_create_key
from dashboard.reference import Reference
from dashboard.web.upload import import_upload
from tests.support.accounts import TEST_OPERATOR, audit_lines
from tests.support.pseudonyms import aes_mmo_one, blake2b_one

NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
KKS = ["3513010101000001", "3513010202000002"]
NIKS = ["3513011503800001", "3513015208820002", "3513010101100003", "3513011203900004", "3513014506950005"]
IDENTIFIERS = KKS + NIKS
SIXTEEN_DIGITS = re.compile(r"\d{16}")
ARABIC_INDIC_NIK = "\u0663" + NIKS[0][1:]  # 16 digits, the first of another script: no NIK, and never hashed


def dtks_rows() -> list[list[str]]:
    kk_of = [KKS[0]] * 3 + [KKS[1]] * 2
    return [["NO KK", "NIK", "NAMA", "KODE WILAYAH", "DESIL", "TGL UPDATE", "CATATAN PETUGAS"]] + [
        [kk, nik, f"WARGA {i}", NGADISARI if kk == KKS[0] else WONOTORO, "2", "2025-05-20", "cek lapangan"]
        for i, (kk, nik) in enumerate(zip(kk_of, NIKS, strict=True), start=1)]


def penerima_rows() -> list[list[str]]:
    return [["PROGRAM", "TAHUN", "TAHAP", "NIK", "NO KK", "KODE WILAYAH", "NOMINAL"],
            ["PKH", "2025", "Tahap 1", NIKS[0], KKS[0], NGADISARI, "750.000"],
            ["PKH", "2025", "Tahap 1", NIKS[3], KKS[1], WONOTORO, "750.000"],
            ["PKH", "2025", "Tahap 1", "", KKS[1], WONOTORO, "750.000"]]


def bad_nik_files(folder: Path, csv_writer, xlsx_writer) -> list[Path]:
    """Refused files whose NIK cells are near-misses of real numbers (still personal data)."""
    rows_15 = dtks_rows()
    rows_15[2][1] = NIKS[1][:15]
    rows_letters = dtks_rows()
    rows_letters[3][1] = NIKS[2][:14] + "AB"
    rows_sci = dtks_rows()
    rows_sci[4][1] = "3.51301E+15"
    rows_numeric = dtks_rows()
    rows_numeric[5][1] = int(NIKS[4])
    rows_script = dtks_rows()
    rows_script[1][1] = ARABIC_INDIC_NIK
    return [csv_writer(folder / "bad_15.csv", rows_15), csv_writer(folder / "bad_letters.csv", rows_letters),
            csv_writer(folder / "bad_sci.csv", rows_sci), csv_writer(folder / "bad_script.csv", rows_script),
            xlsx_writer(folder / "bad_numeric.xlsx", {"DTKS": rows_numeric})]


@dataclasses.dataclass(frozen=True)
class Imported:
    settings: Settings
    console: str


@pytest.fixture(scope="module")
def imported(tmp_path_factory, template_database, csv_writer, xlsx_writer, reference_cache) -> Imported:
    """DTKS and penerima checked and imported through the command line, plus refused files with bad NIKs.

    Built once for this module (about twenty CLI runs); everything the console showed is kept.
    """
    root = tmp_path_factory.mktemp("pseudonymisation")
    folder = root / "files"
    folder.mkdir()
    dtks = csv_writer(folder / "dtks_mei.csv", dtks_rows())
    penerima = csv_writer(folder / "pkh_tahap1.csv", penerima_rows())
    bad = bad_nik_files(folder, csv_writer, xlsx_writer)
    database = root / "data" / "rakor.duckdb"
    database.parent.mkdir()
    shutil.copyfile(template_database, database)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("RAKOR_DB", "RAKOR_CONFIG", "RAKOR_LANG"):
            patch.delenv(name, raising=False)
        patch.setenv("RAKOR_SECRET_FILE", str(root / "secret" / "pseudonym.key"))
        patch.setattr(Reference, "from_connection", staticmethod(reference_cache))
        (root / "rakor.toml").write_text('kabupaten = "35.13"\n', encoding="utf-8")
        config = ["--config", str(root / "rakor.toml"), "--db", str(database)]
        with redirect_stdout(out), redirect_stderr(err):
            codes = [main([*config, "check", str(dtks)]), main([*config, "import", str(dtks)]),
                     main([*config, "import", "penerima", str(penerima)]), main([*config, "check", str(penerima)])]
            codes += [main([*config, command, str(path)]) for path in bad for command in ("check", "import")]
        settings = load_settings(config_path=root / "rakor.toml", db_path=database)
    assert codes == [0, 0, 0, 0] + [1] * 2 * len(bad), err.getvalue()
    return Imported(settings, out.getvalue() + err.getvalue())


def test_console_output_never_shows_an_identifier(imported):
    console = imported.console
    assert "Diimpor 5 baris dtks dari dtks_mei.csv" in console
    assert "dtks_mei.csv: lolos validasi (5 baris dtks, 2025-05)" in console
    assert "KESALAHAN: bad_15.csv, baris 3, kolom NIK: Harus 16 digit angka (berisi 15 digit)" in console
    assert "KESALAHAN: bad_letters.csv, baris 4, kolom NIK: Harus 16 digit angka (berisi karakter lain)" in console
    assert "KESALAHAN: bad_sci.csv, baris 5, kolom NIK: Nomor ditulis Excel sebagai angka ilmiah" in console
    assert "KESALAHAN: bad_numeric.xlsx, lembar DTKS, baris 6, kolom NIK: Nomor tersimpan sebagai angka" in console
    assert "KESALAHAN: bad_script.csv, baris 2, kolom NIK: Harus 16 digit angka (berisi karakter lain)" in console
    assert ARABIC_INDIC_NIK not in console
    for identifier in IDENTIFIERS:
        assert identifier not in console
    assert NIKS[1][:15] not in console
    assert NIKS[2][:14] not in console
    assert "3.51301E+15" not in console
    assert not re.search(r"\d{12,}", console)


def test_no_column_holds_a_16_digit_number(imported, varchar_columns):
    con = db.connect_readonly(imported.settings.database)
    try:
        columns = list(varchar_columns(con))
        assert ("dtks_individu", "nik_hash") in columns and ("penerima", "no_kk_mask") in columns
        for table, column in columns:
            found = con.execute(
                f'select "{column}" from "{table}" where regexp_matches("{column}", \'\\d{{16}}\')').fetchall()
            if (table, column) == ("import_log", "sha256"):
                # hex digests may contain a digit run by chance; they must be digests, not identifiers
                assert all(re.fullmatch(r"[0-9a-f]{64}", v) and not any(i in v for i in IDENTIFIERS)
                           for (v,) in found)
                continue
            assert found == [], f"{table}.{column} holds 16-digit values"
        warnings = con.execute("select warnings from import_log where warnings is not null").fetchall()
    finally:
        con.close()
    assert warnings and "Kolom tidak dikenali dan diabaikan: CATATAN PETUGAS" in warnings[0][0]
    assert not any(SIXTEEN_DIGITS.search(w) for (w,) in warnings)


def test_database_file_bytes_hold_no_identifier(imported):
    database = imported.settings.database
    assert b"351301******0001" in database.read_bytes()       # the masked forms are there, as a sanity check
    for path in (database, database.with_name(database.name + ".prev")):
        content = path.read_bytes()
        for identifier in IDENTIFIERS:
            assert identifier.encode() not in content, f"{identifier} found in {path.name}"


def test_masked_form_keeps_region_and_last_four_digits(imported, fetch):
    settings = imported.settings
    masks = fetch(settings, "select nik_mask, no_kk_mask from dtks_individu order by nik_mask")
    assert masks == sorted((n[:6] + "******" + n[-4:], k[:6] + "******" + k[-4:])
                           for n, k in zip(NIKS, [KKS[0]] * 3 + [KKS[1]] * 2, strict=True))
    assert all(re.fullmatch(r"\d{6}\*{6}\d{4}", m) for row in masks for m in row)
    assert fetch(settings, "select nik_mask, no_kk_mask from penerima order by nik_mask nulls last") == [
        ("351301******0001", "351301******0001"), ("351301******0004", "351301******0002"),
        (None, "351301******0002")]


def test_same_identifier_hashes_the_same_in_dtks_and_penerima(imported, fetch):
    settings = imported.settings
    matched = fetch(settings, """
        select p.nik_mask, d.nik_mask, d.no_kk_hash = p.no_kk_hash from penerima p
        join dtks_individu d on d.nik_hash = p.nik_hash order by 1""")
    assert matched == [("351301******0001", "351301******0001", True),
                       ("351301******0004", "351301******0004", True)]
    assert fetch(settings, "select count(*) from penerima p join dtks_keluarga k on k.no_kk_hash = p.no_kk_hash") == [
        (3,)]
    hashes = fetch(settings, "select nik_hash from dtks_individu")
    assert len({h for (h,) in hashes}) == 5
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{16}", h) for (h,) in hashes)


def test_another_secret_gives_other_hashes(write_csv, settings, import_one, fetch, tmp_path, monkeypatch):
    path = write_csv("dtks_mei.csv", dtks_rows())
    import_one(path)
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(tmp_path / "kantor_lain" / "pseudonym.key"))
    other = dataclasses.replace(load_settings(db_path=tmp_path / "lain.duckdb"), database=tmp_path / "lain.duckdb")
    assert other.secret_file != settings.secret_file

    import_one(path, using=other)

    mine = {h for (h,) in fetch(settings, "select nik_hash from dtks_individu")}
    theirs = {h for (h,) in fetch(other, "select nik_hash from dtks_individu")}
    assert len(mine) == len(theirs) == 5
    assert mine.isdisjoint(theirs)
    assert fetch(settings, "select nik_mask from dtks_individu order by 1") == fetch(
        other, "select nik_mask from dtks_individu order by 1")


def test_secret_is_created_on_first_use_private_and_outside_the_database(write_csv, settings, import_one):
    assert not settings.secret_file.exists()

    import_one(write_csv("dtks_mei.csv", dtks_rows()))

    assert settings.secret_file.exists()
    assert stat.S_IMODE(settings.secret_file.stat().st_mode) == 0o600
    key_hex = settings.secret_file.read_text(encoding="ascii").strip()
    assert re.fullmatch(r"[0-9a-f]{64}", key_hex)
    assert settings.secret_file.parent != settings.database.parent
    content = settings.database.read_bytes()
    assert key_hex.encode() not in content
    assert bytes.fromhex(key_hex) not in content
    assert load_or_create_key(settings.secret_file) == bytes.fromhex(key_hex)   # reused, not regenerated


def test_damaged_secret_file_is_refused_rather_than_replaced(tmp_path):
    key = tmp_path / "pseudonym.key"
    key.write_text("abcd", encoding="ascii")

    with pytest.raises(ValueError, match="rusak"):
        load_or_create_key(key)
    assert key.read_text(encoding="ascii") == "abcd"


# --- the database records its key and refuses another -----------------------------------------------------------

MATCHES = "select count(*) from penerima p join dtks_individu d on d.nik_hash = p.nik_hash"


def dtks_juni() -> list[list[str]]:
    """The June snapshot: the May rows updated, so its content (and checksum) differs."""
    return [row if i == 0 else [*row[:5], "2025-06-02", row[6]] for i, row in enumerate(dtks_rows())]


def live_files(settings: Settings) -> dict[str, bytes]:
    """Every file of the database next to it (live, .prev, lock), byte for byte; not the access store, where the
    refused upload's audit line belongs."""
    return {p.name: p.read_bytes() for p in sorted(settings.database.parent.iterdir())
            if not p.name.startswith(settings.access_store.name)}


def with_key(settings: Settings, key_file: Path) -> Settings:
    return dataclasses.replace(settings, secret_file=key_file)


@pytest.fixture
def built(settings, write_csv, import_one, fetch) -> Settings:
    """The test database with DTKS and penerima imported with this test's key: two recipients match DTKS."""
    assert import_one(write_csv("dtks_mei.csv", dtks_rows())).status == "imported"
    assert import_one(write_csv("pkh_tahap1.csv", penerima_rows()), kind="penerima").status == "imported"
    assert fetch(settings, MATCHES) == [(2,)]
    return settings


@pytest.fixture
def other_key(tmp_path) -> Path:
    """A second, valid key file: another OS user's or another laptop's."""
    path = tmp_path / "pengguna_lain" / "pseudonym.key"
    load_or_create_key(path)
    return path


def test_first_import_records_the_key_fingerprint_never_the_key(built, fetch):
    key = load_or_create_key(built.secret_file)
    recorded = fetch(built, "select fingerprint, key_file from pseudonym_key")

    assert recorded == [(fingerprint(key), str(built.secret_file))]
    assert re.fullmatch(r"[0-9a-f]{16}", recorded[0][0])
    assert recorded[0][0] not in key.hex() and key.hex() not in recorded[0][0]
    assert fingerprint(load_or_create_key(built.secret_file.with_name("lain.key"))) != recorded[0][0]
    assert key.hex().encode() not in built.database.read_bytes()


def test_import_with_another_key_is_refused_and_writes_nothing(built, other_key, write_csv, import_one, fetch):
    before = live_files(built)
    expected, found = fingerprint(load_or_create_key(built.secret_file)), fingerprint(load_or_create_key(other_key))
    penerima = penerima_rows()
    penerima[1][2] = "Tahap 2"

    with pytest.raises(KeyRefused) as refused:
        import_one(write_csv("pkh_tahap2.csv", penerima), kind="penerima", using=with_key(built, other_key))

    assert live_files(built) == before
    assert fetch(built, MATCHES) == [(2,)]
    message = refused.value.message("id")
    assert message.startswith(f"Kunci penyamaran salah: basis data {built.database} dibuat dengan kunci {expected} "
                              f"(berkas {built.secret_file}), tetapi berkas kunci {other_key} berisi kunci {found}.")
    assert "arahkan RAKOR_SECRET_FILE (atau secret_file di rakor.toml) ke berkas kunci asli" in message
    assert "pulihkan berkas itu dari cadangan" in message
    assert refused.value.message("en").startswith("Wrong pseudonymisation key: database")


def test_missing_key_file_is_refused_and_not_created(built, write_csv, import_one, check_one, tmp_path):
    before = live_files(built)
    missing = tmp_path / "laptop_baru" / "pseudonym.key"

    for run in (import_one, check_one):
        with pytest.raises(KeyRefused, match="expected") as refused:
            run(write_csv("dtks_juni.csv", dtks_juni()), periode="2025-06", using=with_key(built, missing))
        assert refused.value.message().startswith(f"Berkas kunci penyamaran {missing} tidak ada, padahal basis data")

    assert not missing.exists() and not missing.parent.exists()
    assert live_files(built) == before


def test_upload_on_the_data_page_with_another_key_is_shown_as_refused(built, other_key):
    before = live_files(built)
    content = "\n".join(",".join(row) for row in dtks_juni()).encode()

    outcome = import_upload("dtks_juni.csv", content, with_key(built, other_key), TEST_OPERATOR, "id")

    assert outcome.status == "refused"
    assert outcome.lines[0].startswith("Kunci penyamaran salah: basis data")
    assert live_files(built) == before
    assert audit_lines(built) == [(TEST_OPERATOR.name, "impor", "dtks_juni.csv", "-: refused")]


def test_a_second_check_under_the_lock_refuses_a_key_recorded_meanwhile(built, other_key):
    """Two imports started together: the one that takes the lock second finds the other's key on the copy."""
    before = live_files(built)

    with pytest.raises(KeyRefused), db.write_session(built, load_or_create_key(other_key)):
        pytest.fail("the session must not start")

    assert live_files(built) == before


def test_app_start_with_another_or_no_key_is_refused_without_creating_a_key(built, other_key, tmp_path):
    db.ensure_database(built)
    missing = tmp_path / "server" / "pseudonym.key"

    with pytest.raises(KeyRefused):
        db.ensure_database(with_key(built, other_key))
    with pytest.raises(KeyRefused):
        db.ensure_database(with_key(built, missing))

    assert not missing.parent.exists()


def test_app_shows_an_indonesian_error_page_for_another_key(built, other_key, config_file, monkeypatch):
    for name, value in (("RAKOR_DB", built.database), ("RAKOR_CONFIG", config_file), ("RAKOR_SECRET_FILE", other_key)):
        monkeypatch.setenv(name, str(value))
    st.cache_resource.clear()
    try:
        app = AppTest.from_file(str(APP_FILE), default_timeout=60)
        app.run()
    finally:
        st.cache_resource.clear()

    assert not app.exception
    (error,) = app.error
    assert error.value.startswith("Kunci penyamaran salah: basis data")
    assert str(other_key) in error.value and "pulihkan berkas itu dari cadangan" in error.value
    assert not app.table and not app.dataframe


def test_cli_refuses_another_key_with_exit_status_2(built, other_key, config_file, write_csv, monkeypatch):
    before = live_files(built)
    monkeypatch.setenv("RAKOR_SECRET_FILE", str(other_key))
    path = write_csv("dtks_juni.csv", dtks_juni())
    runs = {}
    for command in ("import", "check"):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--config", str(config_file), "--db", str(built.database), command, "dtks", str(path),
                         "--periode", "2025-06"])
        runs[command] = code, out.getvalue(), err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        english = main(["--config", str(config_file), "--db", str(built.database), "--lang", "en", "import",
                        str(path)])

    for code, stdout, stderr in runs.values():
        assert code == 2
        assert stdout == ""
        assert stderr.startswith(f"rakor: Kunci penyamaran salah: basis data {built.database} dibuat dengan kunci ")
        assert f"berkas kunci {other_key} berisi kunci {fingerprint(load_or_create_key(other_key))}" in stderr
    assert english == 2 and "Wrong pseudonymisation key" in err.getvalue()
    assert live_files(built) == before


def test_a_new_database_records_the_aes_scheme_and_hashes_with_it(built, fetch):
    key = load_or_create_key(built.secret_file)

    assert fetch(built, "select scheme from pseudonym_key") == [("aes-mmo",)]
    assert {h for (h,) in fetch(built, "select nik_hash from dtks_individu")} == {aes_mmo_one(key, n) for n in NIKS}


def test_a_database_built_with_blake2b_keeps_its_scheme_after_the_migration(settings, write_csv, import_one, fetch):
    """A database recorded its key before schemes existed: the migration names its scheme BLAKE2b, and later
    imports hash with it, so its new rows still match its old ones."""
    db.ensure_database(settings)
    key = load_or_create_key(settings.secret_file)
    con = duckdb.connect(str(settings.database))
    try:  # as the code before 2026-12-04 left it: schema 8, the key recorded without a scheme
        con.execute("alter table pseudonym_key drop column scheme")
        con.execute("delete from schema_version where version >= 9")
        con.execute("insert into pseudonym_key values ($f, $p, now())",
                    {"f": fingerprint(key), "p": str(settings.secret_file)})
    finally:
        con.close()

    assert import_one(write_csv("dtks_mei.csv", dtks_rows())).status == "imported"
    assert import_one(write_csv("pkh_tahap1.csv", penerima_rows()), kind="penerima").status == "imported"

    assert fetch(settings, "select scheme from pseudonym_key") == [("blake2b",)]
    assert {h for (h,) in fetch(settings, "select nik_hash from dtks_individu")} == {blake2b_one(key, n) for n in NIKS}
    assert fetch(settings, MATCHES) == [(2,)]


def forget_key(settings: Settings) -> None:
    """Make the database look as it did before keys were recorded: schema 3, no pseudonym_key (nor later) table."""
    con = duckdb.connect(str(settings.database))
    try:
        for version, path in db.migration_files():  # every table a later migration creates, so it can run again
            for table in re.findall(r"create table (?:if not exists )?(\w+)", path.read_text("utf-8"), re.I):
                if version >= 4:
                    con.execute(f'drop table if exists "{table}"')
        con.execute("delete from schema_version where version >= 4")
        con.execute("checkpoint")
    finally:
        con.close()


def test_database_from_before_fingerprints_adopts_the_key_of_its_next_import(built, write_csv, import_one, fetch):
    forget_key(built)
    db.ensure_database(built)            # the app migrates it but records no key
    assert fetch(built, "select count(*) from pseudonym_key") == [(0,)]

    outcome = import_one(write_csv("dtks_juni.csv", dtks_juni()), periode="2025-06")

    assert outcome.status == "imported"
    key = load_or_create_key(built.secret_file)
    assert fetch(built, "select fingerprint from pseudonym_key") == [(fingerprint(key),)]


def test_database_from_before_fingerprints_with_hashes_gets_no_new_key(built, write_csv, import_one, tmp_path):
    forget_key(built)
    missing = tmp_path / "laptop_baru" / "pseudonym.key"
    db.ensure_database(with_key(built, missing))      # the app migrates it; nothing to check, no key created
    assert not missing.exists()
    before = live_files(built)

    with pytest.raises(KeyRefused) as refused:
        import_one(write_csv("dtks_juni.csv", dtks_juni()), periode="2025-06", using=with_key(built, missing))

    assert not missing.exists()
    assert refused.value.message().startswith(f"Berkas kunci penyamaran {missing} tidak ada, padahal basis data "
                                              f"{built.database} sudah berisi NIK/No. KK tersamar")
    assert live_files(built) == before
