"""Hijri (Umm al-Qura) recurrences: explicit dates that match hijridate exactly, SKIP, table end."""

import datetime as dt

import pytest
from hijridate import Gregorian, Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app import recurrence
from calendar_app.events import Override, make_event
from tests.conftest import event_fields

FAR = dt.date(2077, 11, 16)


def ramadan_rule(**changes):
    return {"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1, **changes}


def hijri_event(first_day, rule, days=3, **fields):
    """An all-day event starting on `first_day`, lasting `days` days, repeating by `rule`."""
    return make_event(**event_fields(
        starts_on=first_day, ends_on=first_day + dt.timedelta(days=days - 1), recurrence=rule, **fields,
    ))


def test_recurrence_first_of_ramadan_1446_to_1452_matches_hijridate():
    expected = [Hijri(year, 9, 1).to_gregorian() for year in range(1446, 1453)]
    event = hijri_event(expected[0], ramadan_rule())
    found = recurrence.occurrences(event, expected[0], expected[-1])
    assert [o.first_day for o in found] == expected
    assert [o.last_day for o in found] == [d + dt.timedelta(days=2) for d in expected]
    assert [o.hijri_label("en") for o in found][:2] == ["1–3 Ramadan 1446 AH", "1–3 Ramadan 1447 AH"]


def test_recurrence_hijri_instances_have_stable_per_occurrence_uids():
    first = Hijri(1446, 9, 1).to_gregorian()
    event = hijri_event(first, ramadan_rule())
    plan = recurrence.feed_plan(event, first, Hijri(1448, 9, 1).to_gregorian())
    assert isinstance(plan, recurrence.InstancePlan)
    uids = [o.uid for o in plan.instances]
    assert uids == [f"{Hijri(y, 9, 1).to_gregorian():%Y%m%d}-{event.uid}" for y in (1446, 1447, 1448)]
    # A later window gives the same UID to the same occurrence.
    later = recurrence.feed_plan(event, Hijri(1447, 1, 1).to_gregorian(), FAR)
    assert later.instances[0].uid == uids[1]


def test_recurrence_hijri_timed_event_keeps_local_wall_time():
    first = Hijri(1446, 8, 15).to_gregorian()
    event = make_event(**event_fields(
        all_day=False, starts_local=dt.datetime.combine(first, dt.time(19, 30)),
        ends_local=dt.datetime.combine(first, dt.time(21, 0)),
        recurrence={"calendar": "hijri", "freq": "yearly", "month": 8, "day": 15},
    ))
    found = recurrence.occurrences(event, first, Hijri(1449, 8, 15).to_gregorian())
    assert [o.starts_local for o in found] == [
        dt.datetime.combine(Hijri(y, 8, 15).to_gregorian(), dt.time(19, 30)) for y in range(1446, 1450)
    ]
    assert all(o.ends_local - o.starts_local == dt.timedelta(minutes=90) for o in found)
    assert [o.recurrence_id for o in found] == [o.starts_local for o in found]


# 1447 AH: Rabi' al-Akhir (4) 30 days, Jumada al-Ula (5) 30, Jumada al-Akhirah (6) 29,
# Rajab (7) 30, Sha'ban (8) 29, Ramadan (9) 30 -- checked against hijridate below.
@pytest.mark.parametrize(
    ("skip", "expected"),
    [
        ("omit", [(4, 30), (5, 30), (7, 30), (9, 30)]),
        ("backward", [(4, 30), (5, 30), (6, 29), (7, 30), (8, 29), (9, 30)]),
        ("forward", [(4, 30), (5, 30), (7, 1), (7, 30), (9, 1), (9, 30)]),
    ],
)
def test_recurrence_monthly_day_30_follows_rfc7529_skip(skip, expected):
    assert [Hijri(1447, m, 1).month_length() for m in range(4, 10)] == [30, 30, 29, 30, 29, 30]
    first = Hijri(1447, 4, 30).to_gregorian()
    rule = {"calendar": "hijri", "freq": "monthly", "day": 30, "skip": skip}
    event = hijri_event(first, rule, days=1)
    found = recurrence.occurrences(event, first, Hijri(1447, 9, 30).to_gregorian())
    assert [o.first_day for o in found] == [Hijri(1447, m, d).to_gregorian() for m, d in expected]


def test_recurrence_skip_defaults_to_omit():
    assert recurrence.check_rule(
        {"calendar": "hijri", "freq": "monthly", "day": 30}, Hijri(1447, 4, 30).to_gregorian()
    )["skip"] == "omit"


def test_recurrence_hijri_count_counts_only_occurrences_that_happen():
    first = Hijri(1447, 4, 30).to_gregorian()
    rule = {"calendar": "hijri", "freq": "monthly", "day": 30, "count": 4}
    found = recurrence.occurrences(hijri_event(first, rule, days=1), first, FAR)
    assert [Gregorian.fromdate(o.first_day).to_hijri().datetuple() for o in found] == [
        (1447, 4, 30), (1447, 5, 30), (1447, 7, 30), (1447, 9, 30),
    ]


def test_recurrence_hijri_until_and_interval():
    first = Hijri(1446, 9, 1).to_gregorian()
    until = Hijri(1452, 9, 1).to_gregorian()
    event = hijri_event(first, ramadan_rule(interval=2, until=until.isoformat()))
    found = [o.first_day for o in recurrence.occurrences(event, first, FAR)]
    assert found == [Hijri(y, 9, 1).to_gregorian() for y in (1446, 1448, 1450, 1452)]
    assert recurrence.last_day(event) == until + dt.timedelta(days=2)


def test_recurrence_hijri_override_moves_and_cancels_occurrences():
    first = Hijri(1446, 9, 1).to_gregorian()
    moved_from, cancelled_on = Hijri(1448, 9, 1).to_gregorian(), Hijri(1450, 9, 1).to_gregorian()
    new_start = moved_from + dt.timedelta(days=2)
    event = hijri_event(first, ramadan_rule(), overrides=(
        Override(original_on=moved_from, starts_on=new_start, ends_on=new_start + dt.timedelta(days=2),
                 title_en="Moved edition", sequence=2),
        Override(original_on=cancelled_on, cancelled=True, sequence=1),
    ), exdates=(Hijri(1451, 9, 1).to_gregorian(),))
    window = recurrence.occurrences(event, first, Hijri(1452, 9, 1).to_gregorian())
    found = {o.recurrence_id: o for o in window}
    assert sorted(found) == [Hijri(y, 9, 1).to_gregorian() for y in (1446, 1447, 1448, 1449, 1450, 1452)]
    moved = found[moved_from]
    assert (moved.first_day, moved.uid, moved.sequence) == (new_start, f"{moved_from:%Y%m%d}-{event.uid}", 2)
    assert moved.title("en") == "Moved edition" and moved.title("ar") == "Moved edition"
    assert found[cancelled_on].cancelled and found[cancelled_on].first_day == cancelled_on
    assert not any(o.cancelled for day, o in found.items() if day != cancelled_on)


def test_recurrence_hijri_stops_cleanly_at_end_of_table():
    first = Hijri(1495, 9, 1).to_gregorian()
    event = hijri_event(first, ramadan_rule())
    found = recurrence.occurrences(event, first, dt.date(2100, 1, 1))
    assert [o.first_day for o in found] == [Hijri(y, 9, 1).to_gregorian() for y in range(1495, 1501)]
    assert recurrence.last_day(event) == recurrence.END_OF_TABLE == FAR


def test_recurrence_hijri_count_beyond_the_table_stops_at_its_last_month():
    first = Hijri(1500, 1, 1).to_gregorian()
    rule = {"calendar": "hijri", "freq": "monthly", "day": 1, "count": 50}
    event = hijri_event(first, rule, days=1)
    found = recurrence.occurrences(event, first, dt.date(2100, 1, 1))
    assert [o.first_day for o in found] == [Hijri(1500, m, 1).to_gregorian() for m in range(1, 13)]
    assert recurrence.last_day(event) == Hijri(1500, 12, 1).to_gregorian()


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1344, 1495), month=st.integers(1, 12), day=st.integers(1, 29),
       interval=st.integers(1, 3))
def test_recurrence_hijri_yearly_property(year, month, day, interval):
    first = Hijri(year, month, day).to_gregorian()
    rule = {"calendar": "hijri", "freq": "yearly", "month": month, "day": day, "interval": interval}
    found = recurrence.occurrences(hijri_event(first, rule, days=1), first, first + dt.timedelta(days=3660))
    days = [o.first_day for o in found]
    assert days[0] == first and len(days) >= 2
    assert all(a < b for a, b in zip(days, days[1:], strict=False))
    hijri_days = [Gregorian.fromdate(d).to_hijri().datetuple() for d in days]
    assert hijri_days == [(year + i * interval, month, day) for i in range(len(days))]
