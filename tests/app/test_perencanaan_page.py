"""Perencanaan page (AppTest): each tab shows the figures recomputed from the demo files, the filters apply, the
weights move the ranking, named lists only for operators, the Excel download is offered."""

from __future__ import annotations

import json

from dashboard.access.roles import OPERATOR, PIMPINAN
from dashboard.filters import QUARTER, Filters
from dashboard.formatting import format_number, format_pct, format_rupiah
from tests.support.apptest import open_app
from tests.support.attainment import expected_attainment, targets
from tests.support.coverage import expected_coverage
from tests.support.perencanaan import expected_beban, expected_inputs, expected_keluaran, expected_ranking, expected_spm

KECAMATAN = "35.13.07"  # Tiris


def _open(demo, monkeypatch, role=OPERATOR, **params):
    return open_app(demo.env, monkeypatch, page="perencanaan", role=role, params={"tahun": "2026", **params})


def _table(app, first_header: str):
    """The st.table whose index (or first column) is named ``first_header``."""
    return next(t.value for t in app.table if t.value.index.name == first_header)


def _names(demo) -> dict[str, str]:
    """Kecamatan code -> name, from the target files."""
    frame = targets(demo.files).drop_duplicates("kode")
    return dict(zip(frame["kode"], frame["nama"], strict=True))


def test_every_tab_shows_the_figures_of_the_files(demo, monkeypatch):
    app = _open(demo, monkeypatch)
    assert app.title[0].value == "Perencanaan"
    assert [tab.label for tab in app.tabs] == ["Anggaran ke keluaran", "SPM Bidang Sosial", "Ketepatan sasaran",
                                               "Beban kerja", "Prioritas tahun depan"]
    budget = _table(app, "Kode, program / kegiatan / sub kegiatan")
    budget.index = budget.index.str.split(" ").str[0]
    expected = expected_keluaran(demo.files, demo.settings().keluaran, 2026, 10)
    assert budget.loc["1.06.06", "Keluaran"] == "✗ 0 PPKS dilayani"
    assert budget.loc["1.06.05.2.02.0003", "Keluaran"].startswith("✗ ")
    reports = expected.loc["1.06.02.2.03"]
    assert budget.loc["1.06.02.2.03", "Keluaran"] == f"{format_number(reports['output'])} Laporan TKSK"
    assert budget.loc["1.06.02.2.03", "Biaya per penerima (Rp)"] == format_rupiah(reports["biaya"], short=True)[3:]
    warnings = [w.value for w in app.warning]
    assert any(w.startswith("dana terserap tanpa keluaran: 1.06.06") for w in warnings)
    assert any(w.startswith("keluaran tanpa anggaran: 1.06.05.2.02.0003") for w in warnings)

    spm = _table(app, "Standar")
    sums = expected_spm(demo.files, 2026, 10).groupby(level="spm").sum()
    assert spm.loc["SPM 3 Lansia terlantar", "Membutuhkan"] == format_number(sums.loc["SPM3", "n_butuh"])
    assert spm.loc["SPM 3 Lansia terlantar", "Capaian 2026"] == format_pct(
        100 * sums.loc["SPM3", "n_dilayani"] / sums.loc["SPM3", "n_butuh"])

    desa = _table(app, "Desa")
    coverage = expected_coverage(demo.files, Filters(2026), parent="35.13", child_len=13)
    verval = (coverage["n_excluded"] + coverage["n_inclusion"]).max()
    assert desa["Perlu verval"].iloc[0] == format_number(verval)

    beban = _table(app, "Wilayah")
    load = expected_beban(demo.files, 2026).sort_values("ppks_per_tksk", ascending=False)
    assert beban["PPKS/TKSK"].iloc[0] == format_number(load["ppks_per_tksk"].iloc[0])
    assert any(m.value.startswith("**Beban terberat:") for m in app.markdown)
    assert any(c.value.startswith("SPM = ") for c in app.caption)
    assert app.get("download_button")  # the workbook, for every role (no names in it)


def _ranking(app) -> list[str]:
    """Names of the priority table, first priority first (``1. Tiris`` -> ``Tiris``)."""
    table = next(t.value for t in app.table if "Skor prioritas" in t.value.columns)
    return [label.split(". ", 1)[1].removeprefix("► ") for label in table.index]


def test_weights_are_shown_and_move_the_ranking(demo, monkeypatch):
    app = _open(demo, monkeypatch)
    names = _names(demo)
    coverage = expected_coverage(demo.files, Filters(2026))
    inputs = expected_inputs(demo.files, coverage, expected_attainment(demo.files, Filters(2026), 10), 2026)
    default = dict(demo.settings().bobot_prioritas)
    assert "Bobot: Desil 1-4 30% · PPKS/1.000 20% · Kesenjangan 30% · Capaian 20%" in [c.value for c in app.caption]
    before = _ranking(app)
    assert before == [names[k] for k, _ in expected_ranking(inputs, names, default)]
    for key in ("desil", "kesenjangan", "capaian"):
        app.slider(key=f"perencanaan.bobot.{key}").set_value(0.0).run()
    assert not app.exception, app.exception
    after = _ranking(app)
    ppks_only = {"desil": 0.0, "ppks": 1.0, "kesenjangan": 0.0, "capaian": 0.0}
    assert after == [names[k] for k, _ in expected_ranking(inputs, names, ppks_only)]
    assert after != before
    assert "Bobot: Desil 1-4 0% · PPKS/1.000 100% · Kesenjangan 0% · Capaian 0%" in [c.value for c in app.caption]
    chart = json.loads(app.get("plotly_chart")[-1].proto.spec)
    assert "PPKS/1.000 100%" in chart["layout"]["title"]["text"].replace("<br>", " ")


def test_filters_apply_and_named_lists_follow_the_role(demo, monkeypatch):
    app = _open(demo, monkeypatch, periode=QUARTER, ke="2", program="PKH", kecamatan=KECAMATAN)
    filters = Filters(2026, QUARTER, 2, KECAMATAN, "PKH")
    desa = _table(app, "Desa")
    coverage = expected_coverage(demo.files, filters, parent=KECAMATAN)
    coverage = coverage[(coverage["n_eligible"] > 0) | (coverage["n_kpm"] > 0)]
    assert len(desa) == min(15, len(coverage))
    assert set(desa["Kecamatan"]) == {"Tiris"}
    assert "PKH" in next(s.value for s in app.subheader if s.value.startswith("Ketepatan sasaran"))
    beban = _table(app, "Wilayah")
    assert any(label.startswith("► ") for label in beban.index)
    labels = [b.label for b in app.get("download_button")]
    assert "Unduh Excel: Salah eksklusi" in labels and "Unduh Excel: Salah inklusi" in labels
    pimpinan = _open(demo, monkeypatch, role=PIMPINAN, kecamatan=KECAMATAN)
    labels = [b.label for b in pimpinan.get("download_button")]
    assert labels == ["Unduh Excel perencanaan"]
    assert any("hanya untuk peran operator" in c.value for c in pimpinan.caption)


def test_english(demo, monkeypatch):
    app = _open(demo, monkeypatch)
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Planning"
    assert [tab.label for tab in app.tabs][0] == "Budget to output"
    assert "SPM 5 Disaster victims" in _table(app, "Standard").index
