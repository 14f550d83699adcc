"""Local times around a clock change: a time that does not exist or happens twice is refused by the
domain (events.make_event, so seeds and imports get it too), naming the nearest valid times."""

import datetime as dt

import pytest

from calendar_app.events import EventError, check_wall_time, make_event
from tests.conftest import event_fields


@pytest.mark.parametrize(("zone", "local", "message"), [
    ("Europe/Paris", dt.datetime(2024, 3, 31, 2, 30),
     "02:30 does not exist in Europe/Paris on 31 March 2024 (clocks jump from 02:00 to 03:00); "
     "use 01:59 or 03:00."),
    ("Europe/Paris", dt.datetime(2024, 3, 31, 2, 0),
     "02:00 does not exist in Europe/Paris on 31 March 2024 (clocks jump from 02:00 to 03:00); "
     "use 01:59 or 03:00."),
    ("America/New_York", dt.datetime(2027, 3, 14, 2, 59),
     "02:59 does not exist in America/New_York on 14 March 2027 (clocks jump from 02:00 to 03:00); "
     "use 01:59 or 03:00."),
    ("Australia/Lord_Howe", dt.datetime(2024, 10, 6, 2, 15),  # a half-hour change
     "02:15 does not exist in Australia/Lord_Howe on 6 October 2024 (clocks jump from 02:00 to 02:30); "
     "use 01:59 or 02:30."),
    ("America/New_York", dt.datetime(2027, 11, 7, 1, 30),
     "01:30 happens twice in America/New_York on 7 November 2027 (clocks go back from 02:00 to 01:00): "
     "first at 05:30 UTC, then at 06:30 UTC. A time that happens twice cannot be saved yet; "
     "choose a time before 01:00 or from 02:00."),
    ("Europe/Paris", dt.datetime(2024, 10, 27, 2, 0),
     "02:00 happens twice in Europe/Paris on 27 October 2024 (clocks go back from 03:00 to 02:00): "
     "first at 00:00 UTC, then at 01:00 UTC. A time that happens twice cannot be saved yet; "
     "choose a time before 02:00 or from 03:00."),
])
def test_a_time_in_a_gap_or_fold_is_refused_with_the_nearest_valid_times(zone, local, message):
    with pytest.raises(EventError) as caught:
        check_wall_time(local, zone, "starts_local")
    assert str(caught.value) == message and caught.value.field == "starts_local"


@pytest.mark.parametrize(("zone", "local"), [
    ("Europe/Paris", dt.datetime(2024, 3, 31, 1, 59)),
    ("Europe/Paris", dt.datetime(2024, 3, 31, 3, 0)),
    ("Europe/Paris", dt.datetime(2024, 10, 27, 1, 59)),
    ("Europe/Paris", dt.datetime(2024, 10, 27, 3, 0)),
    ("Asia/Qatar", dt.datetime(2024, 3, 31, 2, 30)),  # no daylight saving: every time exists once
    ("UTC", dt.datetime(2027, 11, 7, 1, 30)),
])
def test_times_that_name_one_instant_pass(zone, local):
    assert check_wall_time(local, zone, "starts_local") == local


def test_make_event_checks_the_start_and_the_end_together_with_the_other_fields():
    fields = event_fields(all_day=False, tzid="Europe/Paris", starts_on=None, ends_on=None,
                          starts_local=dt.datetime(2024, 3, 31, 2, 30),
                          ends_local=dt.datetime(2024, 10, 27, 2, 30), title_en="x" * 201)
    with pytest.raises(EventError) as caught:
        make_event(**fields)
    by_field = {e.field: str(e) for e in caught.value.errors}
    assert by_field["starts_local"].startswith("02:30 does not exist")
    assert by_field["ends_local"].startswith("02:30 happens twice")
    assert by_field["title_en"].startswith("At most 200 characters")


def test_an_unknown_zone_is_one_error_not_a_crash():
    fields = event_fields(all_day=False, tzid="../../etc/passwd", starts_on=None, ends_on=None,
                          starts_local=dt.datetime(2024, 3, 31, 2, 30),
                          ends_local=dt.datetime(2024, 3, 31, 4))
    with pytest.raises(EventError) as caught:
        make_event(**fields)
    assert [e.field for e in caught.value.errors] == ["tzid"]


def _series(start: dt.datetime, end: dt.datetime, rule: str, zone: str = "Europe/Paris", **extra):
    rule = {"calendar": "gregorian", "rrule": rule}
    return make_event(**event_fields(all_day=False, tzid=zone, starts_on=None, ends_on=None,
                                     starts_local=start, ends_local=end, recurrence=rule, **extra))


@pytest.mark.parametrize(("start", "end", "rule", "field", "message"), [
    (dt.datetime(2027, 3, 14, 2, 30), dt.datetime(2027, 3, 14, 3, 30), "FREQ=WEEKLY;COUNT=4",
     "starts_local",
     "An occurrence of this series on 28 March 2027 would start at 02:30, which does not exist in "
     "Europe/Paris (the clocks change); calendar apps place it differently. "
     "Choose a time before 02:00 or from 03:00."),
    (dt.datetime(2027, 10, 17, 2, 30), dt.datetime(2027, 10, 17, 3, 30), "FREQ=WEEKLY;COUNT=4",
     "starts_local",
     "An occurrence of this series on 31 October 2027 would start at 02:30, which happens twice in "
     "Europe/Paris (the clocks change); calendar apps place it differently. "
     "Choose a time before 02:00 or from 03:00."),
    (dt.datetime(2027, 3, 1, 23, 0), dt.datetime(2027, 3, 2, 2, 30), "FREQ=DAILY", "ends_local",
     "An occurrence of this series on 28 March 2027 would end at 02:30, which does not exist in "
     "Europe/Paris (the clocks change); calendar apps place it differently. "
     "Choose a time before 02:00 or from 03:00."),
])
def test_a_series_repeating_into_a_gap_or_fold_is_refused(start, end, rule, field, message):
    with pytest.raises(EventError) as caught:
        _series(start, end, rule)
    assert (caught.value.field, str(caught.value)) == (field, message)


@pytest.mark.parametrize(("start", "rule", "zone"), [
    (dt.datetime(2027, 3, 17, 2, 30), "FREQ=WEEKLY", "Europe/Paris"),  # Wednesdays; clocks change on Sundays
    (dt.datetime(2027, 3, 14, 2, 30), "FREQ=WEEKLY;COUNT=2", "Europe/Paris"),  # ends before 28 March
    (dt.datetime(2027, 3, 14, 10, 0), "FREQ=DAILY", "Europe/Paris"),
    (dt.datetime(2027, 3, 14, 2, 30), "FREQ=DAILY", "Asia/Qatar"),
])
def test_a_series_clear_of_clock_changes_is_kept(start, rule, zone):
    event = _series(start, start + dt.timedelta(hours=1), rule, zone)
    assert event.recurrence["rrule"] == rule
