"""The rakor handouts from the app: build the deck with its slides shown as they are made, then download them.

The same ``build_deck`` and ``write_deck`` as ``rakor deck``, on the filters in force, so the handout is the
projector's numbers. Files are kept in the session only until the database or the filters change.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from dashboard.exports.deck import write_deck
from dashboard.filters import Filters
from dashboard.i18n import register
from dashboard.meetings import deck as rakor_deck
from dashboard.meetings import records
from dashboard.meetings.records import Meeting
from dashboard.slides.agenda import build_deck
from dashboard.web import ui

MIME = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

register({
    "deck_prepare": ("Siapkan berkas rakor (PowerPoint, PDF, Excel)",
                     "Prepare the rakor files (PowerPoint, PDF, Excel)"),
    "deck_preparing": ("Menyiapkan berkas rakor …", "Preparing the rakor files …"),
    "deck_ready": ("Berkas rakor siap: {n} berkas", "Rakor files ready: {n} files"),
    "deck_download": ("Unduh {name}", "Download {name}"),
})


def deck_downloads(filters: Filters, key: str, meeting: Meeting | None = None) -> None:
    """A button that writes the three files with live progress, then one download button per file; a rakor's
    (``meeting``) from its frozen figures."""
    wanted = ((meeting.id, records.version(ui.settings().meetings_store), ui.lang()) if meeting
              else (ui.db_version(), filters, ui.lang()))
    if st.button(ui.text("deck_prepare"), key=f"{key}.prepare"):
        with st.status(ui.text("deck_preparing"), expanded=True) as status:
            if meeting:
                frozen = records.deck(ui.settings(), meeting, ui.lang(), st.write, ui.guarded)
                deck = rakor_deck.compose(ui.settings(), meeting, frozen, ui.lang())
            else:
                deck = build_deck(ui.query, filters, ui.settings(), ui.lang(), progress=st.write)
            with tempfile.TemporaryDirectory() as folder:
                paths = write_deck(deck, Path(folder), ui.lang(), progress=st.write)
                st.session_state["deck.files"] = (wanted, {p.name: p.read_bytes() for p in paths})
            status.update(label=ui.text("deck_ready", n=len(paths)), state="complete", expanded=False)
    made, files = st.session_state.get("deck.files", (None, {}))
    if made != wanted:
        return
    for column, (name, content) in zip(st.columns(len(files)), files.items(), strict=True):
        suffix = name.rsplit(".", 1)[-1]
        column.download_button(ui.text("deck_download", name=suffix.upper()), content, file_name=name,
                               mime=MIME[suffix], key=f"{key}.download.{suffix}")
