"""Peta (AppTest): hotspot list, legend ranges and hover against pandas and numpy on the generated files."""

import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.formatting import format_number
from tests.support.expected import read_penduduk, read_ppks_rekap


def _counts(files, length, kategori=None, tahun=2026):
    rows = read_ppks_rekap(files, tahun)
    if kategori:
        rows = rows[rows["Kategori PPKS"].str.lower() == kategori]
    return rows.groupby(rows["Kode Desa"].str[:length])["Jumlah"].sum()


def _shown(value: float, count: int, decimals: int = 0) -> str:
    return "<5" if 1 <= count <= 4 else format_number(value, decimals)


def _hotspots(app: AppTest) -> list[tuple[int, str, str]]:
    """(rank, name, value) of the list beside the map (``1\\. Tiris: **4.060**`` lines)."""
    text = next(m.value for m in app.markdown if ": **" in m.value)
    rows = []
    for line in text.split("  \n"):
        rank, rest = line.split("\\. ", 1)
        name, value = rest.rsplit(": **", 1)
        rows.append((int(rank), name, value.rstrip("*")))
    return rows


def _figure(app: AppTest, index: int = 0) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def _legend(figure: dict) -> list[str]:
    """Legend entries from top to bottom (swatch traces, ordered by their legend rank)."""
    entries = [t for t in figure["data"] if t.get("showlegend", True) and t.get("mode") == "markers"
               and t.get("name")]
    return [t["name"] for t in sorted(entries, key=lambda t: t["legendrank"])]


def _expected_quintile_legend(values: pd.Series, decimals: int, counts: pd.Series | None = None) -> list[str]:
    """Class ranges recomputed with numpy: members between consecutive 20% quantiles, highest class first."""
    bounds = np.percentile(values.to_numpy(dtype=float), [20, 40, 60, 80, 100])
    lower = -np.inf
    labels = []
    for upper in bounds:
        members = values[(values > lower) & (values <= upper)]
        lower = upper
        low, high = members.idxmin(), members.idxmax()
        texts = [_shown(members[k], counts[k] if counts is not None else 0, decimals) for k in (low, high)]
        labels.append(texts[0] if texts[0] == texts[1] else f"{texts[0]} – {texts[1]}")
    return labels[::-1]


def test_kecamatan_map_counts_hotspots_legend_and_hover(open_page, demo):
    app = open_page("peta")
    counts = _counts(demo.files, 8)
    top = counts[counts > np.percentile(counts, 80)].sort_values(ascending=False)
    assert [(rank, value) for rank, _, value in _hotspots(app)] == [
        (i + 1, format_number(v)) for i, v in enumerate(top)]
    figure = _figure(app)
    assert _legend(figure) == _expected_quintile_legend(counts, 0, counts)
    points = next(t for t in figure["data"] if t.get("customdata"))
    hover = dict(zip([c[0] for c in points["customdata"]], points["hovertext"], strict=True))
    before = _counts(demo.files, 8, tahun=2025)
    kode = top.index[0]
    change = counts[kode] - before[kode]
    assert f"Jumlah PPKS: {format_number(counts[kode])}" in hover[kode]
    assert f"Perubahan dari 2025: {'+' if change > 0 else ''}{format_number(change)}" in hover[kode]
    assert "Peringkat 1 dari 24" in hover[kode]
    assert not app.warning


def test_rate_per_1000_population(open_page, demo):
    app = open_page("peta")
    app.radio(key="peta.measure").set_value("per_1000").run()
    counts = _counts(demo.files, 8)
    population = read_penduduk(demo.files).set_index("kode_wilayah")["jumlah_penduduk"]
    rate = counts / population.reindex(counts.index) * 1000
    top = rate[rate > np.percentile(rate, 80)].sort_values(ascending=False)
    assert [value for _, _, value in _hotspots(app)] == [format_number(v, 1) for v in top]
    assert _legend(_figure(app)) == _expected_quintile_legend(rate, 1)
    assert any("Penduduk: tahun 2026." in c.value for c in app.caption)


