"""Cancelling, moving and restoring one occurrence of a recurring event from its staff page, over HTTP:
the stored overrides, SEQUENCE, the audit log and the served feed; login, CSRF and concurrency.

Expected Hijri dates come from hijridate directly, never from the code under test.
"""

import datetime as dt
import re

import icalendar
import pytest
import recurring_ical_events
import time_machine
from hijridate import Hijri

from calendar_app import audit, db, store
from tests.staff_support import TOKEN_RE, add_staff, log_in
from tests.test_staff_http import _write_urls

EARLY_2026 = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
STAMP = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)
HIJRI_RULE = {"calendar": "hijri", "freq": "yearly", "month": 9, "day": 1}
ACTIONS = ("cancel", "move", "restore")


def ramadan(year: int) -> dt.date:
    """1 Ramadan of a Hijri year, by hijridate itself."""
    return Hijri(year, 9, 1).to_gregorian()


@pytest.fixture
def editor(app, client):
    """A client logged in as an editor, the clock frozen in January 2026."""
    with time_machine.travel(EARLY_2026, tick=False):
        add_staff(app, "ed@example.org", "editor")
        assert log_in(client, "ed@example.org").status_code == 302
        yield client


@pytest.fixture
def ramadan_event(add_event):
    """An all-day "1 Ramadan every year" event from 1446 AH."""
    first = ramadan(1446)
    return add_event(
        uid="ramadan@calendar.test",
        slug="ramadan-evening",
        recurrence=HIJRI_RULE,
        starts_on=first,
        ends_on=first,
        created_at=STAMP,
        updated_at=STAMP,
    )


@pytest.fixture
def weekly_talk(add_event):
    """A timed Gregorian weekly event (Mondays 18:00–19:30 Doha), RRULE in the feed."""
    return add_event(
        uid="talk@calendar.test",
        slug="weekly-talk",
        all_day=False,
        starts_on=None,
        ends_on=None,
        starts_local=dt.datetime(2026, 2, 2, 18, 0),
        ends_local=dt.datetime(2026, 2, 2, 19, 30),
        recurrence={"calendar": "gregorian", "rrule": "FREQ=WEEKLY;COUNT=10"},
        created_at=STAMP,
        updated_at=STAMP,
    )


def stored(app, uid):
    with app.app_context():
        return store.to_event(store.event_row_by_uid(db.session(), uid))


def edit_page(client, uid) -> str:
    response = client.get(f"/en/staff/events/{uid}/edit")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def act(client, uid, action, original_on, version, **extra):
    """Post one occurrence action with the token from the event's staff page."""
    token = TOKEN_RE.search(edit_page(client, uid)).group(1)
    data = {"csrf_token": token, "version": str(version), "original_on": str(original_on), **extra}
    return client.post(f"/en/staff/events/{uid}/occurrences/{action}", data=data)


def vevents(client) -> dict:
    body = client.get("/feeds/all.ics?lang=en").data
    return {
        (str(v["UID"]), v.get("RECURRENCE-ID") and v["RECURRENCE-ID"].dt): v
        for v in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }


def expand(client, start=dt.date(2024, 1, 1), end=dt.date(2032, 12, 31)):
    calendar = icalendar.Calendar.from_ical(client.get("/feeds/all.ics?lang=en").data)
    return sorted(
        (c.DTSTART, str(c.get("STATUS", ""))) for c in recurring_ical_events.of(calendar).between(start, end)
    )


def instance_uid(event, year):
    return f"{ramadan(year):%Y%m%d}-{event.uid}"


# -- the staff page -----------------------------------------------------------------------------------
def test_staff_page_lists_upcoming_occurrences_with_actions(editor, ramadan_event):
    page = edit_page(editor, ramadan_event.uid)
    originals = re.findall(r'<li class="occurrence [a-z]*" data-original="([0-9-]+)"', page)
    # From 15 January 2026 the next are 1 Ramadan 1447 onwards (1446 is over).
    assert originals == [ramadan(y).isoformat() for y in range(1447, 1457)]
    assert page.count("Cancel this occurrence") == 10 and page.count("Move this occurrence") == 10
    assert "Restore this occurrence" not in page


def test_non_recurring_event_has_no_occurrence_section(editor, add_event):
    assert 'id="occurrences"' not in edit_page(editor, add_event().uid)


