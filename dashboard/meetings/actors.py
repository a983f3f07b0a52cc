"""Who acts on a rakor record, as the audit log names them: the signed-in account, or ``cli:<os user>`` at the
terminal (with no role, as the other commands log it)."""

from __future__ import annotations

from dashboard.access import audit
from dashboard.access.roles import User
from dashboard.config import Settings


def actor_role(user: User) -> str | None:
    return None if user.name.startswith("cli:") else user.role


def log(settings: Settings, user: User, action: str, target: str, detail: str | None = None) -> None:
    """One audit line (in the accounts store, after the record's own transaction has committed)."""
    audit.record(settings.access_store, audit.Entry(user.name, actor_role(user), action, target, detail))
