"""Dinas Sosial budget (SIPD nomenclature, urusan 1.06): pagu, monthly realisation (LRA) and cash plan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from openpyxl.styles import Font

from .gen_io import BOLD, BULAN, LAST_MONTH, new_sheet, save_workbook, set_widths, split_integer

# (kode, uraian, [(kegiatan kode, uraian, [(sub suffix, uraian, base weight in million Rp)])])
STRUKTUR = (
    ("1.06.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", (
        ("1.06.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", (
            ("0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 45),
            ("0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", 30),
            ("0007", "Evaluasi Kinerja Perangkat Daerah", 25))),
        ("1.06.01.2.02", "Administrasi Keuangan Perangkat Daerah", (
            ("0001", "Penyediaan Gaji dan Tunjangan ASN", 4300),
            ("0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN", 180),
            ("0005", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD", 40))),
        ("1.06.01.2.06", "Administrasi Umum Perangkat Daerah", (
            ("0001", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor", 25),
            ("0004", "Penyediaan Bahan Logistik Kantor", 120),
            ("0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", 210))))),
    ("1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL", (
        ("1.06.02.2.02", "Pengumpulan Sumbangan dalam Daerah Kabupaten/Kota", (
            ("0001", "Penerbitan Izin Pengumpulan Uang atau Barang dalam Daerah Kabupaten/Kota", 35),)),
        ("1.06.02.2.03", "Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota", (
            ("0001", "Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial Kecamatan", 420),
            ("0002", "Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat", 180),
            ("0003", "Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial Kelembagaan Masyarakat", 150))))),
    ("1.06.04", "PROGRAM REHABILITASI SOSIAL", (
        ("1.06.04.2.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia "
         "Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial", (
            ("0002", "Penyediaan Permakanan", 950),
            ("0005", "Pemberian Alat Bantu", 250),
            ("0006", "Pemberian Pelayanan Reunifikasi Keluarga", 120))),
        ("1.06.04.2.02", "Rehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya Bukan Korban "
         "HIV/AIDS dan NAPZA di Luar Panti Sosial", (
            ("0001", "Pemberian Bimbingan Fisik, Mental, Spiritual, dan Sosial", 160),
            ("0004", "Pemberian Layanan Rujukan", 60))))),
    ("1.06.05", "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL", (
        ("1.06.05.2.01", "Pemeliharaan Anak-Anak Terlantar", (
            ("0001", "Pemberian Layanan Pengasuhan dan Perlindungan Anak Terlantar", 130),)),
        ("1.06.05.2.02", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota", (
            ("0001", "Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota", 650),
            ("0002", "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota", 220))))),
    ("1.06.06", "PROGRAM PENANGANAN BENCANA", (
        ("1.06.06.2.01", "Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota", (
            ("0001", "Penyediaan Makanan", 250),
            ("0002", "Penyediaan Sandang", 120),
            ("0005", "Pelayanan Dukungan Psikososial", 60))),)),
)
GAJI = "1.06.01.2.02.0001"
LAGGING_2026 = "1.06.04"  # the programme noticeably behind schedule in 2026
# realisation S-curve (slow Jan-Mar, heavy Nov-Dec) versus the smoother cash plan
S_CURVE = np.array([0.2, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 5.5, 6.5, 9.0, 14.0])
PLAN = np.array([3, 5, 7, 8, 9, 9, 9, 9, 9, 10, 11, 11], dtype=float)
SALARY = np.array([1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1], dtype=float)  # THR in March, gaji-13 in June
LRA_HEADER = ("Kode Rekening", "Uraian", "Anggaran", "Realisasi s.d. Bulan Lalu", "Realisasi Bulan Ini",
              "Realisasi s.d. Bulan Ini", "%")


@dataclass
class Budget:
    """One year: per sub kegiatan pagu, 12 monthly realisations and 12 monthly cash-plan amounts (Rp)."""

    year: int
    pagu: np.ndarray
    real: np.ndarray  # (n_sub, 12)
    plan: np.ndarray  # (n_sub, 12)


def subs() -> list[tuple[int, int, str, str, float]]:
    """Flattened sub kegiatan: (program idx, kegiatan idx, full code, uraian, base weight)."""
    out = []
    for pi, (_, _, kegs) in enumerate(STRUKTUR):
        for ki, (kkode, _, items) in enumerate(kegs):
            out.extend((pi, ki, f"{kkode}.{suf}", name, w) for suf, name, w in items)
    return out


def _pagu(rng: np.random.Generator) -> dict[int, np.ndarray]:
    """Pagu per sub kegiatan rounded to thousands: ~9.2-9.5 bn in 2025, 2-5% more in 2026."""
    base = np.array([s[4] for s in subs()], dtype=float)
    total25 = rng.uniform(9.2e9, 9.5e9)
    p25 = split_integer(round(total25 / 1000), base * rng.lognormal(0, 0.12, base.size)) * 1000
    total26 = total25 * rng.uniform(1.02, 1.05)
    p26 = split_integer(round(total26 / 1000), p25 * rng.lognormal(0, 0.06, base.size)) * 1000
    return {2025: p25, 2026: p26}


def _absorption(pagu: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Year-end absorption per sub: salaries ~99%, the rest varies by programme; total 93-96%."""
    info = subs()
    gaji = np.array([s[2] == GAJI for s in info])
    prog_off = rng.normal(0, 0.025, len(STRUKTUR))[[s[0] for s in info]]
    ab = np.clip(rng.normal(0.92, 0.035, len(info)) + prog_off, 0.78, 0.99)
    ab[gaji] = rng.uniform(0.985, 0.995)
    want = rng.uniform(0.93, 0.96) * pagu.sum()
    other = want - (pagu * ab)[gaji].sum()
    ab[~gaji] = np.clip(ab[~gaji] * other / (pagu * ab)[~gaji].sum(), 0.5, 0.995)
    return ab


