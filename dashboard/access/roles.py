"""The three roles and the one check every data read goes through.

A query file states the least role that may run it in its header (``-- Access: operator``); a file without that
line holds aggregates only, open to every signed-in role. ``check_query`` is called by the ``run`` callable the
pages' loaders take, so a role is enforced where the data are read, whatever a URL or widget state asks for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dashboard.i18n import register, t
from dashboard.queries import load_sql

PIMPINAN, OPERATOR, ADMIN = "pimpinan", "operator", "admin"
ROLES = (PIMPINAN, OPERATOR, ADMIN)
"""In rising order: each role may do everything the ones before it may."""

_ACCESS = re.compile(r"^--\s*Access:\s*(\w+)", re.MULTILINE)

register({
    "role_pimpinan": ("pimpinan", "leadership"),
    "role_operator": ("operator", "operator"),
    "role_admin": ("admin", "admin"),
    "access_denied": ("Peran {role} tidak boleh membuka {what} (perlu peran {needed}).",
                      "Role {role} may not open {what} (needs role {needed})."),
})


@dataclass(frozen=True)
class User:
    """A signed-in account (or the one local user when the sign-in is off)."""

    name: str
    role: str

    def may(self, needed: str) -> bool:
        return allows(self.role, needed)


class AccessDenied(Exception):
    """A role asked for what it may not see; the message names the role, the thing and the role it needs."""

    def __init__(self, role: str, what: str, needed: str):
        super().__init__(t("access_denied", "en", role=role, what=what, needed=needed))
        self.role, self.what, self.needed = role, what, needed

    def message(self, lang: str) -> str:
        return t("access_denied", lang, role=self.role, what=self.what, needed=self.needed)


def allows(role: str, needed: str) -> bool:
    """Whether ``role`` may do what ``needed`` may (an unknown role may do nothing)."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


@cache
def query_access(name: str) -> str:
    """The least role that may run ``queries/<name>.sql``: its ``-- Access:`` line, else pimpinan."""
    found = _ACCESS.search(load_sql(name))
    needed = found.group(1) if found else PIMPINAN
    if needed not in ROLES:
        raise ValueError(f"query {name}: unknown role {needed!r} in its Access line")
    return needed


def check_query(user: User, name: str) -> None:
    """Raise AccessDenied unless ``user`` may run query ``name``."""
    needed = query_access(name)
    if not user.may(needed):
        raise AccessDenied(user.role, name, needed)


def require(user: User, needed: str, what: str) -> None:
    """Raise AccessDenied unless ``user`` has at least role ``needed`` (an import, the audit log, an account)."""
    if not user.may(needed):
        raise AccessDenied(user.role, what, needed)
