"""``rakor meeting create|list|minutes`` and ``rakor deck --meeting ID``: rakor records from the terminal.

The terminal acts as ``cli:<os user>`` (the audit log's word for it), with the rights of whoever can read the
database file anyway.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from dashboard.access.audit import terminal_actor
from dashboard.access.roles import ADMIN, User
from dashboard.config import Settings
from dashboard.formatting import format_number
from dashboard.i18n import register, t
from dashboard.meetings import minutes, records
from dashboard.meetings.snapshot import SnapshotMissing

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
Progress = Callable[[str], None]

register({
    "cli_meeting": ("rakor yang disiapkan: angka dibekukan, bahan bicara, keputusan, notulen",
                    "prepared rakor meetings: frozen figures, talking points, decisions, minutes"),
    "cli_meeting_create": ("siapkan rakor: bekukan angka dengan filter ini", "prepare a rakor: freeze the figures "
                           "with these filters"),
    "cli_meeting_list": ("daftar rakor", "list the rakor meetings"),
    "cli_meeting_title": ("judul rakor", "the rakor's title"),
    "cli_meeting_date": ("tanggal rakor YYYY-MM-DD", "the rakor's date YYYY-MM-DD"),
    "cli_meeting_place": ("tempat rakor", "where the rakor is held"),
    "cli_meeting_agenda": ("agenda, dipisah koma (bawaan: agenda presentasi di rakor.toml)",
                           "agenda items, comma-separated (default: the presentation agenda in rakor.toml)"),
    "cli_meeting_participants": ("kelompok peserta dan jumlahnya, mis. 'TKSK=22,Korcam PKH=78'",
                                 "participant groups and their counts, e.g. 'TKSK=22,Korcam PKH=78'"),
    "cli_meeting_minutes": ("tulis notulen rakor (DOCX dan PDF)", "write the rakor's minutes (DOCX and PDF)"),
    "cli_meeting_id": ("id rakor (rakor meeting list)", "the rakor's id (rakor meeting list)"),
    "cli_minutes_format": ("docx, pdf atau all (bawaan: keduanya)", "docx, pdf or all (default: both)"),
    "minutes_written": ("Notulen ditulis: {file}", "Minutes written: {file}"),
    "meeting_bad_date": ("rakor: tanggal tidak sah: {value} (YYYY-MM-DD)", "rakor: invalid date: {value} (YYYY-MM-DD)"),
    "meeting_created": ("Rakor {id} disiapkan: {title}, {date}; angka dibekukan dari impor sampai {as_of}. "
                        "Buka: /?rapat={id}&presentasi=1 atau rakor deck --meeting {id}",
                        "Rakor {id} prepared: {title}, {date}; figures frozen from the imports up to {as_of}. "
                        "Open: /?rapat={id}&presentasi=1 or rakor deck --meeting {id}"),
    "meeting_none": ("Belum ada rakor di {store}. Siapkan: rakor meeting create --title JUDUL --date YYYY-MM-DD",
                     "No rakor yet in {store}. Prepare one: rakor meeting create --title TITLE --date YYYY-MM-DD"),
    "meeting_line": ("{id}  {date}  {title:<40} {filters}  peserta {n}  disiapkan {by}",
                     "{id}  {date}  {title:<40} {filters}  participants {n}  prepared by {by}"),
})


def terminal_user() -> User:
    """Who acts at the terminal: the operating-system account, with the rights of the file's owner."""
    return User(terminal_actor(), ADMIN)


def add_parser(sub: argparse._SubParsersAction, lang: str, filter_options: Callable) -> None:
    """The ``meeting`` command and its actions; ``filter_options`` adds the sidebar's filters (as ``rakor deck``)."""
    meeting = sub.add_parser("meeting", help=t("cli_meeting", lang))
    actions = meeting.add_subparsers(dest="action", required=True, metavar="{create,list,minutes}")
    create = actions.add_parser("create", help=t("cli_meeting_create", lang))
    create.add_argument("--title", required=True, help=t("cli_meeting_title", lang))
    create.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("cli_meeting_date", lang))
    create.add_argument("--place", default="", help=t("cli_meeting_place", lang))
    create.add_argument("--agenda", help=t("cli_meeting_agenda", lang))
    create.add_argument("--participants", default="", help=t("cli_meeting_participants", lang))
    filter_options(create, lang)
    actions.add_parser("list", help=t("cli_meeting_list", lang))
    notes = actions.add_parser("minutes", help=t("cli_meeting_minutes", lang))
    notes.add_argument("id", metavar="ID", help=t("cli_meeting_id", lang))
    notes.add_argument("--out", type=Path, default=Path("."), metavar="FOLDER", help=t("cli_out", lang))
    notes.add_argument("--format", choices=(*minutes.FORMATS, "all"), default="all", help=t("cli_minutes_format",
                                                                                         lang))


