"""Event -> iCalendar bytes, built only with icalendar components; pure: no request, no clock.

A feed is assembled from per-event fragments (each VEVENT serialised by icalendar once per change
and kept in a `FragmentCache`), joined between the calendar's own serialised head and its closing
line. `build_calendar()` is the same feed built as one Calendar; a test holds the two byte-equal.
"""

import collections
import datetime as dt
import functools
import threading
import zoneinfo
from collections.abc import Hashable, Iterable

import icalendar
from icalendar import vCalAddress, vDuration, vRecur, vText, vUri

from . import hijri, links, recurrence
from .events import Event
from .feeds import Feed
from .languages import gettext_for
from .recurrence import Horizon, Occurrence

PRODID = "-//Gulf Security Events Calendar//calendar-app 1.0//EN"
# How often clients should re-fetch; Google and Outlook largely decide for themselves.
REFRESH = dt.timedelta(hours=6)
DEFAULT_TZID = "Asia/Qatar"
STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
# The day this renderer's output format last changed: a floor for Last-Modified, so a deploy that
# changes the bytes (without any data change) still moves Last-Modified forward. Bump it with the
# golden files whenever the output changes. Last change: escaped X-WR-CALDESC, VTIMEZONE onsets
# from zoneinfo, Hijri series' zones spanning their instances, month 4 "ربيع الآخر" (issue 11).
FORMAT_CHANGED_AT = dt.datetime(2026, 11, 30, 0, 0, tzinfo=dt.UTC)
_END = icalendar.Calendar().to_ical()[len(b"BEGIN:VCALENDAR\r\n"):]  # icalendar's own closing line


# -- one event -------------------------------------------------------------------------------------
def event_components(
    event: Event, lang: str, base_url: str, horizon: Horizon | None = None
) -> list[icalendar.Event]:
    """The VEVENTs for one event, as `recurrence.feed_plan` says.

    A Gregorian series goes out natively: a master with RRULE and EXDATE plus RECURRENCE-ID
    overrides. A Hijri series goes out as one VEVENT per occurrence in `horizon` (the only form the
    five parsers of icscheck all read right, see recurrence.py); None lists them to the table's end.
    A lone event is one VEVENT, byte for byte as before recurrence existed.
    """
    horizon = horizon or Horizon(hijri.FIRST_DAY, hijri.LAST_DAY)
    plan = recurrence.feed_plan(event, recurrence.instances_start(event, horizon), horizon.end)
    if isinstance(plan, recurrence.InstancePlan):
        return [_vevent(occ, lang, base_url) for occ in plan.instances]
    return [_master(plan, lang, base_url)] + [_override(occ, lang, base_url) for occ in plan.overrides]


def _master(plan: recurrence.RulePlan, lang: str, base_url: str) -> icalendar.Event:
    """The series' first occurrence with its RRULE and one EXDATE property per excluded start."""
    event = plan.event
    component = _vevent(recurrence.single(event), lang, base_url)
    component.add("RRULE", vRecur(plan.rrule))
    for original in plan.exdates:
        component.add("EXDATE", _moment(event, original))
    return component


def _override(occ: Occurrence, lang: str, base_url: str) -> icalendar.Event:
    """One moved or cancelled occurrence of a Gregorian series, answering to its RECURRENCE-ID."""
    component = _vevent(occ, lang, base_url)
    component.add("RECURRENCE-ID", _moment(occ.event, occ.recurrence_id))
    return component


