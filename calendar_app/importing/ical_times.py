"""An iCalendar event's dates as the event model holds them: days, or local wall time plus an IANA zone.

- VALUE=DATE: all-day; DTEND is exclusive (RFC 5545 §3.6.1), so the last day is the day before it;
  no DTEND and no DURATION is one day.
- TZID: kept as the zone when it is an IANA name, a Windows name (icalendar maps those), or a
  vendor path ending in one ("/mozilla.org/20050126_1/Asia/Dubai"); any other TZID (a custom
  VTIMEZONE) keeps the wall time and leaves the zone empty, reported.
- UTC ("Z") and floating times (no zone) are placed deliberately: in the calendar's X-WR-TIMEZONE
  when it names an IANA zone, else in the zone of the city the LOCATION names (gazetteer), else UTC
  stays UTC and a floating time keeps its wall time with the zone left empty, reported.
- DTEND in another zone than DTSTART is converted to DTSTART's zone (the model has one zone).
Everything outside 1924-08-01..2077-11-16 (the Hijri table) is reported and not proposed.
"""

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from .. import hijri
from .notes import N_, Property, Source, derived
from .proposals import Draft

NO_START = N_("The event has no DTSTART that is a date or a date-time: its dates are left empty.")
MIXED_TYPES = N_("DTSTART is a %(start_kind)s but DTEND is a %(end_kind)s: the last day is left empty.")
END_BEFORE_START = N_("The end (%(end)s) is before the start (%(start)s): the end is left empty.")
END_AND_DURATION = N_("The event has both DTEND and DURATION; DTEND is used.")
OUT_OF_RANGE = N_("%(day)s is outside 1924-08-01..2077-11-16, the dates this calendar can hold.")
UNKNOWN_ZONE = N_(
    "The time zone %(tzid)s is not a known IANA zone: the local times are kept, the zone is left empty."
)
FLOATING = N_(
    "The times have no time zone (floating) and none can be found for the event: the zone is left empty."
)
EXCLUSIVE_END = N_("DTEND is the day after the last day (RFC 5545).")
ONE_DAY = N_("No DTEND or DURATION: one day (RFC 5545).")
NO_END = N_("No DTEND or DURATION: the event ends when it starts (RFC 5545).")
BY_DURATION = N_("DTSTART plus DURATION.")
ZONE_MAPPED = N_("%(tzid)s read as the IANA zone %(zone)s.")
IN_DEFAULT_ZONE = N_("A %(kind)s time, placed in %(zone)s.")
UTC_KEPT = N_("A UTC time, and no zone is known for the event: kept in UTC.")
END_CONVERTED = N_("DTEND was given in %(end_zone)s; converted to the event's zone %(zone)s.")


@dataclass(frozen=True)
class Start:
    """What recurrence needs of the event's start: all-day or not, its local start, and its zone."""

    all_day: bool
    local: dt.date | dt.datetime  # a date, or a naive local datetime
    tzid: str | None


@dataclass(frozen=True)
class Fallback:
    """The zone for UTC and floating times, and where it came from (X-WR-TIMEZONE or the city)."""

    tzid: str
    source: Source


@functools.cache
def known_zones() -> frozenset[str]:
    """IANA zone names this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def iana(tzid: str | None) -> str | None:
    """The IANA name a TZID stands for (itself, a Windows name, or a vendor path ending in one)."""
    if not tzid:
        return None
    if tzid in known_zones():
        return tzid
    if tzid in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[tzid]
    parts = tzid.strip("/").split("/")
    return next(
        ("/".join(parts[i:]) for i in range(1, len(parts)) if "/".join(parts[i:]) in known_zones()), None
    )


def raw(comp, name: str, label: str) -> Property:
    """The provenance of property `name` of `comp`: the line as icalendar writes it, cut to 300."""
    name = name if isinstance(name, str) else "?"
    try:
        value = comp.get(name)
        value = value[0] if isinstance(value, list) else value
        line = comp.content_line(name, value).decode("utf-8", "replace") if value is not None else name
    except (ValueError, TypeError, AttributeError):
        line = name
    return Property(label, name, str(line)[:300])


def value_of(comp, name: str, kinds: tuple[type, ...] = (dt.date,)):
    """The `.dt` of a date property when it is one of `kinds` (a datetime is a date), else None:
    absent, broken (reported from `comp.errors` by the caller) or of another type (a TIME, a PERIOD)."""
    prop = comp.get(name)
    prop = prop[0] if isinstance(prop, list) else prop
    try:
        value = getattr(prop, "dt", None)
    except ValueError:  # icalendar's BrokenCalendarProperty
        return None
    return value if isinstance(value, kinds) else None


def put_times(draft: Draft, comp, label: str, fallback: Fallback | None) -> Start | None:
    """Propose the event's days or local times and zone; returns its start for recurrence."""
    start = value_of(comp, "DTSTART")
    if start is None:
        draft.add(
            "problem", NO_START, fields=("starts_on", "starts_local"), sources=(raw(comp, "DTSTART", label),)
        )
        return None
    if comp.get("DTEND") is not None and comp.get("DURATION") is not None:
        draft.add(
            "problem",
            END_AND_DURATION,
            fields=("ends_on", "ends_local"),
            sources=(raw(comp, "DURATION", label),),
        )
    if isinstance(start, dt.datetime):
        return _put_timed(draft, comp, label, start, fallback)
    return _put_days(draft, comp, label, start)


def _in_table(draft: Draft, day: dt.date, field: str, source: Source) -> bool:
    if hijri.in_range(day):
        return True
    draft.add("problem", OUT_OF_RANGE, fields=(field,), sources=(source,), day=day)
    return False


