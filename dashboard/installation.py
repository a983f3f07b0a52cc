"""``rakor init``: the configuration of one office, found from its wilayah's code or name.

The repository's ``rakor.toml`` documents every setting; its text ships here (``CONFIG_TEMPLATE``, kept equal to
that file by a test) so an installed wheel writes the same documented file with the office's own ``kabupaten``.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboard.i18n import register, t
from dashboard.paths import REFERENCE_DIR
from dashboard.reference import LEVEL_NAMES, normalise_name

register({
    "cli_init": ("tulis rakor.toml untuk satu kabupaten/kota", "write rakor.toml for one kabupaten/kota"),
    "cli_wilayah": ("kode Kemendagri (mis. 63.10) atau nama (mis. 'Tanah Bumbu') kabupaten/kota",
                    "Kemendagri code (e.g. 63.10) or name (e.g. 'Tanah Bumbu') of the kabupaten/kota"),
    "cli_force": ("timpa rakor.toml yang sudah ada", "overwrite an existing rakor.toml"),
    "init_written": ("Konfigurasi untuk {name} ditulis ke {path}", "Configuration for {name} written to {path}"),
    "init_next": (
        "Langkah berikutnya: `{rakor} demo --wilayah {code}` untuk data contoh, atau `{rakor} import BERKAS` untuk "
        "data kantor; lalu `{rakor} serve`.",
        "Next: `{rakor} demo --wilayah {code}` for sample data, or `{rakor} import FILE` for the office's data; "
        "then `{rakor} serve`.",
    ),
    "init_exists": ("{path} sudah ada dan tidak ditimpa; tambahkan --force untuk menimpanya.",
                    "{path} already exists and was not overwritten; add --force to overwrite it."),
    "init_unknown": ("Wilayah tidak dikenal: {value}.", "Unknown wilayah: {value}."),
    "init_closest": ("Yang paling mirip:", "Closest:"),
    "init_none_close": ("Tidak ada nama yang mirip; sebutkan kode Kemendagri kabupaten/kota, mis. 35.13.",
                        "No similar name; give the Kemendagri code of the kabupaten/kota, e.g. 35.13."),
    "init_ambiguous": ("{value} cocok dengan lebih dari satu kabupaten/kota; sebutkan kodenya:",
                       "{value} matches more than one kabupaten/kota; give its code:"),
    "init_below": ("{value} adalah kode {level} {name}, bukan kabupaten/kota. Kabupaten/kotanya:",
                   "{value} is the code of the {level} {name}, not a kabupaten/kota. Its kabupaten/kota:"),
})

CONFIG_TEMPLATE = """\
# Rakor Dashboard configuration. Every setting has a default in dashboard/config.py;
# this file documents them. Environment overrides: RAKOR_DB, RAKOR_CONFIG, RAKOR_SECRET_FILE, RAKOR_LANG.

# Kemendagri code of the kabupaten/kota this installation serves, or of a provinsi (e.g. "75": its kab/kota come
# first on every page); `rakor init --wilayah` writes it. Imports outside it are refused. A database keeps the
# wilayah it was created for, whatever this line says later.
kabupaten = "35.13"

# Interface language: "id" (Bahasa Indonesia) or "en".
language = "id"

# DuckDB database file, relative to this file's folder.
database = "data/rakor.duckdb"

# Key for pseudonymising NIK and No. KK. Kept outside the database; created on first run.
secret_file = "~/.config/rakor/pseudonym.key"

[agenda]
# The rakor's slides in order, for the presentation mode (/?presentasi=1) and `rakor deck`. Items:
# ringkasan, perhatian (kecamatan needing attention), cakupan (C3), eksklusi_inklusi (C4, C5), capaian (T1-T5
# scorecard), anggaran (per bidang), kurva_s (S-curve), peta (PPKS map), sumber (sources and freshness).
title = "Rapat Koordinasi Dinas Sosial"
items = ["ringkasan", "perhatian", "cakupan", "eksklusi_inklusi", "capaian", "anggaran", "kurva_s", "peta", "sumber"]

[desil_cutoff]
# A household is eligible for a program when its desil is at most this value.
default = 4
PKH = 4
BPNT = 4
"PBI-JK" = 5

[rag]
# Attainment thresholds (percent): green from `green`, amber from `amber`, red below.
green = 90.0
amber = 70.0