def _moment(event: Event, value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A RECURRENCE-ID/EXDATE value: the day, or the local start in the event's zone."""
    return value if event.all_day else value.replace(tzinfo=event.zone)


def _vevent(occ: Occurrence, lang: str, base_url: str) -> icalendar.Event:
    event = occ.event
    component = icalendar.Event()
    component.add("UID", occ.uid)
    # RFC 5545 §3.8.7.2: DTSTAMP is UTC; from the data, so two requests give the same bytes.
    component.add("DTSTAMP", occ.updated_at.astimezone(dt.UTC))
    component.add("CREATED", event.created_at.astimezone(dt.UTC))
    component.add("LAST-MODIFIED", occ.updated_at.astimezone(dt.UTC))
    component.add("SEQUENCE", occ.sequence)
    _add_times(component, occ)
    component.add("SUMMARY", summary(occ, lang))
    component.add("DESCRIPTION", description(occ, lang))
    _add_place(component, event, lang)
    component.add("URL", vUri(links.event_page_url(base_url, event.slug, lang)))
    if event.categories:
        component.add("CATEGORIES", list(event.categories))
    component.add("STATUS", "CANCELLED" if occ.cancelled else STATUS[event.status])
    # A public listing must not block anyone's free/busy time.
    component.add("TRANSP", "TRANSPARENT")
    _add_organizer(component, event, lang)
    return component


def _add_times(component: icalendar.Event, occ: Occurrence) -> None:
    event = occ.event
    if event.all_day:
        # RFC 5545 §3.6.1: an all-day DTEND is exclusive, the day after the last day.
        component.add("DTSTART", occ.first_day)
        component.add("DTEND", occ.last_day + dt.timedelta(days=1))
        return
    # Aware in the event's zone: icalendar writes TZID=<IANA name>.
    component.add("DTSTART", occ.starts_local.replace(tzinfo=event.zone))
    component.add("DTEND", occ.ends_local.replace(tzinfo=event.zone))


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


def summary(occ: Occurrence | Event, lang: str) -> str:
    """The title, with a visible prefix when cancelled, since some clients hide STATUS."""
    occ = _as_occurrence(occ)
    _ = gettext_for(lang)
    if occ.cancelled:
        return _("Cancelled: %(title)s") % {"title": occ.title(lang)}
    return occ.title(lang)


def description(occ: Occurrence | Event, lang: str) -> str:
    """Both calendars' dates first (clients show the top lines), then the event's own text.

    A Gregorian series' master shows on every instance, so it gives the rule in words instead of
    the first occurrence's dates.
    """
    occ = _as_occurrence(occ)
    event = occ.event
    _ = gettext_for(lang)
    lines = []
    if occ.cancelled:
        lines.append(_("This event has been cancelled."))
    if _is_master(occ):
        lines.append(_("Repeats: %(rule)s") % {"rule": recurrence.describe(event, lang)})
    else:
        lines.append(_("Hijri date: %(date)s") % {"date": occ.hijri_label(lang)})
        lines.append(_("Gregorian date: %(date)s") % {"date": occ.gregorian_label(lang)})
    if not event.all_day:
        lines.append(_("Time: %(time)s") % {"time": occ.time_label(lang)})
    text = event.description(lang)
    return "\n".join(lines) + (f"\n\n{text}" if text else "")


def _as_occurrence(item: Occurrence | Event) -> Occurrence:
    return item if isinstance(item, Occurrence) else recurrence.single(item)


def _is_master(occ: Occurrence) -> bool:
    """Whether this is the master of a native (Gregorian) series rather than one dated instance."""
    return occ.event.is_recurring and occ.recurrence_id is None


# -- fragments and their cache ------------------------------------------------------------------
def fragment_key(event: Event, lang: str, base_url: str, horizon: Horizon | None = None) -> Hashable:
    """Everything an event's bytes depend on; any staff save bumps `version`, so keys never go stale.

    Venue and series are in the key too: they live in their own tables, and a save of another
    event can rename a shared venue without touching this event's version. The horizon counts only
    for a Hijri series (its instances move with it), so other events stay cached across days.
    """
    moving = horizon if recurrence.depends_on_horizon(event) else None
    return (event.uid, event.version, event.sequence, event.updated_at, lang, base_url,
            event.venue, event.series, moving)


def render_fragment(event: Event, lang: str, base_url: str, horizon: Horizon | None = None) -> bytes:
    """One event's VEVENTs, each serialised by icalendar."""
    return b"".join(c.to_ical() for c in event_components(event, lang, base_url, horizon))


class FragmentCache:
    """A bounded, thread-safe LRU of event fragments (gunicorn threads share one per process)."""

    def __init__(self, max_items: int = 50_000):
        self.max_items = max_items
        self._items: collections.OrderedDict[Hashable, bytes] = collections.OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def fragment(self, event: Event, lang: str, base_url: str, horizon: Horizon | None = None) -> bytes:
        """The cached fragment, rendered on a miss."""
        key = fragment_key(event, lang, base_url, horizon)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
        data = render_fragment(event, lang, base_url, horizon)
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
    return links.feed_ics_url(base_url, feed.slug, lang), f"{base_url.rstrip('/')}/{lang}/feeds/"


def calendar_head(
    feed: Feed, events: list[Event], lang: str, base_url: str, horizon: Horizon | None = None
) -> icalendar.Calendar:
    """The VCALENDAR with its properties and VTIMEZONEs, before any VEVENT."""
    cal = _new_calendar()
    source, page = feed_urls(feed, lang, base_url)
    # Given as vText: icalendar 7.3 types NAME (RFC 7986 TEXT, missing from its type map) and every
    # X- property as UNKNOWN and writes those verbatim, so a comma, semicolon, backslash or newline
    # would go out unescaped (or break the line); clients read all four as TEXT.
    for name in ("NAME", "X-WR-CALNAME"):
        cal.add(name, vText(feed.title(lang)))
    if feed.description(lang):
        for name in ("DESCRIPTION", "X-WR-CALDESC"):
            cal.add(name, vText(feed.description(lang)))
    cal.add("X-WR-TIMEZONE", vText(main_zone(events)))
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    cal.add("SOURCE", vUri(source))
    cal.add("URL", vUri(page))
    _add_zones(cal, events, horizon)
    return cal


def _new_calendar() -> icalendar.Calendar:
    """The properties every calendar we publish starts with (RFC 5545 §3.6, §3.7)."""
    cal = icalendar.Calendar()
    cal.add("VERSION", "2.0")
    cal.add("PRODID", PRODID)
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    return cal


def _add_zones(cal: icalendar.Calendar, events: list[Event], horizon: Horizon | None) -> None:
    for tzid, first, last in zone_spans(events, horizon):
        cal.add_component(timezone(tzid, first, last))


def build_calendar(
    feed: Feed, events: list[Event], lang: str, base_url: str, horizon: Horizon | None = None
) -> icalendar.Calendar:
    """The whole feed as one Calendar, nothing cached (the reference for the assembled bytes)."""
    cal = calendar_head(feed, events, lang, base_url, horizon)
    for event in events:
        for component in event_components(event, lang, base_url, horizon):
            cal.add_component(component)
    return cal


def render_feed(
    feed: Feed, events: list[Event], lang: str, base_url: str, cache: FragmentCache | None = None,
    horizon: Horizon | None = None,
) -> bytes:
    """The feed's bytes: the serialised head, each event's (cached) fragment, the closing line."""
    cache = FragmentCache() if cache is None else cache  # an empty cache is falsy (len 0)
    head = calendar_head(feed, events, lang, base_url, horizon).to_ical()
    if not head.endswith(_END):
        raise RuntimeError("icalendar changed how it closes a calendar")
    parts = [head[: -len(_END)]]
    parts.extend(cache.fragment(e, lang, base_url, horizon) for e in events)
    parts.append(_END)
    return b"".join(parts)


def render_event(event: Event, lang: str, base_url: str, horizon: Horizon | None = None) -> bytes:
    """A one-event calendar for the "download" link on an event page."""
    cal = _new_calendar()
    _add_zones(cal, [event], horizon)
    for component in event_components(event, lang, base_url, horizon):
        cal.add_component(component)
    return cal.to_ical()


# -- time zones -------------------------------------------------------------------------------------
def main_zone(events: Iterable[Event]) -> str:
    """The zone most events use (ties by name), for clients that want one calendar zone."""
    counts = collections.Counter(e.tzid for e in events)
    if not counts:
        return DEFAULT_TZID
    return min(counts, key=lambda tzid: (-counts[tzid], tzid))


def zone_spans(events: Iterable[Event], horizon: Horizon | None = None) -> list[tuple[str, int, int]]:
    """Each zone used by a timed event, with the first and last year its VEVENTs need it for."""
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        days = None if event.all_day else _zone_days(event, horizon)
        if days is None:
            continue
        first, last = days[0].year, days[1].year
        low, high = spans.get(event.tzid, (first, last))
        spans[event.tzid] = (min(low, first), max(high, last))
    return [(tzid, low, high) for tzid, (low, high) in sorted(spans.items())]


def _zone_days(event: Event, horizon: Horizon | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day the event's VEVENTs need its zone for; None when it has none.

    A native RRULE series is expanded by clients to its very end (vobject put summer 2032 an hour
    late when the VTIMEZONE stopped at the horizon). Explicit instances need exactly the days they
    cover: their set changes only when the horizon adds or drops one (or a save), which already
    moves Last-Modified (recurrence.horizon_changed_on); a span that followed the horizon's end
    gained a year every 1 January and changed the bytes without it.
    """
    if not recurrence.depends_on_horizon(event):
        return event.first_day, recurrence.last_day(event)
    horizon = horizon or Horizon(hijri.FIRST_DAY, hijri.LAST_DAY)
    shown = recurrence.occurrences(event, recurrence.instances_start(event, horizon), horizon.end)
    if not shown:
        return None
    return min(o.first_day for o in shown), max(o.last_day for o in shown)


def timezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A VTIMEZONE for whole years, from the zone's real transitions, one value per RDATE."""
    return icalendar.Timezone.from_ical(_timezone_bytes(tzid, first_year, last_year))


@functools.lru_cache(maxsize=256)
def _timezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE as icalendar's `Timezone.from_tzid` lays it out, with the onsets it gets wrong
    put right: built here from zoneinfo's transitions through the component API.

    icalendar 7.3 writes each onset as the first wall-clock time after the change, which RFC 5545
    §3.6.5 reads with TZOFFSETFROM: right when clocks go back, an hour late when they go forward
    (Europe/Paris 03:00, not 02:00). Its search also steps 64 days at a time and misses shorter
    periods (Africa/Casablanca's Ramadan hour in 2027: three of icscheck's parsers put a meeting
    an hour early). Each observance (same offsets, name and kind) lists every onset as the local
    time before it; the first one is the offset in force at the span's start, as icalendar's is.
    """
    zone = zoneinfo.ZoneInfo(tzid)
    first, last = dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1)
    start = dt.datetime.combine(first, dt.time(), zone)
    observances = {_observance(start, start.utcoffset()): [start.replace(tzinfo=None)]}
    for instant, before in transitions(zone, start, dt.datetime.combine(last, dt.time(), zone)):
        onsets = observances.setdefault(_observance(instant.astimezone(zone), before), [])
        onsets.append((instant + before).replace(tzinfo=None))
    vtimezone = icalendar.Timezone()
    vtimezone.add("TZID", tzid)
    vtimezone.add("COMMENT", f"This timezone only works from {first} to {last}.")
    for key, onsets in observances.items():
        vtimezone.add_component(_observance_component(key, onsets))
    return vtimezone.to_ical()


def _observance(moment: dt.datetime, before: dt.timedelta) -> tuple:
    """What an observance is: (offset before, offset after, name, whether standard time)."""
    return before, moment.utcoffset(), moment.tzname(), moment.dst() == dt.timedelta(0)


def _observance_component(key: tuple, onsets: list[dt.datetime]) -> icalendar.Component:
    """One STANDARD or DAYLIGHT: DTSTART, then every onset as its own RDATE when there are several.

    ical.js (Thunderbird) and vobject misread a multi-valued RDATE and put summer events an hour
    late (shared/DECISIONS.md, "iCalendar output"); ical.js skips DTSTART as an onset once a
    component has RDATEs, so DTSTART is listed as an RDATE too (RFC 5545 §3.8.5.2 allows it).
    """
    before, after, name, standard = key
    component = icalendar.TimezoneStandard() if standard else icalendar.TimezoneDaylight()
    component.add("DTSTART", onsets[0])
    if len(onsets) > 1:
        for onset in onsets:
            component.add("RDATE", onset)
    component.add("TZNAME", name)
    component.add("TZOFFSETFROM", before)
    component.add("TZOFFSETTO", after)
    return component


# tzdata has no period of one offset shorter than four days since 1924 (Africa/Freetown, 1939:
# 96 hours), so sampling every 12 hours finds every change.
_SAMPLE = dt.timedelta(hours=12)


def transitions(zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime):
    """(UTC instant, offset before) of every change of the zone's UTC offset in (start, end)."""
    moment, until = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    while moment < until:
        following = min(moment + _SAMPLE, until)
        before = _offset(zone, moment)
        if _offset(zone, following) != before:
            instant = _change_between(zone, moment, following)
            if instant < until:
                yield instant, before
        moment = following


def _change_between(zone: zoneinfo.ZoneInfo, low: dt.datetime, high: dt.datetime) -> dt.datetime:
    """The first whole second in (low, high] with the offset `high` has (bisection on UTC seconds)."""
    low_s, high_s = int(low.timestamp()), int(high.timestamp())
    before = _offset(zone, low)
    while high_s - low_s > 1:
        middle = (low_s + high_s) // 2
        if _offset(zone, dt.datetime.fromtimestamp(middle, dt.UTC)) == before:
            low_s = middle
        else:
            high_s = middle
    return dt.datetime.fromtimestamp(high_s, dt.UTC)


def _offset(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    return instant.astimezone(zone).utcoffset()


def last_modified(data_changed_at: dt.datetime | None) -> dt.datetime:
    """Last-Modified for a body: when its data last changed, never before this output format."""
    return max(filter(None, (data_changed_at, FORMAT_CHANGED_AT)))
