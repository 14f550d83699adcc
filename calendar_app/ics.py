"""Event -> iCalendar bytes, built only with icalendar components; pure: no request, no clock.

A feed is assembled from per-event fragments (each VEVENT serialised by icalendar once per change
and kept in a `FragmentCache`), joined between the calendar's own serialised head and its closing
line. `build_calendar()` is the same feed built as one Calendar; a test holds the two byte-equal.
"""

import collections
import datetime as dt
import functools
import threading
from collections.abc import Hashable, Iterable

import icalendar
from icalendar import vCalAddress, vDuration, vUri

from . import i18n
from .events import Event
from .feeds import Feed

PRODID = "-//Gulf Security Events Calendar//calendar-app 1.0//EN"
# How often clients should re-fetch; Google and Outlook largely decide for themselves.
REFRESH = dt.timedelta(hours=6)
DEFAULT_TZID = "Asia/Qatar"
STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
# The day this renderer's output format last changed: a floor for Last-Modified, so a deploy that
# changes the bytes (without any data change) still moves Last-Modified forward. Bump it with the
# golden files whenever the output changes.
FORMAT_CHANGED_AT = dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC)
_END = icalendar.Calendar().to_ical()[len(b"BEGIN:VCALENDAR\r\n"):]  # icalendar's own closing line


# -- one event -------------------------------------------------------------------------------------
def event_url(event: Event, lang: str, base_url: str) -> str:
    """The event's public page, absolute, in the feed's language."""
    return f"{base_url}/{lang}/events/{event.slug}"


def event_components(event: Event, lang: str, base_url: str) -> list[icalendar.Event]:
    """The VEVENTs for one event; the seam where recurrence adds RRULE/EXDATE/RECURRENCE-ID."""
    return [_vevent(event, lang, base_url)]


def _vevent(event: Event, lang: str, base_url: str) -> icalendar.Event:
    component = icalendar.Event()
    component.add("UID", event.uid)
    # RFC 5545 §3.8.7.2: DTSTAMP is UTC; from the data, so two requests give the same bytes.
    component.add("DTSTAMP", event.updated_at.astimezone(dt.UTC))
    component.add("CREATED", event.created_at.astimezone(dt.UTC))
    component.add("LAST-MODIFIED", event.updated_at.astimezone(dt.UTC))
    component.add("SEQUENCE", event.sequence)
    _add_times(component, event)
    component.add("SUMMARY", summary(event, lang))
    component.add("DESCRIPTION", description(event, lang))
    _add_place(component, event, lang)
    component.add("URL", vUri(event_url(event, lang, base_url)))
    if event.categories:
        component.add("CATEGORIES", list(event.categories))
    component.add("STATUS", STATUS[event.status])
    # A public listing must not block anyone's free/busy time.
    component.add("TRANSP", "TRANSPARENT")
    _add_organizer(component, event, lang)
    return component


def _add_times(component: icalendar.Event, event: Event) -> None:
    if event.all_day:
        # RFC 5545 §3.6.1: an all-day DTEND is exclusive, the day after the last day.
        component.add("DTSTART", event.starts_on)
        component.add("DTEND", event.ends_on + dt.timedelta(days=1))
        return
    component.add("DTSTART", event.starts_at)  # aware: icalendar writes TZID=<IANA name>
    component.add("DTEND", event.ends_at)


def _add_place(component: icalendar.Event, event: Event, lang: str) -> None:
    venue = event.venue
    if venue is None:
        return
    component.add("LOCATION", venue.location(lang))
    if venue.latitude is not None and venue.longitude is not None:
        component.add("GEO", (venue.latitude, venue.longitude))


def _add_organizer(component: icalendar.Event, event: Event, lang: str) -> None:
    name = event.organizer_name(lang)
    # ORGANIZER's value must be a URI; without the organiser's address there is nothing valid to say.
    if not (name and event.organizer_url):
        return
    component.add("ORGANIZER", vCalAddress(event.organizer_url), parameters={"CN": name})


def summary(event: Event, lang: str) -> str:
    """The title, with a visible prefix when cancelled, since some clients hide STATUS."""
    _ = i18n.gettext_for(lang)
    if event.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": event.title(lang)}
    return event.title(lang)


def description(event: Event, lang: str) -> str:
    """Both calendars' dates first (clients show the top lines), then the event's own text."""
    _ = i18n.gettext_for(lang)
    lines = []
    if event.is_cancelled:
        lines.append(_("This event has been cancelled."))
    lines.append(_("Hijri date: %(date)s") % {"date": event.hijri_label(lang)})
    lines.append(_("Gregorian date: %(date)s") % {"date": event.gregorian_label(lang)})
    if not event.all_day:
        lines.append(_("Time: %(time)s") % {"time": event.time_label(lang)})
    text = event.description(lang)
    return "\n".join(lines) + (f"\n\n{text}" if text else "")


# -- fragments and their cache ------------------------------------------------------------------
def fragment_key(event: Event, lang: str, base_url: str, horizon: dt.date | None = None) -> Hashable:
    """Everything an event's bytes depend on; any staff save bumps `version`, so keys never go stale.

    Venue and series are in the key too: they live in their own tables, and a save of another
    event can rename a shared venue without touching this event's version.
    """
    return (event.uid, event.version, event.sequence, event.updated_at, lang, base_url,
            event.venue, event.series, horizon)


