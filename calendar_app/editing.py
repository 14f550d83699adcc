"""Staff changes to events, venues and series: create, edit, publish, cancel, delete; each audited and
committed once, here (views name the event by its UID, a venue or series by its URL name, and never see a
row or commit).

Published is one-way: once subscribers have seen an event it can only be cancelled, never
withdrawn, so their calendars learn about the change. The same holds for one occurrence of a
recurring event: cancelling, moving or restoring it is a public change (SEQUENCE up, on the
event and on the occurrence's override, so every client takes the newer version).

Nothing published changes as a side effect: cancel and restore are their own actions (an edit keeps
the cancelled state), and a venue or series shared by several events changes only through
`change_shared`, which raises SEQUENCE and LAST-MODIFIED of every event using it and audits each one.
"""

import dataclasses
import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from . import audit, events, hijri, recurrence, store
from .errors import ConflictError, EventError
from .events import Event, Override
from .languages import N_
from .models import EventRow

CONFLICT_MESSAGE = N_(
    "This event was changed by someone else since you opened it. Your changes are not saved; "
    "they are still in the form below. Open the event again to see the new version."
)
SLUG_TAKEN = N_("This URL name is already used by another event.")
SHARED_CONFLICT = N_(
    "This was changed by someone else since you opened it. Your changes are not saved; they are still "
    "in the form below. Open the page again to see the new version."
)
# A new venue or series whose URL name another one already has (the form offers to pick that one).
SHARED_NAME_TAKEN = {
    "venue": N_("The URL name “%(slug)s” is already used by the venue “%(name)s”: choose it from the list, "
                "or give the new venue another URL name."),
    "series": N_("The URL name “%(slug)s” is already used by the series “%(name)s”: choose it from the list, "
                 "or give the new series another URL name."),
}
RESTORABLE = ("confirmed", "tentative")
# Said by the move action here and by the view that reads its form.
GIVE_NEW_DAY = N_("Give the new first day.")


def create(session: Session, event: Event, *, publish: bool, user_id: int, now: dt.datetime) -> Event:
    """Store a new event (published or as a draft) and its audit entry."""
    event = event.replace(published=publish, sequence=0, created_at=now, updated_at=now)
    _check_slug_free(session, event.slug, None)
    row = _write(session, EventRow(), event)
    action = "create" if publish else "create-draft"
    audit.record(session, user_id=user_id, event_uid=event.uid, action=action,
                 changes=store.changed_fields(None, event), now=now)
    return _commit(session, row)


def update(session: Session, uid: str, edited: Event, *, expected_version: int, publish: bool,
           user_id: int, now: dt.datetime) -> Event:
    """Save an edit; a public change bumps SEQUENCE and LAST-MODIFIED; a stale form is refused."""
    row = _row(session, uid, expected_version)
    before = store.to_event(row)
    if before.published and not publish:
        raise EventError("status", N_("A published event cannot go back to draft; cancel it instead."))
    if edited.is_cancelled and not before.is_cancelled:
        raise EventError("status", N_("Cancel an event with its own Cancel button, so subscribers are told."))
    if before.is_cancelled:  # an edit never un-cancels: that is restore(), on its own page
        edited = dataclasses.replace(edited, status=before.status)
    # Overrides are kept while the event repeats (one matching no occurrence any more is ignored by
    # recurrence.py, and comes back if the rule does); without a rule they mean nothing.
    after = edited.replace(uid=before.uid, created_at=before.created_at, updated_at=before.updated_at,
                           sequence=before.sequence, published=publish,
                           overrides=before.overrides if edited.is_recurring else (), version=before.version)
    if store.public_change(before, after):
        after = after.replace(sequence=before.sequence + 1, updated_at=now)
    _check_slug_free(session, after.slug, row)
    action = "publish" if publish and not before.published else "edit"
    return _save(session, row, before, after, action, user_id, now)


def cancel(session: Session, uid: str, *, expected_version: int, user_id: int, now: dt.datetime) -> Event:
    """Mark the event cancelled; it stays in feeds with STATUS:CANCELLED and a higher SEQUENCE."""
    row = _row(session, uid, expected_version)
    before = store.to_event(row)
    if before.is_cancelled:
        return before
    # Only status, SEQUENCE and time change, so no need to check the rest again (an event stored
    # before a rule existed can still be cancelled).
    after = dataclasses.replace(before, status="cancelled", sequence=before.sequence + 1, updated_at=now)
    return _save(session, row, before, after, "cancel", user_id, now)


