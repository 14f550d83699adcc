"""Ready-to-display values for the HTML pages: templates show these and decide nothing.

Pure: every function takes the language, base URL and `today` it needs; nothing reads the request or
the clock. Dated views go through `recurrence.occurrences()` so recurring events show every instance.
"""

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale

from . import dates, hijri, i18n, links, recurrence
from .events import Event, Venue
from .feeds import Feed, feeds_containing
from .recurrence import Occurrence

# Arabic separates list items with the Arabic comma; a Latin comma looks foreign in RTL text.
LIST_SEPARATORS = {"ar": "، ", "en": ", "}
# Months are shown Sunday first in both languages: the Gulf working week (Qatar, Saudi Arabia)
# starts on Sunday, and it is the usual wall-calendar layout in English too.
FIRST_WEEKDAY = calendar.SUNDAY
# How far back a list looks for occurrences; the Hijri table's first day bounds everything.
EARLIEST = hijri.FIRST_DAY
RECENT_PAST = 5


def join_list(parts: Iterable[str], lang: str) -> str:
    """Join non-empty parts with the language's comma ("،" in Arabic)."""
    return LIST_SEPARATORS.get(lang, ", ").join(p for p in parts if p)


def _l(message: str) -> str:
    """Mark a string for extraction (`make messages`); it is translated where it is shown."""
    return message


# Categories are stored as short English slugs (they are also feed CATEGORIES); known ones get a label
# in the page's language from the gettext catalog, others show as typed.
CATEGORY_LABELS = {
    "exhibition": _l("Exhibition"), "conference": _l("Conference"), "summit": _l("Summit"),
    "security": _l("Security"), "policing": _l("Policing"), "civil-defence": _l("Civil defence"),
    "cybersecurity": _l("Cybersecurity"),
}


def category_label(slug: str, lang: str) -> str:
    """A category's label in `lang`: translated when known, else the slug itself."""
    msgid = CATEGORY_LABELS.get(slug)
    return i18n.gettext_for(lang)(msgid) if msgid else slug


def country_name(code: str, lang: str) -> str:
    """The country's name in `lang` (CLDR via Babel), or the code when Babel does not know it."""
    return Locale(lang if lang == "ar" else "en").territories.get(code, code)


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


def occurrence_summary(occ: Occurrence, lang: str) -> EventSummary:
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
    )


def event_summary(event: Event, lang: str) -> EventSummary:
    """The values an event list shows for a (non-recurring) event, in `lang`."""
    return occurrence_summary(recurrence.single(event), lang)


@dataclass(frozen=True)
class ListFilter:
    """The list pages' query parameters; empty means "any"."""

    country: str = ""
    city: str = ""
    category: str = ""
    series: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "ListFilter":
        """Read the filter from query parameters, ignoring surrounding spaces and over-long junk."""
        names = ("country", "city", "category", "series")
        return cls(**{name: (args.get(name) or "").strip()[:100] for name in names})

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.country, self.city, self.category, self.series))

    def matches(self, event: Event) -> bool:
        """Whether the event passes every set filter (case-insensitive)."""
        facets = event.facets()
        wanted = {"country": self.country, "city": self.city, "category": self.category,
                  "series": self.series}
        return all(
            not value or value.casefold() in {h.casefold() for h in facets[name]}
            for name, value in wanted.items()
        )


@dataclass(frozen=True)
class Option:
    """One choice in a filter's drop-down."""

    value: str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    """The choices the filter form offers, taken from the published events."""

    countries: tuple[Option, ...]
    cities: tuple[Option, ...]
    categories: tuple[Option, ...]
    series: tuple[Option, ...]


def filter_options(events: list[Event], lang: str) -> FilterOptions:
    """Every country, city, category and series that some published event has."""
    countries, cities, categories, series = {}, {}, {}, {}
    for event in events:
        if event.venue:
            countries[event.venue.country_code] = country_name(event.venue.country_code, lang)
            cities[event.venue.city_en or event.venue.city_ar] = event.venue.city(lang)
        for category in event.categories:
            categories[category] = category_label(category, lang)
        if event.series:
            series[event.series.slug] = event.series.name(lang)

    def options(found: dict[str, str]) -> tuple[Option, ...]:
        return tuple(Option(v, label) for v, label in sorted(found.items(), key=lambda kv: kv[1]))

    return FilterOptions(options(countries), options(cities), options(categories), options(series))


