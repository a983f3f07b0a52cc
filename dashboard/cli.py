"""Command line: ``rakor [--db PATH] [--config PATH] [--lang id|en] COMMAND``.

Exit status: 0 done (including "already imported"), 1 data refused (nothing written),
2 wrong usage or configuration (such as another pseudonymisation key than the database's), unreadable file, or a
full disk (nothing written).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from dashboard import backup as backups
from dashboard.access import audit
from dashboard.access import commands as user_commands
from dashboard.cliparser import RakorParser, language_of
from dashboard.config import ConfigError, Settings, load_settings
from dashboard.db import DiskFull
from dashboard.filters import GRANULARITIES, Filters
from dashboard.i18n import register, t
from dashboard.imports.kinds import KINDS
from dashboard.imports.runner import REFUSED, UNREADABLE, Outcome, check_files, import_files
from dashboard.installation import find_wilayah, write_config
from dashboard.meetings import commands as meeting_commands
from dashboard.paths import DEFAULT_CONFIG
from dashboard.pseudonym import KeyRefused
from dashboard.queries import run_query
from dashboard.scale import command as export_command

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


register({
    "cli_description": ("Rakor Dashboard (Dinas Sosial)", "Rakor Dashboard (social welfare office)"),
    "cli_db": ("berkas DuckDB (atau RAKOR_DB)", "DuckDB file (or RAKOR_DB)"),
    "cli_config": ("berkas rakor.toml (atau RAKOR_CONFIG)", "rakor.toml file (or RAKOR_CONFIG)"),
    "cli_lang": ("bahasa pesan: id atau en (atau RAKOR_LANG)", "message language: id or en (or RAKOR_LANG)"),
    "cli_demo": ("bangun basis data demo (bawaan: Kabupaten Probolinggo, 35.13)",
                 "build the demo database (default: Kabupaten Probolinggo, 35.13)"),
    "cli_demo_wilayah": ("kode Kemendagri kabupaten/kota demo, mis. 63.10 (bawaan: 35.13)",
                         "Kemendagri code of the demo's kabupaten/kota, e.g. 63.10 (default: 35.13)"),
    "cli_scale": ("jumlah individu DTKS, mis. 300k, 2M, 10M (bawaan: 300k; dengan --wilayah: 40%% penduduknya)",
                  "number of DTKS individuals, e.g. 300k, 2M, 10M (default: 300k; with --wilayah: 40%% of its "
                  "population)"),
    "demo_no_wilayah": ("rakor: {code} bukan kode kabupaten/kota atau provinsi di wilayah.csv (mis. 35.13, 75)",
                        "rakor: {code} is not a kabupaten/kota or provinsi code in wilayah.csv (e.g. 35.13, 75)"),
    "cli_files": ("folder berkas demo (bawaan: di samping basis data)",
                  "folder for the demo files (default: next to the database)"),
    "cli_seed": ("benih acak (bawaan: angka kode wilayah, mis. 3513)",
                 "random seed (default: the wilayah code's digits, e.g. 3513)"),
    "cli_import": ("impor berkas", "import files"),
    "cli_check": ("periksa berkas tanpa menulis", "check files without writing"),
    "cli_items": ("jenis ({kinds}) lalu berkas", "kind ({kinds}) then files"),
    "cli_items_metavar": ("[JENIS] BERKAS", "[KIND] FILE"),
    "cli_periode": ("periode snapshot DTKS (YYYY-MM)", "DTKS snapshot period (YYYY-MM)"),
    "cli_program_import": ("program bila berkas tidak punya kolom program (mis. PKH)",
                           "programme when the file has no programme column (e.g. PKH)"),
    "cli_tahap": ("tahap bila berkas tidak punya kolom tahap (mis. 2 atau Tahap 2)",
                  "tahap when the file has no tahap column (e.g. 2 or Tahap 2)"),
    "cli_tahun_import": ("tahun bila berkas tidak punya kolom tahun", "year when the file has no year column"),
    "cli_serve": ("jalankan dasbor", "start the dashboard"),
    "cli_port": ("porta jaringan dasbor", "the dashboard's network port"),
    "cli_deck": ("tulis berkas rakor: PPTX, PDF dan Excel", "write the rakor files: PPTX, PDF and Excel"),
    "cli_tahun": ("tahun (bawaan: tahun terbaru yang ada datanya)", "year (default: the latest year with data)"),
    "cli_granularity": ("tahun, triwulan atau bulan", "tahun (year), triwulan (quarter) or bulan (month)"),
    "cli_ke": ("triwulan 1-4 atau bulan 1-12", "quarter 1-4 or month 1-12"),
    "cli_kecamatan": ("kode kecamatan, mis. 35.13.01 (bawaan: semua)", "kecamatan code, e.g. 35.13.01 (default: all)"),
    "cli_kab": ("kode kab/kota bila basis data satu provinsi, mis. 75.02 (bawaan: semua)",
                "kab/kota code when the database holds a provinsi, e.g. 75.02 (default: all)"),
    "cli_program": ("program, mis. PKH (bawaan: semua)", "programme, e.g. PKH (default: all)"),
    "cli_out": ("folder tujuan (bawaan: folder ini)", "output folder (default: this folder)"),
    "cli_deck_meeting": ("berkas rakor yang sudah disiapkan, dengan angka bekuannya (rakor meeting list)",
                         "the files of a prepared rakor, with its frozen figures (rakor meeting list)"),
    "deck_meeting_filters": ("rakor: filter diambil dari rakor {id}; jangan sebut {names}",
                             "rakor: the filters come from rakor {id}; do not give {names}"),
    "cli_no_files": ("rakor: berkas belum disebutkan", "rakor: no file given"),
    "path_missing": ("{path} tidak ada", "{path} does not exist"),
    "path_is_folder": ("{path} adalah folder, bukan berkas; sebutkan berkas di dalamnya",
                       "{path} is a folder, not a file; name the files in it"),
})


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The whole command line, every word of it in ``lang``."""
    def h(key: str, **params: object) -> str:
        return t(key, lang, **params)

    parser = RakorParser(prog="rakor", description=h("cli_description"), lang=lang)
    parser.add_argument("--db", type=Path, metavar="DB", help=h("cli_db"))
    parser.add_argument("--config", type=Path, metavar="TOML", help=h("cli_config"))
    parser.add_argument("--lang", choices=("id", "en"), help=h("cli_lang"))
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="{init,demo,import,check,serve,deck,backup,restore,versions,user,meeting,export}")
    init = sub.add_parser("init", help=h("cli_init"))
    init.add_argument("--wilayah", required=True, metavar="KODE|NAMA", help=h("cli_wilayah"))
    init.add_argument("--force", action="store_true", help=h("cli_force"))
    demo = sub.add_parser("demo", help=h("cli_demo"))
    demo.add_argument("--wilayah", metavar="KODE", help=h("cli_demo_wilayah"))
    demo.add_argument("--scale", metavar="N", help=h("cli_scale"))
    demo.add_argument("--files", type=Path, metavar="FOLDER", help=h("cli_files"))
    demo.add_argument("--seed", type=int, metavar="N", help=h("cli_seed"))
    for name in ("import", "check"):
        cmd = sub.add_parser(name, help=h(f"cli_{name}"))
        cmd.add_argument("items", nargs="+", metavar=h("cli_items_metavar"),
                         help=h("cli_items", kinds=", ".join(KINDS)))
        cmd.add_argument("--periode", metavar="YYYY-MM", help=h("cli_periode"))
        cmd.add_argument("--program", help=h("cli_program_import"))
        cmd.add_argument("--tahap", help=h("cli_tahap"))
        cmd.add_argument("--tahun", help=h("cli_tahun_import"))
    serve = sub.add_parser("serve", help=h("cli_serve"))
    serve.add_argument("--port", type=int, default=8501, metavar="N", help=h("cli_port"))
    deck = sub.add_parser("deck", help=h("cli_deck"))
    add_filter_options(deck, lang)
    deck.add_argument("--meeting", metavar="ID", help=h("cli_deck_meeting"))
    deck.add_argument("--out", type=Path, default=Path("."), metavar="FOLDER", help=h("cli_out"))
    backup = sub.add_parser("backup", help=h("cli_backup"))
    backup.add_argument("dir", nargs="?", type=Path, default=Path("backup"), metavar="DIR", help=h("cli_backup_dir"))
    backup.add_argument("--with-key", action="store_true", help=h("cli_with_key"))
    restore = sub.add_parser("restore", help=h("cli_restore"))
    restore.add_argument("file", type=Path, metavar="FILE", help=h("cli_restore_file"))
    restore.add_argument("--force", action="store_true", help=h("cli_restore_force"))
    restore.add_argument("--key", type=Path, metavar="KEYFILE", help=h("cli_restore_key"))
    sub.add_parser("versions", help=h("cli_versions"))
    user_commands.add_parser(sub, lang)
    meeting_commands.add_parser(sub, lang, add_filter_options)
    export_command.add_parser(sub, lang)
    return parser


