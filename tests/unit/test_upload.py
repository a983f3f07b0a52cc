"""Uploads keep their own file name (it appears in messages and the log) but never a path."""

import pytest

from dashboard.imports.runner import Outcome
from dashboard.web.upload import safe_name, split_messages


@pytest.mark.parametrize(("given", "expected"), [
    ("dtks_2026-10.csv", "dtks_2026-10.csv"),
    ("../../etc/passwd", "passwd"),
    ("C:\\\\data\\\\rekap tksk.xlsx", "rekap tksk.xlsx"),
    ("/etc/passwd", "passwd"),
    ("..\\..\\x.csv", "x.csv"),
    ("dtks\x00.csv", "dtks.csv"),
    ("..", "berkas"),
    (".bashrc", "bashrc"),
    ("<script>alert(1)</script>.csv", "script_.csv"),
    ("a" * 300 + ".csv", "a" * 116 + ".csv"),
    ("", "berkas"),
])
def test_safe_name(given, expected):
    assert safe_name(given) == expected


def test_split_messages_puts_row_messages_below_the_summary():
    outcome = Outcome(path=None, status="refused", lines=[
        "KESALAHAN: a.csv, baris 3, kolom NIK: Harus 16 digit angka (berisi 15 digit)",
        "PERINGATAN: a.csv: Kolom tidak dikenali dan diabaikan: X",
        "a.csv DITOLAK: 1 kesalahan; tidak ada data yang ditulis"])
    summary, details = split_messages(outcome)
    assert summary == ["a.csv DITOLAK: 1 kesalahan; tidak ada data yang ditulis"]
    assert [line.split(":")[0] for line in details] == ["KESALAHAN", "PERINGATAN"]
