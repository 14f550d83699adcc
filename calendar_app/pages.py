"""Ready-to-display values for the HTML pages: templates show these and decide nothing.

Pure: every function takes the language, base URL and `today` it needs; nothing reads the request or
the clock. Dated views go through recurrence.py (`upcoming`, `latest`, `overlapping`), which expands
only what a page shows; lists are paginated and month cells capped (README, "Pages: bounds").
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import dates, hijri, links, recurrence
from .events import Event, Venue
from .facets import ListFilter, category_label, country_name
from .feeds import Feed, feeds_containing
from .languages import digits, gettext_for, join_list, language
from .recurrence import Occurrence

# Months are shown Sunday first in both languages: the Gulf working week (Qatar, Saudi Arabia)
# starts on Sunday, and it is the usual wall-calendar layout in English too.
FIRST_WEEKDAY = calendar.SUNDAY
RECENT_PAST = 5
# Bounds that keep every public page small whatever was entered (README, "Pages"): rows per list
# page and events per month cell (the rest behind "+N more", on the day's page); filters: facets.py.
PAGE_SIZE = 20
CELL_EVENTS = 3


def place(venue: Venue | None, lang: str) -> str:
    """"Dubai World Trade Centre, Dubai, United Arab Emirates" / "…، دبي، الإمارات…"."""
    if venue is None:
        return ""
    return join_list([venue.name(lang), venue.city(lang), country_name(venue.country_code, lang)], lang)


# -- lists -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventSummary:
    """One line of an event list."""

    slug: str
    title: str
    gregorian: str
    hijri: str
    time: str
    place: str
    cancelled: bool
    # A series' rule in words (and in the archive, since when it runs); '' for a single event.
    repeats: str = ""


def occurrence_summary(occ: Occurrence, lang: str, repeats: str = "") -> EventSummary:
    """The values an event list shows for one occurrence, in `lang`."""
    event = occ.event
    return EventSummary(
        slug=event.slug,
        title=occ.title(lang),  # an override may retitle one occurrence
        gregorian=occ.gregorian_label(lang),
        hijri=occ.hijri_label(lang),
        time=occ.time_label(lang),
        place=place(event.venue, lang),
        cancelled=occ.cancelled,
        repeats=repeats,
    )


def event_summary(event: Event, lang: str) -> EventSummary:
    """The values an event list shows for a (non-recurring) event, in `lang`."""
    return occurrence_summary(recurrence.single(event), lang)


def _order(occ: Occurrence) -> tuple:
    return occ.first_day, occ.starts_local or dt.datetime.min, occ.event.uid


def upcoming(events: list[Event], flt: ListFilter, today: dt.date, horizon: dt.date) -> list[Occurrence]:
    """Each event by its next occurrence not over by `today` (running ones included) that starts by
    `horizon`, soonest first.

    A recurring event shows once, at its next date (cancelled or not): its page lists the others.
    """
    found = []
    for event in (e for e in events if flt.matches(e)):
        nearest = recurrence.upcoming(event, today, 1)
        if nearest and nearest[0].first_day <= horizon:
            found.append(nearest[0])
    return sorted(found, key=_order)


def past(events: list[Event], flt: ListFilter, today: dt.date) -> list[Occurrence]:
    """Each event once, at its most recent occurrence that ended before `today`; most recent first.

    A series is one row, not one per date: a daily series from 1924 would otherwise fill the archive
    with 37,000 rows of the same event. Its row says the rule and since when it runs (`summaries`).
    """
    found = [recurrence.latest(e, today) for e in events if flt.matches(e)]
    return sorted((o for o in found if o is not None), key=_order, reverse=True)


def summaries(found: Iterable[Occurrence], lang: str, *, since: bool = False) -> list[EventSummary]:
    """List rows for occurrences; a series' row carries its rule in words (`since`: and its first date)."""
    return [occurrence_summary(o, lang, _repeats(o.event, lang, since)) for o in found]


def _repeats(event: Event, lang: str, since: bool) -> str:
    words = recurrence.describe(event, lang)
    if not words or not since:
        return words
    _ = gettext_for(lang)
    return _("%(rule)s, since %(date)s") % {"rule": words, "date": dates.format_day(event.first_day, lang)}


