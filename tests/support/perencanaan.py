"""Perencanaan figures recomputed from the generated demo files with pandas, from the rules of docs/INDICATORS.md
section 6 (written again here from the text, not from the code under test): SPM need and served, caseload, budget
to output and the priority composite."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tests.support.attainment import cases, households, tksk_reports
from tests.support.budget import bidang_of, read_lra_sub
from tests.support.coverage import recipients
from tests.support.expected import dotted, label_months, read_dtks, read_penduduk, read_ppks_rekap

SERVED = ("intervensi", "evaluasi", "monitoring", "selesai")
SPM = {"SPM1": ["penyandang disabilitas"], "SPM2": ["anak terlantar", "anak balita terlantar", "anak jalanan"],
       "SPM3": ["lanjut usia terlantar"], "SPM4": ["gelandangan", "pengemis"],
       "SPM5": ["korban bencana alam", "korban bencana sosial"]}


def _rekap(files: Path, tahun: int) -> pd.DataFrame:
    sheet = read_ppks_rekap(files, tahun)
    return pd.DataFrame({"kode": sheet["Kode Desa"].map(dotted).str[:8],
                         "kategori": sheet["Kategori PPKS"].str.lower(), "jumlah": sheet["Jumlah"].astype(int)})


def _cases(files: Path, tahun: int, as_of: int) -> pd.DataFrame:
    ks = cases(files)
    ks = ks[(ks["tanggal"].dt.year == tahun) & (ks["tanggal"].dt.month <= as_of)]
    return ks.assign(kategori=ks["kategori"].str.lower())


def expected_spm(files: Path, tahun: int, as_of: int) -> pd.DataFrame:
    """Need (recap) and served (cases reaching intervensi or later) per (kecamatan, standard), both years."""
    out = {}
    for key, categories in SPM.items():
        for suffix, year in (("", tahun), ("_prev", tahun - 1)):
            rekap = _rekap(files, year)
            ks = _cases(files, year, as_of)
            need = rekap[rekap["kategori"].isin(categories)].groupby("kode")["jumlah"].sum()
            served = ks[ks["kategori"].isin(categories) & ks["tahap"].isin(SERVED)].groupby("kecamatan").size()
            out[(key, f"n_butuh{suffix}")] = need
            out[(key, f"n_dilayani{suffix}")] = served
    frame = pd.DataFrame(out).fillna(0).astype(int)
    return frame.stack(level=0, future_stack=True).rename_axis(["kode", "spm"])


def psks_register(files: Path, tahun: int) -> pd.DataFrame:
    sheet = pd.read_excel(next(files.glob(f"*psks_sumber_daya_{tahun}.xlsx")), dtype=str)
    return sheet.assign(kode=sheet["Kode Wilayah"].str[:8])


def expected_beban(files: Path, tahun: int) -> pd.DataFrame:
    """PPKS (recap, all categories), TKSK and LKS+PSM per kecamatan, and the loads."""
    register = psks_register(files, tahun)
    frame = pd.DataFrame({
        "n_ppks": _rekap(files, tahun).groupby("kode")["jumlah"].sum(),
        "n_tksk": register[register["Jenis"] == "TKSK"].groupby("kode").size(),
        "n_lks_psm": register[register["Jenis"].isin(["LKS", "PSM"])].groupby("kode").size(),
    }).fillna(0).astype(int)
    frame["ppks_per_tksk"] = frame["n_ppks"] / frame["n_tksk"].replace(0, np.nan)
    frame["ppks_per_lks_psm"] = frame["n_ppks"] / frame["n_lks_psm"].replace(0, np.nan)
    return frame


def _output(files: Path, ukuran: str, saring: tuple[str, ...], tahun: int, bulan: int) -> int:
    """What a measure counts, January to ``bulan`` of ``tahun``, over the whole kabupaten."""
    if ukuran in ("ppks_dilayani", "kasus_selesai"):
        ks = _cases(files, tahun, bulan)
        ks = ks[ks["kategori"].isin(saring)] if saring else ks
        stages = SERVED if ukuran == "ppks_dilayani" else ("selesai",)
        return int(ks["tahap"].isin(stages).sum())
    if ukuran == "laporan_tksk":
        reports = tksk_reports(files)
        return int(reports[(reports["tahun"] == tahun) & (reports["bulan"] <= bulan)]["received"].sum())
    if ukuran == "keluarga_diverval":
        hh = households(files)
        return int(((hh["update"].dt.year == tahun) & (hh["update"].dt.month <= bulan)).sum())
    rows = recipients(files)
    months = set(range(1, bulan + 1))
    rows = rows[(rows["tahun"] == tahun) & rows["received"] & rows["hh"].notna()
                & rows["periode"].map(lambda label: bool(label_months(label, tahun) & months))]
    rows = rows[rows["program"].isin(saring)] if saring else rows
    return rows["hh"].nunique()


def expected_keluaran(files: Path, mapping: dict, tahun: int, bulan: int) -> pd.DataFrame:
    """Per configured prefix (``Settings.keluaran``): realisation of the sub kegiatan it is the longest prefix of,
    output and cost per beneficiary, this year and last year at ``bulan``, and the two flags."""
    prefixes = {p: p for p in mapping}
    rows = []
    for prefix, output in mapping.items():
        row = {"kode": prefix, "ukuran": output.ukuran}
        for suffix, year in (("", tahun), ("_prev", tahun - 1)):
            sub = read_lra_sub(files, year, bulan)
            mine = sub[sub["kode"].map(lambda k: bidang_of(k, prefixes)) == prefix]
            row[f"realisasi{suffix}"] = float(mine["realisasi_rp"].sum())
            counted = output.ukuran and _output(files, output.ukuran, output.saring, year, bulan)
            row[f"output{suffix}"] = counted if output.ukuran else None
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("kode")
    for suffix in ("", "_prev"):
        real, out = frame[f"realisasi{suffix}"], pd.to_numeric(frame[f"output{suffix}"])
        frame[f"biaya{suffix}"] = (real / out).where((real > 0) & (out > 0))
    measured = frame["ukuran"] != ""
    out = pd.to_numeric(frame["output"]).fillna(0)
    frame["tanpa_output"] = measured & (frame["realisasi"] > 0) & (out == 0)
    frame["tanpa_anggaran"] = measured & (out > 0) & (frame["realisasi"] == 0)
    return frame


def expected_inputs(files: Path, coverage: pd.DataFrame, attainment: pd.DataFrame, tahun: int,
                    cutoff: int = 4) -> pd.DataFrame:
    """The priority inputs per kecamatan: desil 1-``cutoff`` share of the population, PPKS per 1,000, coverage gap
    (from C3 counts ``coverage``) and the mean pro-rata attainment (``attainment``: expected_attainment)."""
    people = read_dtks(files)
    desil = pd.to_numeric(people["Desil"].replace("", None))
    poor = people[(people["Status"].str.lower() == "aktif") & (desil <= cutoff)]
    penduduk = read_penduduk(files).set_index("kode_wilayah")["jumlah_penduduk"]
    frame = pd.DataFrame({"n_desil": poor["Kode Desa"].map(dotted).str[:8].value_counts(),
                          "n_ppks": _rekap(files, tahun).groupby("kode")["jumlah"].sum()}).fillna(0)
    frame = frame[frame.index.str.len() == 8]
    population = penduduk.reindex(frame.index)
    frame["desil_share_pct"] = 100 * frame["n_desil"] / population
    frame["ppks_per_1000"] = 1000 * frame["n_ppks"] / population
    frame["coverage_gap_pct"] = 100 - 100 * coverage["n_eligible_kpm"] / coverage["n_eligible"].replace(0, np.nan)
    frame["attainment_pct"] = attainment["attainment_prorata_pct"].groupby(level="kode").mean()
    return frame


def expected_ranking(inputs: pd.DataFrame, names: dict[str, str], weights: dict[str, float]) -> list[tuple[str, float]]:
    """(kecamatan code, score) best first: each input min-max to 0-100 (attainment reversed), missing 0, weighted
    mean; ties by name."""
    columns = {"desil": ("desil_share_pct", 1), "ppks": ("ppks_per_1000", 1), "kesenjangan": ("coverage_gap_pct", 1),
               "capaian": ("attainment_pct", -1)}
    total = pd.Series(0.0, index=inputs.index)
    for key, (column, direction) in columns.items():
        values = inputs[column] * direction
        spread = values.max() - values.min()
        score = (100 * (values - values.min()) / spread).fillna(0) if spread else 0.0
        total = total + weights[key] * score
    total = total / sum(weights.values())
    order = sorted(total.index, key=lambda k: (-total[k], names[k]))
    return [(k, float(total[k])) for k in order]
