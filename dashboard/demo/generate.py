"""Deterministic demo files for any kabupaten/kota (default Kabupaten Probolinggo, 35.13), in the formats a Dinas
Sosial office receives, with the real Kemendagri kecamatan and desa codes of that wilayah.

Each component draws from its own named random stream, so the same (wilayah, n_individuals, seed) always gives
byte-identical files, and tweaking one file's generator never changes the others. The seed defaults to the
wilayah's code digits (3513 for 35.13)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path

import numpy as np

from . import gen_anggaran as ang
from . import gen_penerima as pen
from .gen_dtks import build_population, write_dtks
from .gen_io import OFFICE, stream
from .gen_ppks import ppks_counts, write_kasus, write_rekap
from .gen_psks import register, title_name, write_laporan, write_sumber_daya
from .gen_target import target_rows, write_target
from .gen_wilayah import KAB, estimate_penduduk, load_wilayah, write_penduduk

Job = tuple[str, Callable[[Path], int]]

__all__ = ["default_seed", "generate_demo_files", "generate_provinsi_files"]


def default_seed(kab: str) -> int:
    """The demo's seed when none is given: the wilayah code's digits (35.13 -> 3513)."""
    return int(kab.replace(".", ""))


class _Demo:
    """Lazily built shared data; every property uses its own random stream derived from the seed."""

    def __init__(self, n_individuals: int, seed: int, kab: str = KAB, in_provinsi: bool = False):
        self.n = n_individuals
        self.seed = seed
        self.wil = load_wilayah(kab, seed)
        self.in_provinsi = in_provinsi

    def rng(self, name: str) -> np.random.Generator:
        return stream(self.seed, name)

    @cached_property
    def penduduk(self):
        return estimate_penduduk(self.wil, self.rng("penduduk"))

    @cached_property
    def pop(self):
        return build_population(self.wil, self.penduduk["jumlah"].to_numpy(), self.n, self.rng("dtks"))

    @cached_property
    def prog(self):
        return pen.assign_programs(self.pop, self.wil, self.rng("program"))

    @cached_property
    def ppks(self):
        return ppks_counts(self.wil, self.penduduk["jumlah"].to_numpy(), self.rng("ppks"))

    @cached_property
    def psks(self):
        return register(self.wil, self.rng("psks"))

    @cached_property
    def budget(self):
        return ang.build_budget(self.rng("anggaran"))

    def tksk_names(self) -> list[str]:
        """TKSK per kecamatan (kecamatan order), title case as typed in the monthly recap."""
        return [title_name(nama) for jenis, nama, _ in self.psks[2025] if jenis == "TKSK"]

    def jobs(self) -> list[Job]:
        """(file name, writer) in import order: penduduk, dtks, penerima, ppks, psks, target, anggaran."""
        return self.data_jobs() + self.budget_jobs(self.wil.nama)

    def data_jobs(self) -> list[Job]:
        """Every file but the office's own budget (SIPD)."""
        w, years = self.wil, (2025, 2026)
        jobs: list[Job] = [
            ("penduduk_estimasi_2026.csv", lambda p: write_penduduk(p, w, self.penduduk)),
            (f"dtks_{w.slug}_2026-10.csv", lambda p: write_dtks(p, self.pop, w)),
        ]
        jobs += [(f"penerima_pkh_{y}.csv", partial(self._penerima, pen.write_pkh, y)) for y in years]
        jobs += [(f"penerima_bpnt_{y}.csv", partial(self._penerima, pen.write_bpnt, y)) for y in years]
        jobs += [(f"penerima_pbi_{y}.csv", partial(self._pbi, y)) for y in years]
        jobs.append(("penerima_atensi_2026.xlsx", lambda p: pen.write_atensi(p, self.pop, w, self.rng("atensi"))))
        jobs += [(f"ppks_rekap_{y}.xlsx", partial(self._rekap, y)) for y in years]
        jobs.append(("ppks_kasus_2025_2026.csv", lambda p: write_kasus(p, self.ppks[2025], w, self.rng("kasus"))))
        jobs += [(f"psks_sumber_daya_{y}.xlsx", partial(self._sumber_daya, y)) for y in years]
        jobs += [(f"tksk_laporan_{y}.xlsx", partial(self._laporan, y)) for y in years]
        jobs += [(f"target_kinerja_{y}.xlsx", partial(self._target, y)) for y in years]
        return jobs

    def budget_jobs(self, office: str) -> list[Job]:
        """The SIPD budget reports of ``office`` (the wilayah named in their title rows)."""
        jobs = [(f"sipd_lra_{y}_{m:02d}.xlsx", partial(self._lra, y, m, office)) for y, m in ang.lra_months()]
        return jobs + [(f"anggaran_kas_{y}.xlsx", partial(self._kas, y)) for y in (2025, 2026)]

    def _penerima(self, fn, year: int, path: Path) -> int:
        """PKH/BPNT writers share a signature; each file gets its own stream for status and empty KK."""
        return fn(path, year, self.pop, self.wil, self.prog, self.rng(f"{fn.__name__}{year}"))

    def _pbi(self, year: int, path: Path) -> int:
        return pen.write_pbi(path, year, self.pop, self.wil, self.prog)

    def _rekap(self, year: int, path: Path) -> int:
        return write_rekap(path, year, self.ppks[year], self.wil)

    def _sumber_daya(self, year: int, path: Path) -> int:
        return write_sumber_daya(path, year, self.psks[year])

    def _laporan(self, year: int, path: Path) -> int:
        return write_laporan(path, year, self.wil, self.tksk_names(), self.rng(f"tksk{year}"), self.in_provinsi)

    def _target(self, year: int, path: Path) -> int:
        """Targets need DTKS households and the last-tahap KPM per kecamatan of the generated data."""
        n_kec = len(self.wil.kec)
        dtks_hh = np.bincount(self.pop.hh_kec[~self.pop.hh_ghost], minlength=n_kec)
        kpm = pen.kpm_last_tahap(self.pop, self.prog, year, n_kec)
        return write_target(path, target_rows(year, self.wil, dtks_hh, kpm, self.rng(f"target{year}")))

    def _lra(self, year: int, month: int, office: str, path: Path) -> int:
        return ang.write_lra(path, self.budget[year], month, office)

    def _kas(self, year: int, path: Path) -> int:
        return ang.write_kas(path, self.budget[year])


