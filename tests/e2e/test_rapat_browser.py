"""A rakor end to end in chromium, on its own copy of the demo: prepared on the Rapat page with the sidebar's
filters, two decisions recorded from the scorecard during the presentation, the minutes downloaded, a newer target
file imported on the Data page, and the rakor reopened at ``/?rapat=ID&presentasi=1`` showing the figures as
prepared (the live scorecard has changed); the next rakor opens with those decisions; the rakor's slides fit one
screen at 1024x768 and 1920x1080, with type no smaller than the scorecard's and a source line each."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from playwright.sync_api import expect

from dashboard.meetings import decisions, records
from dashboard.meetings.deck import rakor_deck
from dashboard.slides.model import Table
from tests.support.demo import streamlit_server
from tests.support.layout import artifact
from tests.support.meetings import Q3, newer_targets, prepare
from tests.support.slides_screen import fit_problems, on_slide, sizes

WIDTH, HEIGHT = 1024, 768
SCREENS = [(WIDTH, HEIGHT), (1920, 1080)]


@pytest.fixture
def served(demo, tmp_path):
    copy = demo.copy_to(tmp_path / "demo")
    with streamlit_server(copy) as server:
        yield copy, server


def _params() -> str:
    return "&".join(f"{k}={v}" for k, v in Q3.to_query_params().items())


def _decide(page, what: str, pic: str, option: int) -> None:
    """'Keputusan' over the slide: the figure (red cells first), what, PIC; saved, the dialog closes."""
    page.get_by_role("button", name="Keputusan", exact=True).click()
    dialog = page.get_by_role("dialog")
    if option:
        dialog.get_by_label("Angka (sel merah dan kuning lebih dulu)").click()
        page.get_by_role("option").nth(option).click()
    dialog.get_by_label("Keputusan / tindak lanjut").fill(what)
    dialog.get_by_label("Penanggung jawab (PIC)").fill(pic)
    dialog.get_by_role("button", name="Simpan keputusan").click()
    expect(dialog).to_be_hidden()


def test_a_rakor_is_prepared_decided_minuted_and_reopened_unchanged_after_an_import(open_page, served, tmp_path):
    demo, server = served
    settings = demo.settings()
    page = open_page(f"rapat?{_params()}", WIDTH, HEIGHT, server=server, accept_downloads=True)
    page.get_by_label("Judul").fill("Rakor Triwulan III")
    page.get_by_label("Tempat").fill("Aula Dinas Sosial")
    page.get_by_label("Peserta TKSK").fill("22")
    page.get_by_role("button", name="Siapkan dan bekukan angka").click()
    page.get_by_text("Rakor Rakor Triwulan III disiapkan; angka dibekukan.").wait_for()
    (meeting,) = records.listing(settings.meetings_store)
    assert meeting.filters == Q3 and meeting.participants[0] == ("TKSK", 22)
    frozen = records.deck(settings, meeting)
    total = len(frozen.slides) + 1  # and the closing participants slide
    capaian = next(i for i, s in enumerate(frozen.slides) if s.key == "capaian") + 1

    page.get_by_role("button", name="Presentasikan rakor ini").click()
    on_slide(page, 1, total)
    for number in range(2, capaian + 1):
        page.keyboard.press("PageDown")
        on_slide(page, number, total)
    shown = page.locator(".st-key-present_body table").inner_text()
    scorecard = {WIDTH: min(sizes(page)["table"])}
    _decide(page, "Turunkan tim ke kecamatan", "TKSK Krejengan", 0)
    _decide(page, "Perbaiki laporan bulanan", "Kasi PPKS", 1)
    taken = decisions.listing(settings.meetings_store, meeting.id)
    expected = decisions.figures_of(frozen, records.wilayah_codes(settings, meeting), ("capaian",))[:2]
    assert taken[["row_label", "column_label", "value_text", "what", "pic"]].values.tolist() == [
        [f.row, f.column, f.text, w, p] for f, w, p in zip(expected, ["Turunkan tim ke kecamatan",
                                                                      "Perbaiki laporan bulanan"],
                                                           ["TKSK Krejengan", "Kasi PPKS"], strict=True)]
    assert {f.status for f in expected} <= {"merah", "kuning"}
    assert set(taken["created_by"]) == {"uji-operator"}
    assert fit_problems(page) == []
    for number in range(capaian + 1, total + 2):
        page.keyboard.press("PageDown")
        on_slide(page, number, total + 1)  # the decisions slide joined the deck
    assert page.locator(".present-head h1").inner_text() == "Peserta"
    page.keyboard.press("PageUp")
    on_slide(page, total, total + 1)
    assert "Turunkan tim ke kecamatan" in page.locator(".st-key-present_body table").inner_text()
    assert fit_problems(page) == []
    assert min(sizes(page)["table"]) >= scorecard[WIDTH]
    source = page.locator(".present-source").inner_text()
    assert source == rakor_deck(settings, meeting).slides[total - 1].source
    frozen_files = records.frozen_run(settings.meetings_store, meeting.id)("freshness_by_kind")["file_name"]
    assert source.startswith("Sumber: ") and all(name in source for name in frozen_files)
    assert f"dibekukan dari impor sampai {records.as_of_text(meeting.data_as_of)}" in source
    page.screenshot(path=str(artifact("rapat_keputusan_1024x768.png")))

    page.get_by_role("button", name="Keluar", exact=True).click()
    page.get_by_role("button", name="Siapkan notulen (Word, PDF)").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh DOCX").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    cells = [c.text for table in docx.Document(str(saved)).tables for row in table.rows for c in row.cells]
    assert {"Turunkan tim ke kecamatan", "TKSK Krejengan", "Perbaiki laporan bulanan", "Kasi PPKS"} <= set(cells)

    data = open_page("data", WIDTH, HEIGHT, server=server)
    data.get_by_text("Data yang dimuat").wait_for()
    data.locator("input[type=file]").set_input_files(newer_targets(demo, tmp_path / "baru"))
    data.get_by_role("button", name="Impor", exact=True).click()
    data.locator("[data-testid='stAlert']").filter(has_text="Diimpor").wait_for(timeout=120_000)
    live = demo.deck(Q3).slides[capaian - 1].body
    assert isinstance(live, Table) and live.cells != frozen.slides[capaian - 1].body.cells

    again = open_page(f"?rapat={meeting.id}&presentasi=1&slide={capaian}", WIDTH, HEIGHT, server=server)
    on_slide(again, capaian, total + 1)
    assert again.locator(".st-key-present_body table").inner_text() == shown
    again.set_viewport_size({"width": 1920, "height": 1080})
    again.wait_for_timeout(1000)
    scorecard[1920] = min(sizes(again)["table"])
    for cell in (c for row in frozen.slides[capaian - 1].body.cells for c in row[1:]):
        assert cell in shown

    later = prepare(demo, title="Rakor berikutnya", held_on=meeting.held_on + dt.timedelta(days=7))
    opening = open_page(f"?rapat={later.id}&presentasi=1", WIDTH, HEIGHT, server=server)
    on_slide(opening, 1, len(rakor_deck(settings, later).slides))
    assert opening.locator(".present-head h1").inner_text() == "Tindak lanjut keputusan rakor sebelumnya"
    followed = opening.locator(".st-key-present_body table").inner_text()
    assert "Turunkan tim ke kecamatan" in followed and "terlambat" not in followed  # due 30 days on, not yet late
    source = opening.locator(".present-source").inner_text()
    assert source == rakor_deck(settings, later).slides[0].source
    assert f"Rakor Triwulan III ({meeting.held_on:%d-%m-%Y}; angka dulu dibekukan dari impor sampai " \
           f"{records.as_of_text(meeting.data_as_of)})" in source
    assert f"angka kini: rakor ini, dibekukan dari impor sampai {records.as_of_text(later.data_as_of)}" in source
    for width, height in SCREENS:
        opening.set_viewport_size({"width": width, "height": height})
        opening.wait_for_timeout(1000)
        assert fit_problems(opening) == [], width
        assert min(sizes(opening)["table"]) >= scorecard[width], (sizes(opening)["table"], scorecard)
        opening.screenshot(path=str(artifact(f"rapat_tindak_lanjut_{width}x{height}.png")))
