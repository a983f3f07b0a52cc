"""The command line speaks one language per run: argparse's own English words never reach an Indonesian operator,
and ``--lang en`` (or RAKOR_LANG=en) gives English throughout, even for a parse error."""

from __future__ import annotations

import re

import pytest

from dashboard.cli import main
from dashboard.cliparser import language_of, translate_error

# argparse's words (and ours before this parser): none may appear in Indonesian output
ENGLISH = {"usage", "options", "positional", "arguments", "argument", "required", "error", "invalid", "choice",
           "choose", "show", "help", "message", "exit", "unrecognized", "following", "kind", "file", "expected"}
INDONESIAN = {"penggunaan", "pilihan", "argumen", "wajib", "kesalahan", "berkas", "jenis", "tampilkan"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out = capsys.readouterr()
    return done.value.code, out.out + out.err


def words(text: str) -> set[str]:
    """Lower-case words, leaving out option names (``--help``), placeholders ({id,en}) and paths."""
    plain = re.sub(r"--?[\w-]+|\{[^}]*\}|\S*/\S*", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", plain)}


@pytest.mark.parametrize("argv", [(), ("import",), ("--help",), ("deck", "--periode", "x"), ("import", "--help")],
                         ids=["rakor", "import-without-files", "help", "deck-bad-choice", "import-help"])
def test_indonesian_output_has_no_english_words(argv, capsys):
    code, text = run(capsys, *argv)

    assert code == (0 if "--help" in argv else 2)
    assert words(text) & ENGLISH == set(), text
    assert "penggunaan: rakor" in text


@pytest.mark.parametrize("argv", [(), ("import",), ("--help",), ("deck", "--periode", "x")],
                         ids=["rakor", "import-without-files", "help", "deck-bad-choice"])
def test_english_output_with_lang_en_has_no_indonesian_argparse_words(argv, capsys):
    code, text = run(capsys, "--lang", "en", *argv)

    assert code == (0 if "--help" in argv else 2)
    assert "usage: rakor" in text
    assert words(text) & INDONESIAN == set(), text


def test_rakor_import_without_files_names_the_missing_argument(capsys):
    _, indonesian = run(capsys, "import")
    _, english = run(capsys, "--lang", "en", "import")

    assert "rakor import: kesalahan: argumen berikut wajib diisi: [JENIS] BERKAS" in indonesian
    assert "rakor import: error: the following arguments are required: [KIND] FILE" in english


def test_bad_choice_is_translated_and_keeps_the_value(capsys):
    _, text = run(capsys, "deck", "--periode", "x")

    assert ("rakor deck: kesalahan: argumen --periode: pilihan tidak sah: 'x' (pilih dari 'tahun', 'triwulan', "
            "'bulan')") in text


def test_rakor_lang_environment_chooses_english(capsys, monkeypatch):
    monkeypatch.setenv("RAKOR_LANG", "en")

    _, text = run(capsys, "import")

    assert "the following arguments are required" in text


@pytest.mark.parametrize(("argv", "lang"), [(["--lang", "en", "import"], "en"), (["--lang=en"], "en"),
                                            (["--lang", "id"], "id"), (["import", "x.csv"], "id")])
def test_language_is_known_before_parsing(argv, lang):
    assert language_of(argv) == lang


def test_unknown_english_sentences_pass_unchanged():
    assert translate_error("unrecognized arguments: --foo", "id") == "argumen tidak dikenal: --foo"
    assert translate_error("something new", "id") == "something new"