# -- cancel / move / restore a Hijri instance ---------------------------------------------------------
def test_cancelling_one_hijri_occurrence_cancels_only_that_instance_in_the_feed(editor, app, ramadan_event):
    response = act(editor, ramadan_event.uid, "cancel", ramadan(1448), ramadan_event.version)
    assert response.status_code == 302 and response.location.endswith("#occurrences")
    after = stored(app, ramadan_event.uid)
    (override,) = after.overrides
    assert (override.original_on, override.cancelled) == (ramadan(1448), True)
    assert after.sequence == ramadan_event.sequence + 1 == override.sequence
    feed = vevents(editor)
    cancelled = feed[(instance_uid(ramadan_event, 1448), None)]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == override.sequence
    assert str(feed[(instance_uid(ramadan_event, 1449), None)]["STATUS"]) == "CONFIRMED"
    with app.app_context():
        (entry,) = audit.entries_for(db.session(), ramadan_event.uid)
    assert entry.action == "cancel-occurrence" and "overrides" in entry.changes
    assert 'class="occurrence cancelled"' in edit_page(editor, ramadan_event.uid)


def test_moving_one_hijri_occurrence_moves_that_instance_and_keeps_its_uid(editor, app, ramadan_event):
    new_day = ramadan(1449) + dt.timedelta(days=2)
    response = act(
        editor, ramadan_event.uid, "move", ramadan(1449), ramadan_event.version, new_on=new_day.isoformat()
    )
    assert response.status_code == 302
    (override,) = stored(app, ramadan_event.uid).overrides
    assert (override.starts_on, override.ends_on, override.cancelled) == (new_day, new_day, False)
    moved = vevents(editor)[(instance_uid(ramadan_event, 1449), None)]
    assert moved["DTSTART"].dt == new_day and moved["SEQUENCE"] == override.sequence
    days = [day for day, _ in expand(editor)]
    assert new_day in days and ramadan(1449) not in days
    assert "Moved from" in edit_page(editor, ramadan_event.uid)


def test_restore_puts_a_cancelled_occurrence_back_with_a_higher_sequence(editor, app, ramadan_event):
    assert act(editor, ramadan_event.uid, "cancel", ramadan(1450), ramadan_event.version).status_code == 302
    cancelled = stored(app, ramadan_event.uid)
    assert act(editor, ramadan_event.uid, "restore", ramadan(1450), cancelled.version).status_code == 302
    restored = stored(app, ramadan_event.uid)
    assert restored.overrides == () and restored.sequence == cancelled.sequence + 1
    again = vevents(editor)[(instance_uid(ramadan_event, 1450), None)]
    # Clients keep the higher SEQUENCE: the restored instance must outrank the cancelled one.
    assert str(again["STATUS"]) == "CONFIRMED" and again["SEQUENCE"] > cancelled.overrides[0].sequence
    with app.app_context():
        actions = [e.action for e in audit.entries_for(db.session(), ramadan_event.uid)]
    assert sorted(actions) == ["cancel-occurrence", "restore-occurrence"]


# -- a timed Gregorian series: RECURRENCE-ID overrides -------------------------------------------------
def test_moving_a_timed_gregorian_occurrence_emits_a_recurrence_id_override(editor, app, weekly_talk):
    original = dt.date(2026, 2, 16)
    response = act(
        editor,
        weekly_talk.uid,
        "move",
        original,
        weekly_talk.version,
        new_on="2026-02-17",
        new_start="19:00",
        new_end="20:00",
    )
    assert response.status_code == 302
    (override,) = stored(app, weekly_talk.uid).overrides
    assert override.original_local == dt.datetime(2026, 2, 16, 18, 0)
    assert (override.starts_local, override.ends_local) == (
        dt.datetime(2026, 2, 17, 19, 0),
        dt.datetime(2026, 2, 17, 20, 0),
    )
    feed = vevents(editor)
    rid = next(k[1] for k in feed if k[0] == weekly_talk.uid and k[1] is not None)
    assert rid.replace(tzinfo=None) == dt.datetime(2026, 2, 16, 18, 0)
    moved = feed[(weekly_talk.uid, rid)]
    assert moved["DTSTART"].dt.replace(tzinfo=None) == dt.datetime(2026, 2, 17, 19, 0)
    starts = [s.replace(tzinfo=None) for s, _ in expand(editor)]
    assert dt.datetime(2026, 2, 17, 19, 0) in starts and dt.datetime(2026, 2, 16, 18, 0) not in starts
    assert len(starts) == 10


