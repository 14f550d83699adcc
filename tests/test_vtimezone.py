"""VTIMEZONE onsets are the zone's real transitions (RFC 5545 §3.6.5), as parsers read them back.

The expected transitions come from zoneinfo alone: the UTC offset is sampled every hour and each
change is narrowed to the second here, independently of icalendar's and ics.py's own search.
"""

import datetime as dt
import zoneinfo

import icalendar
import pytest
import vobject

from calendar_app import ics
from calendar_app.feeds import Feed

HOUR, SECOND = dt.timedelta(hours=1), dt.timedelta(seconds=1)
ZONES = [
    ("Europe/Paris", 2024, 2028),
    ("America/New_York", 2026, 2028),
    ("Australia/Sydney", 2026, 2027),        # southern hemisphere: summer spans the new year
    ("America/Santiago", 2022, 2027),        # changes at local midnight, dates move
    ("Australia/Lord_Howe", 2026, 2027),     # a 30-minute daylight shift
    ("Europe/Dublin", 2026, 2027),           # winter is the "daylight" observance in tzdata
    ("Africa/Casablanca", 2026, 2028),       # leaves summer time for Ramadan each year
    ("Asia/Tehran", 2020, 2023),             # daylight saving abolished in 2022
    ("Europe/Amsterdam", 1936, 1940),        # +00:19:32, then +00:20, then wartime CEST
    ("Africa/Monrovia", 1970, 1973),         # -00:44:30 until 1972
    ("Pacific/Apia", 2011, 2012),            # skipped 30 December 2011 (a 24-hour jump)
    ("Asia/Riyadh", 1947, 1950),             # local mean time +03:06:52 until 1947
    ("Asia/Kolkata", 1941, 1946),            # wartime +06:30
]


