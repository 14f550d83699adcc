"""Recurring events in the served feeds, read back by icalendar + recurring-ical-events AND vobject.

Expected Hijri dates come from hijridate directly, never from the code under test.
"""

import datetime as dt
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
import time_machine
import vobject
from hijridate import Hijri
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_app import ics
from calendar_app.events import Override

STAMP = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)
# A year back and five ahead of this day cover 1 Ramadan 1446 (2025-03-01) to 1452 (2030-12-26).
EARLY_2026 = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
RIYADH, PARIS = zoneinfo.ZoneInfo("Asia/Riyadh"), zoneinfo.ZoneInfo("Europe/Paris")
UID = "ramadan@calendar.test"
RAMADAN = {"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1}
MOVED_YEAR, CANCELLED_YEAR = 1448, 1450


def ramadan(year: int) -> dt.date:
    """1 Ramadan of a Hijri year, by hijridate itself."""
    return Hijri(year, 9, 1).to_gregorian()


def moved_start(timed: bool) -> dt.date | dt.datetime:
    day = ramadan(MOVED_YEAR) + dt.timedelta(days=2)
    return dt.datetime.combine(day, dt.time(21, 0)) if timed else day


def ramadan_fields(timed: bool) -> dict:
    """A "1 Ramadan every year" event from 1446 with one moved and one cancelled occurrence."""
    first = ramadan(1446)
    moved = (Override(original_on=ramadan(MOVED_YEAR), starts_local=moved_start(True), sequence=2,
                      updated_at=STAMP)
             if timed else
             Override(original_on=ramadan(MOVED_YEAR), starts_on=moved_start(False),
                      ends_on=moved_start(False), sequence=2, updated_at=STAMP))
    times = ({"all_day": False, "tzid": "Asia/Riyadh",
              "starts_local": dt.datetime.combine(first, dt.time(20, 0)),
              "ends_local": dt.datetime.combine(first, dt.time(22, 0))}
             if timed else {"starts_on": first, "ends_on": first})
    return {
        "uid": UID, "slug": "ramadan-evening", "title_en": "Ramadan Evening", "title_ar": "أمسية رمضان",
        "recurrence": RAMADAN, "created_at": STAMP, "updated_at": STAMP, **times,
        "overrides": (moved, Override(original_on=ramadan(CANCELLED_YEAR), cancelled=True, sequence=3,
                                      updated_at=STAMP)),
    }


def expected_ramadan(timed: bool) -> list[tuple[str, object, str]]:
    """(UID, start, STATUS) for 1446–1452 AH, the moved one at its new start."""
    rows = []
    for year in range(1446, 1453):
        original = ramadan(year)
        start = moved_start(timed) if year == MOVED_YEAR else (
            dt.datetime.combine(original, dt.time(20, 0)) if timed else original)
        if timed:
            start = start.replace(tzinfo=RIYADH)
        status = "CANCELLED" if year == CANCELLED_YEAR else "CONFIRMED"
        rows.append((f"{original:%Y%m%d}-{UID}", start, status))
    return rows


def get_feed(client, when: dt.datetime, path: str = "/feeds/all.ics?lang=en"):
    with time_machine.travel(when, tick=False):
        response = client.get(path)
    assert response.status_code == 200
    return response


def by_icalendar(body: bytes, start: dt.date, end: dt.date) -> list[tuple[str, object, str]]:
    """Instances as recurring-ical-events expands them (icalendar's parser)."""
    calendar = icalendar.Calendar.from_ical(body)
    found = recurring_ical_events.of(calendar).between(start, end)
    return sorted(((str(c["UID"]), c.DTSTART, str(c["STATUS"])) for c in found), key=_order)


def by_vobject(body: bytes, start: dt.date, end: dt.date) -> list[tuple[str, object, str]]:
    """Instances as vobject reads them: RRULE/EXDATE via getrruleset, RECURRENCE-ID folded in by hand."""
    # vobject keeps the first VTIMEZONE it ever saw per TZID for the whole process; forget earlier
    # tests' ones so this feed is read with its own, as a client reading only this feed would.
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [t for t in registry if t != "UTC"]:
        del registry[tzid]
    calendar = vobject.readOne(body.decode("utf-8"))
    masters, overrides = [], {}
    for vevent in calendar.vevent_list:
        if hasattr(vevent, "recurrence_id"):
            overrides[(vevent.uid.value, vevent.recurrence_id.value)] = vevent
        else:
            masters.append(vevent)
    rows = []
    for master in masters:
        uid, status = master.uid.value, master.status.value
        series = hasattr(master, "rrule")
        starts = list(master.getrruleset(addRDate=True)) if series else [master.dtstart.value]
        all_day = not isinstance(master.dtstart.value, dt.datetime)
        for moment in starts:
            # getrruleset gives an all-day series as midnights; its RECURRENCE-IDs are dates.
            moment = moment.date() if all_day and isinstance(moment, dt.datetime) else moment
            own = overrides.get((uid, moment))
            shown = own.dtstart.value if own else moment
            if start <= _day(shown) <= end:
                rows.append((uid, shown, own.status.value if own else status))
    return sorted(rows, key=_order)


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _order(row):
    value = row[1]
    instant = value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else dt.datetime.combine(
        value, dt.time(), dt.UTC)
    return instant, row[0]


def comparable(rows):
    """Aware times as UTC instants, so two parsers' zone objects compare equal."""
    return [(uid, s.astimezone(dt.UTC) if isinstance(s, dt.datetime) else s, st) for uid, s, st in rows]


@pytest.mark.parametrize("timed", [False, True], ids=["all-day", "timed"])
def test_hijri_yearly_instances_match_hijridate_in_both_parsers(client, add_event, timed):
    add_event(**ramadan_fields(timed))
    body = get_feed(client, EARLY_2026).data
    want = comparable(expected_ramadan(timed))
    window = (dt.date(2024, 1, 1), dt.date(2032, 12, 31))
    assert comparable(by_icalendar(body, *window)) == want
    assert comparable(by_vobject(body, *window)) == want


@pytest.mark.parametrize("timed", [False, True], ids=["all-day", "timed"])
def test_hijri_instances_carry_their_own_dates_sequence_and_cancellation(client, add_event, timed):
    add_event(**ramadan_fields(timed))
    calendar = icalendar.Calendar.from_ical(get_feed(client, EARLY_2026).data)
    vevents = {str(v["UID"]): v for v in calendar.walk("VEVENT")}
    assert not any("RRULE" in v or "RDATE" in v or "RECURRENCE-ID" in v for v in vevents.values())
    plain = vevents[f"{ramadan(1447):%Y%m%d}-{UID}"]
    assert "Hijri date: 1 Ramadan 1447 AH" in plain["DESCRIPTION"]
    assert "Gregorian date: 18 February 2026" in plain["DESCRIPTION"]
    assert str(plain["SUMMARY"]) == "Ramadan Evening" and plain["SEQUENCE"] == 0
    moved = vevents[f"{ramadan(MOVED_YEAR):%Y%m%d}-{UID}"]
    assert moved["SEQUENCE"] == 2 and "3 Ramadan 1448 AH" in moved["DESCRIPTION"]
    cancelled = vevents[f"{ramadan(CANCELLED_YEAR):%Y%m%d}-{UID}"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 3
    assert str(cancelled["SUMMARY"]) == "Cancelled: Ramadan Evening"
    assert "This event has been cancelled." in cancelled["DESCRIPTION"]


def test_hijri_instances_in_arabic_name_the_hijri_date(client, add_event):
    add_event(**ramadan_fields(False))
    calendar = icalendar.Calendar.from_ical(get_feed(client, EARLY_2026, "/feeds/all.ics?lang=ar").data)
    vevent = next(v for v in calendar.walk("VEVENT") if str(v["UID"]).startswith(f"{ramadan(1449):%Y%m%d}"))
    assert "١ رمضان ١٤٤٩ هـ" in vevent["DESCRIPTION"]
    assert str(vevent["SUMMARY"]) == "أمسية رمضان"


def paris_fields() -> dict:
    """A Europe/Paris summer meeting every year (CEST, +02:00), with EXDATE, a move and a cancellation."""
    return {
        "uid": "paris@calendar.test", "slug": "paris-meeting", "title_en": "Paris Meeting",
        "title_ar": "اجتماع باريس", "all_day": False, "tzid": "Europe/Paris",
        "starts_local": dt.datetime(2027, 6, 5, 9, 0), "ends_local": dt.datetime(2027, 6, 5, 17, 0),
        "recurrence": {"calendar": "gregorian", "rrule": "FREQ=YEARLY;COUNT=6"},
        "exdates": (dt.date(2028, 6, 5),), "created_at": STAMP, "updated_at": STAMP,
        "overrides": (
            Override(original_on=dt.date(2029, 6, 5), starts_local=dt.datetime(2029, 6, 7, 10, 0),
                     ends_local=dt.datetime(2029, 6, 7, 18, 0), sequence=1, updated_at=STAMP),
            Override(original_on=dt.date(2030, 6, 5), cancelled=True, sequence=1, updated_at=STAMP),
        ),
    }


def test_gregorian_series_with_exdate_and_overrides_in_both_parsers(client, add_event):
    add_event(**paris_fields())
    body = get_feed(client, EARLY_2026).data
    uid = "paris@calendar.test"
    want = [
        (uid, dt.datetime(2027, 6, 5, 7, 0, tzinfo=dt.UTC), "CONFIRMED"),
        (uid, dt.datetime(2029, 6, 7, 8, 0, tzinfo=dt.UTC), "CONFIRMED"),
        (uid, dt.datetime(2030, 6, 5, 7, 0, tzinfo=dt.UTC), "CANCELLED"),
        (uid, dt.datetime(2031, 6, 5, 7, 0, tzinfo=dt.UTC), "CONFIRMED"),
        (uid, dt.datetime(2032, 6, 5, 7, 0, tzinfo=dt.UTC), "CONFIRMED"),
    ]
    window = (dt.date(2026, 1, 1), dt.date(2035, 12, 31))
    assert comparable(by_icalendar(body, *window)) == want
    assert comparable(by_vobject(body, *window)) == want


def test_gregorian_series_goes_out_natively(client, add_event):
    add_event(**paris_fields())
    calendar = icalendar.Calendar.from_ical(get_feed(client, EARLY_2026).data)
    master, *overrides = calendar.walk("VEVENT")
    assert master["RRULE"].to_ical() == b"FREQ=YEARLY;COUNT=6"
    assert [e.dts[0].dt for e in [master["EXDATE"]]] == [dt.datetime(2028, 6, 5, 9, 0, tzinfo=PARIS)]
    assert "Repeats: Every year on 5 June (6 times)" in master["DESCRIPTION"]
    assert [o["RECURRENCE-ID"].dt for o in overrides] == [
        dt.datetime(2029, 6, 5, 9, 0, tzinfo=PARIS), dt.datetime(2030, 6, 5, 9, 0, tzinfo=PARIS)]
    assert [str(o["STATUS"]) for o in overrides] == ["CONFIRMED", "CANCELLED"]
    assert str(overrides[1]["SUMMARY"]) == "Cancelled: Paris Meeting"
    assert "Gregorian date: 7 June 2029" in overrides[0]["DESCRIPTION"]
    # The zone's VTIMEZONE spans the series' years, so summer 2032 is still +02:00.
    [zone] = calendar.walk("VTIMEZONE")
    rdates = [sub.get("RDATE") for sub in zone.subcomponents if "RDATE" in sub]
    years = {p.dts[0].dt.year for found in rdates for p in (found if isinstance(found, list) else [found])}
    assert {2027, 2032} <= years


def test_horizon_moves_with_the_clock(client, add_event):
    add_event(**ramadan_fields(False))
    before = get_feed(client, dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC))
    after = get_feed(client, dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC))
    last = [max(str(v["UID"]) for v in icalendar.Calendar.from_ical(r.data).walk("VEVENT"))
            for r in (before, after)]
    # The horizon (five years) reaches 1 Ramadan 1453 = 15 December 2031 on 15 December 2026.
    assert last == [f"{ramadan(1452):%Y%m%d}-{UID}", f"{ramadan(1453):%Y%m%d}-{UID}"]
    assert before.headers["ETag"] != after.headers["ETag"]
    assert after.last_modified > before.last_modified
    assert after.last_modified == dt.datetime(2026, 12, 15, 0, 0, tzinfo=dt.UTC)


