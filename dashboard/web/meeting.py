"""The app's side of rakor records: which rakor the address names (``?rapat=ID``), its frozen deck, the form that
prepares one and the button that presents it. Writes go through dashboard/meetings, which checks the role again."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.access.roles import OPERATOR, AccessDenied
from dashboard.config import DEFAULT_AGENDA
from dashboard.filters import load_filter_options
from dashboard.formatting import format_number
from dashboard.i18n import register
from dashboard.meetings import decisions, followup, minutes, points, records
from dashboard.meetings import deck as rakor_deck
from dashboard.meetings.commands import parse_participants
from dashboard.meetings.points import PointsError
from dashboard.meetings.records import DEFAULT_GROUPS, Meeting, MeetingError
from dashboard.meetings.snapshot import SnapshotMissing
from dashboard.slides.model import Deck
from dashboard.textsafe import markdown_text
from dashboard.web import ui

PARAM = ui.MEETING_PARAM
DEFAULT_TERM = dt.timedelta(days=30)
CHOSEN = "rapat.chosen"

register({
    "rapat_choose": ("Rakor", "Rakor"),
    "rapat_none_chosen": ("— pilih rakor —", "— choose a rakor —"),
    "rapat_unknown": ("Rakor {id} tidak ada.", "There is no rakor {id}."),
    "rapat_prepare": ("Siapkan rakor baru", "Prepare a new rakor"),
    "rapat_prepare_note": ("Angka dibekukan dengan filter yang berlaku di sidebar: {filters}. Impor sesudahnya tidak "
                           "mengubah angka rakor ini.",
                           "The figures are frozen with the sidebar's filters: {filters}. Later imports never change "
                           "this rakor's figures."),
    "rapat_field_title": ("Judul", "Title"),
    "rapat_field_date": ("Tanggal", "Date"),
    "rapat_field_place": ("Tempat", "Place"),
    "rapat_field_agenda": ("Agenda", "Agenda"),
    "rapat_field_group": ("Peserta {group}", "Participants {group}"),
    "rapat_field_others": ("Kelompok peserta lain (mis. 'Pendamping BPNT=12, Camat=24')",
                           "Other participant groups (e.g. 'Pendamping BPNT=12, Camat=24')"),
    "rapat_prepare_button": ("Siapkan dan bekukan angka", "Prepare and freeze the figures"),
    "rapat_prepared": ("Rakor {title} disiapkan; angka dibekukan.", "Rakor {title} prepared; figures frozen."),
    "rapat_present": ("Presentasikan rakor ini", "Present this rakor"),
    "rapat_about": ("{date} · {place} · {filters}", "{date} · {place} · {filters}"),
    "rapat_frozen_note": ("Angka dibekukan dari impor sampai {as_of}; disiapkan oleh {by}. Peserta: {participants}.",
                          "Figures frozen from the imports up to {as_of}; prepared by {by}. Participants: "
                          "{participants}."),
    "rapat_points": ("Bahan bicara", "Talking points"),
    "rapat_points_note": ("Dibuat dari angka yang dibekukan; ubah kalimatnya sebelum rakor (satu butir per baris).",
                          "Generated from the frozen figures; reword them before the rakor (one point per line)."),
    "rapat_points_save": ("Simpan bahan bicara", "Save the talking points"),
    "rapat_points_saved": ("Bahan bicara disimpan ({n} agenda diubah).", "Talking points saved ({n} items changed)."),
    "rapat_decisions": ("Keputusan rakor ini", "This rakor's decisions"),
    "rapat_decisions_none": ("Belum ada keputusan.", "No decisions yet."),
    "rapat_decision_new": ("Catat keputusan", "Record a decision"),
    "rapat_decision_figure": ("Angka (sel merah dan kuning lebih dulu)", "Figure (red and amber cells first)"),
    "rapat_decision_what": ("Keputusan / tindak lanjut", "Decision / follow-up"),
    "rapat_decision_pic": ("Penanggung jawab (PIC)", "Person in charge (PIC)"),
    "rapat_decision_pic_hint": ("mis. TKSK Krejengan, Bidang Rehsos, Camat Leces",
                                "e.g. TKSK Krejengan, Bidang Rehsos, Camat Leces"),
    "rapat_decision_deadline": ("Tenggat", "Deadline"),
    "rapat_decision_save": ("Simpan keputusan", "Save the decision"),
    "rapat_decision_saved": ("Keputusan dicatat: {figure}", "Decision recorded: {figure}"),
    "rapat_decision_choose": ("Keputusan", "Decision"),
    "rapat_decision_done_on": ("Tanggal selesai", "Done on"),
    "rapat_decision_change": ("Ubah status keputusan", "Change a decision's status"),
    "rapat_minutes": ("Notulen", "Minutes"),
    "rapat_minutes_prepare": ("Siapkan notulen (Word, PDF)", "Prepare the minutes (Word, PDF)"),
    "rapat_followup_none": ("Tidak ada keputusan rakor sebelumnya yang perlu ditindaklanjuti.",
                            "No earlier rakor decisions to follow up."),
    "rapat_followup_note": ("Status per tanggal rakor ini ({date}); Dulu: angka saat keputusan diambil, Sekarang: "
                            "angka rakor ini (keduanya dibekukan).",
                            "Status as of this rakor's day ({date}); Then: the figure when decided, Now: this "
                            "rakor's figure (both frozen)."),
    "rapat_history": ("Riwayat keputusan per kecamatan", "Decision history per kecamatan"),
    "rapat_history_none": ("Belum ada keputusan rakor tentang {name}.", "No rakor decision about {name} yet."),
    "rapat_history_note": ("Status per hari ini; Sekarang: angka dasbor saat ini ({filters}).",
                           "Status as of today; Now: the dashboard's figure today ({filters})."),
})


def requested() -> Meeting | None:
    """The rakor the address names, or None; an unknown id says so instead of the page."""
    meeting_id = st.query_params.get(PARAM)
    if not meeting_id:
        return None
    try:
        return records.get(ui.settings().meetings_store, meeting_id)
    except MeetingError:
        st.error(ui.text("rapat_unknown", id=meeting_id))
        st.stop()


@st.cache_resource(max_entries=16, show_spinner=False)
def _frozen_deck(meeting_id: str, lang: str, _meeting: Meeting) -> Deck:
    """A rakor's deck, built once per language: its figures never change, so neither does it."""
    return records.deck(ui.settings(), _meeting, lang)


