"""Talking points (bahan bicara): a few generated Indonesian sentences per agenda item, from the rakor's frozen
figures, which the presenter edits before the meeting.

Each generator reads the same loaders the slides are built from (the ``Source``), so a sentence's numbers are the
slide's; where a slide's own speaker notes already say it (Kurva S, Peta, Sumber), those are the point.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pandas as pd

from dashboard.access import audit
from dashboard.access import store as access_store
from dashboard.access.roles import OPERATOR, User, require
from dashboard.config import Settings
from dashboard.formatting import format_pct, format_rupiah
from dashboard.i18n import register, t
from dashboard.meetings import store
from dashboard.meetings.actors import log
from dashboard.slides.items import BUILDERS, Source
from dashboard.views import anggaran, cakupan, capaian, ringkasan

LISTED = 5  # names a sentence lists before "dan N lainnya"
MAX_POINTS_CHARS = 4000

register({
    "points_kpi": ("{label} {value} ({change} {compared}).", "{label} {value} ({change} {compared})."),
    "points_kpi_plain": ("{label} {value}.", "{label} {value}."),
    "points_attention": ("{n} {level} perlu perhatian: {items}.", "{n} {level} needing attention: {items}."),
    "points_coverage": ("{indicator} {scope} {value}; terendah: {items}.",
                        "{indicator} {scope} {value}; lowest: {items}."),
    "points_coverage_high": ("{indicator} {scope} {value}; tertinggi: {items}.",
                             "{indicator} {scope} {value}; highest: {items}."),
    "points_red": ("{n} {level} merah pada {indicator}: {items}.", "{n} {level} red on {indicator}: {items}."),
    "points_cells": ("{red} sel merah dan {amber} sel kuning dari {n} sel bertarget ({mode}).",
                     "{red} red and {amber} amber cells of {n} cells with a target ({mode})."),
    "points_more": ("dan {n} lainnya", "and {n} more"),
    "points_budget_gap": ("Serapan anggaran Bidang {bidang} {absorption}, {gap} poin {side} rencana kas.",
                          "Budget absorption of Bidang {bidang} {absorption}, {gap} points {side} the cash plan."),
    "points_below": ("di bawah", "below"),
    "points_above": ("di atas", "above"),
    "points_budget_total": ("Serapan seluruh bidang {absorption}: realisasi {real} dari pagu {pagu}.",
                            "Absorption of all bidang {absorption}: spending {real} of a budget of {pagu}."),
    "points_too_long": ("Bahan bicara paling panjang {n} huruf per agenda.",
                        "Talking points hold at most {n} characters per agenda item."),
})


def _listed(names: list[str], lang: str) -> str:
    shown = names[:LISTED]
    rest = len(names) - len(shown)
    return ", ".join(shown + ([t("points_more", lang, n=rest)] if rest else []))


def ringkasan_points(src: Source) -> list[str]:
    lines = []
    previous = cakupan.period_text(src.filters.previous(), src.lang)
    for kpi in src.summary.kpis:
        label, value = t(f"ringkasan_kpi_{kpi.key}", src.lang), ringkasan.format_value(kpi)
        change = ringkasan.format_change(kpi, src.lang)
        if kpi.value is None:
            continue
        lines.append(t("points_kpi", src.lang, label=label, value=value, change=change,
                       compared=t(kpi.compared_with, src.lang, period=previous)) if change else
                     t("points_kpi_plain", src.lang, label=label, value=value))
    return lines


def perhatian_points(src: Source) -> list[str]:
    rows = ringkasan.attention_rows(src.summary, src.lang)
    if rows.empty:
        return []
    items = [f"{n} {format_pct(m)} ({w})" for n, m, w in zip(rows["nama"], rows["mean_pct"], rows["why"], strict=True)]
    return [t("points_attention", src.lang, n=len(rows), level=src.summary.attainment.level_word(src.lang),
              items="; ".join(items))]


def coverage_point(src: Source, key: str) -> list[str]:
    """The indicator for the area and the three wilayah furthest from where it should be."""
    data, lang = src.coverage, src.lang
    indicator = cakupan.INDICATORS[key]
    if data.coverage.empty or data.coverage["n_eligible"].sum() == 0:
        return []
    worst = data.coverage.dropna(subset=[indicator.pct]).sort_values(
        [indicator.pct, "nama"], ascending=[indicator.higher_is_better, True]).head(3)
    scope = data.kecamatan_name or t(f"cakupan_total_{data.base_level}", lang).lower()
    items = ", ".join(f"{n} {format_pct(v)}" for n, v in zip(worst["nama"], worst[indicator.pct], strict=True))
    key_text = "points_coverage" if indicator.higher_is_better else "points_coverage_high"
    return [t(key_text, lang, indicator=t(f"cakupan_{key}", lang), scope=scope,
              value=format_pct(cakupan.scope_value(data, key)), items=items)]


def capaian_points(src: Source) -> list[str]:
    """Per indicator, the wilayah in red (lowest first), then the count of red and amber cells."""
    targets, lang = src.summary.attainment, src.lang
    if targets.current.empty or targets.current["target"].notna().sum() == 0:
        return []
    values = capaian.scorecard_values(targets, prorata=True)
    lines, statuses = [], []
    for key in capaian.INDICATORS:
        column = values[["nama", key]].dropna().sort_values([key, "nama"])
        status = [capaian.rag_status(v, targets.green_pct, targets.amber_pct) for v in column[key]]
        statuses += status
        red = column[[s == "merah" for s in status]]
        if len(red):
            items = [f"{n} {format_pct(v)}" for n, v in zip(red["nama"], red[key], strict=True)]
            lines.append(t("points_red", lang, n=len(red), level=targets.level_word(lang),
                           indicator=t(f"capaian_{key}", lang), items=_listed(items, lang)))
    lines.append(t("points_cells", lang, red=statuses.count("merah"), amber=statuses.count("kuning"),
                   n=len(statuses), mode=capaian.mode_text(targets, True, lang)))
    return lines


def anggaran_points(src: Source) -> list[str]:
    """Each bidang's absorption against its cash plan, furthest behind first, then the office's total."""
    data, lang = src.budget, src.lang
    if data.is_empty:
        return []
    frame = data.by_bidang.dropna(subset=["anggaran_kas_rp", "absorption_pct"])
    frame = frame[frame["pagu_rp"] > 0].assign(
        gap=lambda f: f["absorption_pct"] - 100 * f["anggaran_kas_rp"] / f["pagu_rp"]).sort_values("gap")
    lines = [t("points_budget_gap", lang, bidang=anggaran.bidang_label(b, lang), absorption=format_pct(a),
               gap=format_pct(abs(g)).removesuffix("%"), side=t("points_below" if g < 0 else "points_above", lang))
             for b, a, g in zip(frame["bidang"], frame["absorption_pct"], frame["gap"], strict=True)]
    totals = anggaran.compute_totals(data.by_bidang)
    lines.append(t("points_budget_total", lang, absorption=format_pct(totals.absorption_pct),
                   real=format_rupiah(totals.realisasi_rp, short=True), pagu=format_rupiah(totals.pagu_rp, short=True)))
    return lines


def notes_points(item: str) -> Callable[[Source], list[str]]:
    """The item's slides' own speaker notes (each a generated sentence from the same numbers)."""
    def points(src: Source) -> list[str]:
        return list(dict.fromkeys(s.notes for s in BUILDERS[item](src) if s.notes))
    return points


GENERATORS: dict[str, Callable[[Source], list[str]]] = {
    "ringkasan": ringkasan_points, "perhatian": perhatian_points,
    "cakupan": lambda src: coverage_point(src, "C3"),
    "eksklusi_inklusi": lambda src: coverage_point(src, "C4") + coverage_point(src, "C5"),
    "capaian": capaian_points, "anggaran": anggaran_points,
    "kurva_s": notes_points("kurva_s"), "peta": notes_points("peta"), "sumber": notes_points("sumber"),
}


def generate(src: Source) -> dict[str, list[str]]:
    """Every agenda item's points, in agenda order (an item without data has none)."""
    return {item: GENERATORS[item](src) for item in src.settings.agenda}