def test_last_modified_never_goes_backwards_day_by_day(client, add_event):
    add_event(**ramadan_fields(True))
    seen = []
    day = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    for _ in range(40):
        response = get_feed(client, day)
        seen.append((response.last_modified, response.headers["ETag"]))
        day += dt.timedelta(days=1)
    stamps = [s for s, _ in seen]
    assert stamps == sorted(stamps)
    # Whenever the body changed, Last-Modified moved (or the body is new since an earlier stamp).
    for (s1, e1), (s2, e2) in zip(seen, seen[1:], strict=False):
        assert e1 == e2 or s2 > s1


def test_per_occurrence_uids_are_stable_across_requests_and_days(client, add_event):
    add_event(**ramadan_fields(False))
    uids = [
        {str(v["UID"]) for v in icalendar.Calendar.from_ical(get_feed(client, when).data).walk("VEVENT")}
        for when in (EARLY_2026, EARLY_2026, EARLY_2026 + dt.timedelta(days=30))
    ]
    assert uids[0] == uids[1] == uids[2] == {row[0] for row in expected_ramadan(False)}


def test_event_download_lists_the_same_instances(client, add_event):
    add_event(**ramadan_fields(False))
    feed = icalendar.Calendar.from_ical(get_feed(client, EARLY_2026).data)
    one = get_feed(client, EARLY_2026, "/events/ramadan-evening.ics?lang=en")
    download = icalendar.Calendar.from_ical(one.data)
    assert [v.to_ical() for v in download.walk("VEVENT")] == [v.to_ical() for v in feed.walk("VEVENT")]
    later = get_feed(client, dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.UTC),
                     "/events/ramadan-evening.ics?lang=en")
    assert later.headers["ETag"] != one.headers["ETag"]
    assert later.last_modified == dt.datetime(2026, 12, 15, 0, 0, tzinfo=dt.UTC)