[bidang]
# SIPD program/kegiatan code prefix -> the office's own unit. The longest matching prefix wins.
"1.06.01" = "Sekretariat"
"1.06.02" = "Pemberdayaan Sosial"
"1.06.04" = "Rehabilitasi Sosial"
"1.06.05" = "Perlindungan dan Jaminan Sosial"
"1.06.05.2.02" = "Penanganan Fakir Miskin"
"1.06.06" = "Perlindungan dan Jaminan Sosial"

[keluaran]
# Perencanaan page, budget to output: SIPD code prefix -> the output its spending buys, for the cost per beneficiary
# (docs/INDICATORS.md section 6). The longest matching prefix wins. A measure: kpm (KPM served; program = [...] to
# count some programmes only), ppks_dilayani (PPKS cases that reached intervensi or later; kategori = [...]),
# kasus_selesai (PPKS cases closed; kategori = [...]), laporan_tksk (TKSK reports received), keluarga_diverval (DTKS
# households updated), or "" (nothing countable: office support, permits).
"1.06.01" = ""
"1.06.02.2.01" = { ukuran = "ppks_dilayani", kategori = ["komunitas adat terpencil"] }
"1.06.02.2.02" = ""
"1.06.02.2.03" = "laporan_tksk"
"1.06.03" = { ukuran = "ppks_dilayani", kategori = ["pekerja migran bermasalah sosial", "korban trafficking"] }
"1.06.04.2.01".ukuran = "ppks_dilayani"
"1.06.04.2.01".kategori = ["penyandang disabilitas", "anak jalanan", "lanjut usia terlantar", "gelandangan",
                           "pengemis"]
"1.06.04.2.02".ukuran = "ppks_dilayani"
"1.06.04.2.02".kategori = ["tuna susila", "pemulung", "korban tindak kekerasan", "orang dengan gangguan jiwa (odgj)",
                           "bekas warga binaan lembaga pemasyarakatan", "perempuan rawan sosial ekonomi",
                           "keluarga bermasalah sosial psikologis", "kelompok minoritas"]
"1.06.05.2.01" = { ukuran = "ppks_dilayani", kategori = ["anak terlantar", "anak balita terlantar"] }
"1.06.05.2.02" = "keluarga_diverval"
"1.06.05.2.02.0003" = "kpm"
"1.06.06" = { ukuran = "ppks_dilayani", kategori = ["korban bencana alam", "korban bencana sosial"] }

[prioritas]
# Perencanaan page, next year's priorities: weight of each input of the composite (only their ratios matter; the page
# shows them as shares and lets a planner change them). desil = share of the population in desil 1-4, ppks = PPKS per
# 1,000 population, kesenjangan = 100 - C3 coverage, capaian = mean T1-T5 attainment (low = need).
desil = 30
ppks = 20
kesenjangan = 30
capaian = 20

[limits]
# What a file offered for import may hold; beyond these it is refused with a message naming the limit, before it
# can fill the memory (a zip bomb, a sheet of a million columns, a 10 MB line). The defaults take a 2-million-row
# DTKS CSV (about 230 MB). upload_mb applies to the Data page only (at most 2048, the server's own ceiling);
# `rakor import` reads a CSV of any size.
upload_mb = 300
xlsx_uncompressed_mb = 1024
xlsx_max_sheets = 100
xlsx_max_rows = 1048576
xlsx_max_columns = 500
csv_max_line_mb = 1
# rows of a CSV read, validated and staged at a time: an import's memory stays the same whatever the file's size
chunk_rows = 250000

