"""Property: any bytes, and any mix of real iCalendar lines, give an ImportResult, never an exception."""

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from calendar_app.importing.ical_source import parse_ics
from calendar_app.importing.proposals import FIELDS

LINES = (
    "DTSTART;VALUE=DATE:20240305",
    "DTSTART:20240305T090000Z",
    "DTSTART;TZID=Asia/Dubai:20240305T090000",
    "DTSTART;TZID=Nowhere/Zone:20240305T090000",
    "DTSTART:19000101",
    "DTSTART:garbage",
    "DTEND;VALUE=DATE:20240301",
    "DTEND:20240305T100000",
    "DURATION:P3D",
    "DURATION:-PT1H",
    "UID:a",
    "UID:b",
    "SUMMARY:x",
    "SUMMARY;LANGUAGE=ar:عربي",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "RRULE:FREQ=DAILY;BYSETPOS=1",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20300101",
    "RRULE:FREQ=YEARLY;INTERVAL=0",
    "RRULE:FREQ=WEEKLY;BYDAY=9XX",
    "EXDATE:20240312T090000Z",
    "EXDATE;VALUE=DATE:20240312",
    "EXDATE;VALUE=TIME:090000",
    "EXDATE;VALUE=PERIOD:20240312T090000Z/PT1H",
    "DTSTART;VALUE=TIME:090000",
    "DTSTART;VALUE=PERIOD:20240312T090000Z/PT1H",
    "RDATE:20240401",
    "RECURRENCE-ID:20240312T090000Z",
    "RECURRENCE-ID;VALUE=DATE:20240312",
    "STATUS:CANCELLED",
    "STATUS:WEIRD",
    "GEO:1;2",
    "GEO:x",
    "CATEGORIES:a,ب",
    "ORGANIZER;CN=X:mailto:x@y",
    "URL:javascript:alert(1)",
    "CLASS:PRIVATE",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VALARM",
    "END:VALARM",
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "X-WR-TIMEZONE:Asia/Qatar",
    "LOCATION:Doha",
    " continued",
    "\x00",
    "",
)
lines = st.lists(st.sampled_from(LINES), max_size=40).map(lambda ls: "\r\n".join(ls).encode())
framed = lines.map(
    lambda body: b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + body + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
TYPES = {
    "starts_on": dt.date,
    "ends_on": dt.date,
    "starts_local": dt.datetime,
    "ends_local": dt.datetime,
    "all_day": bool,
    "tzid": str,
    "uid": str,
    "recurrence": dict,
    "exdates": tuple,
    "overrides": tuple,
}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), lines, framed))
# Found by longer runs: a property without a name, a rule whose parts icalendar reads lazily, a
# DTSTART that is a TIME, an RDATE that breaks when read.
@example(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nD\nEND:\nEND:")
@example(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;V=:20230405\nRRULE:;BYDAY=\nEND:\nEND:")
@example(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;V=:000345\nR:\nEND:\nEND:")
@example(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nRDAT E:c\nEND:\nEND:")
def test_any_bytes_give_a_result(data):
    result = parse_ics(data)
    for p in result.proposals:
        assert set(p.fields) <= set(FIELDS)
        for name, kind in TYPES.items():
            assert name not in p.fields or isinstance(p.value(name), kind), name
        if p.value("starts_on") and p.value("ends_on"):
            assert p.value("starts_on") <= p.value("ends_on")
        for n in p.notes:
            assert n.english()
    for n in result.notes:
        assert n.english()
