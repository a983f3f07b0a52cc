"""Accounts, sign-in with slow-down and lockout, and browser sessions.

Passwords are kept only as argon2id hashes; a session is a random token whose SHA-256 alone is stored, so a copy
of the store opens no browser. A session ends when signed out, when its account is disabled or changes password,
or after ``idle_minutes`` without any action.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dashboard.access import audit, store
from dashboard.access.audit import Entry
from dashboard.access.roles import ROLES, User
from dashboard.config import Auth
from dashboard.i18n import register

register({
    "auth_no_accounts": ("Belum ada akun. Buat akun admin pertama di komputer ini: `rakor user add NAMA --role admin`",
                         "No accounts yet. Make the first admin account on this computer: "
                         "`rakor user add NAME --role admin`"),
    "account_bad_name": ("nama akun {name!r} tidak sah: 2-32 huruf kecil, angka, titik, garis bawah atau tanda hubung",
                         "account name {name!r} is not valid: 2-32 lower-case letters, digits, dots, underscores or "
                         "hyphens"),
    "account_bad_role": ("peran {role!r} tidak dikenal; pilihan: {roles}", "unknown role {role!r}; choose: {roles}"),
    "account_short_password": ("kata sandi terlalu pendek: paling sedikit {n} karakter",
                               "password too short: at least {n} characters"),
    "account_exists": ("akun {name} sudah ada (ganti sandinya: rakor user passwd {name})",
                       "account {name} already exists (change its password: rakor user passwd {name})"),
    "account_unknown": ("akun {name} tidak ada (lihat: rakor user list)",
                        "account {name} does not exist (see: rakor user list)"),
})

NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 8
MAX_DELAY_S = 8
TOUCH_EVERY = timedelta(seconds=30)  # a page click refreshes the session at most this often (one write)
_hasher = PasswordHasher()
_UNKNOWN_HASH = _hasher.hash(secrets.token_hex(16))  # verified for unknown names: the same time as a real one

OK, WRONG, LOCKED, DISABLED = "ok", "wrong", "locked", "disabled"


class AccountError(ValueError):
    """A name, role or password the store refuses; ``key`` and ``params`` say why (texts registered above)."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to: the user and session token, or why not and how long to wait."""

    status: str
    user: User | None = None
    token: str | None = None
    delay_s: float = 0.0
    locked_until: datetime | None = None


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AccountError("account_bad_name", name=name[:40])
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError("account_short_password", n=MIN_PASSWORD)
    return password


def _role(role: str) -> str:
    if role not in ROLES:
        raise AccountError("account_bad_role", role=role, roles=", ".join(ROLES))
    return role


def add(path: Path, name: str, role: str, password: str, actor: str) -> None:
    """A new account; refused when the name is taken."""
    check_name(name)
    _role(role)
    hashed = _hasher.hash(check_password(password))
    now = store.stamp(store.now_utc())
    with store.connect(path) as con:
        if con.execute("select 1 from account where name = ?", (name,)).fetchone():
            raise AccountError("account_exists", name=name)
        con.execute("insert into account (name, role, password_hash, created_at, changed_at) values (?, ?, ?, ?, ?)",
                    (name, role, hashed, now, now))
        audit.append(con, Entry(actor, None, audit.ACCOUNT_ADD, name, f"role={role}"))


def _existing(con, name: str) -> None:
    if not con.execute("select 1 from account where name = ?", (name,)).fetchone():
        raise AccountError("account_unknown", name=name)


def set_password(path: Path, name: str, password: str, actor: str) -> None:
    """A new password; it also unlocks the account and ends its open sessions."""
    hashed = _hasher.hash(check_password(password))
    with store.connect(path) as con:
        _existing(con, name)
        con.execute("update account set password_hash = ?, failed_count = 0, locked_until = null, changed_at = ? "
                    "where name = ?", (hashed, store.stamp(store.now_utc()), name))
        con.execute("delete from session where name = ?", (name,))
        audit.append(con, Entry(actor, None, audit.ACCOUNT_PASSWORD, name))


def set_active(path: Path, name: str, active: bool, actor: str) -> None:
    """Disable (ending its sessions at once) or enable an account."""
    with store.connect(path) as con:
        _existing(con, name)
        con.execute("update account set active = ?, changed_at = ? where name = ?",
                    (int(active), store.stamp(store.now_utc()), name))
        if not active:
            con.execute("delete from session where name = ?", (name,))
        audit.append(con, Entry(actor, None, audit.ACCOUNT_ENABLE if active else audit.ACCOUNT_DISABLE, name))


def listing(path: Path) -> pd.DataFrame:
    """Every account without its hash: name, role, active, last sign-in, locked until (UTC)."""
    with store.reading(path) as con:
        rows = con.execute("select name, role, active, last_sign_in, locked_until, created_at from account "
                           "order by name").fetchall()
    return pd.DataFrame(rows, columns=["name", "role", "active", "last_sign_in", "locked_until", "created_at"])


