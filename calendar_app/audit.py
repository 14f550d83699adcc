"""The audit log: who changed which event field, from what to what, and when."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditEntry

ACTIONS = ("create", "create-draft", "edit", "publish", "cancel", "restore", "delete",
           "cancel-occurrence", "move-occurrence", "restore-occurrence", "edit-venue", "edit-series")


def record(session: Session, *, user_id: int | None, event_uid: str, action: str,
           changes: dict, now: dt.datetime) -> AuditEntry:
    """Add one entry in the caller's transaction, so it commits (or not) with the change itself."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(at=now, user_id=user_id, event_uid=event_uid, action=action, changes=changes)
    session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditLine:
    """One entry ready to show: times as ISO text, changes as (field, before, after) rows."""

    at: str
    who: str
    event_uid: str
    action: str
    changes: tuple[tuple[str, str, str], ...]


def recent(session: Session, limit: int = 200) -> list[AuditLine]:
    """The newest entries first, for the admin page."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    rows = session.scalars(query)
    return [_line(r) for r in rows.unique()]


def entries_for(session: Session, event_uid: str) -> list[AuditEntry]:
    """Every entry about one event, oldest first."""
    query = select(AuditEntry).where(AuditEntry.event_uid == event_uid).order_by(AuditEntry.id)
    return list(session.scalars(query).unique())


def status_before_cancel(session: Session, event_uid: str) -> str | None:
    """The status an event had before its latest cancellation, as the audit log recorded it."""
    query = (select(AuditEntry).where(AuditEntry.event_uid == event_uid, AuditEntry.action == "cancel")
             .order_by(AuditEntry.id.desc()).limit(1))
    entry = session.scalars(query).unique().first()
    status = (entry.changes or {}).get("status") if entry else None
    return status[0] if status else None


def _line(entry: AuditEntry) -> AuditLine:
    changes = tuple(
        (name, _show(values[0]), _show(values[1])) for name, values in sorted((entry.changes or {}).items())
    )
    who = entry.user.email if entry.user else "—"
    return AuditLine(at=entry.at.strftime("%Y-%m-%d %H:%M UTC"), who=who, event_uid=entry.event_uid,
                     action=entry.action, changes=changes)


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    return str(value)
