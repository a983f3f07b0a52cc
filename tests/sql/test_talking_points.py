"""Talking points (dashboard/meetings/points.py) on the demo database: every number a sentence states is the one
pandas computes from the generated files (attainment, coverage, budget), formatted the Indonesian way."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.filters import QUARTER, Filters
from dashboard.formatting import format_pct, format_rupiah
from dashboard.i18n import t
from dashboard.meetings import points
from dashboard.slides.items import BUILDERS, Source
from dashboard.views import capaian
from tests.support.attainment import expected_attainment, targets
from tests.support.budget import as_of_month, expected_by
from tests.support.coverage import expected_coverage

FILTERS = Filters(2026, QUARTER, 3)


@pytest.fixture(scope="module")
def generated(run, settings):
    return points.generate(Source(run, FILTERS, settings, "id"))


@pytest.fixture(scope="module")
def names(run):
    return run("kecamatan_list", kabupaten="35.13").set_index("kode")["nama"]


def _listed(items: list[str]) -> str:
    shown = items[:points.LISTED]
    return ", ".join(shown + ([f"dan {len(items) - len(shown)} lainnya"] if len(items) > len(shown) else []))


def test_one_entry_per_agenda_item_in_agenda_order(generated, settings):
    assert list(generated) == list(settings.agenda)
    assert all(generated[item] for item in settings.agenda)  # the demo has data for every item


def test_red_kecamatan_per_indicator_are_the_files_attainment(generated, run, demo, settings):
    as_of = capaian.as_of_month(FILTERS, run("last_month_by_source", tahun=2026))
    expected = expected_attainment(demo.files, FILTERS, as_of)["attainment_prorata_pct"].dropna().reset_index()
    expected["nama"] = expected["kode"].map(targets(demo.files).drop_duplicates("kode").set_index("kode")["nama"])
    lines = []
    for key in capaian.INDICATORS:
        red = expected[(expected["indikator"] == key) & (expected["attainment_prorata_pct"] < settings.rag_amber_pct)]
        red = red.sort_values(["attainment_prorata_pct", "nama"])
        if len(red):
            items = [f"{n} {format_pct(v)}" for n, v in zip(red["nama"], red["attainment_prorata_pct"], strict=True)]
            lines.append(f"{len(red)} kecamatan merah pada {t(f'capaian_{key}')}: {_listed(items)}.")
    assert lines, "the demo has red cells"
    assert generated["capaian"][:-1] == lines
    values = expected["attainment_prorata_pct"]
    red, amber = (values < settings.rag_amber_pct).sum(), values.between(
        settings.rag_amber_pct, settings.rag_green_pct, inclusive="left").sum()
    assert generated["capaian"][-1].startswith(f"{red} sel merah dan {amber} sel kuning dari {len(values)} sel ")


def test_budget_points_are_the_files_absorption_against_the_cash_plan(generated, demo, settings):
    bulan = as_of_month(demo.files, 2026, FILTERS.months[1])
    expected = expected_by(demo.files, settings.bidang, 2026, bulan, ["bidang"]).reset_index()
    expected["gap"] = expected["absorption_pct"] - 100 * expected["anggaran_kas_rp"] / expected["pagu_rp"]
    expected = expected.sort_values("gap")
    lines = [f"Serapan anggaran Bidang {b} {format_pct(a)}, {format_pct(abs(g))[:-1]} poin "
             f"{'di bawah' if g < 0 else 'di atas'} rencana kas."
             for b, a, g in zip(expected["bidang"], expected["absorption_pct"], expected["gap"], strict=True)]
    total = 100 * expected["realisasi_rp"].sum() / expected["pagu_rp"].sum()
    lines.append(f"Serapan seluruh bidang {format_pct(total)}: realisasi "
                 f"{format_rupiah(expected['realisasi_rp'].sum(), short=True)} dari pagu "
                 f"{format_rupiah(expected['pagu_rp'].sum(), short=True)}.")
    assert generated["anggaran"] == lines


def test_coverage_points_name_the_three_furthest_kecamatan_of_the_files(generated, demo, names):
    counts = expected_coverage(demo.files, FILTERS)
    frame = pd.DataFrame({"nama": counts.index.map(names),
                          "C3": 100 * counts["n_eligible_kpm"] / counts["n_eligible"],
                          "C4": 100 * counts["n_excluded"] / counts["n_eligible"],
                          "C5": 100 * counts["n_inclusion"] / counts["n_kpm_ranked"]})
    whole = {"C3": 100 * counts["n_eligible_kpm"].sum() / counts["n_eligible"].sum(),
             "C4": 100 * counts["n_excluded"].sum() / counts["n_eligible"].sum(),
             "C5": 100 * counts["n_inclusion"].sum() / counts["n_kpm_ranked"].sum()}
    said = [*generated["cakupan"], *generated["eksklusi_inklusi"]]
    for line, (key, name, word, ascending) in zip(said, [("C3", "Cakupan keluarga layak", "terendah", True),
                                                        ("C4", "Salah eksklusi", "tertinggi", False),
                                                        ("C5", "Salah inklusi", "tertinggi", False)], strict=True):
        worst = frame.sort_values([key, "nama"], ascending=[ascending, True]).head(3)
        items = ", ".join(f"{n} {format_pct(v)}" for n, v in zip(worst["nama"], worst[key], strict=True))
        assert line == f"{key} {name} kabupaten {format_pct(whole[key])}; {word}: {items}."


def test_the_other_items_say_what_their_slides_notes_say(generated, run, settings):
    source = Source(run, FILTERS, settings, "id")
    for item in ("kurva_s", "peta", "sumber"):
        assert generated[item] == [s.notes for s in BUILDERS[item](source)]
    tiles = BUILDERS["ringkasan"](source)[0].body.tiles
    assert [line.split(" (")[0].removesuffix(".") for line in generated["ringkasan"]] == [
        f"{tile.label} {tile.text}" for tile in tiles if tile.value is not None]