def test_english_switch(open_page, demo):
    app = open_page("peta")
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "PPKS map"
    assert "by sub-district" in _figure(app)["layout"]["title"]["text"]
    assert any("Click a sub-district" in c.value for c in app.caption)


def test_small_counts_are_suppressed_on_the_desa_map(open_page, demo):
    app = open_page("peta")
    app.segmented_control(key="peta.level").set_value("desa").run()
    app.selectbox(key="peta.kategori").set_value("tuna susila").run()
    assert not app.exception, app.exception
    counts = _counts(demo.files, 13, "tuna susila")
    shown = [value for _, _, value in _hotspots(app)]
    assert shown and all(text == "<5" or int(text.replace(".", "")) >= 5 for text in shown)
    figure = _figure(app)
    points = next(t for t in figure["data"] if t.get("customdata"))
    hover = dict(zip([c[0] for c in points["customdata"]], points["hovertext"], strict=True))
    small = counts[(counts >= 1) & (counts <= 4)]
    assert len(small) > 0
    for kode in small.index:
        assert "Jumlah PPKS: <5" in hover[kode]
    assert all(label.split(" – ")[0] not in {"1", "2", "3", "4"} for label in _legend(figure))


def test_drill_to_the_desa_of_a_kecamatan_and_back(open_page, demo):
    app = open_page("peta")
    app.selectbox(key="filter.kecamatan").set_value("35.13.01").run()
    figure = _figure(app)
    assert "desa di Kec. Sukapura" in figure["layout"]["title"]["text"]
    points = next(t for t in figure["data"] if t.get("customdata"))
    desa = _counts(demo.files, 13)
    desa = desa[desa.index.str.startswith("35.13.01.")]
    assert sorted(c[0] for c in points["customdata"]) == sorted(desa.index)
    app.button[0].click().run()
    assert app.selectbox(key="filter.kecamatan").value == ""
    assert "per kecamatan" in _figure(app)["layout"]["title"]["text"]


@pytest.mark.parametrize("measure", ["jumlah", "share_pct"])
def test_small_multiples_one_map_per_category(open_page, demo, measure):
    app = open_page("peta")
    app.radio(key="peta.measure").set_value(measure).run()
    app.radio(key="peta.view").set_value("multiples").run()
    assert not app.exception, app.exception
    figure = _figure(app)
    rows = read_ppks_rekap(demo.files, 2026)
    before = read_ppks_rekap(demo.files, 2025)
    categories = sorted(set(rows["Kategori PPKS"].str.lower()) | set(before["Kategori PPKS"].str.lower()))
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert titles == categories


P4_ID = "P4 = wilayah di kelas tertinggi (nilai > 0), dari yang tertinggi; tanpa laporan = arsir, bukan nol."


@pytest.mark.parametrize(("measure", "rule"), [
    ("jumlah", "P1 Jumlah = PPKS pada rekap tahunan, per wilayah; jumlah 1-4 ditampilkan <5."),
    ("per_1000", "P2 = jumlah PPKS / penduduk wilayah (tahun terbaru) × 1.000; jumlah 1-4 ditekan."),
    ("share_pct", "P3 = jumlah PPKS wilayah / jumlah kabupaten pada kategori yang sama × 100; jumlah 1-4 ditekan."),
])
def test_one_line_rule_of_the_chosen_measure(open_page, measure, rule):
    app = open_page("peta")
    app.radio(key="peta.measure").set_value(measure).run()
    assert not app.exception, app.exception
    assert f"{rule}  \n{P4_ID}" in [c.value for c in app.caption]
    app.radio(key="peta.view").set_value("multiples").run()  # no hotspot list there: no P4
    assert rule in [c.value for c in app.caption]


def test_one_line_rule_in_english(open_page):
    app = open_page("peta")
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    assert ("P1 Count = PPKS in the yearly recap, per area; counts of 1-4 are shown as <5.  \nP4 = areas in the "
            "top class (value > 0), highest first; no report = hatched, not zero.") in [c.value for c in app.caption]
