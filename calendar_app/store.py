"""Between rows and domain events: loading, saving, and the public-change bookkeeping.

Reading returns `events.Event` values; nothing above this module touches a row.
"""

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import events
from .events import Event, Override, Series, Venue
from .models import EventRow, OverrideRow, SeriesRow, VenueRow

# Fields whose change a subscriber can see: changing one bumps SEQUENCE (RFC 5545 §3.8.7.4).
PUBLIC_FIELDS = (
    "title_en", "title_ar", "description_en", "description_ar", "venue", "tzid", "all_day",
    "starts_on", "ends_on", "starts_local", "ends_local", "status", "categories",
    "organizer_name_en", "organizer_name_ar", "organizer_url", "url", "series", "edition",
    "recurrence", "exdates", "overrides", "published",
)  # fmt: skip
VENUE_FIELDS = ("slug", "name_en", "name_ar", "city_en", "city_ar", "country_code", "tzid",
                "address", "latitude", "longitude")  # fmt: skip
SERIES_FIELDS = ("slug", "name_en", "name_ar", "cadence", "url")
EVENT_COLUMNS = (
    "uid", "slug", "title_en", "title_ar", "description_en", "description_ar", "tzid", "all_day",
    "starts_on", "ends_on", "starts_local", "ends_local", "status", "published",
    "organizer_name_en", "organizer_name_ar", "organizer_url", "url", "edition",
    "source_citation", "source_url", "source_conflict", "sequence", "created_at", "updated_at",
)  # fmt: skip
OVERRIDE_COLUMNS = ("original_on", "original_local", "cancelled", "starts_on", "ends_on",
                    "starts_local", "ends_local", "title_en", "title_ar", "sequence", "updated_at")


def new_uid(domain: str = "calendar-app") -> str:
    """A globally unique, never-reused UID for an event created by staff."""
    return f"{uuid.uuid4()}@{domain}"


# -- rows -> domain ---------------------------------------------------------------------------------
def to_event(row: EventRow) -> Event:
    """Build the domain event from its row (no validation: rows were valid when written)."""
    values = {name: getattr(row, name) for name in EVENT_COLUMNS}
    return Event(
        **values,
        categories=tuple(row.categories or ()),
        venue=to_venue(row.venue) if row.venue else None,
        series=to_series(row.series) if row.series else None,
        recurrence=dict(row.recurrence) if row.recurrence else None,
        exdates=tuple(dt.date.fromisoformat(d) for d in row.exdates or ()),
        overrides=tuple(
            Override(**{n: getattr(o, n) for n in OVERRIDE_COLUMNS}) for o in row.overrides
        ),
        version=row.version,
    )


def to_venue(row: VenueRow) -> Venue:
    """Build the domain venue from its row."""
    return Venue(**{name: getattr(row, name) for name in VENUE_FIELDS})


# -- queries ------------------------------------------------------------------------------------------
def published_events(session: Session) -> list[Event]:
    """Every published event (cancelled ones included), in start order."""
    rows = session.scalars(select(EventRow).where(EventRow.published.is_(True)))
    return sort_events(to_event(r) for r in rows.unique())


def all_events(session: Session) -> list[Event]:
    """Every event, drafts included (staff views only)."""
    return sort_events(to_event(r) for r in session.scalars(select(EventRow)).unique())


def sort_events(items: Iterable[Event]) -> list[Event]:
    """Chronological order, ties broken by UID so output never depends on row order."""
    return sorted(items, key=lambda e: (e.first_day, e.starts_local or dt.datetime.min, e.uid))


def event_row_by_slug(session: Session, slug: str) -> EventRow | None:
    """The row with this URL slug, or None."""
    return session.scalar(select(EventRow).where(EventRow.slug == slug))


def event_row_by_uid(session: Session, uid: str) -> EventRow | None:
    """The row with this UID, or None."""
    return session.scalar(select(EventRow).where(EventRow.uid == uid))


def event_by_uid(session: Session, uid: str) -> Event | None:
    """The event with this UID, drafts included (staff pages), or None."""
    row = event_row_by_uid(session, uid)
    return None if row is None else to_event(row)


def event_by_slug(session: Session, slug: str, *, include_drafts: bool = False) -> Event | None:
    """The published event at this slug (or any event, for staff), or None."""
    row = event_row_by_slug(session, slug)
    if row is None or (not row.published and not include_drafts):
        return None
    return to_event(row)


def venues(session: Session) -> list[Venue]:
    """Known venues, for the staff form's picker."""
    return [to_venue(r) for r in session.scalars(select(VenueRow).order_by(VenueRow.slug))]


def shared_row(session: Session, kind: str, slug: str) -> VenueRow | SeriesRow | None:
    """The stored venue (kind "venue") or series with this URL name, or None."""
    model = VenueRow if kind == "venue" else SeriesRow
    return session.scalar(select(model).where(model.slug == slug))


def shared_by_slug(session: Session, kind: str, slug: str) -> Venue | Series | None:
    """The venue (kind "venue") or series with this URL name, or None."""
    row = shared_row(session, kind, slug)
    return None if row is None else to_shared(row)


def to_series(row: SeriesRow) -> Series:
    """Build the domain series from its row."""
    return Series(**{name: getattr(row, name) for name in SERIES_FIELDS})


def to_shared(row: VenueRow | SeriesRow) -> Venue | Series:
    """Build the domain venue or series from its row."""
    return to_venue(row) if isinstance(row, VenueRow) else to_series(row)


