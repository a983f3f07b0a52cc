"""One typed settings object: defaults here, overridden by a TOML file and then by environment variables.

Another kabupaten is a configuration change, not a code change, so everything office-specific lives here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from dashboard.paths import DEFAULT_CONFIG

DEFAULT_BIDANG = {
    "1.06.01": "Sekretariat",
    "1.06.02": "Pemberdayaan Sosial",
    "1.06.04": "Rehabilitasi Sosial",
    "1.06.05": "Perlindungan dan Jaminan Sosial",
    "1.06.06": "Perlindungan dan Jaminan Sosial",
}

# What a budget line buys, for the Perencanaan page's cost per beneficiary (docs/INDICATORS.md section 6).
OUTPUT_MEASURES = ("kpm", "ppks_dilayani", "kasus_selesai", "laporan_tksk", "keluarga_diverval")


@dataclass(frozen=True)
class Keluaran:
    """The output measure of a SIPD code prefix: ``ukuran`` one of OUTPUT_MEASURES, or ``''`` for a line that buys
    no countable output (office support, permits); ``saring`` the PPKS categories (``ppks_dilayani``,
    ``kasus_selesai``) or programmes (``kpm``) counted, empty for all."""

    ukuran: str
    saring: tuple[str, ...] = ()


_SPM_1_4 = ("penyandang disabilitas", "anak jalanan", "lanjut usia terlantar", "gelandangan", "pengemis")
_PMKS_LAIN = ("tuna susila", "pemulung", "korban tindak kekerasan", "orang dengan gangguan jiwa (odgj)",
              "bekas warga binaan lembaga pemasyarakatan", "perempuan rawan sosial ekonomi",
              "keluarga bermasalah sosial psikologis", "kelompok minoritas")
# Defaults for the SIPD 1.06 (urusan sosial) nomenclature; the longest matching prefix wins, as for [bidang].
DEFAULT_KELUARAN = {
    "1.06.01": Keluaran(""),                      # penunjang urusan: salaries, office
    "1.06.02.2.01": Keluaran("ppks_dilayani", ("komunitas adat terpencil",)),
    "1.06.02.2.02": Keluaran(""),                 # izin pengumpulan sumbangan: no output in the warehouse
    "1.06.02.2.03": Keluaran("laporan_tksk"),     # potensi sumber kesejahteraan sosial: TKSK at work
    "1.06.03": Keluaran("ppks_dilayani", ("pekerja migran bermasalah sosial", "korban trafficking")),
    "1.06.04.2.01": Keluaran("ppks_dilayani", _SPM_1_4),
    "1.06.04.2.02": Keluaran("ppks_dilayani", _PMKS_LAIN),
    "1.06.05.2.01": Keluaran("ppks_dilayani", ("anak terlantar", "anak balita terlantar")),
    "1.06.05.2.02": Keluaran("keluarga_diverval"),  # pengelolaan data fakir miskin: DTKS households verified
    "1.06.05.2.02.0003": Keluaran("kpm"),           # fasilitasi bantuan sosial: KPM served
    "1.06.06": Keluaran("ppks_dilayani", ("korban bencana alam", "korban bencana sosial")),
}
# Inputs of the Perencanaan page's priority composite and their default weights (shown and adjustable on the page).
DEFAULT_BOBOT = {"desil": 30.0, "ppks": 20.0, "kesenjangan": 30.0, "capaian": 20.0}


# Agenda items the slides know (dashboard/slides/agenda.py builds each); the default order is the rakor's.
DEFAULT_AGENDA = ("ringkasan", "perhatian", "cakupan", "eksklusi_inklusi", "capaian", "anggaran", "kurva_s", "peta",
                  "sumber")


@dataclass(frozen=True)
class Limits:
    """What a file offered for import may hold; ``[limits]`` in the TOML. Beyond them the file is refused with a
    message naming the limit, before it can fill the memory or keep the PC busy for minutes."""

    upload_mb: int = 300
    """Largest file accepted by the Data page's upload, in MB (the command line reads any size)."""
    xlsx_uncompressed_mb: int = 1024
    """Largest total unpacked size of an XLSX (it is a zip), in MB; checked before the workbook is opened."""
    xlsx_max_sheets: int = 100
    """Most sheets in one XLSX."""
    xlsx_max_rows: int = 1_048_576
    """Most rows read from one sheet (Excel's own maximum)."""
    xlsx_max_columns: int = 500
    """Most columns in one sheet or CSV."""
    csv_max_line_mb: int = 1
    """Longest single line of a CSV, in MB."""
    chunk_rows: int = 250_000
    """Rows of a CSV read, validated and staged at a time: an import's memory stays the same whatever the file's
    size (docs/BENCHMARKS.md, "Provinsi scale")."""