def generate_demo_files(out_dir: Path, n_individuals: int = 300_000, seed: int | None = None,
                        progress: Callable[[str], None] | None = None, kab: str = KAB) -> list[Path]:
    """Write all demo files of kabupaten/kota ``kab`` into out_dir; return them in the order they must be imported."""
    demo = _Demo(n_individuals, default_seed(kab) if seed is None else seed, kab)
    return _write(demo.jobs(), Path(out_dir), f"Dinas Sosial {demo.wil.nama}", progress)


def generate_provinsi_files(out_dir: Path, provinsi: str, shares: dict[str, int], seed: int | None = None,
                            progress: Callable[[str], None] | None = None) -> list[Path]:
    """A provinsi office's demo: each kab/kota's files (``shares``: code -> DTKS individuals) in a folder of its
    own, names prefixed with the kab/kota (``boalemo_penerima_pkh_2025.csv``), then the provinsi's own SIPD
    (``provinsi``: its name, e.g. ``Provinsi Gorontalo``)."""
    paths: list[Path] = []
    demos = [_Demo(n, default_seed(kab) if seed is None else seed + i, kab, in_provinsi=True)
             for i, (kab, n) in enumerate(shares.items())]
    for demo in demos:
        slug = demo.wil.slug
        jobs = [(name if name.startswith(f"dtks_{slug}") else f"{slug}_{name}", write)
                for name, write in demo.data_jobs()]
        paths += _write(jobs, Path(out_dir) / slug, f"Dinas Sosial {demo.wil.nama}", progress)
    return paths + _write(demos[0].budget_jobs(provinsi), Path(out_dir), f"Dinas Sosial {provinsi}", progress)


def _write(jobs: list[Job], out_dir: Path, office: str, progress: Callable[[str], None] | None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    token = OFFICE.set(office)
    try:
        for name, write in jobs:
            if progress is not None:
                progress(f"Menulis {name}")
            write(out_dir / name)
            paths.append(out_dir / name)
    finally:
        OFFICE.reset(token)
    return paths