def _occurrences(events: Iterable[Event], start: dt.date, end: dt.date) -> list[Occurrence]:
    found = [o for e in events for o in recurrence.occurrences(e, start, end)]
    return sorted(found, key=lambda o: (o.first_day, o.starts_local or dt.datetime.min, o.event.uid))


def upcoming(
    events: list[Event], flt: ListFilter, today: dt.date, horizon: dt.date, lang: str
) -> list[EventSummary]:
    """Each event by its next occurrence not over by `today` (running ones included), soonest first.

    A recurring event shows once, at its next date (cancelled or not): its page lists the others.
    """
    chosen = [e for e in events if flt.matches(e)]
    found = [o for o in _occurrences(chosen, EARLIEST, horizon) if o.last_day >= today]
    seen: set[str] = set()
    nearest = [o for o in found if not (o.event.uid in seen or seen.add(o.event.uid))]
    return [occurrence_summary(o, lang) for o in nearest]


def past(
    events: list[Event], flt: ListFilter, today: dt.date, lang: str, limit: int | None = None
) -> list[EventSummary]:
    """Occurrences that ended before `today`, most recent first."""
    chosen = [e for e in events if flt.matches(e)]
    over = [o for o in _occurrences(chosen, EARLIEST, today) if o.last_day < today]
    over.reverse()
    return [occurrence_summary(o, lang) for o in over[:limit]]


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
    events: tuple[DayEvent, ...]


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
        return f"{hijri.month_name(start.month, lang)} {hijri.digits(start.year, lang)} {era}"
    if start.year == end.year:
        names = f"{hijri.month_name(start.month, lang)} – {hijri.month_name(end.month, lang)}"
        return f"{names} {hijri.digits(start.year, lang)} {era}"
    return (f"{hijri.month_name(start.month, lang)} {hijri.digits(start.year, lang)} {era} – "
            f"{hijri.month_name(end.month, lang)} {hijri.digits(end.year, lang)} {era}")


def _day(day: dt.date, lang: str, today: dt.date, events: list[DayEvent]) -> Day:
    if hijri.in_range(day):
        h = hijri.to_hijri(day)
        hijri_day, hijri_full = hijri.digits(h.day, lang), hijri.format_date(h, lang)
        hijri_month = hijri.month_name(h.month, lang) if h.day == 1 or day.day == 1 else ""
    else:  # the table's last month is partial
        hijri_day = hijri_month = hijri_full = ""
    return Day(
        iso=day.isoformat(), number=hijri.digits(day.day, lang), weekday=dates.format_weekday(day, lang),
        hijri_day=hijri_day, hijri_month=hijri_month, hijri_full=hijri_full,
        is_today=day == today, events=tuple(events),
    )


def _events_by_day(
    events: list[Event], first: dt.date, last: dt.date, lang: str
) -> dict[dt.date, list[DayEvent]]:
    by_day: dict[dt.date, list[DayEvent]] = {}
    # Start a year early so a long event that began last month still shows on this month's days.
    for occ in _occurrences(events, max(EARLIEST, first - dt.timedelta(days=366)), last):
        item = DayEvent(
            slug=occ.event.slug, title=occ.title(lang),
            time=dates.format_clock_range(occ.starts_local, occ.ends_local, lang),
            cancelled=occ.cancelled,
        )
        day = max(occ.first_day, first)
        while day <= min(occ.last_day, last):  # every day of a multi-day event
            by_day.setdefault(day, []).append(item)
            day += dt.timedelta(days=1)
    return by_day


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
        slug=event.slug, lang=lang, dir="rtl" if lang == "ar" else "ltr",
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
        edition=hijri.digits(event.edition, lang) if event.edition else "",
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
    _ = i18n.gettext_for(lang)
    return _("First date") if event.is_recurring else ""


def _feed_link(feed: Feed, base_url: str, lang: str) -> FeedLink:
    https_url = links.feed_ics_url(base_url, feed.slug, lang)
    return FeedLink(slug=feed.slug, title=feed.title(lang), https_url=https_url,
                    webcal_url=links.webcal_url(https_url))


def _schema_time(event: Event, day: dt.date, moment: dt.datetime | None) -> str:
    return moment.isoformat() if moment is not None else day.isoformat()


def json_ld(event: Event, lang: str, page_url: str) -> dict[str, Any]:
    """schema.org Event data for search engines (emitted with |tojson, never hand-escaped)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title(lang),
        "startDate": _schema_time(event, event.first_day, event.starts_at),
        "endDate": _schema_time(event, event.last_day, event.ends_at),
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
