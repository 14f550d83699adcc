"""Between rows and domain events: loading, saving, and the public-change bookkeeping.

Reading returns `events.Event` values; nothing above this module touches a row.
"""

import datetime as dt
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
        series=Series(**{n: getattr(row.series, n) for n in SERIES_FIELDS}) if row.series else None,
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


def event_by_slug(session: Session, slug: str, *, include_drafts: bool = False) -> Event | None:
    """The published event at this slug (or any event, for staff), or None."""
    row = event_row_by_slug(session, slug)
    if row is None or (not row.published and not include_drafts):
        return None
    return to_event(row)


def venues(session: Session) -> list[Venue]:
    """Known venues, for the staff form's picker."""
    return [to_venue(r) for r in session.scalars(select(VenueRow).order_by(VenueRow.slug))]


# -- domain -> rows -----------------------------------------------------------------------------------
def upsert_venue(session: Session, venue: Venue) -> VenueRow:
    """Insert the venue or update the known one with the same slug."""
    row = session.scalar(select(VenueRow).where(VenueRow.slug == venue.slug)) or VenueRow()
    for name in VENUE_FIELDS:
        setattr(row, name, getattr(venue, name))
    session.add(row)
    return row


def upsert_series(session: Session, series: Series) -> SeriesRow:
    """Insert the series or update the known one with the same slug."""
    row = session.scalar(select(SeriesRow).where(SeriesRow.slug == series.slug)) or SeriesRow()
    for name in SERIES_FIELDS:
        setattr(row, name, getattr(series, name))
    session.add(row)
    return row


def write_event(session: Session, row: EventRow, event: Event) -> EventRow:
    """Copy a domain event onto a row (new or loaded); the caller commits."""
    for name in EVENT_COLUMNS:
        setattr(row, name, getattr(event, name))
    row.categories = list(event.categories)
    row.recurrence = dict(event.recurrence) if event.recurrence else None
    row.exdates = [d.isoformat() for d in event.exdates]
    row.venue = upsert_venue(session, event.venue) if event.venue else None
    row.series = upsert_series(session, event.series) if event.series else None
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
            diff[name] = [_jsonable(old), _jsonable(new)]
    return diff


def _jsonable(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Venue | Series):
        return value.slug
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, Override):
        return {k: _jsonable(v) for k, v in events.fields_of(value).items()}
    return str(value)


def all_series(session: Session) -> list[Series]:
    """Known series, for the staff form's picker."""
    rows = session.scalars(select(SeriesRow).order_by(SeriesRow.slug))
    return [Series(**{n: getattr(r, n) for n in SERIES_FIELDS}) for r in rows]


def change_stamp(session: Session) -> tuple:
    """A value that differs after any event is written, added or removed; one cheap aggregate query.

    Every save bumps the row's `version` and `updated_at`; inserts and deletes move the count and the
    largest id. Feed views key their whole-feed cache on it instead of loading every event per request.
    """
    from sqlalchemy import func

    query = select(func.count(EventRow.id), func.max(EventRow.id), func.sum(EventRow.version),
                   func.max(EventRow.updated_at))
    return tuple(session.execute(query).one())
