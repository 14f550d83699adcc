"""Recurrence: rules as data -> explicit occurrences over a bounded horizon.

Contract used by feeds, pages and the staff form:
- `occurrences(event, start, end)` lists the occurrences whose first day lies in [start, end].
- `last_day(event)` is the last day the event (any occurrence) covers, for feed windows.
A non-recurring event has exactly one occurrence: itself.
"""

import datetime as dt
from dataclasses import dataclass

from .events import Event


@dataclass(frozen=True)
class Occurrence:
    """One instance of an event: its own dates, and the RECURRENCE-ID it answers to."""

    event: Event
    first_day: dt.date
    last_day: dt.date
    starts_local: dt.datetime | None = None
    ends_local: dt.datetime | None = None
    # The occurrence's original start (a date for all-day events, a local time for timed ones);
    # None for a non-recurring event.
    recurrence_id: dt.date | dt.datetime | None = None
    cancelled: bool = False


def occurrences(event: Event, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The event's occurrences whose first day lies in [start, end], in order."""
    if not start <= event.first_day <= end:
        return []
    return [single(event)]


def single(event: Event) -> Occurrence:
    """The one occurrence of a non-recurring event."""
    return Occurrence(
        event=event, first_day=event.first_day, last_day=event.last_day,
        starts_local=event.starts_local, ends_local=event.ends_local,
        cancelled=event.is_cancelled,
    )


def last_day(event: Event) -> dt.date:
    """The last day the event covers (for a recurring event: its last occurrence, or far future)."""
    return event.last_day