def render_fragment(event: Event, lang: str, base_url: str) -> bytes:
    """One event's VEVENTs, each serialised by icalendar."""
    return b"".join(c.to_ical() for c in event_components(event, lang, base_url))


class FragmentCache:
    """A bounded, thread-safe LRU of event fragments (gunicorn threads share one per process)."""

    def __init__(self, max_items: int = 50_000):
        self.max_items = max_items
        self._items: collections.OrderedDict[Hashable, bytes] = collections.OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def fragment(self, event: Event, lang: str, base_url: str) -> bytes:
        """The cached fragment, rendered on a miss."""
        key = fragment_key(event, lang, base_url)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
        data = render_fragment(event, lang, base_url)
        with self._lock:
            self.misses += 1
            self._items[key] = data
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return data

    def __len__(self) -> int:
        return len(self._items)


# -- a whole feed ---------------------------------------------------------------------------------
def feed_urls(feed: Feed, lang: str, base_url: str) -> tuple[str, str]:
    """The feed's own address (SOURCE) and its human page (URL)."""
    return f"{base_url}/feeds/{feed.slug}.ics?lang={lang}", f"{base_url}/{lang}/feeds/"


def calendar_head(feed: Feed, events: list[Event], lang: str, base_url: str) -> icalendar.Calendar:
    """The VCALENDAR with its properties and VTIMEZONEs, before any VEVENT."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    source, page = feed_urls(feed, lang, base_url)
    for name in ("NAME", "X-WR-CALNAME"):
        cal.add(name, feed.title(lang))
    if feed.description(lang):
        for name in ("DESCRIPTION", "X-WR-CALDESC"):
            cal.add(name, feed.description(lang))
    cal.add("X-WR-TIMEZONE", main_zone(events))
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.add("SOURCE", vUri(source))
    cal.add("URL", vUri(page))
    for tzid, first, last in zone_spans(events):
        cal.add_component(timezone(tzid, first, last))
    return cal


def build_calendar(feed: Feed, events: list[Event], lang: str, base_url: str) -> icalendar.Calendar:
    """The whole feed as one Calendar, nothing cached (the reference for the assembled bytes)."""
    cal = calendar_head(feed, events, lang, base_url)
    for event in events:
        for component in event_components(event, lang, base_url):
            cal.add_component(component)
    return cal


def render_feed(
    feed: Feed, events: list[Event], lang: str, base_url: str, cache: FragmentCache | None = None
) -> bytes:
    """The feed's bytes: the serialised head, each event's (cached) fragment, the closing line."""
    cache = FragmentCache() if cache is None else cache  # an empty cache is falsy (len 0)
    head = calendar_head(feed, events, lang, base_url).to_ical()
    if not head.endswith(_END):
        raise RuntimeError("icalendar changed how it closes a calendar")
    parts = [head[: -len(_END)]]
    parts.extend(cache.fragment(e, lang, base_url) for e in events)
    parts.append(_END)
    return b"".join(parts)


def render_event(event: Event, lang: str, base_url: str) -> bytes:
    """A one-event calendar for the "download" link on an event page."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    for tzid, first, last in zone_spans([event]):
        cal.add_component(timezone(tzid, first, last))
    for component in event_components(event, lang, base_url):
        cal.add_component(component)
    return cal.to_ical()


# -- time zones -------------------------------------------------------------------------------------
def main_zone(events: Iterable[Event]) -> str:
    """The zone most events use (ties by name), for clients that want one calendar zone."""
    counts = collections.Counter(e.tzid for e in events)
    if not counts:
        return DEFAULT_TZID
    return min(counts, key=lambda tzid: (-counts[tzid], tzid))


def zone_spans(events: Iterable[Event]) -> list[tuple[str, int, int]]:
    """Each zone used by a timed event, with the first and last year it is needed for."""
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.all_day:
            continue
        first, last = event.first_day.year, event.last_day.year
        low, high = spans.get(event.tzid, (first, last))
        spans[event.tzid] = (min(low, first), max(high, last))
    return [(tzid, low, high) for tzid, (low, high) in sorted(spans.items())]


def timezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A VTIMEZONE for whole years, normalised to one value per RDATE property.

    ical.js (Thunderbird) and vobject misread a multi-valued RDATE and put summer events an hour
    late (shared/DECISIONS.md, "iCalendar output").
    """
    return icalendar.Timezone.from_ical(_timezone_bytes(tzid, first_year, last_year))


@functools.lru_cache(maxsize=256)
def _timezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    zone = icalendar.Timezone.from_tzid(
        tzid, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    )
    for sub in zone.subcomponents:
        split_rdates(sub)
    return zone.to_ical()


def split_rdates(component: icalendar.Component) -> None:
    """Rewrite every RDATE holding several values as one RDATE property per value.

    The DTSTART onset is listed as an RDATE too: ical.js skips DTSTART as an onset once a component
    has RDATEs (icscheck showed summer 2027 an hour late), and RFC 5545 §3.8.5.2 allows the repeat.
    """
    found = component.pop("RDATE", None)
    if found is None:
        return
    values = [value.dt for prop in (found if isinstance(found, list) else [found]) for value in prop.dts]
    for value in [component["DTSTART"].dt, *values]:
        component.add("RDATE", value)


def last_modified(data_changed_at: dt.datetime | None) -> dt.datetime:
    """Last-Modified for a body: when its data last changed, never before this output format."""
    return max(filter(None, (data_changed_at, FORMAT_CHANGED_AT)))
