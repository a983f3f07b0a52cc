"""Capaian page (AppTest): scorecard, trend table and ranking show the figures recomputed from the demo files."""

import json

import pandas as pd
import pytest

from dashboard import theme
from dashboard.filters import QUARTER, YEAR, Filters
from dashboard.formatting import format_pct
from tests.support.attainment import expected_attainment, targets

SHORT = {"T1": "T1 Verval", "T2": "T2 Yatim", "T3": "T3 TKSK", "T4": "T4 Salur", "T5": "T5 PPKS"}


@pytest.fixture
def capaian_page(open_page):
    return open_page("capaian")


def _cell(value: float) -> str:
    return format_pct(value) if pd.notna(value) else "–"


def _names(files) -> dict[str, str]:
    frame = targets(files).drop_duplicates("kode")
    return dict(zip(frame["kode"], frame["nama"], strict=True))


@pytest.mark.parametrize("prorata", [False, True])
def test_scorecard_matches_files(capaian_page, demo, prorata):
    app = capaian_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026).run()
    if prorata:
        app.toggle(key="capaian.prorata").set_value(True).run()
    assert not app.exception, app.exception
    table = app.table[0].value
    column = "attainment_prorata_pct" if prorata else "attainment_pct"
    expected = expected_attainment(demo.files, Filters(2026, YEAR), 10)[column]
    names = _names(demo.files)
    assert len(table) == 24
    for (kode, ind), value in expected.items():
        assert table.loc[names[kode], SHORT[ind]] == _cell(value), (kode, ind)
    assert (table[SHORT["T5"]] == "–").sum() == 2  # no target: shown grey, never as 0 %


def test_quarter_program_and_kecamatan(capaian_page, demo):
    app = capaian_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2025).run()
    app.sidebar.radio(key="filter.granularity").set_value(QUARTER).run()
    app.sidebar.selectbox(key="filter.period").set_value(2).run()
    app.sidebar.selectbox(key="filter.program").set_value("PKH").run()
    app.sidebar.selectbox(key="filter.kecamatan").set_value("35.13.16").run()
    assert not app.exception, app.exception
    filters = Filters(2025, QUARTER, 2, "35.13.16", "PKH")
    expected = expected_attainment(demo.files, filters, 6)
    name = _names(demo.files)["35.13.16"]
    scorecard = app.table[0].value
    assert scorecard.loc[f"► {name}", SHORT["T4"]] == _cell(expected.loc[("35.13.16", "T4"), "attainment_pct"])
    trend = app.table[1].value
    rows = expected.xs("35.13.16", level="kode")
    for ind, row in rows.iterrows():
        label = next(i for i in trend.index if i.startswith(ind + " "))
        assert trend.loc[label, "Capaian 2025"] == _cell(row["attainment_pct"])
    assert "Januari s.d. Juni 2025" in app.subheader[0].value


def test_english_switch(capaian_page):
    capaian_page.sidebar.radio(key="lang").set_value("en").run()
    assert capaian_page.title[0].value == "Target attainment by sub-district"
    assert "Sub-district" in capaian_page.table[0].value.index.name


def test_ranking_and_trend_fit_a_narrow_screen(capaian_page):
    """Plotly never wraps: each title line must fit a 1024-px screen; the trend table's unit is in its header."""
    app = capaian_page
    app.toggle(key="capaian.prorata").set_value(True).run()  # the longest title: "against the pro-rata target …"
    app.sidebar.radio(key="lang").set_value("en").run()  # last: AppTest keeps the sidebar radios' Indonesian labels
    assert not app.exception, app.exception
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    assert len(charts) == 2
    for chart in charts:
        title = chart["layout"]["title"]
        lines = title["text"].split("<br>")
        assert max(len(line) for line in lines) <= theme.TITLE_PX / (0.5 * title["font"]["size"]), lines
    assert any("pro-rata target" in line for line in charts[0]["layout"]["title"]["text"].split("<br>"))
    change = app.table[1].value["Change (% points)"]
    assert change.str.fullmatch(r"[+-]?\d+,\d|-").all(), change.tolist()


DEFINITIONS_ID = [
    "T1 = keluarga DTKS terbaru yang dimutakhirkan Januari s.d. Oktober / target setahun (pro rata × 10/12).",
    "T2 = anak yatim piatu terdata (realisasi diimpor bersama target) / target setahun (pro rata × 10/12).",
    "T3 = laporan bulanan TKSK diterima / laporan diharapkan (jumlah TKSK × bulan s.d. Oktober), selalu pro rata.",
    "T4 = KPM tersalur (status salur) / KPM dialokasikan pada periode terpilih, per program dan tahap "
    "(semua program bersalur).",
    "T5 = kasus PPKS dilaporkan Januari s.d. Oktober yang sudah monitoring/selesai / target setahun "
    "(pro rata × 10/12).",
]


def _definitions(app) -> list[str]:
    """The caption under the scorecard that states T1..T5, one rule per line."""
    caption = next(c.value for c in app.caption if c.value.startswith("T1 = "))
    return caption.split("  \n")


def test_one_line_rules_under_the_scorecard(capaian_page):
    app = capaian_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026).run()
    assert not app.exception, app.exception
    assert _definitions(app) == DEFINITIONS_ID
    assert "Hijau ≥ 90%, kuning 70% s.d. < 90%, merah < 70%; abu-abu (–) = tanpa target." in [
        c.value for c in app.caption]
    app.sidebar.selectbox(key="filter.program").set_value("PKH").run()
    assert _definitions(app)[3].endswith("per program dan tahap (PKH).")


def test_one_line_rules_in_english(capaian_page):
    app = capaian_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2025).run()
    app.sidebar.radio(key="filter.granularity").set_value(QUARTER).run()
    app.sidebar.selectbox(key="filter.period").set_value(2).run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    assert _definitions(app) == [
        "T1 = households of the latest DTKS updated January to June / full-year target (pro rata × 6/12).",
        "T2 = orphans registered (realisation imported with the target) / full-year target (pro rata × 6/12).",
        "T3 = TKSK monthly reports received / reports expected (TKSK × months to June), always pro rata.",
        "T4 = KPM paid (status salur) / KPM allocated in the selected period, per programme and tahap "
        "(all programmes with payments).",
        "T5 = PPKS cases reported January to June that reached monitoring/closed / full-year target "
        "(pro rata × 6/12).",
    ]