def events_using(session: Session, kind: str, slug: str) -> list[Event]:
    """Every event (drafts included) that uses the venue (kind "venue") or series with this URL name."""
    row = shared_row(session, kind, slug)
    return [] if row is None else [to_event(r) for r in event_rows_using(session, row)]


def event_rows_using(session: Session, row: VenueRow | SeriesRow) -> list[EventRow]:
    """Every event (drafts included) that uses this venue or series, in a stable order."""
    column = EventRow.venue_id if isinstance(row, VenueRow) else EventRow.series_id
    return list(session.scalars(select(EventRow).where(column == row.id).order_by(EventRow.id)).unique())


def with_usage(session: Session, kind: str) -> list[tuple[Venue | Series, int]]:
    """Every venue (kind "venue") or series with the number of events, drafts included, using it."""
    from sqlalchemy import func

    model, column, build = ((VenueRow, EventRow.venue_id, to_venue) if kind == "venue"
                            else (SeriesRow, EventRow.series_id, to_series))
    query = (select(model, func.count(EventRow.id)).outerjoin(EventRow, column == model.id)
             .group_by(model.id).order_by(model.slug))
    return [(build(row), count) for row, count in session.execute(query).all()]


def shared_version(item: Venue | Series) -> str:
    """A validator of a venue's or series' stored values, for the edit form's version check (no column)."""
    text = json.dumps(events.fields_of(item), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# -- domain -> rows -----------------------------------------------------------------------------------
class SharedNameTakenError(Exception):
    """A venue or series with this URL name exists and holds other values."""

    def __init__(self, existing: Venue | Series):
        super().__init__(existing.slug)
        self.existing = existing


def _link(session: Session, model, item, names: tuple[str, ...], to_domain):
    """The row for a venue or series: the stored one when it holds the same values, else a new row.

    A stored row is never rewritten here: changing a shared venue or series changes every event
    that uses it, so that is `editing.change_shared`, on its own page.
    """
    with session.no_autoflush:  # the event row is half-copied here; it flushes at commit
        row = session.scalar(select(model).where(model.slug == item.slug))
    if row is None:
        row = model(**{name: getattr(item, name) for name in names})
        session.add(row)
    elif to_domain(row) != item:
        raise SharedNameTakenError(to_domain(row))
    return row


def write_shared(row: VenueRow | SeriesRow, item: Venue | Series) -> None:
    """Copy new values onto a stored venue or series (its URL name stays); the caller commits."""
    for name in VENUE_FIELDS if isinstance(row, VenueRow) else SERIES_FIELDS:
        if name != "slug":
            setattr(row, name, getattr(item, name))


def write_event(session: Session, row: EventRow, event: Event) -> EventRow:
    """Copy a domain event onto a row (new or loaded); the caller commits."""
    for name in EVENT_COLUMNS:
        setattr(row, name, getattr(event, name))
    row.categories = list(event.categories)
    row.recurrence = dict(event.recurrence) if event.recurrence else None
    row.exdates = [d.isoformat() for d in event.exdates]
    row.venue = _link(session, VenueRow, event.venue, VENUE_FIELDS, to_venue) if event.venue else None
    row.series = _link(session, SeriesRow, event.series, SERIES_FIELDS, to_series) if event.series else None
    _write_overrides(row, event.overrides)
    session.add(row)
    return row


def _write_overrides(row: EventRow, overrides: tuple[Override, ...]) -> None:
    existing = {o.original_on: o for o in row.overrides}
    wanted = {o.original_on for o in overrides}
    for original_on, orow in existing.items():
        if original_on not in wanted:
            row.overrides.remove(orow)
    for override in overrides:
        orow = existing.get(override.original_on) or OverrideRow()
        for name in OVERRIDE_COLUMNS:
            setattr(orow, name, getattr(override, name))
        if orow not in row.overrides:
            row.overrides.append(orow)


def public_change(before: Event | None, after: Event) -> bool:
    """Whether a subscriber would see a difference between the two versions."""
    if before is None:
        return True
    return any(getattr(before, f) != getattr(after, f) for f in PUBLIC_FIELDS)


def changed_fields(before: Event | None, after: Event) -> dict[str, list]:
    """Field-level before/after of every changed field, JSON-ready, for the audit log."""
    names = [f for f in events.fields_of(after) if f not in ("version", "updated_at", "sequence")]
    diff = {}
    for name in names:
        old = getattr(before, name) if before else None
        new = getattr(after, name)
        if old != new:
            diff[name] = [jsonable(old), jsonable(new)]
    return diff


def jsonable(value):
    """A value as JSON can hold it (dates as ISO text, venues and series by URL name)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Venue | Series):
        return value.slug
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, Override):
        return {k: jsonable(v) for k, v in events.fields_of(value).items()}
    return str(value)


def all_series(session: Session) -> list[Series]:
    """Known series, for the staff form's picker."""
    return [to_series(r) for r in session.scalars(select(SeriesRow).order_by(SeriesRow.slug))]


def change_stamp(session: Session) -> tuple:
    """A value that differs after any event is written, added or removed; one cheap aggregate query.

    Every save bumps the row's `version` and `updated_at`; inserts and deletes move the count and the
    largest id. Feed views key their whole-feed cache on it instead of loading every event per request.
    """
    from sqlalchemy import func

    query = select(func.count(EventRow.id), func.max(EventRow.id), func.sum(EventRow.version),
                   func.max(EventRow.updated_at))
    return tuple(session.execute(query).one())