def parse_participants(text: str) -> tuple[tuple[str, int], ...]:
    """``TKSK=22,Korcam PKH=78`` -> (("TKSK", 22), ("Korcam PKH", 78)); a count that is no number is refused."""
    groups = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        group, _, count = part.rpartition("=")
        try:
            groups.append((group.strip(), int(count)))
        except ValueError:
            raise records.MeetingError("meeting_participants_bad", value=part) from None
    return tuple(groups)


def run_meeting(args: argparse.Namespace, settings: Settings, lang: str, progress: Progress) -> int:
    try:
        if args.action == "list":
            return _list(settings, lang)
        if args.action == "minutes":
            return _minutes(args, settings, lang, progress)
        return _create(args, settings, lang, progress)
    except records.MeetingError as refusal:
        print(f"rakor: {t(refusal.key, lang, **refusal.params)}", file=sys.stderr)
        return EXIT_REFUSED
    except SnapshotMissing as missing:
        print(f"rakor: {missing.message(lang)}", file=sys.stderr)
        return EXIT_REFUSED


def _create(args: argparse.Namespace, settings: Settings, lang: str, progress: Progress) -> int:
    from dashboard.cli import live_filters

    try:
        held_on = dt.date.fromisoformat(args.date)
    except ValueError:
        print(t("meeting_bad_date", lang, value=args.date), file=sys.stderr)
        return EXIT_USAGE
    agenda = tuple(a.strip() for a in args.agenda.split(",") if a.strip()) if args.agenda else None
    participants = parse_participants(args.participants)
    with live_filters(settings, args, lang) as (run, filters):
        if filters is None:
            return EXIT_USAGE
        meeting = records.create(settings, run, terminal_user(), args.title, held_on, filters, args.place, agenda,
                                 participants, lang, progress)
    print(t("meeting_created", lang, id=meeting.id, title=meeting.title, date=f"{held_on:%d-%m-%Y}",
            as_of=meeting.data_as_of or "-"))
    return EXIT_OK


def _minutes(args: argparse.Namespace, settings: Settings, lang: str, progress: Progress) -> int:
    meeting = records.get(settings.meetings_store, args.id)
    formats = minutes.FORMATS if args.format == "all" else (args.format,)
    for path in minutes.write(minutes.build(settings, meeting, lang), args.out, formats):
        print(t("minutes_written", lang, file=path))
    return EXIT_OK


def _list(settings: Settings, lang: str) -> int:
    meetings = records.listing(settings.meetings_store)
    if not meetings:
        print(t("meeting_none", lang, store=settings.meetings_store))
    for meeting in meetings:
        print(t("meeting_line", lang, id=meeting.id, date=f"{meeting.held_on:%d-%m-%Y}", title=meeting.title,
                filters=" ".join(f"{k}={v}" for k, v in meeting.filters.to_query_params().items()),
                n=format_number(meeting.n_participants), by=meeting.created_by))
    return EXIT_OK


def write_meeting_deck(args: argparse.Namespace, settings: Settings, lang: str, progress: Progress) -> int:
    """``rakor deck --meeting ID``: the rakor's files from its frozen figures (the command line's filters are the
    rakor's, so none may be given)."""
    from dashboard.cli import filter_params
    from dashboard.exports.deck import write_deck
    from dashboard.meetings.deck import rakor_deck

    given = [f"--{name}" for name, value in filter_params(args).items() if value is not None]
    if given:
        print(t("deck_meeting_filters", lang, id=args.meeting, names=", ".join(given)), file=sys.stderr)
        return EXIT_USAGE
    try:
        meeting = records.get(settings.meetings_store, args.meeting)
    except records.MeetingError as refusal:
        print(f"rakor: {t(refusal.key, lang, **refusal.params)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        deck = rakor_deck(settings, meeting, lang, progress)
    except SnapshotMissing as missing:
        print(f"rakor: {missing.message(lang)}", file=sys.stderr)
        return EXIT_REFUSED
    write_deck(deck, Path(args.out), lang, progress)
    return EXIT_OK
