"""Build the demo database the way an office would: write its files, then import them with the real importers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from dashboard.config import Settings
from dashboard.db import has_table
from dashboard.demo.gen_wilayah import KAB, kab_penduduk, kabupaten_codes
from dashboard.demo.generate import generate_demo_files, generate_provinsi_files
from dashboard.i18n import t
from dashboard.imports.runner import Outcome, Progress, import_files
from dashboard.wilayah import is_provinsi

DEFAULT_INDIVIDUALS = 300_000  # the default demo (35.13 without --wilayah)
DTKS_SHARE = 0.4  # a demo for --wilayah without --scale: about 40 % of the population is in the DTKS


class NotADemoDatabase(Exception):
    """The target database holds an office's own imports; the demo will not overwrite it."""


def population_individuals(wilayah: str) -> int:
    """The DTKS size of a demo for ``wilayah`` when no scale is given: 40 % of its population (penduduk.csv)."""
    return round(DTKS_SHARE * kab_penduduk(wilayah)[0])


def provinsi_shares(provinsi: str, n_individuals: int) -> dict[str, int]:
    """The DTKS individuals of a provinsi's demo spread over its kab/kota by population (at least 1,000 each)."""
    kabs = [code for code in kabupaten_codes() if code.startswith(provinsi + ".")]
    people = {code: kab_penduduk(code)[0] for code in kabs}
    total = sum(people.values())
    return {code: max(1_000, round(n_individuals * n / total)) for code, n in people.items()}


def demo_files_dir(settings: Settings, n_individuals: int, wilayah: str = KAB) -> Path:
    suffix = "" if wilayah == KAB else "_" + wilayah.replace(".", "")
    suffix += "" if n_individuals == DEFAULT_INDIVIDUALS else f"_{n_individuals}"
    return settings.database.parent / f"demo_files{suffix}"


def build_demo(settings: Settings, n_individuals: int = DEFAULT_INDIVIDUALS, seed: int | None = None,
               files_dir: Path | None = None, progress: Progress = print, lang: str = "id",
               wilayah: str = KAB) -> list[Outcome]:
    """Generate the demo files of kabupaten/kota ``wilayah`` and import them into a fresh database at the
    configured path. The importers run with ``wilayah`` as the kabupaten (they refuse codes outside it); seed
    None is the wilayah's own (its code digits)."""
    settings = replace(settings, kabupaten=wilayah)
    files_dir = files_dir or demo_files_dir(settings, n_individuals, wilayah)
    progress(t("demo_files", lang, dir=files_dir))
    if is_provinsi(wilayah):
        provinsi = f"Provinsi {kabupaten_codes('1')[wilayah]}"
        paths = generate_provinsi_files(files_dir, provinsi, provinsi_shares(wilayah, n_individuals), seed, progress)
    else:
        paths = generate_demo_files(files_dir, n_individuals, seed, progress=progress, kab=wilayah)
    _clear_demo_database(settings.database, {p.name for p in paths})
    return import_files(paths, settings, progress=progress, lang=lang)


def _clear_demo_database(db: Path, demo_names: set[str]) -> None:
    """Remove an earlier demo database; refuse if it holds files that are not demo files."""
    if not db.exists():
        return
    with duckdb.connect(str(db), read_only=True) as con:
        has_log = has_table(con, "import_log")
        names = {r[0] for r in con.execute("select file_name from import_log").fetchall()} if has_log else set()
    foreign = names - demo_names
    if foreign:
        raise NotADemoDatabase(
            f"{db} berisi data impor kantor ({', '.join(sorted(foreign)[:3])}); pakai --db lain untuk demo")
    for suffix in ("", ".wal", ".prev"):
        Path(str(db) + suffix).unlink(missing_ok=True)