def zoneinfo_transitions(tzid: str, first_year: int, last_year: int) -> list[tuple]:
    """(UTC instant, offset before, offset after) for every offset change in the years, by zoneinfo."""
    zone = zoneinfo.ZoneInfo(tzid)
    offset = lambda seconds: dt.datetime.fromtimestamp(seconds, zone).utcoffset()  # noqa: E731
    start = dt.datetime(first_year, 1, 1, tzinfo=zone).timestamp()
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=zone).timestamp()
    found = []
    for hour in range(int(start) // 3600 * 3600, int(end), 3600):
        low, high = hour, hour + 3600
        if offset(low) != offset(high):
            while high - low > 1:  # whole UTC seconds, as tzdata has them
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            if start < high < end:
                found.append((dt.datetime.fromtimestamp(high, dt.UTC), offset(low), offset(high)))
    return found


def onsets(vtimezone: icalendar.Timezone) -> list[tuple]:
    """(UTC instant, TZOFFSETFROM, TZOFFSETTO) of every onset, read as RFC 5545 §3.6.5 defines it:
    DTSTART and RDATE are local times in the TZOFFSETFROM offset."""
    found = set()
    for sub in vtimezone.subcomponents:
        before, after = sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td
        if before == after:  # the observance in force when the span starts: no change
            continue
        rdates = sub.get("RDATE", [])
        values = [sub["DTSTART"].dt] + [
            v.dt for prop in (rdates if isinstance(rdates, list) else [rdates]) for v in prop.dts]
        found |= {(value.replace(tzinfo=dt.UTC) - before, before, after) for value in values}
    return sorted(found)


@pytest.mark.parametrize(("tzid", "first", "last"), ZONES, ids=[z[0] for z in ZONES])
def test_every_onset_is_the_zones_transition_instant(tzid, first, last):
    want = zoneinfo_transitions(tzid, first, last)
    assert want, "the span must hold at least one transition"
    # Serialised and parsed again, as a subscriber's parser gets it.
    zone = icalendar.Timezone.from_ical(ics.timezone(tzid, first, last).to_ical())
    assert onsets(zone) == want


@pytest.mark.parametrize(("tzid", "first", "last"), [
    ("Europe/Paris", 2026, 2027), ("America/New_York", 2026, 2027), ("Australia/Sydney", 2026, 2027),
    ("America/Santiago", 2026, 2027),
])
def test_vobject_changes_offset_at_each_real_transition(tzid, first, last):
    # vobject builds its own tzinfo from the VTIMEZONE (no zoneinfo): an onset an hour late showed
    # 01:30Z on 28 March 2027 as 02:30+01:00 in Paris, a local time that does not exist.
    registry = vars(vobject.icalendar)["__tzidMap"]
    for known in [t for t in registry if t != "UTC"]:
        del registry[known]
    text = ics.timezone(tzid, first, last).to_ical().decode("utf-8")
    tz = vobject.readOne(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{text}END:VCALENDAR\r\n") \
        .vtimezone.gettzinfo()
    zone = zoneinfo.ZoneInfo(tzid)
    # Not the span's first change: dateutil takes a DAYLIGHT observance's saving to be TZOFFSETTO -
    # TZOFFSETFROM, which is zero for the observance in force when the span starts (Sydney and
    # Santiago in January), so vobject misplaces the repeated hour before the first fall-back.
    # Local times, which is what a feed's events are, read right there too.
    for instant, before, after in zoneinfo_transitions(tzid, first, last)[1:]:
        for moment in (instant - SECOND, instant, instant + HOUR / 2):
            got = moment.astimezone(tz)
            assert (got.replace(tzinfo=None), got.utcoffset()) == (
                moment.astimezone(zone).replace(tzinfo=None), after if moment >= instant else before)


# Short enough that no event ends inside a gap (make_event refuses a time that does not exist).
SHORT = dt.timedelta(minutes=20)
TIMED = [
    # (zone, local start): around both changes of 2027, and inside Casablanca's Ramadan hour, a
    # five-week period icalendar's own VTIMEZONE search (64-day steps) missed.
    ("Europe/Paris", dt.datetime(2027, 3, 28, 1, 30)), ("Europe/Paris", dt.datetime(2027, 3, 28, 3, 30)),
    ("Europe/Paris", dt.datetime(2027, 7, 1, 10, 0)), ("Europe/Paris", dt.datetime(2027, 10, 31, 3, 30)),
    ("America/New_York", dt.datetime(2027, 3, 14, 1, 30)),
    ("America/New_York", dt.datetime(2027, 3, 14, 3, 30)),
    ("America/New_York", dt.datetime(2027, 11, 7, 2, 30)),
    ("Australia/Sydney", dt.datetime(2027, 10, 3, 3, 30)),
    ("Africa/Casablanca", dt.datetime(2026, 6, 1, 10, 0)),  # the zone then spans 2026-2028
    ("Africa/Casablanca", dt.datetime(2027, 2, 20, 10, 0)),
    ("Africa/Casablanca", dt.datetime(2028, 6, 1, 10, 0)),
]


def test_timed_events_read_back_at_zoneinfos_instant_in_icalendar_and_vobject(make_test_event):
    events = [
        make_test_event(uid=f"e{n}@calendar.test", slug=f"e{n}", tzid=tzid, all_day=False,
                        starts_local=local, ends_local=local + SHORT)
        for n, (tzid, local) in enumerate(TIMED)
    ]
    body = ics.render_feed(Feed(slug="zones", title_en="Zones", title_ar="مناطق"), events, "en",
                           "https://x.test")
    want = {f"e{n}@calendar.test": local.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).astimezone(dt.UTC)
            for n, (tzid, local) in enumerate(TIMED)}
    parsed = {str(e["UID"]): e["DTSTART"].dt.astimezone(dt.UTC)
              for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert parsed == want
    registry = vars(vobject.icalendar)["__tzidMap"]
    for known in [t for t in registry if t != "UTC"]:
        del registry[known]
    other = {e.uid.value: e.dtstart.value.astimezone(dt.UTC)
             for e in vobject.readOne(body.decode("utf-8")).vevent_list}
    assert other == want
