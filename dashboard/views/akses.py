"""Akses (admin page): the accounts and the audit log as tables in the office's words and local time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd

from dashboard.formatting import format_number
from dashboard.i18n import register, t

register({
    "akses_title": ("Akun dan log audit", "Accounts and audit log"),
    "akses_accounts": ("Akun", "Accounts"),
    "akses_accounts_note": ("Akun dibuat dan diubah dari baris perintah: `rakor user add|passwd|disable|enable|list`.",
                            "Accounts are made and changed at the command line: "
                            "`rakor user add|passwd|disable|enable|list`."),
    "akses_log": ("Log audit", "Audit log"),
    "akses_log_note": ("Log hanya bertambah: aplikasi tidak dapat mengubah atau menghapus barisnya. Waktu setempat. "
                       "{n} baris terbaru yang cocok (paling banyak {most}; persempit dengan saringan di atas).",
                       "The log only grows: the app cannot change or delete its lines. Local time. The {n} newest "
                       "matching lines (at most {most}; narrow them with the filters above)."),
    "akses_chain_ok": ("Rantai log utuh: tidak ada baris yang diubah atau disisipkan di luar aplikasi.",
                       "Log chain intact: no line was changed or inserted outside the app."),
    "akses_chain_broken": ("Rantai log PUTUS pada baris {id}: baris itu atau sebelumnya diubah di luar aplikasi.",
                           "Log chain BROKEN at line {id}: it or the line before was changed outside the app."),
    "akses_filter_actor": ("Siapa", "Who"),
    "akses_filter_action": ("Kegiatan", "Action"),
    "akses_filter_days": ("Rentang tanggal", "Date range"),
    "akses_all": ("(semua)", "(all)"),
    "akses_col_name": ("Nama", "Name"),
    "akses_col_role": ("Peran", "Role"),
    "akses_col_state": ("Status", "State"),
    "akses_col_last": ("Masuk terakhir", "Last sign-in"),
    "akses_col_locked": ("Terkunci sampai", "Locked until"),
    "akses_col_at": ("Waktu", "Time"),
    "akses_col_actor": ("Siapa", "Who"),
    "akses_col_action": ("Kegiatan", "Action"),
    "akses_col_target": ("Apa", "What"),
    "akses_col_detail": ("Rincian", "Detail"),
    "akses_col_rows": ("Baris", "Rows"),
    "akses_active": ("aktif", "active"),
    "akses_inactive": ("nonaktif", "disabled"),
    "audit_masuk": ("masuk", "sign-in"),
    "audit_masuk_gagal": ("gagal masuk", "failed sign-in"),
    "audit_keluar": ("keluar", "sign-out"),
    "audit_impor": ("impor berkas", "file import"),
    "audit_unduh_daftar": ("unduh daftar nama", "named list download"),
    "audit_akses_ditolak": ("akses ditolak", "access refused"),
    "audit_akun_tambah": ("akun dibuat", "account added"),
    "audit_akun_sandi": ("kata sandi diganti", "password changed"),
    "audit_akun_nonaktif": ("akun dinonaktifkan", "account disabled"),
    "audit_akun_aktif": ("akun diaktifkan", "account enabled"),
    "audit_cadangkan": ("cadangan dibuat", "backup written"),
    "audit_pulihkan": ("cadangan dipulihkan", "backup restored"),
    "audit_ekspor": ("basis data diekspor", "database exported"),
    "audit_rapat_siapkan": ("rakor disiapkan (angka dibekukan)", "rakor prepared (figures frozen)"),
    "audit_bahan_ubah": ("bahan bicara rakor diubah", "rakor talking points changed"),
    "audit_keputusan_catat": ("keputusan rakor dicatat", "rakor decision recorded"),
    "audit_keputusan_ubah": ("keputusan rakor diubah", "rakor decision changed"),
})


NONE = "–"  # a lone "-" in st.table is read as Markdown: a list bullet
SHOWN = 300  # lines of the log on the page: a table the hall can read, the filters find older ones


def local_time(text: str | None) -> str:
    """A stored UTC moment in this computer's time zone, ``dd-mm-yyyy HH:MM:SS``; NONE for none."""
    if not text:
        return NONE
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).astimezone().strftime(
        "%d-%m-%Y %H:%M:%S")


def utc_bounds(first: date, last: date) -> tuple[str, str]:
    """The stored-text bounds of local days ``first`` to ``last`` inclusive."""
    def utc(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    return utc(datetime.combine(first, time.min).astimezone()), \
        utc(datetime.combine(last + timedelta(days=1), time.min).astimezone())


def action_name(action: str, lang: str = "id") -> str:
    return t(f"audit_{action}", lang)


def accounts_table(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    return pd.DataFrame({
        t("akses_col_name", lang): frame["name"],
        t("akses_col_role", lang): [t(f"role_{r}", lang) for r in frame["role"]],
        t("akses_col_state", lang): [t("akses_active" if a else "akses_inactive", lang) for a in frame["active"]],
        t("akses_col_last", lang): frame["last_sign_in"].map(local_time),
        t("akses_col_locked", lang): frame["locked_until"].map(local_time),
    })


def audit_table(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    return pd.DataFrame({
        t("akses_col_at", lang): frame["at"].map(local_time),
        t("akses_col_actor", lang): frame["actor"],
        t("akses_col_role", lang): [t(f"role_{r}", lang) if isinstance(r, str) else NONE for r in frame["role"]],
        t("akses_col_action", lang): [action_name(a, lang) for a in frame["action"]],
        t("akses_col_target", lang): frame["target"].fillna(NONE),
        t("akses_col_detail", lang): frame["detail"].fillna(NONE),
        t("akses_col_rows", lang): [format_number(n) if pd.notna(n) else NONE for n in frame["n_rows"]],
    })