[auth]
# Every page behind a sign-in (roles pimpinan, operator, admin; docs/SECURITY.md). Accounts are made with
# `rakor user add NAME --role ROLE`. `enabled = false` only on a single-user laptop: every page then says so.
enabled = true
# Accounts, sessions and the audit log: a SQLite file of their own (default: akses.sqlite beside the database).
# store = "data/akses.sqlite"
# Signed out after this many minutes without any action.
idle_minutes = 60
# Failed sign-ins in a row: from `slow_after` each answer waits longer (1, 2, 4, 8 s); at `max_failures` the account
# is locked for `lockout_minutes`.
slow_after = 3
max_failures = 5
lockout_minutes = 15
"""
"""The documented ``rakor.toml`` (Kabupaten Probolinggo's); ``render_config`` puts another kabupaten in it."""

_KABUPATEN_LINE = re.compile(r'^kabupaten = ".*"$', re.MULTILINE)
_JENIS_PREFIX = re.compile(r"^\s*(KAB(UPATEN)?|KOTA|PROV(INSI)?)\b", re.IGNORECASE)
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
MAX_CLOSEST = 5


def render_config(kabupaten: str) -> str:
    """The documented configuration with ``kabupaten = "<code>"``."""
    return _KABUPATEN_LINE.sub(f'kabupaten = "{kabupaten}"', CONFIG_TEMPLATE, count=1)


@dataclass(frozen=True)
class Wilayah:
    kode: str
    nama: str
    tingkat: int
    jenis: str

    def line(self) -> str:
        return f"  {self.kode}  {self.title}"

    @property
    def title(self) -> str:
        """``Kabupaten Tanah Bumbu``, ``Kota Gorontalo``, ``Provinsi Gorontalo`` (the reference names a provinsi
        without the word)."""
        return f"Provinsi {self.nama}" if self.tingkat == 1 else self.nama


@dataclass(frozen=True)
class Found:
    """The kabupaten/kota found, or why none was (``problem``: a message key) with the closest ones."""

    wilayah: Wilayah | None
    problem: str = ""
    closest: tuple[Wilayah, ...] = ()
    about: Wilayah | None = None
    """The provinsi, kecamatan or desa a code named instead of a kabupaten/kota."""

    def lines(self, value: str, lang: str = "id") -> list[str]:
        """The refusal, then the closest kabupaten/kota one per line (code and name)."""
        about = self.about
        params = {"value": value, "name": about.nama if about else "",
                  "level": LEVEL_NAMES.get(about.tingkat, "") if about else ""}
        lines = [t(self.problem, lang, **params)]
        if self.problem == "init_unknown":
            lines.append(t("init_closest", lang) if self.closest else t("init_none_close", lang))
        return lines + [w.line() for w in self.closest]


@cache
def _reference() -> dict[str, Wilayah]:
    """Every code of the shipped Kemendagri reference (read once; 91,599 rows)."""
    with open(REFERENCE_DIR / "wilayah.csv", encoding="utf-8", newline="") as handle:
        return {row["kode"]: Wilayah(row["kode"], row["nama"], int(row["tingkat"]), row["jenis"])
                for row in csv.DictReader(handle)}


def _kabupaten() -> list[Wilayah]:
    """What ``rakor init`` can set up: every kabupaten/kota and every provinsi."""
    return [w for w in _reference().values() if w.tingkat in (1, 2)]


def find_wilayah(value: str) -> Found:
    """The kabupaten/kota named by a Kemendagri code or a name (``Tanah Bumbu``, ``KAB. TANAH BUMBU``)."""
    text = value.strip()
    if _CODE.match(text):
        return _by_code(text)
    return _by_name(text)


def _by_code(code: str) -> Found:
    found = _reference().get(code)
    if found is not None and found.tingkat in (1, 2):  # a kabupaten/kota's office, or a provinsi's
        return Found(found)
    if found is not None:
        return Found(None, "init_below", (_reference()[code[:5]],), found)
    nearby = [w for w in _kabupaten() if w.kode.startswith(code[:2] + ".")]
    return Found(None, "init_unknown", tuple(nearby))


def _by_name(name: str) -> Found:
    wanted = normalise_name(name)
    pool = _kabupaten()
    same = [w for w in pool if normalise_name(w.nama) == wanted]
    prefix = _JENIS_PREFIX.match(name)
    if len(same) > 1 and prefix:  # "Kota Probolinggo" against Kabupaten and Kota Probolinggo
        word = prefix[1].upper()
        jenis = "kota" if word == "KOTA" else "provinsi" if word.startswith("PROV") else "kabupaten"
        same = [w for w in same if w.jenis == jenis] or same
    if len(same) == 1:
        return Found(same[0])
    if same:
        return Found(None, "init_ambiguous", tuple(same))
    return Found(None, "init_unknown", tuple(_closest(wanted, pool)))


def _closest(wanted: str, pool: list[Wilayah]) -> list[Wilayah]:
    """Names containing what was typed first, then the most similar spellings; at most MAX_CLOSEST."""
    by_name: dict[str, list[Wilayah]] = {}
    for w in pool:
        by_name.setdefault(normalise_name(w.nama), []).append(w)
    names = [n for n in by_name if wanted and len(wanted) >= 3 and wanted in n]
    names += difflib.get_close_matches(wanted, list(by_name), n=MAX_CLOSEST, cutoff=0.6)
    hits = [w for n in dict.fromkeys(names) for w in by_name[n]]
    return hits[:MAX_CLOSEST]


def write_config(path: Path, kabupaten: str, force: bool = False) -> bool:
    """Write the configuration for ``kabupaten`` to ``path``; False (nothing written) when it exists, unless
    ``force``."""
    if path.exists() and not force:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_config(kabupaten), encoding="utf-8")
    return True
