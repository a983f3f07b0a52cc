"""Test accounts: one per role in a store, with the sessions a test signs in with (no password typed)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from dashboard.access import accounts
from dashboard.access.roles import ADMIN, OPERATOR, PIMPINAN, User
from dashboard.config import Auth, Settings

PASSWORD = {PIMPINAN: "sandi-pimpinan-uji", OPERATOR: "sandi-operator-uji", ADMIN: "sandi-admin-uji"}
TEST_OPERATOR = User("uji-operator", OPERATOR)
"""The signed-in user of tests that import through the Data page's path."""


def account_name(role: str) -> str:
    return f"uji-{role}"


def ensure_account(store: Path, role: str) -> str:
    """The test account of ``role`` in ``store`` (created with PASSWORD[role] when missing); its name."""
    name = account_name(role)
    if name not in set(accounts.listing(store)["name"]):
        accounts.add(store, name, role, PASSWORD[role], "uji")
    return name


def session_token(store: Path, role: str, auth: Auth | None = None) -> str:
    """A signed-in session of the ``role`` test account, as a browser's cookie holds it."""
    return accounts.start_session(store, ensure_account(store, role), auth or Auth())


def session_cookie(store: Path, role: str, host: str = "127.0.0.1") -> dict:
    """The browser cookie of a signed-in ``role`` session on ``host``, as the sign-in form leaves it (Playwright's
    cookie format)."""
    from dashboard.web.login import COOKIE

    return {"name": COOKIE, "value": session_token(store, role), "domain": host, "path": "/", "expires": -1,
            "httpOnly": False, "secure": False, "sameSite": "Strict"}


def audit_lines(settings: Settings) -> list[tuple]:
    """(actor, action, target, detail) of every audit line, oldest first, read straight from the SQLite file."""
    with closing(sqlite3.connect(settings.access_store)) as con:
        return con.execute("select actor, action, target, detail from audit order by id").fetchall()