def frozen_deck(meeting: Meeting, lang: str | None = None) -> Deck:
    """The rakor's slides as prepared, if the signed-in role may read every query it froze (checked each time, as
    ``ui.query`` does, though the deck is built once)."""
    for name in records.frozen_queries(ui.settings().meetings_store, meeting.id):
        ui.check(name)
    try:
        return _frozen_deck(meeting.id, lang or ui.lang(), meeting)
    except SnapshotMissing as missing:  # a later version asks for more than this rakor froze: said, not a trace
        st.error(missing.message(ui.lang()))
        st.stop()


def presented_deck(meeting: Meeting) -> Deck:
    """What the projector shows: the follow-up of earlier decisions, then the frozen slides."""
    return rakor_deck.compose(ui.settings(), meeting, frozen_deck(meeting), ui.lang(), frozen_deck(meeting, "id"))


def _label(meeting: Meeting) -> str:
    return f"{meeting.held_on:%d-%m-%Y} · {meeting.title}"


def choose() -> Meeting | None:
    """The rakor chosen on the page (kept in the address as ``rapat=``, so it can be bookmarked)."""
    meetings = {m.id: m for m in records.listing(ui.settings().meetings_store)}
    if CHOSEN not in st.session_state or st.session_state[CHOSEN] not in ("", *meetings):
        asked = st.query_params.get(PARAM, "")
        st.session_state[CHOSEN] = asked if asked in meetings else ""
    chosen = st.selectbox(ui.text("rapat_choose"), ["", *meetings], key=CHOSEN,
                          format_func=lambda i: _label(meetings[i]) if i else ui.text("rapat_none_chosen"))
    if chosen:
        st.query_params[PARAM] = chosen
    elif PARAM in st.query_params:
        del st.query_params[PARAM]
    return meetings.get(chosen)