def restore(session: Session, uid: str, *, status: str, expected_version: int, user_id: int,
            now: dt.datetime) -> Event:
    """Un-cancel an event as confirmed or tentative: a public change (SEQUENCE up), audited."""
    row = _row(session, uid, expected_version)
    if status not in RESTORABLE:
        raise EventError("status", N_("Restore the event as confirmed or tentative."))
    before = store.to_event(row)
    if not before.is_cancelled:
        return before
    after = dataclasses.replace(before, status=status, sequence=before.sequence + 1, updated_at=now)
    return _save(session, row, before, after, "restore", user_id, now)


# -- venues and series shared by several events -----------------------------------------------------
def change_shared(session: Session, kind: str, slug: str, wanted: events.Venue | events.Series, *,
                  expected_version: str, user_id: int, now: dt.datetime) -> list[Event]:
    """Change a shared venue (kind "venue") or series: every event using it gets SEQUENCE +1,
    LAST-MODIFIED now and an audit entry."""
    row = store.shared_row(session, kind, slug)
    stored = store.to_shared(row) if row is not None else None
    if stored is None or store.shared_version(stored) != expected_version:
        raise ConflictError(None, SHARED_CONFLICT)
    wanted = dataclasses.replace(wanted, slug=stored.slug)  # the URL name identifies it; never renamed
    if wanted == stored:
        return []
    event_rows = store.event_rows_using(session, row)
    befores = [store.to_event(r) for r in event_rows]
    store.write_shared(row, wanted)
    changes = _shared_changes(kind, stored, wanted)
    for event_row, before in zip(event_rows, befores, strict=True):
        after = dataclasses.replace(before, **{kind: wanted}, sequence=before.sequence + 1, updated_at=now)
        store.write_event(session, event_row, after)
        audit.record(session, user_id=user_id, event_uid=before.uid, action=f"edit-{kind}", changes=changes,
                     now=now)
    if not event_rows:  # nothing published changes, but who changed it is still on record
        audit.record(session, user_id=user_id, event_uid="", action=f"edit-{kind}", changes=changes, now=now)
    _commit(session, row)
    return [store.to_event(r) for r in event_rows]


def _shared_changes(kind: str, stored: events.Venue | events.Series,
                    wanted: events.Venue | events.Series) -> dict[str, list]:
    """The audit log's changes: {"venue.city_en": [before, after], ...}."""
    return {f"{kind}.{name}": [store.jsonable(old), store.jsonable(new)]
            for name, old in events.fields_of(stored).items() if old != (new := getattr(wanted, name))}


def cancel_occurrence(session: Session, uid: str, original_on: dt.date, *, expected_version: int,
                      user_id: int, now: dt.datetime) -> Event:
    """Cancel one occurrence: it stays in feeds (STATUS:CANCELLED / a cancelled RECURRENCE-ID)."""
    return _change_occurrence(session, uid, original_on, "cancel-occurrence", expected_version, user_id,
                              now, cancelled=True)


def move_occurrence(session: Session, uid: str, original_on: dt.date, *,
                    starts_on: dt.date | None = None, starts_local: dt.datetime | None = None,
                    ends_local: dt.datetime | None = None,
                    expected_version: int, user_id: int, now: dt.datetime) -> Event:
    """Move one occurrence to a new first day (all-day: same length) or new local times (timed)."""
    before = store.to_event(_row(session, uid))  # the version is checked with the change, after the times
    if before.all_day:
        if starts_on is None:
            raise EventError("new_on", GIVE_NEW_DAY)
        moved = {"starts_on": starts_on, "ends_on": starts_on + (before.last_day - before.first_day),
                 "cancelled": False}
    else:
        if starts_local is None or ends_local is None:
            raise EventError("new_start", events.GIVE_TIMES)
        if ends_local <= starts_local:
            raise EventError("new_end", events.ENDS_BEFORE_START)
        for local, name in ((starts_local, "new_start"), (ends_local, "new_end")):
            events.check_wall_time(local, before.tzid, name)
        moved = {"starts_local": starts_local, "ends_local": ends_local, "cancelled": False}
    for day in (moved.get("starts_on") or starts_local.date(), moved.get("ends_on") or ends_local.date()):
        hijri.to_hijri(day)  # EventError outside the Umm al-Qura table: every date needs a Hijri label
    return _change_occurrence(session, uid, original_on, "move-occurrence", expected_version, user_id,
                              now, **moved)