def _put_days(draft: Draft, comp, label: str, first: dt.date) -> Start | None:
    source = raw(comp, "DTSTART", label)
    if not _in_table(draft, first, "starts_on", source):
        return None
    draft.put("all_day", True, source)
    draft.put("starts_on", first, source)
    last, end_source = _last_day(draft, comp, label, first)
    if last is not None and _in_table(draft, last, "ends_on", end_source):
        draft.put("ends_on", last, end_source)
    return Start(True, first, None)


def _last_day(draft: Draft, comp, label: str, first: dt.date) -> tuple[dt.date | None, Source]:
    end, duration = value_of(comp, "DTEND"), value_of(comp, "DURATION", (dt.timedelta,))
    if end is not None:
        source = raw(comp, "DTEND", label)
        if isinstance(end, dt.datetime):
            draft.add(
                "problem",
                MIXED_TYPES,
                fields=("ends_on",),
                sources=(source,),
                start_kind="date",
                end_kind="date-time",
            )
            return None, source
        return _checked_end(draft, first, end - dt.timedelta(days=1), derived(EXCLUSIVE_END, (source,)))
    if isinstance(duration, dt.timedelta):
        source = derived(BY_DURATION, (raw(comp, "DURATION", label),))
        return _checked_end(draft, first, first + max(duration.days - 1, 0) * dt.timedelta(days=1), source)
    return first, derived(ONE_DAY, (raw(comp, "DTSTART", label),))


def _checked_end(draft: Draft, start, end, source: Source):
    if end < start:
        draft.add(
            "problem",
            END_BEFORE_START,
            fields=("ends_on", "ends_local"),
            sources=(source,),
            start=start,
            end=end,
        )
        return None, source
    return end, source


def _put_timed(draft: Draft, comp, label: str, start: dt.datetime, fallback: Fallback | None) -> Start | None:
    source = raw(comp, "DTSTART", label)
    local, tzid, how = _localise(draft, start, _tzid_param(comp, "DTSTART"), fallback, source)
    if not _in_table(draft, local.date(), "starts_local", source):
        return None
    draft.put("all_day", False, source)
    draft.put("starts_local", local, how or source)
    if tzid:
        draft.put("tzid", tzid, how or source)
    end, end_source = _end_local(draft, comp, label, local, tzid)
    if end is not None and _in_table(draft, end.date(), "ends_local", end_source):
        draft.put("ends_local", end, end_source)
    return Start(False, local, tzid)


def _tzid_param(comp, name: str) -> str | None:
    prop = comp.get(name)
    prop = prop[0] if isinstance(prop, list) else prop
    return getattr(prop, "params", {}).get("TZID")


def _localise(
    draft: Draft, value: dt.datetime, tzid_param: str | None, fallback: Fallback | None, source: Source
) -> tuple[dt.datetime, str | None, Source | None]:
    """(local wall time, IANA zone or None, how the zone was chosen) for one date-time."""
    key = getattr(value.tzinfo, "key", None)
    if key == "UTC" and not tzid_param:
        return (
            _placed(value, "UTC", fallback, source)
            if fallback
            else (_naive(value), "UTC", derived(UTC_KEPT, (source,)))
        )
    if key in known_zones():
        return _naive(value), key, None
    zone = iana(tzid_param)
    if zone:
        return _naive(value), zone, derived(ZONE_MAPPED, (source,), tzid=tzid_param, zone=zone)
    if tzid_param:
        draft.add("problem", UNKNOWN_ZONE, fields=("tzid",), sources=(source,), tzid=tzid_param)
        return _naive(value), None, None
    if fallback:
        return (
            _naive(value),
            fallback.tzid,
            derived(IN_DEFAULT_ZONE, (source, fallback.source), kind="floating", zone=fallback.tzid),
        )
    draft.add("problem", FLOATING, fields=("tzid",), sources=(source,))
    return _naive(value), None, None


def _placed(value: dt.datetime, kind: str, fallback: Fallback, source: Source):
    local = value.astimezone(zoneinfo.ZoneInfo(fallback.tzid))
    return (
        _naive(local),
        fallback.tzid,
        derived(IN_DEFAULT_ZONE, (source, fallback.source), kind=kind, zone=fallback.tzid),
    )


def _naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None)


def _end_local(draft: Draft, comp, label: str, start: dt.datetime, tzid: str | None):
    """The local end: DTEND in the start's zone, or start + DURATION, or the start itself."""
    end, duration = value_of(comp, "DTEND"), value_of(comp, "DURATION", (dt.timedelta,))
    if end is not None:
        source: Source = raw(comp, "DTEND", label)
        if not isinstance(end, dt.datetime):
            draft.add(
                "problem",
                MIXED_TYPES,
                fields=("ends_local",),
                sources=(source,),
                start_kind="date-time",
                end_kind="date",
            )
            return None, source
        end, source = _end_in_zone(end, tzid, source)
        return _checked_end(draft, start, end, source)
    if isinstance(duration, dt.timedelta):
        return _checked_end(
            draft, start, start + duration, derived(BY_DURATION, (raw(comp, "DURATION", label),))
        )
    return start, derived(NO_END, (raw(comp, "DTSTART", label),))


def _end_in_zone(end: dt.datetime, tzid: str | None, source: Source) -> tuple[dt.datetime, Source]:
    end_key = getattr(end.tzinfo, "key", None)
    if end.tzinfo is None or tzid is None or end_key == tzid or end_key not in known_zones():
        return _naive(end), source
    local = end.astimezone(zoneinfo.ZoneInfo(tzid))
    return _naive(local), derived(END_CONVERTED, (source,), end_zone=end_key, zone=tzid)