def _monthly(pagu, ab, rng, lag_prog: str | None) -> np.ndarray:
    """Monthly realisation (whole rupiah) along a per-programme S-curve; salaries paid evenly."""
    info = subs()
    gamma = rng.uniform(0.85, 1.25, len(STRUKTUR))
    real = np.zeros((len(info), 12), dtype=np.int64)
    for i, (pi, _, code, _, _) in enumerate(info):
        g = 2.2 if lag_prog and STRUKTUR[pi][0] == lag_prog else gamma[pi]
        shape = SALARY if code == GAJI else S_CURVE**g * rng.lognormal(0, 0.25, 12)
        real[i] = split_integer(int(round(pagu[i] * ab[i])) - int(rng.integers(0, 1000)), shape)
    return real


def _plan(pagu: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cash plan in thousands: smoother than realisation; the 12 months sum exactly to the pagu."""
    info = subs()
    plan = np.zeros((len(info), 12), dtype=np.int64)
    for i, (_, _, code, _, _) in enumerate(info):
        shape = SALARY if code == GAJI else PLAN * rng.lognormal(0, 0.1, 12)
        plan[i] = split_integer(int(pagu[i] // 1000), shape) * 1000
    return plan


def build_budget(rng: np.random.Generator) -> dict[int, Budget]:
    """Both demo years; in 2026 one programme (Rehabilitasi Sosial) lags far behind its plan."""
    pagu = _pagu(rng)
    out = {}
    for year in (2025, 2026):
        ab = _absorption(pagu[year], rng)
        real = _monthly(pagu[year], ab, rng, LAGGING_2026 if year == 2026 else None)
        out[year] = Budget(year, pagu[year], real, _plan(pagu[year], rng))
    return out


def lra_rows(b: Budget, month: int) -> list[tuple]:
    """(kode, uraian, anggaran, s.d. lalu, bulan ini, s.d. ini, level) for programme/kegiatan/sub rows."""
    info = subs()
    lalu = b.real[:, : month - 1].sum(axis=1)
    ini = b.real[:, month - 1]
    vals = np.stack([b.pagu, lalu, ini, lalu + ini], axis=1)
    rows = []
    for pi, (pkode, puraian, kegs) in enumerate(STRUKTUR):
        pmask = np.array([s[0] == pi for s in info])
        rows.append((pkode, puraian, *vals[pmask].sum(axis=0), 0))
        for ki, (kkode, kuraian, _) in enumerate(kegs):
            kmask = pmask & np.array([s[1] == ki for s in info])
            rows.append((kkode, kuraian, *vals[kmask].sum(axis=0), 1))
            rows.extend((info[i][2], info[i][3], *vals[i], 2) for i in np.flatnonzero(kmask))
    return rows


def _pct(real: int, pagu: int) -> float:
    """Realisation percentage rounded to 2 decimals as SIPD prints it."""
    return round(real / pagu * 100, 2) if pagu else 0.0


def write_lra(path: Path, b: Budget, month: int, wilayah: str = "Kabupaten Probolinggo") -> int:
    """sipd_lra_<year>_<mm>.xlsx: SIPD 'LRA SKPD' layout; totals are values (not formulas)."""
    wb, ws = new_sheet("LRA SKPD")
    titles = (f"PEMERINTAH {wilayah.upper()}", "LAPORAN REALISASI ANGGARAN PENDAPATAN DAN BELANJA",
              "SKPD : 1.06.0.00.0.00.01.0000 DINAS SOSIAL", f"s.d. Bulan : {BULAN[month - 1]} {b.year}")
    for r, t in enumerate(titles, start=1):
        ws.cell(row=r, column=1, value=t).font = BOLD
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    for c, h in enumerate(LRA_HEADER, start=1):
        ws.cell(row=6, column=c, value=h).font = BOLD
    rows = lra_rows(b, month)
    total = np.zeros(4, dtype=np.int64)
    r = 6
    for kode, uraian, *money, level in rows:
        r += 1
        _money_row(ws, r, kode, uraian, money, bold=level < 2)
        if level == 0:
            total += np.array(money, dtype=np.int64)
    _money_row(ws, r + 1, None, "JUMLAH BELANJA", total.tolist(), bold=True)
    set_widths(ws, (22, 70, 18, 18, 18, 18, 8))
    save_workbook(wb, path)
    return len(rows) + 1


def _money_row(ws, r: int, kode, uraian: str, money, bold: bool) -> None:
    """Kode, uraian, four money columns as integers and the percentage."""
    font = Font(bold=bold)
    ws.cell(row=r, column=1, value=kode).font = font
    ws.cell(row=r, column=2, value=uraian).font = font
    for c, v in enumerate(money, start=3):
        cell = ws.cell(row=r, column=c, value=int(v))
        cell.number_format, cell.font = "#,##0", font
    ws.cell(row=r, column=7, value=_pct(int(money[3]), int(money[0]))).font = font


def write_kas(path: Path, b: Budget) -> int:
    """anggaran_kas_<year>.xlsx: one row per sub kegiatan per month (all 12 months, also for 2026)."""
    wb, ws = new_sheet("ANGGARAN KAS")
    ws["A1"] = f"ANGGARAN KAS DINAS SOSIAL TAHUN {b.year}"
    ws["A1"].font = BOLD
    for c, h in enumerate(("Tahun", "Bulan", "Kode Rekening", "Uraian", "Anggaran Kas"), start=1):
        ws.cell(row=3, column=c, value=h).font = BOLD
    r = 3
    for i, (_, _, code, name, _) in enumerate(subs()):
        for m in range(12):
            r += 1
            for c, v in enumerate((b.year, BULAN[m].title(), code, name, int(b.plan[i, m])), start=1):
                ws.cell(row=r, column=c, value=v)
            ws.cell(row=r, column=5).number_format = "#,##0"
    set_widths(ws, (8, 12, 22, 70, 18))
    save_workbook(wb, path)
    return r - 3


def lra_months() -> list[tuple[int, int]]:
    """(year, month) of every LRA file: 2025-01..2025-12 and 2026-01..2026-10."""
    return [(y, m) for y in (2025, 2026) for m in range(1, LAST_MONTH[y] + 1)]
