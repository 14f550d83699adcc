"""Gregorian recurrences: RRULE through python-dateutil, EXDATE, overrides, and the feed plan."""

import datetime as dt

import recurring_ical_events
import vobject
from icalendar import Calendar, Event, vRecur

from calendar_app import recurrence
from calendar_app.events import Override, make_event
from tests.conftest import event_fields

FIRST = dt.date(2027, 3, 15)  # the test event's first day (15-17 March 2027)


def yearly_event(rrule="FREQ=YEARLY", **fields):
    return make_event(**event_fields(recurrence={"calendar": "gregorian", "rrule": rrule}, **fields))


def with_exdate_and_overrides():
    return yearly_event("FREQ=YEARLY;COUNT=6", exdates=(dt.date(2028, 3, 15),), overrides=(
        Override(original_on=dt.date(2029, 3, 15), starts_on=dt.date(2029, 3, 20),
                 ends_on=dt.date(2029, 3, 22), title_ar="المعرض بعد التأجيل", sequence=1),
        Override(original_on=dt.date(2030, 3, 15), cancelled=True, sequence=1),
    ))


def test_recurrence_gregorian_yearly_with_exdate_moved_and_cancelled():
    found = recurrence.occurrences(with_exdate_and_overrides(), dt.date(2020, 1, 1), dt.date(2040, 1, 1))
    assert [(o.first_day, o.last_day, o.cancelled) for o in found] == [
        (dt.date(2027, 3, 15), dt.date(2027, 3, 17), False),
        (dt.date(2029, 3, 20), dt.date(2029, 3, 22), False),
        (dt.date(2030, 3, 15), dt.date(2030, 3, 17), True),
        (dt.date(2031, 3, 15), dt.date(2031, 3, 17), False),
        (dt.date(2032, 3, 15), dt.date(2032, 3, 17), False),
    ]
    assert found[1].recurrence_id == dt.date(2029, 3, 15)
    assert (found[1].title("ar"), found[1].title("en")) == ("المعرض بعد التأجيل", "المعرض بعد التأجيل")
    assert found[0].title("en") == "Test Expo"


def test_recurrence_window_uses_the_moved_date():
    event = with_exdate_and_overrides()
    moved_only = recurrence.occurrences(event, dt.date(2029, 3, 16), dt.date(2029, 3, 31))
    assert [o.recurrence_id for o in moved_only] == [dt.date(2029, 3, 15)]
    assert recurrence.occurrences(event, dt.date(2029, 3, 1), dt.date(2029, 3, 19)) == []


def test_recurrence_gregorian_count_and_until():
    by_count = yearly_event("FREQ=YEARLY;INTERVAL=2;COUNT=3")
    by_until = yearly_event("FREQ=YEARLY;UNTIL=20300315")
    far = dt.date(2077, 1, 1)
    assert [o.first_day for o in recurrence.occurrences(by_count, FIRST, far)] == [
        dt.date(2027, 3, 15), dt.date(2029, 3, 15), dt.date(2031, 3, 15)]
    assert [o.first_day for o in recurrence.occurrences(by_until, FIRST, far)] == [
        dt.date(y, 3, 15) for y in range(2027, 2031)]
    assert recurrence.last_day(by_count) == dt.date(2031, 3, 17)
    assert recurrence.last_day(by_until) == dt.date(2030, 3, 17)
    assert recurrence.last_day(yearly_event()) == recurrence.END_OF_TABLE


