"""Rule validation (check_rule, wired into make_event), the staff preview, and the moving horizon."""

import datetime as dt

import pytest
import time_machine
from hijridate import Gregorian, Hijri

from calendar_app import recurrence
from calendar_app.errors import EventError
from calendar_app.events import make_event
from tests.conftest import event_fields

FIRST = dt.date(2027, 3, 15)
RAMADAN_1448 = Hijri(1448, 9, 1).to_gregorian()


def gregorian(rrule):
    return {"calendar": "gregorian", "rrule": rrule}


def hijri_rule(**changes):
    return {"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1, **changes}


@pytest.mark.parametrize(
    ("rule", "first_day", "message", "field"),
    [
        (None, FIRST, "not in a form", "repeat"),
        ({"calendar": "julian"}, FIRST, "Choose the Gregorian or the Hijri calendar", "repeat"),
        (gregorian(""), FIRST, "Write the repeat rule", "repeat"),
        (gregorian("FREQ=HOURLY"), FIRST, "DAILY, WEEKLY, MONTHLY or YEARLY", "repeat_freq"),
        (gregorian("COUNT=3"), FIRST, "DAILY, WEEKLY, MONTHLY or YEARLY", "repeat_freq"),
        (gregorian("FREQ=YEARLY;;"), FIRST, "could not be read", "repeat"),
        (gregorian("FREQ=YEARLY;FREQ=DAILY"), FIRST, "could not be read", "repeat"),
        (gregorian("FREQ=YEARLY;COUNT=3;UNTIL=20300101"), FIRST, "not both (RFC 5545)", "repeat_count"),
        (gregorian("RSCALE=ISLAMIC-UMALQURA;FREQ=YEARLY;BYMONTH=9"), FIRST, "choose the Hijri calendar",
         "repeat"),
        (gregorian("FREQ=YEARLY;BYHOUR=9"), FIRST, "BYHOUR is not supported", "repeat"),
        (gregorian("FREQ=YEARLY;INTERVAL=0"), FIRST, "Repeat every 1 to 100", "repeat_interval"),
        (gregorian("FREQ=YEARLY;INTERVAL=two"), FIRST, "INTERVAL must be a whole number", "repeat_interval"),
        (gregorian("FREQ=DAILY;COUNT=0"), FIRST, "between 1 and 1000", "repeat_count"),
        (gregorian("FREQ=DAILY;COUNT=1001"), FIRST, "between 1 and 1000", "repeat_count"),
        (gregorian("FREQ=YEARLY;UNTIL=20261231"), FIRST, "ends before the event's first day", "repeat_until"),
        (gregorian("FREQ=YEARLY;UNTIL=2030-01-01"), FIRST, "UNTIL must be a date", "repeat_until"),
        (gregorian("FREQ=YEARLY;UNTIL=20300231"), FIRST, "UNTIL must be a date", "repeat_until"),
        (gregorian("FREQ=YEARLY;BYMONTH=13"), FIRST, "BYMONTH takes months 1 to 12", "repeat"),
        (gregorian("FREQ=MONTHLY;BYMONTHDAY=32"), FIRST, "BYMONTHDAY takes days 1 to 31", "repeat"),
        (gregorian("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), FIRST, "never have that day", "repeat"),
        (gregorian("FREQ=WEEKLY;BYMONTHDAY=15"), FIRST, "cannot be used with WEEKLY", "repeat"),
        (gregorian("FREQ=WEEKLY;BYDAY=1MO"), FIRST, "needs MONTHLY or YEARLY", "repeat"),
        (gregorian("FREQ=MONTHLY;BYDAY=6MO"), FIRST, "number up to ±5", "repeat"),
        (gregorian("FREQ=MONTHLY;BYDAY=XX"), FIRST, "BYDAY takes days", "repeat"),
        (gregorian("FREQ=MONTHLY;BYDAY=1MO"), FIRST, "must be the rule's first date: 5 April 2027", "repeat"),
        (gregorian("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29"), dt.date(2025, 2, 1), "no date before",
         "repeat"),
        ({"calendar": "hijri", "freq": "weekly", "day": 1}, FIRST, "yearly or monthly", "repeat_hijri_freq"),
        (hijri_rule(month=13), RAMADAN_1448, "month must be between 1 and 12", "repeat_hijri_month"),
        (hijri_rule(month=None), RAMADAN_1448, "month must be between 1 and 12", "repeat_hijri_month"),
        (hijri_rule(day=31), RAMADAN_1448, "day must be between 1 and 30", "repeat_hijri_day"),
        (hijri_rule(day="1"), RAMADAN_1448, "day must be between 1 and 30", "repeat_hijri_day"),
        (hijri_rule(interval=0), RAMADAN_1448, "Repeat every 1 to 100", "repeat_interval"),
        (hijri_rule(count=0), RAMADAN_1448, "between 1 and 1000", "repeat_count"),
        (hijri_rule(count=2, until="2030-01-01"), RAMADAN_1448, "not both", "repeat_count"),
        (hijri_rule(until="1 Jan 2030"), RAMADAN_1448, "YYYY-MM-DD", "repeat_until"),
        (hijri_rule(until="2026-01-01"), RAMADAN_1448, "ends before the event's first day", "repeat_until"),
        (hijri_rule(skip="sideways"), RAMADAN_1448, "omit, backward (day 29) or forward", "repeat_skip"),
        (hijri_rule(rscale="x"), RAMADAN_1448, "Unknown part of the repeat rule: rscale", "repeat"),
        (hijri_rule(), FIRST, "must be the rule's first date: 28 January 2028 (1 Ramadan 1449 AH)", "repeat"),
    ],
)
def test_recurrence_check_rule_refuses_with_a_message_about_its_own_field(rule, first_day, message, field):
    with pytest.raises(EventError) as caught:
        recurrence.check_rule(rule, first_day)
    assert message in str(caught.value)
    assert caught.value.field == field


def test_recurrence_check_rule_normalises_and_is_idempotent():
    rule = recurrence.check_rule(gregorian("rrule:freq=monthly;interval=1;bymonthday=15;count=03"), FIRST)
    assert rule == {"calendar": "gregorian", "rrule": "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=15"}
    assert recurrence.check_rule(rule, FIRST) == rule
    hijri = recurrence.check_rule(hijri_rule(), RAMADAN_1448)
    assert hijri == {"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1, "interval": 1,
                     "count": None, "until": None, "skip": "omit"}
    assert recurrence.check_rule(hijri, RAMADAN_1448) == hijri


def test_recurrence_make_event_checks_the_rule():
    with pytest.raises(EventError) as caught:
        make_event(**event_fields(recurrence=gregorian("FREQ=YEARLY;COUNT=2;UNTIL=20300101")))
    assert caught.value.field == "repeat_count" and "not both" in str(caught.value)
    event = make_event(**event_fields(recurrence=gregorian("freq=yearly")))
    assert event.recurrence == {"calendar": "gregorian", "rrule": "FREQ=YEARLY"}
    assert make_event(**event_fields(recurrence=None)).recurrence is None


def test_recurrence_preview_lists_next_ten_in_both_calendars():
    items = recurrence.preview(hijri_rule(), RAMADAN_1448, from_day=dt.date(2030, 6, 1))
    assert [i.on for i in items] == [Hijri(y, 9, 1).to_gregorian() for y in range(1452, 1462)]
    assert [i.hijri for i in items] == [(y, 9, 1) for y in range(1452, 1462)]
    assert items[0].labels("en") == ("26 December 2030", "1 Ramadan 1452 AH")
    assert items[0].labels("ar") == ("٢٦ ديسمبر ٢٠٣٠", "١ رمضان ١٤٥٢ هـ")


def test_recurrence_preview_of_a_bad_rule_raises_event_error():
    with pytest.raises(EventError, match="between 1 and 12"):
        recurrence.preview(hijri_rule(month=0), RAMADAN_1448)


def test_recurrence_horizon_end():
    assert recurrence.horizon_end(dt.date(2026, 11, 1), 5) == dt.date(2031, 11, 1)
    assert recurrence.horizon_end(dt.date(2028, 2, 29), 5) == dt.date(2033, 2, 28)
    assert recurrence.horizon_end(dt.date(2075, 1, 1), 5) == dt.date(2077, 11, 16)


def _planned_hijri_days(event, years=5):
    """What a view would do: read the (frozen) clock, then plan over today..horizon."""
    today = dt.datetime.now(dt.UTC).date()
    plan = recurrence.feed_plan(event, today, recurrence.horizon_end(today, years))
    return [Gregorian.fromdate(o.first_day).to_hijri().year for o in plan.instances]


def test_recurrence_horizon_moves_with_the_clock():
    event = make_event(**event_fields(starts_on=Hijri(1446, 9, 1).to_gregorian(),
                                      ends_on=Hijri(1446, 9, 3).to_gregorian(), recurrence=hijri_rule()))
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        now = _planned_hijri_days(event)
    with time_machine.travel(dt.datetime(2029, 2, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        later = _planned_hijri_days(event)
    # Horizon 2026-11-01..2031-11-01: 1 Ramadan 1448 (2027-02-08) to 1452 (2030-12-26); 1453 is 2031-12-15.
    assert now == [1448, 1449, 1450, 1451, 1452]
    # By Feb 2029, 1448-1450 have passed and 1453-1455 have come into the horizon.
    assert later == [1451, 1452, 1453, 1454, 1455]
