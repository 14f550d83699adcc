"""Ready-to-display values for the staff pages, as pages.py is for the public ones: templates show
these and decide nothing.

Pure: every function takes the language and `today` it needs; nothing reads the request or the clock.
Forms stay with the views (Flask-WTF); what the pages show about events, accounts, venues and series
is built here.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from . import dates, pages, recurrence
from .events import Event, Series, Venue
from .feeds import Feed
from .languages import gettext_for


# -- events -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventLine:
    """One event on the dashboard, or among the events using a venue or series."""

    summary: pages.EventSummary
    uid: str
    status: str
    sequence: int
    draft: bool


def event_line(event: Event, lang: str) -> EventLine:
    """An event's line with its status (draft, cancelled or published) in `lang`."""
    _ = gettext_for(lang)
    status = _("Draft") if not event.published else _("Cancelled") if event.is_cancelled else _("Published")
    return EventLine(summary=pages.event_summary(event, lang), uid=event.uid, status=status,
                     sequence=event.sequence, draft=not event.published)


@dataclass(frozen=True)
class EventFacts:
    """What staff confirm before a change (cancel, restore) and see of a stored or previewed event."""

    title: str
    gregorian: str
    hijri: str
    time: str
    place: str
    draft: bool
    cancelled: bool
    sequence: int
    version: int


def event_facts(event: Event, lang: str) -> EventFacts:
    """An event's dates in both calendars, its place and its state, in `lang`."""
    return EventFacts(
        title=event.title(lang), gregorian=event.gregorian_label(lang), hijri=event.hijri_label(lang),
        time=event.time_label(lang), place=event.venue.location(lang) if event.venue else "",
        draft=not event.published, cancelled=event.is_cancelled, sequence=event.sequence,
        version=event.version,
    )


@dataclass(frozen=True)
class PreviewLine:
    """One coming date of a rule being entered, in both calendars (the form's preview and /api/)."""

    gregorian: str
    hijri: str
    date: str


def rule_preview(rule: Mapping[str, Any], first: dt.date, lang: str, today: dt.date) -> list[PreviewLine]:
    """Up to 10 occurrences from today (or from the first day, if later) as ready labels."""
    items = recurrence.preview(rule, first, from_day=today, count=10)
    return [PreviewLine(*item.labels(lang), date=item.on.isoformat()) for item in items]


@dataclass(frozen=True)
class OccurrenceRow:
    """One coming occurrence of a stored series, with what staff may do to it."""

    original_on: str  # ISO: names the occurrence in the cancel, move and restore forms
    gregorian: str
    hijri: str
    state: str  # "", "cancelled" or "moved"
    time: str
    restorable: bool
    original: str  # where a moved occurrence was, in words


def occurrence_rows(event: Event, lang: str, today: dt.date) -> list[OccurrenceRow] | None:
    """The next occurrences of a stored recurring event (None for a single event)."""
    if not event.is_recurring:
        return None
    overrides = {o.original_on: o for o in event.overrides}
    rows = []
    for occ in recurrence.upcoming(event, today, 10):
        rid = occ.recurrence_id  # the original start: a day, or a local time for timed events
        original = rid.date() if isinstance(rid, dt.datetime) else rid
        override = overrides.get(original)
        state = "cancelled" if occ.cancelled else "moved" if override else ""
        rows.append(OccurrenceRow(
            original_on=original.isoformat(), gregorian=occ.gregorian_label(lang),
            hijri=occ.hijri_label(lang), state=state,
            time=dates.format_clock_range(occ.starts_local, occ.ends_local, lang),
            restorable=override is not None,
            original=dates.format_day(original, lang) if override and state == "moved" else "",
        ))
    return rows


@dataclass(frozen=True)
class EventFormPage:
    """Everything the event form shows besides its fields: the stored event, a preview, occurrences."""

    editing: bool
    uid: str | None
    stored: EventFacts | None
    can_draft: bool
    # After "Preview": the event page as the public will see it, and the rule's next dates.
    preview: EventFacts | None
    detail: pages.EventDetail | None
    rule_preview: list[PreviewLine] | None
    rule_words: str
    # A stored series: its rule in words and its coming occurrences.
    occurrences: list[OccurrenceRow] | None
    stored_words: str


def event_form_page(stored: Event | None, preview: Event | None, lang: str, base_url: str,
                    feeds: Mapping[str, Feed], today: dt.date) -> EventFormPage:
    """The form page's values in `lang`, for a new (`stored` None) or stored event."""
    return EventFormPage(
        editing=stored is not None, uid=stored.uid if stored else None, stored=_facts(stored, lang),
        can_draft=stored is None or not stored.published,
        preview=_facts(preview, lang),
        detail=pages.event_detail(preview, lang, base_url, feeds) if preview is not None else None,
        rule_preview=_next_dates(preview, lang, today), rule_words=_words(preview, lang),
        occurrences=occurrence_rows(stored, lang, today) if stored else None,
        stored_words=_words(stored, lang),
    )


def _facts(event: Event | None, lang: str) -> EventFacts | None:
    return event_facts(event, lang) if event is not None else None


def _words(event: Event | None, lang: str) -> str:
    return recurrence.describe(event, lang) if event is not None else ""


def _next_dates(preview: Event | None, lang: str, today: dt.date) -> list[PreviewLine] | None:
    if preview is None or not preview.is_recurring:
        return None
    return rule_preview(preview.recurrence, preview.first_day, lang, today)


# -- venues and series shared by several events ----------------------------------------------------
@dataclass(frozen=True)
class SharedLine:
    """A venue or series with the number of events using it."""

    slug: str
    name: str
    place: str  # a venue's "name, city, country code"; '' for a series
    count: int


def shared_line(item: Venue | Series, count: int, lang: str) -> SharedLine:
    """A venue's or series' line in `lang`."""
    place = item.location(lang) if isinstance(item, Venue) else ""
    return SharedLine(slug=item.slug, name=item.name(lang), place=place, count=count)


def shared_lines(items: Iterable[tuple[Venue | Series, int]], lang: str) -> list[SharedLine]:
    """Lines for (venue or series, events using it) pairs, in their order."""
    return [shared_line(item, count, lang) for item, count in items]


# -- accounts -----------------------------------------------------------------------------------------
class Account(Protocol):
    """What the accounts page reads of an account."""

    id: int
    email: str
    role: str
    active: bool


@dataclass(frozen=True)
class AccountLine:
    """One account on the admin page."""

    id: int
    email: str
    role: str
    active: bool
    is_me: bool  # the logged-in admin cannot deactivate themself


def account_lines(users: Sequence[Account], me: int) -> list[AccountLine]:
    """The accounts page's lines; `me` is the logged-in account's id."""
    return [AccountLine(id=u.id, email=u.email, role=u.role, active=u.active, is_me=u.id == me)
            for u in users]