def has_accounts(path: Path) -> bool:
    return path.exists() and not listing(path).empty


def _delay(failures: int, auth: Auth) -> float:
    """Seconds to wait before answering the ``failures``-th failure in a row: 0, then 1, 2, 4, 8."""
    return 0.0 if failures < auth.slow_after else float(min(2 ** (failures - auth.slow_after), MAX_DELAY_S))


def sign_in(path: Path, name: str, password: str, auth: Auth, now: datetime | None = None) -> SignIn:
    """Check a name and password; every attempt, failed or not, goes into the audit log."""
    now = now or store.now_utc()
    with store.connect(path) as con:
        row = con.execute("select role, password_hash, active, failed_count, locked_until from account "
                          "where name = ?", (name,)).fetchone()
        if row is None:
            _verify(_UNKNOWN_HASH, password)
            audit.append(con, Entry(name, None, audit.SIGN_IN_FAILED, detail="unknown"), now)
            return SignIn(WRONG)  # answered like a known name's first failure: names cannot be probed
        role, hashed, active, failures, locked = row
        if locked and store.parse(locked) > now:
            audit.append(con, Entry(name, role, audit.SIGN_IN_FAILED, detail="locked"), now)
            return SignIn(LOCKED, locked_until=store.parse(locked))
        if not _verify(hashed, password):
            return _failed(con, name, role, failures + 1, auth, now)
        if not active:
            audit.append(con, Entry(name, role, audit.SIGN_IN_FAILED, detail="disabled"), now)
            return SignIn(DISABLED)
        con.execute("update account set failed_count = 0, locked_until = null, last_sign_in = ? where name = ?",
                    (store.stamp(now), name))
        token = _start_session(con, name, auth, now)
        audit.append(con, Entry(name, role, audit.SIGN_IN), now)
        return SignIn(OK, User(name, role), token)


def _failed(con, name: str, role: str, failures: int, auth: Auth, now: datetime) -> SignIn:
    if failures >= auth.max_failures:  # locked; the count starts again once the lock has passed
        until = now + timedelta(minutes=auth.lockout_minutes)
        con.execute("update account set failed_count = 0, locked_until = ? where name = ?", (store.stamp(until), name))
        audit.append(con, Entry(name, role, audit.SIGN_IN_FAILED, detail=f"wrong password {failures}; locked"), now)
        return SignIn(LOCKED, locked_until=until)
    con.execute("update account set failed_count = ? where name = ?", (failures, name))
    audit.append(con, Entry(name, role, audit.SIGN_IN_FAILED, detail=f"wrong password {failures}"), now)
    return SignIn(WRONG, delay_s=_delay(failures, auth))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _start_session(con, name: str, auth: Auth, now: datetime) -> str:
    stale = store.stamp(now - timedelta(minutes=auth.idle_minutes))
    con.execute("delete from session where last_seen < ?", (stale,))
    token = secrets.token_urlsafe(32)
    con.execute("insert into session (token_hash, name, created_at, last_seen) values (?, ?, ?, ?)",
                (_token_hash(token), name, store.stamp(now), store.stamp(now)))
    return token


def session_user(path: Path, token: str, auth: Auth, now: datetime | None = None) -> User | None:
    """The account a browser's token stands for, or None when it is unknown, idle too long or disabled; each call
    counts as activity."""
    now, key = now or store.now_utc(), _token_hash(token)
    with store.reading(path) as con:  # every page run asks: a write lock only when something changes
        row = con.execute("select s.name, a.role, s.last_seen from session s join account a using (name) "
                          "where s.token_hash = ? and a.active = 1", (key,)).fetchone()
    if row is None:
        return None
    name, role, last_seen = row
    seen = store.parse(last_seen)
    if now - seen > timedelta(minutes=auth.idle_minutes):
        with store.connect(path) as con:
            con.execute("delete from session where token_hash = ?", (key,))
        return None
    if now - seen >= TOUCH_EVERY:
        with store.connect(path) as con:
            con.execute("update session set last_seen = ? where token_hash = ?", (store.stamp(now), key))
    return User(name, role)


def start_session(path: Path, name: str, auth: Auth) -> str:
    """A session for an existing account without a password (tests and tools that already hold the store)."""
    with store.connect(path) as con:
        _existing(con, name)
        return _start_session(con, name, auth, store.now_utc())


def sign_out(path: Path, token: str, user: User) -> None:
    with store.connect(path) as con:
        con.execute("delete from session where token_hash = ?", (_token_hash(token),))
        audit.append(con, Entry(user.name, user.role, audit.SIGN_OUT))