def test_recurring_events_leave_other_events_bytes_alone(seeded_client, seeded_app, golden):
    from calendar_app import db, store
    from calendar_app.events import make_event
    from calendar_app.models import EventRow
    from tests.conftest import event_fields

    with seeded_app.app_context():
        store.write_event(db.session(), EventRow(), make_event(**event_fields(**ramadan_fields(False))))
        db.session().commit()
    body = get_feed(seeded_client, EARLY_2026).data
    gold = golden("all.en.ics")
    # Every seeded VEVENT is in the new feed byte for byte.
    for chunk in gold.split(b"BEGIN:VEVENT")[1:]:
        assert b"BEGIN:VEVENT" + chunk.split(b"END:VEVENT")[0] in body


def test_finished_hijri_series_keeps_its_last_year_in_the_feed(client, add_event):
    # Three editions, 1441–1443 AH; "today" is years later, so the moving horizon holds none of them.
    add_event(**{**ramadan_fields(False), "overrides": (), "starts_on": ramadan(1441),
                 "ends_on": ramadan(1441), "recurrence": {**RAMADAN, "count": 3}})
    body = get_feed(client, dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)).data
    got = [row[1] for row in by_icalendar(body, dt.date(2019, 1, 1), dt.date(2030, 1, 1))]
    assert got == [ramadan(1442), ramadan(1443)]  # the series' last year, never an empty feed
    assert got == [row[1] for row in by_vobject(body, dt.date(2019, 1, 1), dt.date(2030, 1, 1))]


