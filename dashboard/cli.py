"""Command line: ``rakor [--db PATH] [--config PATH] [--lang id|en] COMMAND``.

Exit status: 0 done (including "already imported"), 1 data refused (nothing written),
2 wrong usage or configuration (such as another pseudonymisation key than the database's) or unreadable file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

from dashboard.config import ConfigError, Settings, load_settings
from dashboard.filters import GRANULARITIES
from dashboard.i18n import t
from dashboard.imports.kinds import KINDS
from dashboard.imports.runner import REFUSED, UNREADABLE, Outcome, check_files, import_files
from dashboard.pseudonym import KeyRefused
from dashboard.queries import run_query

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rakor", description="Rakor Dashboard (Dinas Sosial)")
    parser.add_argument("--db", type=Path, help="berkas DuckDB (atau RAKOR_DB)")
    parser.add_argument("--config", type=Path, help="berkas rakor.toml (atau RAKOR_CONFIG)")
    parser.add_argument("--lang", choices=("id", "en"), help="bahasa pesan / message language")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="bangun basis data demo Kabupaten Probolinggo")
    demo.add_argument("--scale", default="300k", help="jumlah individu DTKS, mis. 300k, 2M, 10M")
    demo.add_argument("--files", type=Path, help="folder berkas demo (bawaan: di samping basis data)")
    demo.add_argument("--seed", type=int, default=3513)
    for name, help_text in (("import", "impor berkas"), ("check", "periksa berkas tanpa menulis")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("items", nargs="+", metavar="[KIND] FILE", help=f"jenis ({', '.join(KINDS)}) lalu berkas")
        cmd.add_argument("--periode", help="periode snapshot DTKS (YYYY-MM)")
    serve = sub.add_parser("serve", help="jalankan dasbor")
    serve.add_argument("--port", type=int, default=8501)
    deck = sub.add_parser("deck", help="tulis berkas rakor: PPTX, PDF dan Excel")
    deck.add_argument("--tahun", help="tahun (bawaan: tahun terbaru yang ada datanya)")
    deck.add_argument("--periode", choices=GRANULARITIES, help="tahun, triwulan atau bulan")
    deck.add_argument("--ke", help="triwulan 1-4 atau bulan 1-12")
    deck.add_argument("--kecamatan", help="kode kecamatan, mis. 35.13.01 (bawaan: semua)")
    deck.add_argument("--program", help="program, mis. PKH (bawaan: semua)")
    deck.add_argument("--out", type=Path, default=Path("."), help="folder tujuan (bawaan: folder ini)")
    return parser


def parse_scale(text: str) -> int:
    """``300k`` -> 300000, ``2M`` -> 2000000, ``10000`` -> 10000."""
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if factor > 1 else text
    return int(float(number.replace(",", ".")) * factor)


def _split_kind(items: list[str]) -> tuple[str | None, list[Path]]:
    if items[0] in KINDS:
        return items[0], [Path(p) for p in items[1:]]
    return None, [Path(p) for p in items]


def _exit_code(outcomes: list[Outcome]) -> int:
    statuses = {o.status for o in outcomes}
    if UNREADABLE in statuses:
        return EXIT_USAGE
    return EXIT_REFUSED if REFUSED in statuses else EXIT_OK


def _report(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        stream = sys.stderr if outcome.status in (REFUSED, UNREADABLE) else sys.stdout
        for line in outcome.lines:
            print(line, file=stream)


def _progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def run_files(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    kind, paths = _split_kind(args.items)
    if not paths:
        print("rakor: berkas belum disebutkan", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in paths if not p.is_file()]
    if missing:
        for path in missing:
            print(t("file_unreadable", lang, reason=f"{path} tidak ada"), file=sys.stderr)
        return EXIT_USAGE
    action = import_files if args.command == "import" else check_files
    outcomes = action(paths, settings, kind=kind, periode=args.periode, progress=_progress, lang=lang)
    _report(outcomes)
    return _exit_code(outcomes)


def run_demo(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    from dashboard.demo.build import build_demo

    outcomes = build_demo(settings, parse_scale(args.scale), args.seed, args.files, progress=_progress, lang=lang)
    _report(outcomes)
    code = _exit_code(outcomes)
    if code == EXIT_OK:
        print(t("demo_done", lang, db=settings.database))
    return code


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.db import ensure_database
    from dashboard.web.server import streamlit_command

    ensure_database(settings)
    env = dict(os.environ, RAKOR_DB=str(settings.database))
    if args.config:
        env["RAKOR_CONFIG"] = str(args.config.resolve())
    return subprocess.call(streamlit_command(args.port), env=env)


def run_deck(args: argparse.Namespace, settings: Settings, lang: str) -> int:
    from dashboard.db import connect_readonly
    from dashboard.exports.deck import write_deck
    from dashboard.slides.agenda import build_deck, resolve_filters

    if not settings.database.exists():
        print(t("deck_no_database", lang, db=settings.database), file=sys.stderr)
        return EXIT_USAGE
    params = {"tahun": args.tahun, "periode": args.periode, "ke": args.ke, "kecamatan": args.kecamatan,
              "program": args.program}
    con = connect_readonly(settings.database)
    try:
        run = partial(run_query, con)
        filters, ignored = resolve_filters(run, settings, params)
        if ignored:
            print(t("deck_unknown_filter", lang, values=", ".join(ignored)), file=sys.stderr)
            return EXIT_USAGE
        deck = build_deck(run, filters, settings, lang, progress=_progress)
    finally:
        con.close()
    write_deck(deck, args.out, lang, progress=_progress)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config, args.db)
    except ConfigError as exc:
        print(f"rakor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lang = args.lang or settings.language
    try:
        if args.command in ("import", "check"):
            return run_files(args, settings, lang)
        if args.command == "demo":
            return run_demo(args, settings, lang)
        if args.command == "deck":
            return run_deck(args, settings, lang)
        return run_serve(args, settings)
    except KeyRefused as refusal:  # a configuration fault, not the data's: nothing was written
        print(f"rakor: {refusal.message(lang)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
