"""``rakor user``, the demo's first account and the audit lines the command line writes (dashboard/access)."""

from __future__ import annotations

import io
import re
import sys

import pytest

from dashboard import cli
from dashboard.access import accounts
from dashboard.config import Auth
from tests.support.accounts import audit_lines
from tests.support.rows import dtks


def rakor(settings, *argv: str, stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(["--db", str(settings.database), *argv])


def test_user_commands_read_the_password_from_stdin_never_from_the_command_line(settings, monkeypatch, capsys):
    store = settings.access_store
    assert rakor(settings, "user", "add", "sari", "--role", "operator", stdin="sandi-sari-123\n",
                 monkeypatch=monkeypatch) == cli.EXIT_OK
    assert accounts.sign_in(store, "sari", "sandi-sari-123", Auth()).status == "ok"
    assert rakor(settings, "user", "passwd", "sari", stdin="sandi-baru-456\n", monkeypatch=monkeypatch) == 0
    assert accounts.sign_in(store, "sari", "sandi-sari-123", Auth()).status == "wrong"
    assert rakor(settings, "user", "disable", "sari") == 0
    assert accounts.sign_in(store, "sari", "sandi-baru-456", Auth()).status == "disabled"
    capsys.readouterr()
    assert rakor(settings, "user", "list") == 0
    assert re.search(r"^sari\s+operator\s+nonaktif", capsys.readouterr().out, re.MULTILINE)
    assert rakor(settings, "user", "enable", "sari") == 0
    assert accounts.sign_in(store, "sari", "sandi-baru-456", Auth()).status == "ok"
    actions = [(actor.split(":")[0], action) for actor, action, _, _ in audit_lines(settings)]
    assert actions == [("cli", "akun_tambah"), ("sari", "masuk"), ("cli", "akun_sandi"), ("sari", "masuk_gagal"),
                       ("cli", "akun_nonaktif"), ("sari", "masuk_gagal"), ("cli", "akun_aktif"), ("sari", "masuk")]


@pytest.mark.parametrize(("argv", "stdin", "code", "says"), [
    (["add", "sari", "--role", "operator"], "pendek\n", cli.EXIT_REFUSED, "terlalu pendek"),
    (["add", "Sari Dewi", "--role", "operator"], "sandi-panjang-1\n", cli.EXIT_REFUSED, "tidak sah"),
    (["add", "sari", "--role", "operator"], "", cli.EXIT_USAGE, "tidak ada kata sandi"),
    (["passwd", "tidak-ada"], "sandi-panjang-1\n", cli.EXIT_REFUSED, "tidak ada"),
    (["add", "sari", "--role", "kepala"], "sandi-panjang-1\n", cli.EXIT_USAGE, "kepala"),
    (["add", "sari", "sandi-panjang-1", "--role", "operator"], "", cli.EXIT_USAGE, "sandi-panjang-1"),
], ids=["short", "name", "no-password", "unknown", "role", "password-as-argument"])
def test_user_commands_refuse_with_a_reason(settings, monkeypatch, capsys, argv, stdin, code, says):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        assert rakor(settings, "user", *argv) == code
    except SystemExit as exited:  # argparse: a wrong choice or an extra argument
        assert exited.code == code
    assert says in capsys.readouterr().err
    assert accounts.listing(settings.access_store).empty


def test_the_first_demo_prints_its_account_once_and_that_password_signs_in(settings, monkeypatch, capsys):
    from dashboard.demo import build

    monkeypatch.setattr(build, "build_demo", lambda *args, **kw: [])
    assert rakor(settings, "demo", "--scale", "1k") == cli.EXIT_OK
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Akun demo")]
    password = re.search(r"kata sandi (\S+) \(peran admin\)", line).group(1)
    assert accounts.sign_in(settings.access_store, "demo", password, Auth()).user.role == "admin"
    assert rakor(settings, "demo", "--scale", "1k") == cli.EXIT_OK
    assert "Akun demo" not in capsys.readouterr().out


def test_command_line_imports_are_in_the_audit_log(settings, write_csv, capsys):
    path = write_csv("dtks_mei.csv", dtks(4))
    assert rakor(settings, "import", "dtks", str(path)) == cli.EXIT_OK
    assert rakor(settings, "import", "dtks", str(path)) == cli.EXIT_OK  # unchanged, logged as such
    lines = [line for line in audit_lines(settings) if line[1] == "impor"]
    assert [(a.startswith("cli:"), target, detail) for a, _, target, detail in lines] == [
        (True, "dtks_mei.csv", "dtks: imported"), (True, "dtks_mei.csv", "dtks: unchanged")]
