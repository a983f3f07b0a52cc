"""argparse speaking the operator's language: Indonesian by default, English with ``--lang en``.

argparse words its usage, headings and errors in English through gettext; an office operator reading
``usage:`` and ``the following arguments are required`` next to Indonesian help learns nothing from either.
This parser swaps those few fixed strings for the chosen language, so one run never mixes the two.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from dashboard.i18n import register, t

register({
    "argparse_usage": ("penggunaan: ", "usage: "),
    "argparse_options": ("pilihan", "options"),
    "argparse_positionals": ("argumen posisi", "positional arguments"),
    "argparse_help": ("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "argparse_error": ("{prog}: kesalahan: {message}", "{prog}: error: {message}"),
    "argparse_required": ("argumen berikut wajib diisi: {names}", "the following arguments are required: {names}"),
    "argparse_choice": ("pilihan tidak sah: {value} (pilih dari {choices})",
                        "invalid choice: {value} (choose from {choices})"),
    "argparse_unrecognized": ("argumen tidak dikenal: {names}", "unrecognized arguments: {names}"),
    "argparse_argument": ("argumen {name}: {message}", "argument {name}: {message}"),
    "argparse_one_value": ("perlu satu nilai", "expected one argument"),
    "argparse_some_values": ("perlu sedikitnya satu nilai", "expected at least one argument"),
    "argparse_type": ("nilai {type} tidak sah: {value}", "invalid {type} value: {value}"),
    "argparse_ambiguous": ("pilihan {option} taksa: bisa {matches}",
                           "ambiguous option: {option} could match {matches}"),
})

# argparse's own English sentences (Python 3.11) -> message key; named groups become the message's parameters
_ERRORS = (
    (r"the following arguments are required: (?P<names>.*)", "argparse_required"),
    (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", "argparse_choice"),
    (r"unrecognized arguments: (?P<names>.*)", "argparse_unrecognized"),
    (r"expected one argument", "argparse_one_value"),
    (r"expected at least one argument", "argparse_some_values"),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", "argparse_type"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "argparse_ambiguous"),
)


def language_of(argv: Sequence[str]) -> str:
    """``en`` when the command line says ``--lang en`` (or ``--lang=en``) or RAKOR_LANG is ``en``: known before
    parsing, so even a parse error speaks the chosen language."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "en" if os.environ.get("RAKOR_LANG", "").lower() == "en" else "id"


def translate_error(message: str, lang: str) -> str:
    """An argparse error sentence in ``lang``; ``argument --x: ...`` keeps the option and translates the rest."""
    argument = re.fullmatch(r"argument (?P<name>\S+?): (?P<message>.*)", message, re.DOTALL)
    if argument:
        return t("argparse_argument", lang, name=argument["name"], message=translate_error(argument["message"], lang))
    for pattern, key in _ERRORS:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found:
            return t(key, lang, **found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    lang = "id"

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else t("argparse_usage", self.lang))


class RakorParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, help option and errors are in ``lang``; its subcommands inherit it."""

    def __init__(self, *args, lang: str = "id", **kwargs):
        formatter = type("Formatter", (_Formatter,), {"lang": lang})
        super().__init__(*args, formatter_class=formatter, add_help=False, **kwargs)
        self.lang = lang
        self._positionals.title = t("argparse_positionals", lang)
        self._optionals.title = t("argparse_options", lang)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("argparse_help", lang))

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", lambda **kw: RakorParser(lang=self.lang, **kw))
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, t("argparse_error", self.lang, prog=self.prog, message=translate_error(message, self.lang)) + "\n")
