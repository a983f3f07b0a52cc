"""``rakor user add|passwd|disable|enable|list`` and the demo's first account.

A password is asked for at the terminal (twice, unseen) or read from the first line of standard input when it is
piped; it is never an argument, where the shell history and ``ps`` would show it.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from pathlib import Path

from dashboard.access import accounts
from dashboard.access.audit import terminal_actor
from dashboard.access.roles import ADMIN, ROLES
from dashboard.i18n import register, t

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
DEMO_ACCOUNT = "demo"

register({
    "cli_user": ("kelola akun masuk (add, passwd, disable, enable, list)",
                 "manage sign-in accounts (add, passwd, disable, enable, list)"),
    "cli_user_add": ("tambah akun; kata sandi ditanyakan (atau dibaca dari stdin)",
                     "add an account; the password is asked for (or read from stdin)"),
    "cli_user_passwd": ("ganti kata sandi (juga membuka kunci dan menutup sesinya)",
                        "change a password (also unlocks the account and ends its sessions)"),
    "cli_user_disable": ("nonaktifkan akun (sesinya langsung berakhir)", "disable an account (its sessions end)"),
    "cli_user_enable": ("aktifkan kembali akun", "enable an account again"),
    "cli_user_list": ("daftar akun", "list the accounts"),
    "cli_user_name": ("nama akun (huruf kecil, angka, . _ -)", "account name (lower case, digits, . _ -)"),
    "cli_user_role": ("peran: {roles}", "role: {roles}"),
    "password_prompt": ("Kata sandi untuk {name}: ", "Password for {name}: "),
    "password_again": ("Ulangi kata sandi: ", "Repeat the password: "),
    "password_mismatch": ("rakor: kedua kata sandi berbeda; tidak ada yang diubah",
                          "rakor: the two passwords differ; nothing changed"),
    "password_none": ("rakor: tidak ada kata sandi di stdin; tidak ada yang diubah",
                      "rakor: no password on stdin; nothing changed"),
    "user_added": ("Akun {name} ({role}) dibuat di {store}", "Account {name} ({role}) created in {store}"),
    "user_passwd_done": ("Kata sandi {name} diganti; sesi terbukanya ditutup", "Password of {name} changed; its open "
                         "sessions ended"),
    "user_disabled": ("Akun {name} dinonaktifkan; sesi terbukanya ditutup", "Account {name} disabled; its open "
                      "sessions ended"),
    "user_enabled": ("Akun {name} aktif kembali", "Account {name} enabled again"),
    "user_none": ("Belum ada akun di {store}. Buat: rakor user add NAMA --role admin",
                  "No accounts yet in {store}. Create one: rakor user add NAME --role admin"),
    "user_line": ("{name:<20} {role:<9} {state:<9} masuk terakhir: {last}  terkunci sampai: {locked}",
                  "{name:<20} {role:<9} {state:<9} last sign-in: {last}  locked until: {locked}"),
    "user_active": ("aktif", "active"),
    "user_inactive": ("nonaktif", "disabled"),
    "demo_account": (
        "Akun demo: nama {name}, kata sandi {password} (peran admin). Ditampilkan sekali ini saja; ganti dengan "
        "`rakor user passwd {name}`.",
        "Demo account: name {name}, password {password} (role admin). Shown this once only; change it with "
        "`rakor user passwd {name}`.",
    ),
})


def add_parser(sub: argparse._SubParsersAction, lang: str) -> None:
    """The ``user`` command and its five actions."""
    user = sub.add_parser("user", help=t("cli_user", lang))
    actions = user.add_subparsers(dest="action", required=True, metavar="{add,passwd,disable,enable,list}")
    add = actions.add_parser("add", help=t("cli_user_add", lang))
    add.add_argument("name", metavar="NAMA" if lang == "id" else "NAME", help=t("cli_user_name", lang))
    add.add_argument("--role", required=True, choices=ROLES, help=t("cli_user_role", lang, roles=", ".join(ROLES)))
    for action in ("passwd", "disable", "enable"):
        one = actions.add_parser(action, help=t(f"cli_user_{action}", lang))
        one.add_argument("name", metavar="NAMA" if lang == "id" else "NAME", help=t("cli_user_name", lang))
    actions.add_parser("list", help=t("cli_user_list", lang))


def read_password(name: str, lang: str) -> str | None:
    """Twice at a terminal (None when they differ), else the first line of stdin (None when empty)."""
    if sys.stdin.isatty():
        first = getpass.getpass(t("password_prompt", lang, name=name))
        if getpass.getpass(t("password_again", lang)) != first:
            print(t("password_mismatch", lang), file=sys.stderr)
            return None
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        print(t("password_none", lang), file=sys.stderr)
        return None
    return line


def run_user(args: argparse.Namespace, store: Path, lang: str) -> int:
    try:
        return _run(args, store, lang)
    except accounts.AccountError as refusal:
        print(f"rakor: {t(refusal.key, lang, **refusal.params)}", file=sys.stderr)
        return EXIT_REFUSED


def _run(args: argparse.Namespace, store: Path, lang: str) -> int:
    actor = terminal_actor()
    if args.action == "list":
        return _list(store, lang)
    if args.action in ("add", "passwd"):
        if args.action == "add":  # the name is checked before a password is asked for
            accounts.check_name(args.name)
        password = read_password(args.name, lang)
        if password is None:
            return EXIT_USAGE
        if args.action == "add":
            accounts.add(store, args.name, args.role, password, actor)
            print(t("user_added", lang, name=args.name, role=args.role, store=store))
        else:
            accounts.set_password(store, args.name, password, actor)
            print(t("user_passwd_done", lang, name=args.name))
        return EXIT_OK
    active = args.action == "enable"
    accounts.set_active(store, args.name, active, actor)
    print(t("user_enabled" if active else "user_disabled", lang, name=args.name))
    return EXIT_OK


def _list(store: Path, lang: str) -> int:
    frame = accounts.listing(store)
    if frame.empty:
        print(t("user_none", lang, store=store))
        return EXIT_OK
    for row in frame.itertuples():
        print(t("user_line", lang, name=row.name, role=row.role,
                state=t("user_active" if row.active else "user_inactive", lang),
                last=row.last_sign_in or "-", locked=row.locked_until or "-"))
    return EXIT_OK


def demo_account(store: Path, lang: str) -> str | None:
    """The first account of a demo (admin, random password), announced once; None when accounts exist."""
    if accounts.has_accounts(store):
        return None
    password = secrets.token_urlsafe(12)
    accounts.add(store, DEMO_ACCOUNT, ADMIN, password, terminal_actor())
    return t("demo_account", lang, name=DEMO_ACCOUNT, password=password)