FILTER_OPTIONS = ("tahun", "periode", "ke", "kab", "kecamatan", "program")


def add_filter_options(command: argparse.ArgumentParser, lang: str) -> None:
    """The filters of ``rakor deck`` and ``rakor meeting create``: the sidebar's, as the app's URL names them."""
    command.add_argument("--tahun", help=t("cli_tahun", lang))
    command.add_argument("--periode", choices=GRANULARITIES, help=t("cli_granularity", lang))
    command.add_argument("--ke", help=t("cli_ke", lang))
    command.add_argument("--kab", metavar="KODE", help=t("cli_kab", lang))
    command.add_argument("--kecamatan", help=t("cli_kecamatan", lang))
    command.add_argument("--program", help=t("cli_program", lang))


def filter_params(args: argparse.Namespace) -> dict[str, str | None]:
    return {name: getattr(args, name) for name in FILTER_OPTIONS}


def parse_scale(text: str) -> int:
    """``300k`` -> 300000, ``2M`` -> 2000000, ``10000`` -> 10000."""
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if factor > 1 else text
    return int(float(number.replace(",", ".")) * factor)


def _split_kind(items: list[str]) -> tuple[str | None, list[Path]]:
    if items[0] in KINDS:
        return items[0], [Path(p) for p in items[1:]]
    return None, [Path(p) for p in items]