def _prepare() -> None:
    """Form callback (before the rerun, so the new rakor can be chosen): freeze the figures, store the rakor."""
    state = st.session_state
    groups = [(group, int(state[f"rapat.form.group.{group}"])) for group in DEFAULT_GROUPS]
    try:
        others = parse_participants(state["rapat.form.others"])
        meeting = records.create(ui.settings(), ui.query, ui.user(), state["rapat.form.title"],
                                 state["rapat.form.date"], ui.current_filters(), state["rapat.form.place"],
                                 tuple(state["rapat.form.agenda"]), (*groups, *others), ui.lang())
    except MeetingError as refusal:
        state["rapat.form.message"] = ("error", ui.text(refusal.key, **refusal.params))
    except AccessDenied as denied:
        state["rapat.form.message"] = ("error", denied.message(ui.lang()))
    else:
        state[CHOSEN] = meeting.id
        state["rapat.form.message"] = ("success", ui.text("rapat_prepared", title=meeting.title))


def prepare_form() -> None:
    """Title, date, place, agenda and participants; the sidebar's filters say which figures are frozen."""
    filters_text = " · ".join(f"{k}={v}" for k, v in ui.current_filters().to_query_params().items())
    with st.form("rapat.form"):
        st.caption(ui.text("rapat_prepare_note", filters=filters_text))
        st.text_input(ui.text("rapat_field_title"), key="rapat.form.title", max_chars=records.MAX_TITLE)
        left, right = st.columns(2)
        left.date_input(ui.text("rapat_field_date"), value=dt.date.today(), key="rapat.form.date",
                        format="DD/MM/YYYY")
        right.text_input(ui.text("rapat_field_place"), key="rapat.form.place")
        st.multiselect(ui.text("rapat_field_agenda"), list(DEFAULT_AGENDA), default=list(ui.settings().agenda),
                       key="rapat.form.agenda", format_func=lambda item: ui.text(f"agenda_{item}"))
        for column, group in zip(st.columns(len(DEFAULT_GROUPS)), DEFAULT_GROUPS, strict=True):
            column.number_input(ui.text("rapat_field_group", group=group), min_value=0, step=1, value=0,
                                key=f"rapat.form.group.{group}")
        st.text_input(ui.text("rapat_field_others"), key="rapat.form.others")
        st.form_submit_button(ui.text("rapat_prepare_button"), on_click=_prepare, type="primary")
    kind, message = st.session_state.pop("rapat.form.message", (None, ""))
    if kind:
        (st.success if kind == "success" else st.error)(message)


def _present(meeting_id: str) -> None:
    st.query_params.update({PARAM: meeting_id, "presentasi": "1", "slide": "1"})


def header(meeting: Meeting, deck: Deck) -> None:
    """What the rakor is, the figures' freshness and the button that presents it as prepared."""
    st.subheader(meeting.title)
    st.markdown(ui.text("rapat_about", date=f"{meeting.held_on:%d-%m-%Y}", place=meeting.place or "-",
                        filters=deck.filters_text))
    participants = ", ".join(f"{group} {format_number(n)}" for group, n in meeting.participants if n) or "-"
    st.caption(ui.text("rapat_frozen_note", as_of=meeting.data_as_of or "-", by=meeting.created_by,
                       participants=participants))
    st.button(ui.text("rapat_present"), key="rapat.present", on_click=_present, args=(meeting.id,), type="primary")


def _save_points(meeting: Meeting) -> None:
    """Form callback: each item's edited text, one point per line (points.save checks the role again)."""
    changed = 0
    try:
        for item in meeting.agenda:
            text = st.session_state.get(f"rapat.points.{meeting.id}.{item}")
            if text is not None:
                changed += points.save(ui.settings(), ui.user(), meeting.id, item, text)
    except (PointsError, AccessDenied) as refusal:
        message = refusal.message(ui.lang()) if isinstance(refusal, AccessDenied) else ui.text(refusal.key,
                                                                                              **refusal.params)
        st.session_state["rapat.points.message"] = ("error", message)
    else:
        st.session_state["rapat.points.message"] = ("success", ui.text("rapat_points_saved", n=changed))


