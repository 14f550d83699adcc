"""Staff changes to events: create, edit, publish, cancel, delete; each audited, committed once.

Published is one-way: once subscribers have seen an event it can only be cancelled, never
withdrawn, so their calendars learn about the change.
"""

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from . import audit, store
from .errors import EventError
from .events import Event
from .models import EventRow

CONFLICT_MESSAGE = (
    "This event was changed by someone else since you opened it. Your changes are not saved; "
    "they are still in the form below. Open the event again to see the new version."
)
SLUG_TAKEN = "This URL name is already used by another event."


class ConflictError(Exception):
    """The row's version moved on since the form was loaded."""


def create(session: Session, event: Event, *, publish: bool, user_id: int, now: dt.datetime) -> Event:
    """Store a new event (published or as a draft) and its audit entry."""
    event = event.replace(published=publish, sequence=0, created_at=now, updated_at=now)
    _check_slug_free(session, event.slug, None)
    row = store.write_event(session, EventRow(), event)
    action = "create" if publish else "create-draft"
    audit.record(session, user_id=user_id, event_uid=event.uid, action=action,
                 changes=store.changed_fields(None, event), now=now)
    return _commit(session, row)


def update(session: Session, row: EventRow, edited: Event, *, expected_version: int, publish: bool,
           user_id: int, now: dt.datetime) -> Event:
    """Save an edit; a public change bumps SEQUENCE and LAST-MODIFIED; a stale form is refused."""
    _check_version(row, expected_version)
    before = store.to_event(row)
    if before.published and not publish:
        raise EventError("A published event cannot go back to draft; cancel it instead.", "status")
    after = edited.replace(uid=before.uid, created_at=before.created_at, updated_at=before.updated_at,
                           sequence=before.sequence, published=publish, recurrence=before.recurrence,
                           exdates=before.exdates, overrides=before.overrides, version=before.version)
    if store.public_change(before, after):
        after = after.replace(sequence=before.sequence + 1, updated_at=now)
    _check_slug_free(session, after.slug, row)
    action = "publish" if publish and not before.published else "edit"
    return _save(session, row, before, after, action, user_id, now)


def cancel(session: Session, row: EventRow, *, expected_version: int, user_id: int,
           now: dt.datetime) -> Event:
    """Mark the event cancelled; it stays in feeds with STATUS:CANCELLED and a higher SEQUENCE."""
    _check_version(row, expected_version)
    before = store.to_event(row)
    if before.is_cancelled:
        return before
    after = before.replace(status="cancelled", sequence=before.sequence + 1, updated_at=now)
    return _save(session, row, before, after, "cancel", user_id, now)


def delete_draft(session: Session, row: EventRow, *, user_id: int, now: dt.datetime) -> None:
    """Remove a draft that was never published; anything published must be cancelled instead."""
    if row.published:
        raise EventError("Published events cannot be deleted; cancel them instead.")
    before = store.to_event(row)
    audit.record(session, user_id=user_id, event_uid=before.uid, action="delete",
                 changes={k: [v[1], None] for k, v in store.changed_fields(None, before).items()}, now=now)
    session.delete(row)
    session.commit()


def _save(session: Session, row: EventRow, before: Event, after: Event, action: str, user_id: int,
          now: dt.datetime) -> Event:
    store.write_event(session, row, after)
    audit.record(session, user_id=user_id, event_uid=after.uid, action=action,
                 changes=store.changed_fields(before, after), now=now)
    return _commit(session, row)


def _commit(session: Session, row: EventRow) -> Event:
    try:
        session.commit()
    except StaleDataError as exc:  # another save landed between our read and our write
        session.rollback()
        raise ConflictError(CONFLICT_MESSAGE) from exc
    except IntegrityError as exc:  # a concurrent save took the slug
        session.rollback()
        raise EventError(SLUG_TAKEN, "slug") from exc
    return store.to_event(row)


def _check_version(row: EventRow, expected_version: int) -> None:
    if row.version != expected_version:
        raise ConflictError(CONFLICT_MESSAGE)


def _check_slug_free(session: Session, slug: str, row: EventRow | None) -> None:
    with session.no_autoflush:
        other = store.event_row_by_slug(session, slug)
    if other is not None and other is not row:
        raise EventError(SLUG_TAKEN, "slug")
