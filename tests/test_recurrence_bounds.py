"""Recurrence expansion is bounded by what is asked for, not by the series' age.

A rule without COUNT starts near the window (its start jumped forward by whole periods, with the BY
parts RFC 5545 takes from DTSTART written out); the properties below check that this gives exactly the
days a full expansion from the first day gives. Step counts (original start days produced, Hijri months
resolved) show the bound: a month of a daily series from 1924 reads about a month of days.
"""

import datetime as dt
import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calendar_app import hijri, recurrence
from calendar_app.errors import EventError

DAILY_1924 = {"calendar": "gregorian", "rrule": "FREQ=DAILY"}
FIRST = hijri.FIRST_DAY  # 1924-08-01
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def steps(monkeypatch):
    """Counts what recurrence.py expands: original start days produced and Hijri months resolved."""
    count = {"n": 0}
    rule_starts, resolve = recurrence._rule_starts, recurrence._resolve

    def counted_starts(*args, **kwargs):
        for day in rule_starts(*args, **kwargs):
            count["n"] += 1
            yield day

    def counted_resolve(*args, **kwargs):
        count["n"] += 1
        return resolve(*args, **kwargs)

    monkeypatch.setattr(recurrence, "_rule_starts", counted_starts)
    monkeypatch.setattr(recurrence, "_resolve", counted_resolve)
    return count


def window(starts, since: dt.date, end: dt.date) -> list[dt.date]:
    return [d for d in itertools.takewhile(lambda d: d <= end, starts) if d >= since]


# -- the jump gives the same days -------------------------------------------------------------------
WEEKDAY = st.sampled_from(recurrence.WEEKDAYS)


@st.composite
def gregorian_rules(draw) -> str:
    freq = draw(st.sampled_from(recurrence.GREGORIAN_FREQS))
    parts = [f"FREQ={freq}", f"INTERVAL={draw(st.sampled_from([1, 1, 2, 3, 5, 7, 12, 13, 100]))}"]
    if draw(st.booleans()):
        months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True))
        parts.append("BYMONTH=" + ",".join(map(str, months)))
    choice = draw(st.sampled_from(["none", "monthday", "day", "ordinal"]))
    if choice == "monthday" and freq != "WEEKLY":
        days = draw(st.lists(st.integers(-31, 31).filter(bool), min_size=1, max_size=3, unique=True))
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
    elif choice == "day" or (choice == "ordinal" and freq not in ("MONTHLY", "YEARLY")):
        parts.append("BYDAY=" + ",".join(draw(st.lists(WEEKDAY, min_size=1, max_size=3, unique=True))))
    elif choice == "ordinal":
        parts.append(f"BYDAY={draw(st.sampled_from([1, 2, -1, 4]))}{draw(WEEKDAY)}")
    if draw(st.booleans()):
        parts.append(f"WKST={draw(WEEKDAY)}")
    if draw(st.booleans()):
        parts.append(f"UNTIL={draw(st.dates(dt.date(1930, 1, 1), dt.date(2077, 1, 1))):%Y%m%d}")
    return ";".join(parts)


@settings(max_examples=250, deadline=None)
@given(text=gregorian_rules(), first=st.dates(FIRST, dt.date(2060, 12, 31)), gap=st.integers(0, 15_000),
       span=st.integers(0, 800))
def test_gregorian_rule_started_near_a_window_gives_the_same_days(text, first, gap, span):
    try:
        rule = recurrence._check_gregorian({"calendar": "gregorian", "rrule": text})
    except EventError:
        assume(False)
    since = min(first + dt.timedelta(days=gap), hijri.LAST_DAY)
    end = since + dt.timedelta(days=span)
    full = window(recurrence._rule_starts(rule, first), since, end)
    assert window(recurrence._rule_starts(rule, first, since=since), since, end) == full


@st.composite
def hijri_series(draw) -> tuple[dict, dt.date]:
    freq = draw(st.sampled_from(recurrence.HIJRI_FREQS))
    month = draw(st.integers(1, 12)) if freq == "yearly" else None
    day = draw(st.sampled_from([1, 15, 29, 30, 30]))
    rule = {"calendar": "hijri", "freq": freq, "month": month, "day": day,
            "interval": draw(st.sampled_from([1, 1, 2, 5, 13])), "count": None, "until": None,
            "skip": draw(st.sampled_from(recurrence.SKIP_MODES))}
    year, month = draw(st.integers(1343, 1495)), draw(st.integers(1, 12))
    first = recurrence._resolve(rule, year * 12 + (rule["month"] or month) - 1)
    assume(first is not None)
    return rule, first


@settings(max_examples=150, deadline=None)
@given(series=hijri_series(), gap=st.integers(0, 20_000), span=st.integers(0, 800))
def test_hijri_rule_started_near_a_window_gives_the_same_days(series, gap, span):
    rule, first = series
    since = min(first + dt.timedelta(days=gap), hijri.LAST_DAY)
    end = since + dt.timedelta(days=span)
    full = window(recurrence._rule_starts(rule, first), since, end)
    assert full[:1] == [] or full[0] >= since
    assert window(recurrence._rule_starts(rule, first, since=since), since, end) == full


def test_a_day_30_moved_forward_to_the_window_start_is_kept():
    """Safar 1447 has 29 days: day 30 with SKIP=forward is 1 Rabi' al-Awwal (24 August 2025), which is
    where the window starts; the jump must begin a month early to keep it."""
    rule = {"calendar": "hijri", "freq": "monthly", "month": None, "day": 30, "interval": 1, "count": None,
            "until": None, "skip": "forward"}
    first, since = hijri.from_hijri(1447, 1, 30), dt.date(2025, 8, 24)
    assert hijri.month_length(1447, 2) == 29 and since == hijri.from_hijri(1447, 3, 1)
    near = window(recurrence._rule_starts(rule, first, since=since), since, since + dt.timedelta(days=40))
    assert near == [since, hijri.from_hijri(1447, 3, 30)]