def test_recurrence_gregorian_monthly_31st_skips_short_months_and_weekly_byday():
    monthly = yearly_event("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", starts_on=dt.date(2027, 1, 31),
                           ends_on=dt.date(2027, 1, 31))
    found = recurrence.occurrences(monthly, dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    assert [o.first_day for o in found] == [
        dt.date(2027, 1, 31), dt.date(2027, 3, 31), dt.date(2027, 5, 31), dt.date(2027, 7, 31)]
    weekly = make_event(**event_fields(
        all_day=False, starts_local=dt.datetime(2027, 3, 15, 9, 30),
        ends_local=dt.datetime(2027, 3, 15, 11, 0),
        recurrence={"calendar": "gregorian", "rrule": "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"},
    ))
    found = recurrence.occurrences(weekly, FIRST, dt.date(2027, 12, 31))
    assert [o.starts_local for o in found] == [
        dt.datetime(2027, 3, d, 9, 30) for d in (15, 17, 22, 24)]
    assert [o.ends_local.time() for o in found] == [dt.time(11, 0)] * 4


def test_recurrence_endless_gregorian_rule_stops_at_end_of_table():
    found = recurrence.occurrences(yearly_event(), FIRST, dt.date(2100, 1, 1))
    assert found[-1].first_day == dt.date(2077, 3, 15) and len(found) == 51


def test_recurrence_feed_plan_for_gregorian_is_a_native_series():
    plan = recurrence.feed_plan(with_exdate_and_overrides(), FIRST, dt.date(2031, 1, 1))
    assert isinstance(plan, recurrence.RulePlan)
    assert plan.rrule == {"FREQ": "YEARLY", "COUNT": 6}
    assert plan.exdates == (dt.date(2028, 3, 15),)
    assert [(o.recurrence_id, o.first_day, o.cancelled) for o in plan.overrides] == [
        (dt.date(2029, 3, 15), dt.date(2029, 3, 20), False),
        (dt.date(2030, 3, 15), dt.date(2030, 3, 15), True),
    ]


def test_recurrence_feed_plan_ignores_overrides_that_match_no_occurrence():
    event = yearly_event("FREQ=YEARLY;COUNT=3", overrides=(Override(original_on=dt.date(2028, 3, 16),
                                                                    cancelled=True),))
    assert recurrence.feed_plan(event, FIRST, dt.date(2031, 1, 1)).overrides == ()
    assert len(recurrence.occurrences(event, FIRST, dt.date(2031, 1, 1))) == 3


def test_recurrence_feed_plan_timed_until_is_utc_and_exdate_is_local():
    event = make_event(**event_fields(
        tzid="Europe/Paris", all_day=False, starts_local=dt.datetime(2027, 3, 15, 18, 0),
        ends_local=dt.datetime(2027, 3, 15, 19, 0), exdates=(dt.date(2027, 3, 22),),
        recurrence={"calendar": "gregorian", "rrule": "FREQ=WEEKLY;UNTIL=20270405"},
    ))
    plan = recurrence.feed_plan(event, FIRST, dt.date(2028, 1, 1))
    assert plan.rrule["UNTIL"] == dt.datetime(2027, 4, 5, 16, 0, tzinfo=dt.UTC)  # 18:00 CEST
    assert plan.exdates == (dt.datetime(2027, 3, 22, 18, 0),)


def test_recurrence_feed_plan_reads_back_the_same_in_two_parsers():
    """The plan, written with icalendar, expands to our dates in recurring-ical-events and vobject."""
    event = with_exdate_and_overrides()
    plan = recurrence.feed_plan(event, FIRST, dt.date(2040, 1, 1))
    cal = Calendar()
    cal.add("prodid", "-//test//recurrence//EN")
    cal.add("version", "2.0")
    cal.add_component(_vevent(event.uid, FIRST, dt.date(2027, 3, 18), rrule=plan.rrule, exdates=plan.exdates))
    for occ in plan.overrides:
        cal.add_component(_vevent(event.uid, occ.first_day, occ.last_day + dt.timedelta(days=1),
                                  recurrence_id=occ.recurrence_id, cancelled=occ.cancelled))
    body = cal.to_ical()
    expected = [o.first_day for o in recurrence.occurrences(event, FIRST, dt.date(2040, 1, 1))]
    reader = recurring_ical_events.of(Calendar.from_ical(body))
    ours = reader.between(dt.date(2020, 1, 1), dt.date(2040, 1, 1))
    assert sorted(c.start for c in ours) == expected
    assert [c.get("STATUS") for c in sorted(ours, key=lambda c: c.start)][2] == "CANCELLED"
    master = next(c for c in vobject.readOne(body.decode()).vevent_list if not hasattr(c, "recurrence_id"))
    rset = [d.date() for d in master.getrruleset()]
    moved = {dt.date(2029, 3, 15): dt.date(2029, 3, 20)}
    assert sorted(moved.get(d, d) for d in rset) == expected


def _vevent(uid, start, end, *, rrule=None, exdates=(), recurrence_id=None, cancelled=False):
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    ev.add("summary", "Test Expo")
    ev.add("dtstart", start)
    ev.add("dtend", end)
    if rrule:
        ev.add("rrule", vRecur(rrule))
    for day in exdates:
        ev.add("exdate", day)
    if recurrence_id:
        ev.add("recurrence-id", recurrence_id)
    if cancelled:
        ev.add("status", "CANCELLED")
    return ev