def test_cancelling_a_gregorian_occurrence_shows_it_cancelled_to_subscribers(editor, weekly_talk):
    assert act(editor, weekly_talk.uid, "cancel", "2026-02-09", weekly_talk.version).status_code == 302
    statuses = {s.replace(tzinfo=None): st for s, st in expand(editor)}
    assert statuses[dt.datetime(2026, 2, 9, 18, 0)] == "CANCELLED"
    assert statuses[dt.datetime(2026, 2, 16, 18, 0)] == "CONFIRMED"


# -- refusals -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("action", "extra", "message"),
    [
        ("move", {"new_on": ""}, "Give the new first day."),
        ("move", {"new_on": "2090-01-01"}, "Dates must lie between 1924-08-01 and 2077-11-16"),
    ],
)
def test_bad_move_is_refused_with_a_message_and_changes_nothing(
    editor, app, ramadan_event, action, extra, message
):
    response = act(editor, ramadan_event.uid, action, ramadan(1448), ramadan_event.version, **extra)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert stored(app, ramadan_event.uid).version == ramadan_event.version


def test_timed_move_ending_before_it_starts_is_refused(editor, app, weekly_talk):
    response = act(
        editor,
        weekly_talk.uid,
        "move",
        "2026-02-16",
        weekly_talk.version,
        new_on="2026-02-17",
        new_start="19:00",
        new_end="18:00",
    )
    assert response.status_code == 422 and "The event ends before it starts." in response.get_data(
        as_text=True
    )
    assert stored(app, weekly_talk.uid).overrides == ()


def test_a_date_that_is_not_an_occurrence_is_refused(editor, app, ramadan_event):
    response = act(
        editor, ramadan_event.uid, "cancel", ramadan(1448) + dt.timedelta(days=1), ramadan_event.version
    )
    assert response.status_code == 422
    assert "This date is not one of the event&#39;s occurrences." in response.get_data(as_text=True)
    assert stored(app, ramadan_event.uid).overrides == ()


def test_refusal_message_is_in_arabic_on_ar(editor, ramadan_event):
    token = TOKEN_RE.search(edit_page(editor, ramadan_event.uid)).group(1)
    response = editor.post(
        f"/ar/staff/events/{ramadan_event.uid}/occurrences/move",
        data={
            "csrf_token": token,
            "version": ramadan_event.version,
            "original_on": ramadan(1448).isoformat(),
            "new_on": "",
        },
    )
    assert response.status_code == 422 and "اذكر اليوم الأول الجديد." in response.get_data(as_text=True)


def test_stale_version_is_a_conflict_and_changes_nothing(editor, app, ramadan_event):
    response = act(editor, ramadan_event.uid, "cancel", ramadan(1448), ramadan_event.version - 1)
    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert stored(app, ramadan_event.uid).overrides == ()


def test_unreadable_original_date_is_a_bad_request(editor, ramadan_event):
    assert act(editor, ramadan_event.uid, "cancel", "1 Ramadan", ramadan_event.version).status_code == 400


@pytest.mark.parametrize("action", ACTIONS)
def test_occurrence_actions_refuse_anonymous_and_tokenless_requests(app, editor, ramadan_event, action):
    path = f"/en/staff/events/{ramadan_event.uid}/occurrences/{action}"
    data = {
        "version": ramadan_event.version,
        "original_on": ramadan(1448).isoformat(),
        "new_on": "2028-01-01",
    }
    anonymous = app.test_client()
    # Even with a valid token (anyone can get one from the login page), no login means no write.
    token = TOKEN_RE.search(anonymous.get("/en/staff/login").get_data(as_text=True)).group(1)
    response = anonymous.post(path, data={**data, "csrf_token": token})
    assert response.status_code == 302 and "/staff/login" in response.location
    assert editor.post(path, data=data).status_code == 400
    assert stored(app, ramadan_event.uid).version == ramadan_event.version


def test_the_url_map_test_covers_the_occurrence_actions(app, ramadan_event):
    # tests/test_staff_http.py checks every POST route it finds; these must be among them.
    urls = _write_urls(app, ramadan_event.uid, 1)
    for action in ACTIONS:
        assert f"/en/staff/events/{ramadan_event.uid}/occurrences/{action}" in urls
