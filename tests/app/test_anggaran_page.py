"""Anggaran page (AppTest): KPI tiles and tables show B1-B4 recomputed with pandas from the generated files."""

import pytest

from dashboard.formatting import format_pct, format_rupiah
from tests.support.budget import as_of_month, expected_by, expected_sub


@pytest.fixture
def anggaran_page(open_page):
    return open_page("anggaran")


@pytest.fixture
def mapping(demo):
    return demo.settings().bidang


def _rp(value):
    return format_rupiah(value, short=True)


def _cell(value, signed=False):
    """A table cell: rupiah without "Rp" (the header says it), number and unit kept together."""
    text = _signed(value) if signed else _rp(value)
    return text.replace("Rp ", "").replace(" ", "\u00a0")


def _table_with(app, column):
    """The table that has ``column`` (the YoY table is absent when there is no previous year)."""
    return next(table.value for table in app.table if column in table.value.columns)


def _signed(value):
    return ("-" if value < 0 else "+") + _rp(abs(value))


def test_year_view_tiles_and_bidang_table(anggaran_page, demo, mapping):
    app = anggaran_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026).run()
    assert not app.exception, app.exception
    bulan = as_of_month(demo.files, 2026, 12)  # October: the last LRA of 2026
    expected = expected_by(demo.files, mapping, 2026, bulan, ["bidang"])
    total = expected[["pagu_rp", "realisasi_rp", "anggaran_kas_rp"]].sum()
    tiles = {m.label: m.value for m in app.metric}
    assert tiles["Pagu"] == _rp(total["pagu_rp"])
    assert tiles["Realisasi"] == _rp(total["realisasi_rp"])
    assert tiles["B1 Serapan"] == format_pct(100 * total["realisasi_rp"] / total["pagu_rp"])
    assert tiles["B3 Sisa"] == _rp(total["pagu_rp"] - total["realisasi_rp"])
    assert tiles["B2 Deviasi vs kas"] == _signed(total["realisasi_rp"] - total["anggaran_kas_rp"])
    assert "Oktober 2026" in app.subheader[0].value
    assert any("Filter kecamatan dan program tidak berlaku" in c.value for c in app.caption)

    table = app.table[0].value
    row = expected.loc["Rehabilitasi Sosial"]
    assert table.loc["Rehabilitasi Sosial", "Pagu (Rp)"] == _cell(row["pagu_rp"])
    assert table.loc["Rehabilitasi Sosial", "Realisasi (Rp)"] == _cell(row["realisasi_rp"])
    assert table.loc["Rehabilitasi Sosial", "Serapan"] == format_pct(row["absorption_pct"])
    assert table.loc["Rehabilitasi Sosial", "Deviasi kas (Rp)"] == _cell(row["deviation_rp"], signed=True)
    assert table.loc["TOTAL DINAS", "Sisa (Rp)"] == _cell(total["pagu_rp"] - total["realisasi_rp"])

    programs = _table_with(app, "Program / bidang")  # every bidang: each program's bidang under its name
    assert programs.loc["1.06.01", "Program / bidang"].endswith("  \n*Sekretariat*")

    yoy = _table_with(app, "Serapan 2025")
    before = expected_by(demo.files, mapping, 2025, bulan, ["bidang"])
    for bidang in ("Rehabilitasi Sosial", "Sekretariat"):
        assert yoy.loc[bidang, "Serapan 2025"] == format_pct(before.loc[bidang, "absorption_pct"])
        assert yoy.loc[bidang, "Serapan 2026"] == format_pct(expected.loc[bidang, "absorption_pct"])


def test_quarter_and_drill_to_one_bidang(anggaran_page, demo, mapping):
    app = anggaran_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2025)
    app.sidebar.radio(key="filter.granularity").set_value("triwulan").run()
    app.sidebar.selectbox(key="filter.period").set_value(2).run()
    app.selectbox(key="anggaran.bidang").set_value("Penanganan Fakir Miskin").run()
    assert not app.exception, app.exception
    tiles = {m.label: m.value for m in app.metric}
    expected = expected_by(demo.files, mapping, 2025, 6, ["bidang"]).sum()
    assert tiles["Realisasi"] == _rp(expected["realisasi_rp"])
    sub = expected_sub(demo.files, mapping, 2025, 6)
    sub = sub[sub["bidang"] == "Penanganan Fakir Miskin"].set_index("kode")
    programs, subs = _table_with(app, "Program"), _table_with(app, "Sub kegiatan")
    assert list(programs.index) == ["1.06.05"]
    assert programs.loc["1.06.05", "Program"].startswith("1.06.05 ")  # the code leads the (index-less) row
    assert programs.loc["1.06.05", "Realisasi (Rp)"] == _cell(sub["realisasi_rp"].sum())
    assert sorted(subs.index) == sorted(sub.index)
    for kode, row in sub.iterrows():
        assert subs.loc[kode, "Sub kegiatan"].startswith(f"{kode} ")
        assert subs.loc[kode, "Serapan"] == format_pct(row["absorption_pct"])
        assert subs.loc[kode, "Sisa (Rp)"] == _cell(row["sisa_rp"])
    # 2025 has no 2024 to compare with: a message, not an empty chart
    assert any("Belum ada data anggaran" in i.value for i in app.info)


def test_english_switch(anggaran_page):
    app = anggaran_page
    app.sidebar.radio(key="lang").set_value("en").run()
    assert app.title[0].value == "Budget by unit"
    assert "Absorption" in app.table[0].value.columns


def _captions(app) -> list[str]:
    return [c.value for c in app.caption]


def test_one_line_rules_under_the_tiles_and_the_year_on_year_chart(anggaran_page):
    app = anggaran_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026).run()
    assert not app.exception, app.exception
    captions = _captions(app)
    assert ("B1 Serapan = realisasi kumulatif / pagu, keduanya dari LRA Oktober 2026.  \n"
            "B2 Deviasi = realisasi kumulatif dikurangi anggaran kas (rencana) kumulatif s.d. Oktober; minus = di "
            "belakang rencana.  \n"
            "B3 Sisa = pagu dikurangi realisasi kumulatif.") in captions
    assert ("B4 = serapan (B1) pada LRA Oktober 2025, bulan yang sama tahun lalu, dengan pemetaan bidang sekarang; "
            "kosong bila LRA itu tidak ada.") in captions


def test_one_line_rules_in_english(anggaran_page):
    app = anggaran_page
    app.sidebar.selectbox(key="filter.tahun").set_value(2026)
    app.sidebar.radio(key="filter.granularity").set_value("triwulan").run()
    app.sidebar.selectbox(key="filter.period").set_value(2).run()
    app.sidebar.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    captions = _captions(app)
    assert ("B1 Absorption = cumulative spending / budget ceiling, both from the LRA of June 2026.  \n"
            "B2 Deviation = cumulative spending minus the cumulative cash plan to June; negative = behind plan.  \n"
            "B3 Remaining = budget ceiling minus cumulative spending.") in captions
    assert ("B4 = absorption (B1) in the LRA of June 2025, the same month last year, with today's unit mapping; "
            "empty where that LRA is missing.") in captions