def restore_occurrence(session: Session, uid: str, original_on: dt.date, *, expected_version: int,
                       user_id: int, now: dt.datetime) -> Event:
    """Undo a cancelled or moved occurrence: it follows the rule again."""
    row = _row(session, uid, expected_version)
    before = store.to_event(row)
    kept = tuple(o for o in before.overrides if o.original_on != original_on)
    if kept == before.overrides:
        return before
    after = before.replace(overrides=kept, sequence=before.sequence + 1, updated_at=now)
    return _save(session, row, before, after, "restore-occurrence", user_id, now)


def _change_occurrence(session: Session, uid: str, original_on: dt.date, action: str,
                       expected_version: int, user_id: int, now: dt.datetime, **change) -> Event:
    row = _row(session, uid, expected_version)
    before = store.to_event(row)
    if not before.is_recurring or not recurrence.occurrences(before.replace(overrides=()), original_on,
                                                             original_on):
        raise EventError("original_on", N_("This date is not one of the event's occurrences."))
    sequence = before.sequence + 1
    original_local = None if before.all_day else dt.datetime.combine(original_on, before.starts_local.time())
    # A cancelled moved occurrence stays where it was moved to; its own titles are kept.
    prior = next((events.fields_of(o) for o in before.overrides if o.original_on == original_on), {})
    override = Override(**{**prior, "original_on": original_on, "original_local": original_local,
                           "sequence": sequence, "updated_at": now, **change})
    others = tuple(o for o in before.overrides if o.original_on != original_on)
    after = before.replace(overrides=tuple(sorted(others + (override,), key=lambda o: o.original_on)),
                           sequence=sequence, updated_at=now)
    return _save(session, row, before, after, action, user_id, now)


def delete_draft(session: Session, uid: str, *, user_id: int, now: dt.datetime) -> None:
    """Remove a draft that was never published; anything published must be cancelled instead."""
    row = _row(session, uid)
    if row.published:
        raise EventError(None, N_("Published events cannot be deleted; cancel them instead."))
    before = store.to_event(row)
    audit.record(session, user_id=user_id, event_uid=before.uid, action="delete",
                 changes={k: [v[1], None] for k, v in store.changed_fields(None, before).items()}, now=now)
    session.delete(row)
    session.commit()


def _save(session: Session, row: EventRow, before: Event, after: Event, action: str, user_id: int,
          now: dt.datetime) -> Event:
    _write(session, row, after)
    audit.record(session, user_id=user_id, event_uid=after.uid, action=action,
                 changes=store.changed_fields(before, after), now=now)
    return _commit(session, row)


def _write(session: Session, row: EventRow, event: Event) -> EventRow:
    """store.write_event(), with a new venue or series whose URL name is taken as a field error."""
    try:
        return store.write_event(session, row, event)
    except store.SharedNameTakenError as exc:
        session.rollback()
        raise shared_name_taken(exc.existing) from exc


def shared_name_taken(existing: events.Venue | events.Series) -> EventError:
    """The field error for a new venue or series whose URL name another one already has."""
    kind = "venue" if isinstance(existing, events.Venue) else "series"
    # The name as stored in English first (a name, not a sentence: it is not translated).
    return EventError(f"{kind}_slug", SHARED_NAME_TAKEN[kind], slug=existing.slug, name=existing.name("en"))


def _commit(session: Session, row) -> Event | None:
    try:
        session.commit()
    except StaleDataError as exc:  # another save landed between our read and our write
        session.rollback()
        raise ConflictError(None, CONFLICT_MESSAGE) from exc
    except IntegrityError as exc:  # a concurrent save took a URL name
        session.rollback()
        raise _taken_by_someone(exc) from exc
    return store.to_event(row) if isinstance(row, EventRow) else None


def _taken_by_someone(exc: IntegrityError) -> EventError:
    """Which URL name a concurrent save took, from the unique index that refused ours."""
    text = str(exc.orig)
    if "venues" in text:
        return EventError("venue_slug", N_(
            "This URL name was just taken by another venue; give the new venue another one."))
    if "series" in text:
        return EventError("series_slug", N_(
            "This URL name was just taken by another series; give the new series another one."))
    return EventError("slug", SLUG_TAKEN)


def _row(session: Session, uid: str, expected_version: int | None = None) -> EventRow:
    """The event's row, at the version the form was opened at; gone or changed since is a conflict."""
    row = store.event_row_by_uid(session, uid)
    if row is None or (expected_version is not None and row.version != expected_version):
        raise ConflictError(None, CONFLICT_MESSAGE)
    return row


def _check_slug_free(session: Session, slug: str, row: EventRow | None) -> None:
    with session.no_autoflush:
        other = store.event_row_by_slug(session, slug)
    if other is not None and other is not row:
        raise EventError("slug", SLUG_TAKEN)