# -- what one question costs -------------------------------------------------------------------------
def series(make_test_event, steps, rule=DAILY_1924, **fields):
    """A checked event with the rule from 1924-08-01; the step count starts after its checks."""
    event = make_test_event(starts_on=fields.pop("starts_on", FIRST), ends_on=fields.pop("ends_on", FIRST),
                            recurrence=rule, **fields)
    steps["n"] = 0
    return event


def test_a_month_of_a_daily_series_from_1924_reads_a_month(make_test_event, steps):
    event = series(make_test_event, steps)
    found = recurrence.occurrences(event, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [o.first_day.day for o in found] == list(range(1, 31))
    assert steps["n"] <= 31 + 2  # was 37,377: every day since 1924


def test_next_and_latest_dates_of_a_daily_series_read_a_few_days(make_test_event, steps):
    event = series(make_test_event, steps)
    assert [o.first_day for o in recurrence.upcoming(event, TODAY, 5)] == [
        TODAY + dt.timedelta(days=i) for i in range(5)]
    assert recurrence.latest(event, TODAY).first_day == TODAY - dt.timedelta(days=1)
    assert steps["n"] <= 12


def test_a_daily_series_until_the_table_end_finds_its_last_day_near_it(make_test_event, steps):
    event = series(make_test_event, steps, {"calendar": "gregorian", "rrule": "FREQ=DAILY;UNTIL=20771116"})
    assert recurrence.last_day(event) == hijri.LAST_DAY
    assert steps["n"] <= 4


def test_a_count_series_is_expanded_at_most_count_times_per_question(make_test_event, steps):
    event = series(make_test_event, steps, {"calendar": "gregorian", "rrule": "FREQ=DAILY;COUNT=1000"})
    last = FIRST + dt.timedelta(days=999)
    assert recurrence.last_day(event) == last
    assert steps["n"] == 1000
    assert recurrence.upcoming(event, TODAY, 5) == []
    assert recurrence.latest(event, TODAY).first_day == last
    assert steps["n"] <= 4 * recurrence.MAX_COUNT


def test_a_month_of_a_hijri_monthly_series_from_1343_resolves_a_few_months(make_test_event, steps):
    rule = {"calendar": "hijri", "freq": "monthly", "day": 1}
    event = series(make_test_event, steps, rule)
    found = recurrence.occurrences(event, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [hijri.to_hijri(o.first_day)[1:] for o in found] == [(6, 1)]  # 1 Jumada al-Akhirah 1448
    assert steps["n"] <= 10  # each month resolved and each day produced counts once


def test_a_year_long_daily_occurrence_is_found_running_without_reading_since_1924(make_test_event, steps):
    event = series(make_test_event, steps, ends_on=FIRST + dt.timedelta(days=364))
    running = recurrence.overlapping(event, TODAY, TODAY)
    assert len(running) == 365 and all(o.first_day <= TODAY <= o.last_day for o in running)
    assert steps["n"] <= 365 + 2


def test_a_daily_series_of_76_year_long_occurrences_is_answered_near_the_day(make_test_event, steps):
    """Occurrences of 27,911 days each, starting every day until they would end past the table."""
    event = series(make_test_event, steps, ends_on=dt.date(2000, 12, 31))
    length = dt.date(2000, 12, 31) - FIRST
    last_start = hijri.LAST_DAY - length
    assert recurrence.latest(event, TODAY).last_day == TODAY - dt.timedelta(days=1)
    assert [o.first_day for o in recurrence.upcoming(event, TODAY, 5)] == [
        TODAY - length + dt.timedelta(days=i) for i in range(5)]  # the earliest still running
    # On a month's days: every occurrence that began within a year, and of the older ones the latest.
    assert [o.first_day for o in recurrence.overlapping(event, TODAY, TODAY)] == [last_start]
    assert steps["n"] <= 60


def test_occurrences_end_within_the_hijri_table(make_test_event, steps):
    """Every date shown needs its Hijri label: a three-day yearly series stops at the last occurrence
    that ends by 2077-11-16 (a daily series of table-long occurrences gave a 500 on the home page)."""
    event = series(make_test_event, steps, {"calendar": "gregorian", "rrule": "FREQ=YEARLY;COUNT=200"},
                   starts_on=dt.date(1924, 11, 15), ends_on=dt.date(1924, 11, 17))
    found = recurrence.occurrences(event, dt.date(2075, 1, 1), hijri.LAST_DAY)
    assert [o.first_day for o in found] == [dt.date(2075, 11, 15), dt.date(2076, 11, 15)]
    assert recurrence.last_day(event) == dt.date(2076, 11, 17)
    assert [o.first_day for o in recurrence.upcoming(event, dt.date(2076, 12, 1), 5)] == []
    assert all(o.hijri_label("en") for o in found)


def test_the_live_preview_of_a_daily_rule_from_1924_reads_ten_days(steps):
    items = recurrence.preview(DAILY_1924, FIRST, from_day=TODAY, count=10)
    assert [i.on for i in items] == [TODAY + dt.timedelta(days=i) for i in range(10)]
    assert steps["n"] <= 10 + 1  # and the check that the first day is the rule's first date


def test_a_very_long_rule_is_refused():
    text = "FREQ=YEARLY;BYMONTHDAY=" + ",".join(["1"] * 200)
    with pytest.raises(EventError, match="The repeat rule is too long."):
        recurrence.check_rule({"calendar": "gregorian", "rrule": text}, dt.date(2027, 1, 1))