def talking_points(meeting: Meeting) -> None:
    """Per agenda item the points generated from the frozen figures; operator and admin reword them before the
    rakor (one point per line), pimpinan reads them."""
    st.subheader(ui.text("rapat_points"))
    saved = points.lines_of(ui.settings().meetings_store, meeting.id)
    if not ui.may(OPERATOR):
        for item in meeting.agenda:
            st.markdown(f"**{ui.text(f'agenda_{item}')}**")
            st.markdown("\n".join(f"- {markdown_text(line)}" for line in saved.get(item, [])) or "-")
        return
    st.caption(ui.text("rapat_points_note"))
    with st.form(f"rapat.points.{meeting.id}"):
        for item in meeting.agenda:
            st.text_area(ui.text(f"agenda_{item}"), "\n".join(saved.get(item, [])),
                         key=f"rapat.points.{meeting.id}.{item}", max_chars=points.MAX_POINTS_CHARS, height=120)
        st.form_submit_button(ui.text("rapat_points_save"), on_click=_save_points, args=(meeting,))
    kind, message = st.session_state.pop("rapat.points.message", (None, ""))
    if kind:
        (st.success if kind == "success" else st.error)(message)


def figures(meeting: Meeting, items: tuple[str, ...] | None = None) -> list[decisions.Figure]:
    """The figures of the rakor's frozen slides a decision can be tied to (red and amber cells first), labelled in
    the office's language whatever the screen's, so the follow-up finds them again on the next rakor's slides."""
    return decisions.figures_of(frozen_deck(meeting, "id"), records.wilayah_codes(ui.settings(), meeting), items)


def decision_form(meeting: Meeting, choices: list[decisions.Figure], key: str) -> bool:
    """Quick entry during the rakor: the figure, what was decided, PIC, deadline (a month on by default). True
    once recorded."""
    with st.form(key, clear_on_submit=True):
        chosen = st.selectbox(ui.text("rapat_decision_figure"), range(len(choices)), key=f"{key}.figure",
                              format_func=lambda i: choices[i].label)
        what = st.text_area(ui.text("rapat_decision_what"), key=f"{key}.what", max_chars=decisions.MAX_WHAT,
                            height=80)
        left, right = st.columns(2)
        pic = left.text_input(ui.text("rapat_decision_pic"), key=f"{key}.pic", max_chars=decisions.MAX_PIC,
                              placeholder=ui.text("rapat_decision_pic_hint"))
        deadline = right.date_input(ui.text("rapat_decision_deadline"), value=meeting.held_on + DEFAULT_TERM,
                                    key=f"{key}.deadline", format="DD/MM/YYYY")
        submitted = st.form_submit_button(ui.text("rapat_decision_save"), type="primary")
    if not submitted or chosen is None:
        return False
    try:
        decisions.record(ui.settings(), ui.user(), meeting.id, choices[chosen], what, pic, deadline)
    except decisions.DecisionError as refusal:
        st.error(ui.text(refusal.key, **refusal.params))
        return False
    st.session_state["rapat.decision.message"] = ui.text("rapat_decision_saved", figure=choices[chosen].label)
    return True


def _change_status(meeting: Meeting, frame) -> None:
    """Mark a decision done (with the day) or open again."""
    labels = {row.id: f"{row.row_label} · {row.column_label}: {row.what}" for row in frame.itertuples()}
    with st.form(f"rapat.status.{meeting.id}"):
        chosen = st.selectbox(ui.text("rapat_decision_choose"), list(labels), format_func=labels.get,
                              key="rapat.status.id")
        left, right = st.columns(2)
        status = left.radio(ui.text("decision_col_status"), decisions.STATUSES, horizontal=True,
                            key="rapat.status.value", format_func=lambda s: ui.text(f"decision_status_{s}"))
        done_on = right.date_input(ui.text("rapat_decision_done_on"), value=dt.date.today(), key="rapat.status.day",
                                   format="DD/MM/YYYY")
        submitted = st.form_submit_button(ui.text("rapat_decision_change"))
    if submitted and chosen:
        decisions.change(ui.settings(), ui.user(), chosen, status, done_on if status == decisions.DONE else None)
        st.rerun()