def _looks_like_kind(item: str, rest: list[str]) -> bool:
    """A first word that is no file and has no file suffix, followed by files, was meant as a kind."""
    path = Path(item)
    return bool(rest) and not path.exists() and not path.suffix and len(path.parts) == 1


def _usage_problems(items: list[str], lang: str) -> list[str]:
    """Why the named kind and files cannot be read, each in one line; empty when they can."""
    if items[0] not in KINDS and _looks_like_kind(items[0], items[1:]):
        return [t("kind_unsupported", lang, kind=items[0], kinds=", ".join(KINDS))]
    kind, paths = _split_kind(items)
    if not paths:
        return [t("cli_no_files", lang)]
    problems = []
    for path in paths:
        if path.is_dir():
            problems.append(t("file_unreadable", lang, reason=t("path_is_folder", lang, path=path)))
        elif not path.is_file():
            problems.append(t("file_unreadable", lang, reason=t("path_missing", lang, path=path)))
    return problems


def _exit_code(outcomes: list[Outcome]) -> int:
    statuses = {o.status for o in outcomes}
    if UNREADABLE in statuses:
        return EXIT_USAGE
    return EXIT_REFUSED if REFUSED in statuses else EXIT_OK


def _report(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        stream = sys.stderr if outcome.status in (REFUSED, UNREADABLE) else sys.stdout
        for line in outcome.notices:
            print(line, file=sys.stderr)
        for line in outcome.lines:
            print(line, file=stream)


def _progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def run_files(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    problems = _usage_problems(args.items, lang)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_USAGE
    kind, paths = _split_kind(args.items)
    constants = {name: value for name, value in (("program", args.program), ("periode", args.tahap),
                                                 ("tahun", args.tahun)) if value}
    action = import_files if args.command == "import" else check_files
    outcomes = action(paths, settings, kind=kind, periode=args.periode, progress=_progress, lang=lang,
                      constants=constants)
    if args.command == "import":
        audit.imports(settings.access_store, audit.terminal_actor(), None, outcomes)
    _report(outcomes)
    return _exit_code(outcomes)


def run_demo(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    from dashboard.demo.build import DEFAULT_INDIVIDUALS, build_demo, population_individuals
    from dashboard.demo.gen_wilayah import KAB, kabupaten_codes

    wilayah = args.wilayah or KAB
    if wilayah not in kabupaten_codes() and wilayah not in kabupaten_codes("1"):  # a kab/kota, or a provinsi
        print(t("demo_no_wilayah", lang, code=wilayah), file=sys.stderr)
        return EXIT_USAGE
    if args.scale:
        n_individuals = parse_scale(args.scale)
    else:
        n_individuals = DEFAULT_INDIVIDUALS if args.wilayah is None else population_individuals(wilayah)
    outcomes = build_demo(settings, n_individuals, args.seed, args.files, progress=_progress, lang=lang,
                          wilayah=wilayah)
    _report(outcomes)
    code = _exit_code(outcomes)
    if code == EXIT_OK:
        print(t("demo_done", lang, db=settings.database))
        account = user_commands.demo_account(settings.access_store, lang)
        if account:
            print(account)
    return code


def run_serve(args: argparse.Namespace, settings: Settings, language: str = "id") -> int:
    from dashboard.access.accounts import has_accounts
    from dashboard.db import ensure_database
    from dashboard.web.server import streamlit_command

    ensure_database(settings)
    _database_wilayah(settings, language)
    if settings.auth.enabled and not has_accounts(settings.access_store):
        print(f"rakor: {t('auth_no_accounts', language)}", file=sys.stderr)
    env = dict(os.environ, RAKOR_DB=str(settings.database))
    if args.config:
        env["RAKOR_CONFIG"] = str(args.config.resolve())
    return subprocess.call(streamlit_command(args.port), env=env)


@contextmanager
def live_filters(settings: Settings, args: argparse.Namespace, lang: str) -> Iterator[tuple[Callable, Filters | None]]:
    """A ``run`` on the live database (read-only) and the filters the command line names, None (said on stderr)
    when there is no database or a filter cannot be honoured."""
    from dashboard.db import connect_readonly
    from dashboard.slides.agenda import resolve_filters

    if not settings.database.exists():
        print(t("deck_no_database", lang, db=settings.database), file=sys.stderr)
        yield None, None
        return
    con = connect_readonly(settings.database)
    try:
        run = partial(run_query, con)
        filters, ignored = resolve_filters(run, settings, filter_params(args))
        if ignored:
            print(t("deck_unknown_filter", lang, values=", ".join(ignored)), file=sys.stderr)
        yield run, None if ignored else filters
    finally:
        con.close()


def run_deck(args: argparse.Namespace, settings: Settings, lang: str, progress: Callable[[str], None]) -> int:
    from dashboard.exports.deck import write_deck
    from dashboard.slides.agenda import build_deck

    if args.meeting:
        return meeting_commands.write_meeting_deck(args, settings, lang, progress)
    with live_filters(settings, args, lang) as (run, filters):
        if filters is None:
            return EXIT_USAGE
        deck = build_deck(run, filters, settings, lang, progress=progress)
    write_deck(deck, args.out, lang, progress=progress)
    return EXIT_OK


def run_init(args: argparse.Namespace, lang: str) -> int:
    """Write rakor.toml for the named kabupaten/kota where the other commands will read it."""
    found = find_wilayah(args.wilayah)
    if found.wilayah is None:
        print("\n".join(found.lines(args.wilayah, lang)), file=sys.stderr)
        return EXIT_USAGE
    named = args.config or os.environ.get("RAKOR_CONFIG")
    path = Path(named or DEFAULT_CONFIG).expanduser().resolve()
    if not write_config(path, found.wilayah.kode, args.force):
        print(t("init_exists", lang, path=path), file=sys.stderr)
        return EXIT_USAGE
    rakor = f"rakor --config {path}" if args.config else "rakor"
    print(t("init_written", lang, name=f"{found.wilayah.title} ({found.wilayah.kode})", path=path))
    print(t("init_next", lang, rakor=rakor, code=found.wilayah.kode))
    return EXIT_OK


def _database_wilayah(settings: Settings, lang: str) -> Settings:
    """The settings with the wilayah the database holds (it decides), saying so in one line when rakor.toml
    names another."""
    from dashboard.db import effective_settings

    effective, differs = effective_settings(settings)
    if differs is not None:
        print(f"rakor: {differs.message(lang)}", file=sys.stderr)
    return effective


def run_backup(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    """``rakor backup``, ``rakor restore`` and ``rakor versions`` (dashboard/backup.py)."""
    if args.command == "backup":
        result = backups.backup(settings, args.dir, with_key=args.with_key, lang=lang)
    elif args.command == "restore":
        result = backups.restore(settings, args.file, force=args.force, key_file=args.key, lang=lang)
    else:
        result = backups.versions(settings, lang)
    for line in result.out:
        print(line)
    for line in result.err:
        print(line, file=sys.stderr)
    return result.code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(language_of(argv)).parse_args(argv)
    if args.command == "init":  # before loading settings: the file it writes may not exist yet
        return run_init(args, args.lang or language_of(argv))
    try:
        settings = load_settings(args.config, args.db)
    except ConfigError as exc:
        print(f"rakor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lang = args.lang or settings.language
    try:
        if args.command in ("import", "check"):
            return run_files(args, _database_wilayah(settings, lang), lang)
        if args.command == "demo":
            return run_demo(args, settings, lang)
        if args.command == "user":
            return user_commands.run_user(args, settings.access_store, lang)
        if args.command in ("backup", "restore", "versions"):
            return run_backup(args, settings, lang)
        if args.command in ("deck", "meeting", "export"):  # read what the database holds, for its own wilayah
            runner = {"deck": run_deck, "meeting": meeting_commands.run_meeting,
                      "export": export_command.run_export}[args.command]
            return runner(args, _database_wilayah(settings, lang), lang, _progress)
        return run_serve(args, settings, lang)
    except KeyRefused as refusal:  # a configuration fault, not the data's: nothing was written
        print(f"rakor: {refusal.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except DiskFull as full:  # the copy is removed, the live database untouched
        print(f"rakor: {full.message(lang)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