# ---- stored with the rakor -------------------------------------------------------------------------------------

def insert(con: sqlite3.Connection, meeting_id: str, points: dict[str, list[str]], actor: str) -> None:
    """The generated points, inside the transaction that stores the rakor."""
    now = access_store.stamp(access_store.now_utc())
    for item, lines in points.items():
        con.execute("insert into talking_point values (?, ?, ?, 0, ?, ?)", (meeting_id, item, "\n".join(lines),
                                                                           actor, now))


def read(path, meeting_id: str) -> pd.DataFrame:
    """item, lines (list), edited, changed_by, changed_at per agenda item of the rakor (agenda order is the
    caller's)."""
    with store.reading(path) as con:
        rows = con.execute("select item, body, edited, changed_by, changed_at from talking_point "
                           "where meeting_id = ?", (meeting_id,)).fetchall()
    frame = pd.DataFrame(rows, columns=["item", "body", "edited", "changed_by", "changed_at"])
    frame["lines"] = [[line for line in body.splitlines() if line.strip()] for body in frame["body"]]
    return frame.drop(columns="body")


def lines_of(path, meeting_id: str) -> dict[str, list[str]]:
    frame = read(path, meeting_id)
    return dict(zip(frame["item"], frame["lines"], strict=True))


class PointsError(ValueError):
    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


def save(settings: Settings, user: User, meeting_id: str, item: str, text: str) -> bool:
    """The presenter's own wording of one item's points (one per line); False when nothing changed."""
    require(user, OPERATOR, "bahan bicara")
    if len(text) > MAX_POINTS_CHARS:
        raise PointsError("points_too_long", n=MAX_POINTS_CHARS)
    body = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    with store.connect(settings.meetings_store) as con:
        old = con.execute("select body from talking_point where meeting_id = ? and item = ?",
                          (meeting_id, item)).fetchone()
        if old is not None and old[0] == body:
            return False
        con.execute("insert into talking_point values (?, ?, ?, 1, ?, ?) on conflict (meeting_id, item) do update "
                    "set body = excluded.body, edited = 1, changed_by = excluded.changed_by, "
                    "changed_at = excluded.changed_at",
                    (meeting_id, item, body, user.name, access_store.stamp(access_store.now_utc())))
    log(settings, user, audit.POINTS_EDIT, meeting_id, item)
    return True