def decisions_section(meeting: Meeting) -> None:
    """This rakor's decisions as of today, quick entry on any figure of its slides, and status changes."""
    st.subheader(ui.text("rapat_decisions"))
    message = st.session_state.pop("rapat.decision.message", None)
    if message:
        st.success(message)
    frame = decisions.listing(ui.settings().meetings_store, meeting.id)
    if frame.empty:
        st.caption(ui.text("rapat_decisions_none"))
    else:
        st.table(decisions.table(frame, dt.date.today(), ui.lang()))
        st.caption(ui.text("decision_status_rule"))
    with st.expander(ui.text("rapat_decision_new"), expanded=frame.empty):
        if decision_form(meeting, figures(meeting), f"rapat.decide.{meeting.id}"):
            st.rerun()
    if not frame.empty:
        with st.expander(ui.text("rapat_decision_change")):
            _change_status(meeting, frame)


@st.dialog(" ", width="large")
def decide_on_slide(meeting: Meeting, item: str) -> None:
    """The presentation's quick entry, over the slide: the figures of the slide's agenda item (red, amber first)."""
    st.markdown(f"**{ui.text('rapat_decision_new')}**")
    choices = figures(meeting, (item,)) or figures(meeting)
    if decision_form(meeting, choices, "present.decide"):
        st.rerun()


def _follow_up_table(frame) -> None:
    body = followup.table(frame, ui.lang())
    st.table(pd.DataFrame(body.cells, columns=body.columns))


def followup_section(meeting: Meeting) -> None:
    """The decisions of earlier rakor as of this rakor's day, then (frozen then) and now (frozen with this one)."""
    st.subheader(ui.text("followup_title"))
    frame = followup.of_meeting(ui.settings(), meeting, frozen_deck(meeting, "id"))
    if frame.empty:
        st.caption(ui.text("rapat_followup_none"))
        return
    _follow_up_table(frame)
    st.caption(f"{ui.text('rapat_followup_note', date=f'{meeting.held_on:%d-%m-%Y}')} "
               f"{ui.text('decision_status_rule')}")


def history_section() -> None:
    """Every decision about one kecamatan across rakor, as of today, with its figure now on the live dashboard
    (the sidebar's filters)."""
    from dashboard.web.present import live_deck

    st.subheader(ui.text("rapat_history"))
    names = load_filter_options(ui.query, ui.settings().kabupaten).kecamatan
    start = ui.current_filters().kecamatan
    kode = st.selectbox(ui.text("filter_kecamatan"), list(names), key="rapat.history.kode",
                        index=list(names).index(start) if start in names else 0, format_func=names.get)
    if not kode:
        return
    deck = live_deck(ui.current_filters(), "id")
    codes = decisions.wilayah_codes(names, {})
    frame = followup.history(ui.settings(), kode, decisions.figures_of(deck, codes), dt.date.today())
    if frame.empty:
        st.caption(ui.text("rapat_history_none", name=names[kode]))
        return
    _follow_up_table(frame)
    st.caption(ui.text("rapat_history_note", filters=deck.filters_text))


MINUTES_MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "pdf": "application/pdf"}


def minutes_downloads(meeting: Meeting) -> None:
    """The minutes (notulen) as Word and PDF, written on request (the decisions may still be coming in)."""
    st.subheader(ui.text("rapat_minutes"))
    wanted = (meeting.id, records.version(ui.settings().meetings_store), ui.lang())
    if st.button(ui.text("rapat_minutes_prepare"), key="rapat.minutes.prepare"):
        with tempfile.TemporaryDirectory() as folder:
            paths = minutes.write(minutes.build(ui.settings(), meeting, ui.lang()), Path(folder))
            st.session_state["rapat.minutes.files"] = (wanted, {p.name: p.read_bytes() for p in paths})
    made, files = st.session_state.get("rapat.minutes.files", (None, {}))
    if made != wanted:
        return
    for column, (name, content) in zip(st.columns(len(files)), files.items(), strict=True):
        suffix = name.rsplit(".", 1)[-1]
        column.download_button(ui.text("deck_download", name=suffix.upper()), content, file_name=name,
                               mime=MINUTES_MIME[suffix], key=f"rapat.minutes.download.{suffix}")