# -- pagination ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pager:
    """Where a list page sits among its pages; the view fills in the neighbours' URLs."""

    number: int
    pages: int
    label: str
    prev_url: str = ""
    next_url: str = ""


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """How many pages `total` rows fill (an empty list still has its first page)."""
    return max(1, -(-total // size))


def page_items(items: list, number: int, size: int = PAGE_SIZE) -> list:
    """The rows on page `number` (1-based)."""
    return items[(number - 1) * size: number * size]


def pager(number: int, pages: int, lang: str) -> Pager:
    """"Page 2 of 7" in `lang`, without links yet."""
    _ = gettext_for(lang)
    label = _("Page %(page)s of %(pages)s") % {"page": digits(number, lang),
                                                "pages": digits(pages, lang)}
    return Pager(number=number, pages=pages, label=label)


# -- month view ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayEvent:
    """An event as a month cell shows it."""

    slug: str
    title: str
    time: str
    cancelled: bool


@dataclass(frozen=True)
class Day:
    """One cell of the month grid."""

    iso: str
    number: str
    weekday: str
    hijri_day: str
    # The Hijri month's name, only where a cell starts one (or starts the grid): keeps cells short.
    hijri_month: str
    hijri_full: str
    is_today: bool
    # At most CELL_EVENTS; `more` counts the others, which the day's own page lists.
    events: tuple[DayEvent, ...]
    more: int = 0
    more_label: str = ""
    year: int = 0
    month: int = 0
    day: int = 0


@dataclass(frozen=True)
class MonthView:
    """A Gregorian month with its Hijri days, ready for month.html."""

    year: int
    month: int
    title: str
    hijri_title: str
    weekdays: tuple[str, ...]
    weeks: tuple[tuple[Day | None, ...], ...]
    prev: tuple[int, int] | None
    next: tuple[int, int] | None
    prev_label: str
    next_label: str
    event_count: int


def month_in_range(year: int, month: int) -> bool:
    """Whether the month lies within the Hijri table (1924-08 to 2077-11)."""
    first, last = hijri.FIRST_DAY, hijri.LAST_DAY
    return 1 <= month <= 12 and (first.year, first.month) <= (year, month) <= (last.year, last.month)


def _shift(year: int, month: int, delta: int) -> tuple[int, int] | None:
    index = year * 12 + (month - 1) + delta
    target = (index // 12, index % 12 + 1)
    return target if month_in_range(*target) else None


def hijri_span(first: dt.date, last: dt.date, lang: str) -> str:
    """"Sha'ban – Ramadan 1445 AH": the Hijri month(s) a run of days touches."""
    last = min(last, hijri.LAST_DAY)
    start, end = hijri.to_hijri(first), hijri.to_hijri(last)
    era = hijri.era(lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{hijri.month_name(start.month, lang)} {digits(start.year, lang)} {era}"
    if start.year == end.year:
        names = f"{hijri.month_name(start.month, lang)} – {hijri.month_name(end.month, lang)}"
        return f"{names} {digits(start.year, lang)} {era}"
    return (f"{hijri.month_name(start.month, lang)} {digits(start.year, lang)} {era} – "
            f"{hijri.month_name(end.month, lang)} {digits(end.year, lang)} {era}")


def _day(day: dt.date, lang: str, today: dt.date, events: list[DayEvent]) -> Day:
    if hijri.in_range(day):
        h = hijri.to_hijri(day)
        hijri_day, hijri_full = digits(h.day, lang), hijri.format_date(h, lang)
        hijri_month = hijri.month_name(h.month, lang) if h.day == 1 or day.day == 1 else ""
    else:  # the table's last month is partial
        hijri_day = hijri_month = hijri_full = ""
    more = max(0, len(events) - CELL_EVENTS)
    _ = gettext_for(lang)
    return Day(
        iso=day.isoformat(), number=digits(day.day, lang), weekday=dates.format_weekday(day, lang),
        hijri_day=hijri_day, hijri_month=hijri_month, hijri_full=hijri_full,
        is_today=day == today, events=tuple(events[:CELL_EVENTS]), more=more,
        more_label=_("+%(num)s more") % {"num": digits(more, lang)} if more else "",
        year=day.year, month=day.month, day=day.day,
    )


def on_days(events: Iterable[Event], first: dt.date, last: dt.date) -> list[Occurrence]:
    """Every occurrence on any day of [first, last] (multi-day ones that began earlier too), in order."""
    found = [o for e in events for o in recurrence.overlapping(e, first, last)]
    return sorted(found, key=_order)


def distinct_lines(found: Iterable[Occurrence], lang: str) -> list[Occurrence]:
    """The occurrences a day's page lists: one per line a month cell would show (an event whose
    overlapping occurrences all read the same is listed once)."""
    seen: set[tuple] = set()
    kept = []
    for occ in found:
        key = (occ.event.uid, occ.title(lang), occ.time_label(lang), occ.cancelled)
        if key not in seen:
            seen.add(key)
            kept.append(occ)
    return kept


def _events_by_day(
    events: list[Event], first: dt.date, last: dt.date, lang: str
) -> dict[dt.date, list[DayEvent]]:
    by_day: dict[dt.date, dict[DayEvent, None]] = {}
    for occ in on_days(events, first, last):
        item = DayEvent(
            slug=occ.event.slug, title=occ.title(lang),
            time=dates.format_clock_range(occ.starts_local, occ.ends_local, lang),
            cancelled=occ.cancelled,
        )
        day = max(occ.first_day, first)
        while day <= min(occ.last_day, last):  # every day of a multi-day event, each line once a day
            by_day.setdefault(day, {})[item] = None
            day += dt.timedelta(days=1)
    return {day: list(items) for day, items in by_day.items()}


def month_view(year: int, month: int, events: list[Event], lang: str, today: dt.date) -> MonthView:
    """The month grid: weeks of days, each with its Hijri day and the events on it."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    by_day = _events_by_day(events, first, last, lang)
    grid = calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(year, month)
    weeks = tuple(
        tuple(_day(d, lang, today, by_day.get(d, [])) if d.month == month else None for d in week)
        for week in grid
    )
    prev, nxt = _shift(year, month, -1), _shift(year, month, 1)
    return MonthView(
        year=year, month=month, title=dates.format_month(first, lang),
        hijri_title=hijri_span(first, last, lang),
        weekdays=tuple(dates.format_weekday(d, lang) for d in grid[0]), weeks=weeks,
        prev=prev, next=nxt,
        prev_label=dates.format_month(dt.date(*prev, 1), lang) if prev else "",
        next_label=dates.format_month(dt.date(*nxt, 1), lang) if nxt else "",
        event_count=len({e.slug for items in by_day.values() for e in items}),
    )


def day_title(day: dt.date, lang: str) -> tuple[str, str]:
    """A day's heading in both calendars: ("Sunday 1 November 2026", "20 Jumada al-Ula 1448 AH")."""
    return (f"{dates.format_weekday(day, lang)} {dates.format_day(day, lang)}",
            hijri.format_date(hijri.to_hijri(day), lang))


# -- event page ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedLink:
    """A feed the event is in, with the URLs to subscribe to it."""

    slug: str
    title: str
    https_url: str
    webcal_url: str


@dataclass(frozen=True)
class EventDetail:
    """Everything templates/_event_body.html shows; built by event_detail()."""

    slug: str
    lang: str
    dir: str
    title: str
    gregorian: str
    hijri: str
    time: str
    tzid: str
    status: str
    cancelled: bool
    tentative: bool
    venue_name: str
    place: str
    address: str
    map_url: str
    organizer: str
    organizer_url: str
    website: str
    paragraphs: tuple[str, ...]
    source_citation: str
    source_url: str
    source_conflict: tuple[str, ...]
    series: str
    series_url: str
    edition: str
    categories: tuple[str, ...]
    page_url: str
    ics_url: str
    google_url: str
    outlook_url: str
    feeds: tuple[FeedLink, ...]
    subscribe_page_url: str
    json_ld: dict[str, Any]
    # Recurring events only: the rule in words and the next occurrences (empty otherwise).
    repeats: str = ""
    # For a series the dates above are its first occurrence; say so rather than let them read as "next".
    dates_label: str = ""
    next_dates: tuple["OccurrenceLine", ...] = ()


@dataclass(frozen=True)
class OccurrenceLine:
    """One coming occurrence on a recurring event's page, in both calendars."""

    gregorian: str
    hijri: str
    time: str
    cancelled: bool
    moved: bool


NEXT_DATES = 5


def next_dates(
    event: Event, today: dt.date, lang: str, count: int = NEXT_DATES
) -> tuple[OccurrenceLine, ...]:
    """The next occurrences from `today`, moved ones at their new dates and cancelled ones marked."""
    return tuple(
        OccurrenceLine(
            gregorian=occ.gregorian_label(lang), hijri=occ.hijri_label(lang),
            time=dates.format_clock_range(occ.starts_local, occ.ends_local, lang),
            cancelled=occ.cancelled, moved=_moved(occ),
        )
        for occ in recurrence.upcoming(event, today, count)
    )


def _moved(occ: Occurrence) -> bool:
    original = occ.recurrence_id
    if original is None:
        return False
    return occ.starts_local != original if isinstance(original, dt.datetime) else occ.first_day != original


def paragraphs(text: str) -> tuple[str, ...]:
    """Split text on newlines into paragraphs, so templates need no |safe or nl2br."""
    return tuple(p.strip() for p in text.splitlines() if p.strip())


def event_detail(
    event: Event, lang: str, base_url: str, feeds: Mapping[str, Feed], today: dt.date | None = None
) -> EventDetail:
    """The event page's values in `lang`; also used by the staff form's preview.

    With `today`, a recurring event also gets its next occurrences.
    """
    venue = event.venue
    page_url = links.event_page_url(base_url, event.slug, lang)
    has_map = venue is not None and venue.latitude is not None and venue.longitude is not None
    return EventDetail(
        slug=event.slug, lang=lang, dir=language(lang).direction,
        title=event.title(lang), gregorian=event.gregorian_label(lang), hijri=event.hijri_label(lang),
        time=dates.format_clock_range(event.starts_local, event.ends_local, lang),
        tzid="" if event.all_day else event.tzid,
        status=event.status, cancelled=event.is_cancelled, tentative=event.status == "tentative",
        venue_name=venue.name(lang) if venue else "", place=place(venue, lang),
        address=venue.address if venue else "",
        map_url=links.osm_url(venue.latitude, venue.longitude) if has_map else "",
        organizer=event.organizer_name(lang), organizer_url=event.organizer_url, website=event.url,
        paragraphs=paragraphs(event.description(lang)),
        source_citation=event.source_citation, source_url=event.source_url,
        source_conflict=paragraphs(event.source_conflict),
        series=event.series.name(lang) if event.series else "",
        series_url=event.series.url if event.series else "",
        edition=digits(event.edition, lang) if event.edition else "",
        categories=tuple(category_label(c, lang) for c in event.categories),
        page_url=page_url,
        ics_url=links.event_ics_url(base_url, event.slug, lang),
        google_url=links.google_calendar_url(event, lang, page_url, place(venue, lang)),
        outlook_url=links.outlook_url(event, lang, page_url, place(venue, lang)),
        feeds=tuple(_feed_link(f, base_url, lang) for f in feeds_containing(dict(feeds), event)),
        subscribe_page_url=f"{base_url.rstrip('/')}/{lang}/feeds/",
        json_ld=json_ld(event, lang, page_url),
        repeats=recurrence.describe(event, lang),
        dates_label=_first_date_label(event, lang),
        next_dates=next_dates(event, today, lang) if event.is_recurring and today else (),
    )


def _first_date_label(event: Event, lang: str) -> str:
    _ = gettext_for(lang)
    return _("First date") if event.is_recurring else ""


def _feed_link(feed: Feed, base_url: str, lang: str) -> FeedLink:
    https_url = links.feed_ics_url(base_url, feed.slug, lang)
    return FeedLink(slug=feed.slug, title=feed.title(lang), https_url=https_url,
                    webcal_url=links.webcal_url(https_url))


def _schema_time(day: dt.date, moment: dt.datetime | None) -> str:
    return moment.isoformat() if moment is not None else day.isoformat()


def json_ld(event: Event, lang: str, page_url: str) -> dict[str, Any]:
    """schema.org Event data for search engines (emitted with |tojson, never hand-escaped)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title(lang),
        "startDate": _schema_time(event.first_day, event.starts_at),
        "endDate": _schema_time(event.last_day, event.ends_at),
        "eventStatus": "https://schema.org/" + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": page_url,
        "inLanguage": lang,
    }
    if event.description(lang):
        data["description"] = event.description(lang)
    if event.venue:
        data["location"] = _schema_place(event.venue, lang)
    if event.organizer_name(lang):
        data["organizer"] = {"@type": "Organization", "name": event.organizer_name(lang)}
        if event.organizer_url:
            data["organizer"]["url"] = event.organizer_url
    return data


def _schema_place(venue: Venue, lang: str) -> dict[str, Any]:
    address = {
        "@type": "PostalAddress", "addressLocality": venue.city(lang), "addressCountry": venue.country_code,
    }
    if venue.address:
        address["streetAddress"] = venue.address
    place_data: dict[str, Any] = {"@type": "Place", "name": venue.name(lang), "address": address}
    if venue.latitude is not None and venue.longitude is not None:
        place_data["geo"] = {
            "@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude,
        }
    return place_data