# -- the feed's bytes and Last-Modified move together, day after day ----------------------------------
def riyadh_monthly_fields() -> dict:
    """A never-ending timed series on the 10th of every Hijri month, in Asia/Riyadh."""
    first = Hijri(1446, 1, 10).to_gregorian()
    return {
        "uid": "monthly@calendar.test", "slug": "monthly-evening", "title_en": "Monthly Evening",
        "title_ar": "أمسية شهرية", "all_day": False, "tzid": "Asia/Riyadh",
        "starts_local": dt.datetime.combine(first, dt.time(20, 0)),
        "ends_local": dt.datetime.combine(first, dt.time(22, 0)),
        "recurrence": {"calendar": "hijri", "freq": "monthly", "day": 10},
        "created_at": STAMP, "updated_at": STAMP,
    }


def served(client, day: dt.date, path: str) -> tuple[bytes, str, dt.datetime]:
    """(body, ETag, Last-Modified) at noon UTC that day."""
    response = get_feed(client, dt.datetime.combine(day, dt.time(12), dt.UTC), path)
    return response.data, response.headers["ETag"], response.last_modified


def assert_moves_together(earlier: tuple, later: tuple) -> None:
    """Whenever the body changes, the ETag changes and Last-Modified moves forward; else neither."""
    (body1, etag1, stamp1), (body2, etag2, stamp2) = earlier, later
    assert stamp2 >= stamp1
    if body1 == body2:
        assert (etag2, stamp2) == (etag1, stamp1)
    else:
        assert etag2 != etag1 and stamp2 > stamp1


@pytest.fixture
def series_client(build_app, add_event):
    """Both never-ending timed Hijri series, served with a one-year horizon (fewer instances to render)."""
    add_event(**ramadan_fields(True))
    add_event(**riyadh_monthly_fields())
    return build_app(RECURRENCE_HORIZON_YEARS=1).test_client()


@pytest.mark.parametrize("path", ["/feeds/all.ics?lang=en", "/events/ramadan-evening.ics?lang=ar"])
@pytest.mark.parametrize("year", [2026, 2027, 2031])
def test_never_ending_timed_series_bytes_and_last_modified_move_together_at_new_year(
        series_client, year, path):
    # The zone's VTIMEZONE used to span the years up to the horizon's end: on 1 January it gained
    # a year, so the bytes changed while Last-Modified stayed.
    eve, new_year = dt.date(year, 12, 31), dt.date(year + 1, 1, 1)
    assert_moves_together(served(series_client, eve, path), served(series_client, new_year, path))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.one_of(
    st.dates(ics.FORMAT_CHANGED_AT.date(), dt.date(2045, 12, 30)),
    st.integers(ics.FORMAT_CHANGED_AT.year, 2044).map(lambda year: dt.date(year, 12, 31)),
))
def test_feed_bytes_and_last_modified_move_together_on_any_day(series_client, day):
    # Any day from the one this output format shipped (before it, Last-Modified is that day), and
    # often 31 December, where a year ends.
    path = "/feeds/all.ics?lang=en"
    assert_moves_together(served(series_client, day, path),
                          served(series_client, day + dt.timedelta(days=1), path))