@dataclass(frozen=True)
class Auth:
    """The sign-in; ``[auth]`` in the TOML (docs/SECURITY.md)."""

    enabled: bool = True
    """Every page behind a sign-in. ``false`` only on a single-user laptop: every page then says so."""
    store: Path | None = None
    """Accounts, sessions and the audit log (SQLite, never the warehouse). Default: akses.sqlite beside the
    database."""
    idle_minutes: int = 60
    """A signed-in browser is signed out after this long without any action."""
    slow_after: int = 3
    """Failed sign-ins in a row after which each further answer waits (1, 2, 4, 8 s)."""
    max_failures: int = 5
    """Failed sign-ins in a row that lock the account for ``lockout_minutes``."""
    lockout_minutes: int = 15


@dataclass(frozen=True)
class Settings:
    """Office settings. Paths are absolute once loaded."""

    kabupaten: str = "35.13"
    """Kemendagri code of the kabupaten this installation serves."""
    language: str = "id"
    """Interface language, ``id`` or ``en``."""
    database: Path = Path("data/rakor.duckdb")
    """DuckDB file holding the warehouse."""
    secret_file: Path = Path("~/.config/rakor/pseudonym.key")
    """Key used to pseudonymise NIK and No. KK; never stored in the database."""
    desil_cutoff: dict[str, int] = field(default_factory=lambda: {"default": 4})
    """Highest desil counted as eligible, per program (``default`` for the rest)."""
    rag_green_pct: float = 90.0
    """Attainment at or above this is green."""
    rag_amber_pct: float = 70.0
    """Attainment at or above this (and below green) is amber; lower is red."""
    bidang: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BIDANG))
    """SIPD code prefix -> bidang (office unit); the longest matching prefix wins."""
    agenda: tuple[str, ...] = DEFAULT_AGENDA
    """The rakor's slides in order (presentation mode and deck); ``[agenda] items`` in the TOML."""
    rakor_title: str = "Rapat Koordinasi Dinas Sosial"
    """Title of the rakor on the title slide and every footer; ``[agenda] title`` in the TOML."""
    keluaran: dict[str, Keluaran] = field(default_factory=lambda: dict(DEFAULT_KELUARAN))
    """SIPD code prefix -> the output its spending buys (cost per beneficiary); ``[keluaran]`` in the TOML."""
    bobot_prioritas: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_BOBOT))
    """Weights of the priority composite's inputs (desil, ppks, kesenjangan, capaian); ``[prioritas]``."""
    limits: Limits = field(default_factory=Limits)
    """Upload and file-size limits for imports; ``[limits]`` in the TOML."""
    auth: Auth = field(default_factory=Auth)
    """Sign-in, roles and audit log; ``[auth]`` in the TOML."""

    @property
    def access_store(self) -> Path:
        """The accounts and audit store: ``[auth] store``, else ``akses.sqlite`` beside the database (derived, so a
        copy of the settings for another database gets that database's accounts)."""
        return self.auth.store or self.database.with_name("akses.sqlite")

    @property
    def meetings_store(self) -> Path:
        """Rakor records (meetings, their frozen figures, talking points, decisions): ``rapat.sqlite`` beside the
        database, a small store of its own like the accounts' (dashboard/meetings)."""
        return self.database.with_name("rapat.sqlite")

    def cutoff_for(self, program: str) -> int:
        """Desil cut-off of a program, falling back to the default."""
        return self.desil_cutoff.get(program, self.desil_cutoff.get("default", 4))


class ConfigError(Exception):
    """The configuration file named by the operator is missing or unreadable."""


