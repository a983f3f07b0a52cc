"""Accounts, sign-in slow-down and lockout, sessions, roles and the append-only audit log (dashboard/access)."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from dashboard.access import accounts, audit, store
from dashboard.access.roles import ADMIN, OPERATOR, PIMPINAN, AccessDenied, User, check_query, query_access
from dashboard.config import Auth
from dashboard.paths import QUERIES_DIR

AUTH = Auth(slow_after=3, max_failures=5, lockout_minutes=15, idle_minutes=30)
SECRET = "kata-sandi-rahasia-1"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "akses.sqlite"
    accounts.add(path, "budi", OPERATOR, SECRET, "cli:uji")
    return path


def raw(path: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(path)) as con:
        return con.execute(sql, params).fetchall()


def test_the_store_is_owner_only_and_holds_no_password_in_clear(path: Path):
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = b"".join(p.read_bytes() for p in path.parent.glob("akses.sqlite*"))
    assert SECRET.encode() not in stored
    assert raw(path, "select password_hash from account")[0][0].startswith("$argon2id$")


def test_names_roles_and_passwords_are_checked(path: Path):
    for name, role, password, key in [("Budi Santoso", OPERATOR, SECRET, "account_bad_name"),
                                      ("sari", "kepala", SECRET, "account_bad_role"),
                                      ("sari", OPERATOR, "pendek", "account_short_password"),
                                      ("budi", ADMIN, SECRET, "account_exists")]:
        with pytest.raises(accounts.AccountError) as refused:
            accounts.add(path, name, role, password, "cli:uji")
        assert refused.value.key == key
    assert accounts.listing(path)["name"].tolist() == ["budi"]


def test_sign_in_opens_a_session_that_sign_out_ends(path: Path):
    done = accounts.sign_in(path, "budi", SECRET, AUTH)
    assert done.status == accounts.OK and done.user == User("budi", OPERATOR)
    assert accounts.session_user(path, done.token, AUTH) == User("budi", OPERATOR)
    assert raw(path, "select count(*) from session where token_hash = ?", done.token) == [(0,)]  # hashed
    accounts.sign_out(path, done.token, done.user)
    assert accounts.session_user(path, done.token, AUTH) is None
    assert [line[1] for line in raw(path, "select actor, action from audit")] == ["akun_tambah", "masuk", "keluar"]


def test_failures_slow_down_then_lock_even_the_right_password(path: Path):
    now = store.now_utc()
    answers = [accounts.sign_in(path, "budi", "salah-salah", AUTH, now) for _ in range(5)]
    assert [a.status for a in answers] == ["wrong"] * 4 + ["locked"]
    assert [a.delay_s for a in answers[:4]] == [0, 0, 1, 2]
    assert answers[-1].locked_until == now + timedelta(minutes=15)
    assert accounts.sign_in(path, "budi", SECRET, AUTH, now + timedelta(minutes=14)).status == "locked"
    assert accounts.sign_in(path, "budi", SECRET, AUTH, now + timedelta(minutes=16)).status == "ok"
    details = [d for (d,) in raw(path, "select detail from audit where action = 'masuk_gagal'")]
    assert details == [f"wrong password {n}" for n in range(1, 5)] + ["wrong password 5; locked", "locked"]


def test_an_unknown_name_fails_like_a_wrong_password_and_is_logged(path: Path):
    answer = accounts.sign_in(path, "tidak-ada", SECRET, AUTH)
    assert answer == accounts.sign_in(path, "budi", "salah-salah", AUTH)  # the same answer, no delay either
    assert raw(path, "select actor, action, detail from audit where actor = 'tidak-ada'") == [
        ("tidak-ada", "masuk_gagal", "unknown")]


def test_idle_sessions_expire(path: Path):
    token = accounts.sign_in(path, "budi", SECRET, AUTH).token
    later = store.now_utc() + timedelta(minutes=29)
    assert accounts.session_user(path, token, AUTH, later) is not None  # activity: the clock starts again
    assert accounts.session_user(path, token, AUTH, later + timedelta(minutes=29)) is not None
    assert accounts.session_user(path, token, AUTH, later + timedelta(minutes=60)) is None


def test_disabling_or_a_new_password_ends_the_sessions(path: Path):
    token = accounts.sign_in(path, "budi", SECRET, AUTH).token
    accounts.set_active(path, "budi", False, "cli:uji")
    assert accounts.session_user(path, token, AUTH) is None
    assert accounts.sign_in(path, "budi", SECRET, AUTH).status == "disabled"
    accounts.set_active(path, "budi", True, "cli:uji")
    token = accounts.sign_in(path, "budi", SECRET, AUTH).token
    for _ in range(5):
        accounts.sign_in(path, "budi", "salah-salah", AUTH)
    accounts.set_password(path, "budi", "sandi-baru-panjang", "cli:uji")
    assert accounts.session_user(path, token, AUTH) is None
    assert accounts.sign_in(path, "budi", "sandi-baru-panjang", AUTH).status == "ok"  # and unlocked


def test_the_audit_log_refuses_changes_and_its_chain_shows_an_edit_made_outside(path: Path):
    accounts.sign_in(path, "budi", SECRET, AUTH)
    assert audit.verify(path) is None
    with closing(sqlite3.connect(path)) as con:
        for sql in ("update audit set actor = 'x'", "delete from audit"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(sql)
        con.execute("drop trigger audit_append_only_update")  # someone with the file and a SQLite shell
        con.execute("update audit set detail = 'diubah' where id = 2")
        con.commit()
    assert audit.verify(path) == 2


def test_only_an_admin_reads_the_log(path: Path):
    with pytest.raises(AccessDenied):
        audit.read(path, User("budi", OPERATOR))
    log = audit.read(path, User("root", ADMIN), action="akun_tambah")
    assert log[["actor", "action", "target", "detail"]].values.tolist() == [
        ["cli:uji", "akun_tambah", "budi", "role=operator"]]


def test_named_lists_need_the_operator_role_and_every_other_query_is_open():
    named = {p.stem for p in QUERIES_DIR.glob("*.sql") if query_access(p.stem) != PIMPINAN}
    assert named == {"followup_exclusion_by_desa", "followup_inclusion_by_desa", "followup_unmatched_by_desa"}
    for name in named:  # every query showing a name or a masked NIK is one of them
        with pytest.raises(AccessDenied):
            check_query(User("kadis", PIMPINAN), name)
        check_query(User("budi", OPERATOR), name)
    shows_names = {p.stem for p in QUERIES_DIR.glob("*.sql") if "nik_mask" in p.read_text()}
    assert shows_names <= named