def load_settings(config_path: Path | None = None, db_path: Path | None = None) -> Settings:
    """Read settings from TOML and environment; explicit arguments win over both.

    The project's own ``rakor.toml`` is optional; a file the operator names (argument or ``RAKOR_CONFIG``)
    must exist, so a typo never silently falls back to the defaults. Paths in the TOML are relative to
    its folder; a relative ``--db`` or ``RAKOR_DB`` is relative to where the command was typed.
    """
    named = config_path or os.environ.get("RAKOR_CONFIG")
    path = Path(named or DEFAULT_CONFIG).expanduser()
    if named and not path.is_file():
        raise ConfigError(f"Berkas konfigurasi tidak ada: {path}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Berkas konfigurasi {path} rusak: {exc}") from exc
    base = path.resolve().parent
    settings = Settings()
    rag, agenda = raw.get("rag", {}), raw.get("agenda", {})
    items = tuple(str(item) for item in agenda.get("items", settings.agenda))
    unknown = [item for item in items if item not in DEFAULT_AGENDA]
    if unknown:
        raise ConfigError(f"{path}: [agenda] items tidak dikenal: {', '.join(unknown)}. "
                          f"Pilihan: {', '.join(DEFAULT_AGENDA)}")
    limits = _limits(path, raw.get("limits", {}))
    auth = _auth(path, raw.get("auth", {}))
    keluaran = _keluaran(path, raw["keluaran"]) if "keluaran" in raw else settings.keluaran
    bobot = _bobot(path, raw.get("prioritas", {}))
    settings = replace(
        settings,
        limits=limits,
        kabupaten=str(raw.get("kabupaten", settings.kabupaten)),
        language=str(os.environ.get("RAKOR_LANG") or raw.get("language", settings.language)),
        database=Path(raw.get("database", settings.database)),
        secret_file=Path(raw.get("secret_file", settings.secret_file)),
        desil_cutoff={str(k): int(v) for k, v in raw.get("desil_cutoff", settings.desil_cutoff).items()},
        rag_green_pct=float(rag.get("green", settings.rag_green_pct)),
        rag_amber_pct=float(rag.get("amber", settings.rag_amber_pct)),
        bidang={str(k): str(v) for k, v in raw.get("bidang", settings.bidang).items()},
        agenda=items,
        keluaran=keluaran,
        bobot_prioritas=bobot,
        rakor_title=str(agenda.get("title", settings.rakor_title)),
    )
    given_db = db_path or os.environ.get("RAKOR_DB")
    database = _absolute(given_db, Path.cwd()) if given_db else _absolute(settings.database, base)
    given_secret = os.environ.get("RAKOR_SECRET_FILE")
    secret = _absolute(given_secret, Path.cwd()) if given_secret else _absolute(settings.secret_file, base)
    store = _absolute(auth.store, base) if auth.store else None
    return replace(settings, database=database, secret_file=secret, auth=replace(auth, store=store))


def _known_names(path: Path, section: str, raw: dict, kind: type) -> None:
    known = {f.name for f in fields(kind)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"{path}: [{section}] tidak dikenal: {', '.join(unknown)}. "
                          f"Pilihan: {', '.join(sorted(known))}")


def _positive(path: Path, section: str, name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{path}: [{section}] {name} harus bilangan bulat positif, bukan {value!r}")
    return value


def _limits(path: Path, raw: dict) -> Limits:
    """``[limits]`` of the TOML: known names only, whole positive numbers."""
    _known_names(path, "limits", raw, Limits)
    return Limits(**{name: _positive(path, "limits", name, value) for name, value in raw.items()})


def _auth(path: Path, raw: dict) -> Auth:
    """``[auth]`` of the TOML: ``enabled`` true/false, ``store`` a path, the rest whole positive numbers."""
    _known_names(path, "auth", raw, Auth)
    values: dict[str, object] = {}
    for name, value in raw.items():
        if name == "enabled":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: [auth] enabled harus true atau false, bukan {value!r}")
            values[name] = value
        elif name == "store":
            values[name] = Path(str(value))
        else:
            values[name] = _positive(path, "auth", name, value)
    return Auth(**values)


def _keluaran(path: Path, raw: dict) -> dict[str, Keluaran]:
    """``[keluaran]``: ``"1.06.02.2.03" = "laporan_tksk"``, or a table naming what is counted:
    ``"1.06.06" = { ukuran = "ppks_dilayani", kategori = ["korban bencana alam"] }`` (``program = [...]`` for kpm)."""
    mapping = {}
    for prefix, value in raw.items():
        entry = {"ukuran": value} if isinstance(value, str) else value
        if not isinstance(entry, dict) or set(entry) - {"ukuran", "kategori", "program"}:
            raise ConfigError(f"{path}: [keluaran] {prefix}: tulis ukuran, atau {{ ukuran = ..., kategori = [...] }}")
        ukuran = str(entry.get("ukuran", ""))
        if ukuran not in ("", *OUTPUT_MEASURES):
            raise ConfigError(f"{path}: [keluaran] {prefix}: ukuran tidak dikenal: {ukuran}. "
                              f"Pilihan: {', '.join(OUTPUT_MEASURES)}, atau \"\" (tanpa keluaran)")
        kategori = tuple(str(k).strip().lower() for k in entry.get("kategori", ()))
        mapping[str(prefix)] = Keluaran(ukuran, kategori + tuple(str(p).strip() for p in entry.get("program", ())))
    return mapping


def _bobot(path: Path, raw: dict) -> dict[str, float]:
    """``[prioritas]``: known inputs only, numbers >= 0, not all zero; inputs left out keep their default."""
    unknown = sorted(set(raw) - set(DEFAULT_BOBOT))
    if unknown:
        raise ConfigError(f"{path}: [prioritas] tidak dikenal: {', '.join(unknown)}. "
                          f"Pilihan: {', '.join(DEFAULT_BOBOT)}")
    weights = dict(DEFAULT_BOBOT)
    for name, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{path}: [prioritas] {name} harus angka >= 0, bukan {value!r}")
        weights[name] = float(value)
    if not any(weights.values()):
        raise ConfigError(f"{path}: [prioritas] semua bobot nol")
    return weights


def _absolute(path: str | Path, base: Path) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else (base / p).resolve()
