"""The staff form's "Repeats" section over HTTP: rules built from choices, excluded dates, errors in both
languages with nothing saved, the preview (no-JS path) and the live-preview JSON endpoint.

Expected Hijri dates come from hijridate directly, never from the code under test.
"""

import datetime as dt
import html
import re

import icalendar
import pytest
import recurring_ical_events
import time_machine
from hijridate import Hijri
from sqlalchemy import func, select

from calendar_app import db, store
from calendar_app.models import EventRow
from tests.staff_support import add_staff, error_text, event_form, log_in, post_form

NEW = "/en/staff/events/new"
# A year back and five ahead of this day cover 1 Ramadan 1446 (2025-03-01) to 1452 (2030-12-26).
EARLY_2026 = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


def ramadan(year: int) -> dt.date:
    """1 Ramadan of a Hijri year, by hijridate itself."""
    return Hijri(year, 9, 1).to_gregorian()


def hijri_yearly(**overrides) -> dict:
    """The form entered in the Hijri calendar: 1 Ramadan 1446, repeating every Hijri year."""
    data = event_form(
        title_en="Ramadan Evening",
        title_ar="أمسية رمضان",
        slug="ramadan-evening",
        calendar="hijri",
        starts_on="",
        ends_on="",
        hijri_start_year="1446",
        hijri_start_month="9",
        hijri_start_day="1",
        hijri_end_year="1446",
        hijri_end_month="9",
        hijri_end_day="1",
        repeat="hijri",
        repeat_hijri_freq="yearly",
        repeat_end="never",
        repeat_skip="omit",
    )
    data.update(overrides)
    return data


@pytest.fixture
def editor(app, client):
    """A client logged in as an editor in January 2026 (the clock stays frozen there for the test).

    CSRF is on: every post carries a token taken from a rendered form.
    """
    with time_machine.travel(EARLY_2026, tick=False):
        add_staff(app, "ed@example.org", "editor")
        assert log_in(client, "ed@example.org").status_code == 302
        yield client


def stored(app, slug: str):
    with app.app_context():
        row = store.event_row_by_slug(db.session(), slug)
        return store.to_event(row) if row else None


def count_events(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(EventRow))


def feed(client, when=EARLY_2026) -> icalendar.Calendar:
    with time_machine.travel(when, tick=False):
        response = client.get("/feeds/all.ics?lang=en")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.data)


def starts(calendar, start=dt.date(2024, 1, 1), end=dt.date(2032, 12, 31)) -> list:
    """(UID, first day, STATUS) of every instance, as recurring-ical-events expands the feed."""
    found = recurring_ical_events.of(calendar).between(start, end)
    return sorted((str(c["UID"]), c.DTSTART, str(c.get("STATUS", ""))) for c in found)


# -- creating through the form ----------------------------------------------------------------------
def test_hijri_yearly_rule_from_the_form_gives_1_ramadan_in_the_feed(editor, app):
    response = post_form(editor, NEW, hijri_yearly())
    assert response.status_code == 302, error_text(response.get_data(as_text=True), "repeat")
    event = stored(app, "ramadan-evening")
    # Month and day were left empty: they default to the first day's Hijri date.
    assert event.recurrence == {
        "calendar": "hijri",
        "freq": "yearly",
        "month": 9,
        "day": 1,
        "interval": 1,
        "count": None,
        "until": None,
        "skip": "omit",
    }
    assert event.first_day == ramadan(1446)
    want = [(f"{ramadan(y):%Y%m%d}-{event.uid}", ramadan(y), "CONFIRMED") for y in range(1446, 1453)]
    assert starts(feed(editor)) == sorted(want)


def test_the_feed_horizon_follows_the_clock_for_a_form_made_rule(editor):
    assert post_form(editor, NEW, hijri_yearly()).status_code == 302
    later = feed(editor, dt.datetime(2028, 6, 1, 9, 0, tzinfo=dt.UTC))
    days = [day for _, day, _ in starts(later, dt.date(2020, 1, 1), dt.date(2040, 1, 1))]
    # A year back from June 2028 (June 2027) drops 1446–1448; five years ahead reaches 1454 (December 2032).
    assert days == [ramadan(y) for y in range(1449, 1455)]


def test_gregorian_yearly_rule_with_an_excluded_date(editor, app):
    data = event_form(
        repeat="gregorian", repeat_freq="YEARLY", repeat_end="count", repeat_count="5", exdates="2029-03-15"
    )
    assert post_form(editor, NEW, data).status_code == 302
    event = stored(app, "border-security-expo")
    assert event.recurrence == {"calendar": "gregorian", "rrule": "FREQ=YEARLY;COUNT=5"}
    assert event.exdates == (dt.date(2029, 3, 15),)
    master = next(c for c in feed(editor).walk("VEVENT") if str(c["UID"]) == event.uid)
    assert master["RRULE"].to_ical() == b"FREQ=YEARLY;COUNT=5"
    days = [day for _, day, _ in starts(feed(editor))]
    assert days == [dt.date(2027, 3, 15), dt.date(2028, 3, 15), dt.date(2030, 3, 15), dt.date(2031, 3, 15)]


def test_gregorian_weekly_rule_with_interval_and_end_date(editor, app):
    data = event_form(
        repeat="gregorian",
        repeat_freq="WEEKLY",
        repeat_interval="2",
        repeat_end="until",
        repeat_until="2027-04-30",
        starts_on="2027-03-15",
        ends_on="2027-03-15",
    )
    assert post_form(editor, NEW, data).status_code == 302
    assert stored(app, "border-security-expo").recurrence["rrule"] == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270430"
    days = [day for _, day, _ in starts(feed(editor))]
    assert days == [dt.date(2027, 3, 15), dt.date(2027, 3, 29), dt.date(2027, 4, 12), dt.date(2027, 4, 26)]


def test_no_repeat_means_no_rule_and_exdates_are_ignored(editor, app):
    assert post_form(editor, NEW, event_form(repeat="none", exdates="2028-03-15")).status_code == 302
    event = stored(app, "border-security-expo")
    assert event.recurrence is None and event.exdates == ()


# -- bad input --------------------------------------------------------------------------------------
BAD = [
    (
        "interval-0",
        event_form(repeat="gregorian", repeat_interval="0"),
        "repeat_interval",
        "Repeat every 1 to 100 periods (the interval).",
        "كرّر كل فترة واحدة إلى 100 فترة (الفاصل).",
    ),
    (
        "count-0",
        event_form(repeat="gregorian", repeat_end="count", repeat_count="0"),
        "repeat_count",
        "The number of occurrences must be between 1 and 1000.",
        "يجب أن يكون عدد المرات بين 1 و1000.",
    ),
    (
        "count-missing",
        event_form(repeat="gregorian", repeat_end="count"),
        "repeat_count",
        "Give the number of times the event happens.",
        "اذكر عدد مرات انعقاد الفعالية.",
    ),
    (
        "until-before-start",
        event_form(repeat="gregorian", repeat_end="until", repeat_until="2027-03-01"),
        "repeat_until",
        "The repeat rule ends before the event's first day.",
        "تنتهي قاعدة التكرار قبل اليوم الأول للفعالية.",
    ),
    (
        "hijri-until-before-start",
        hijri_yearly(repeat_end="until", repeat_until="2025-01-01"),
        "repeat_until",
        "The repeat rule ends before the event's first day.",
        "تنتهي قاعدة التكرار قبل اليوم الأول للفعالية.",
    ),
    (
        "hijri-interval-0",
        hijri_yearly(repeat_interval="0"),
        "repeat_interval",
        "Repeat every 1 to 100 periods (the interval).",
        "كرّر كل فترة واحدة إلى 100 فترة (الفاصل).",
    ),
    (
        "hijri-day-31",
        hijri_yearly(repeat_hijri_day="31"),
        "repeat_hijri_day",
        "The Hijri day must be between 1 and 30.",
        "يجب أن يكون اليوم الهجري بين 1 و30.",
    ),
    (
        "hijri-month-13",
        hijri_yearly(repeat_hijri_month="13"),
        "repeat_hijri_month",
        "The Hijri month must be between 1 and 12.",
        "يجب أن يكون الشهر الهجري بين 1 و12.",
    ),
    (
        "interval-negative",  # the interval's own field, not "Repeats" (the old wording-based guess)
        event_form(repeat="gregorian", repeat_interval="-3"),
        "repeat_interval",
        "INTERVAL must be a whole number.",
        "يجب أن يكون INTERVAL عددًا صحيحًا.",
    ),
    (
        "count-negative",
        event_form(repeat="gregorian", repeat_end="count", repeat_count="-3"),
        "repeat_count",
        "COUNT must be a whole number.",
        "يجب أن يكون COUNT عددًا صحيحًا.",
    ),
    (
        "rule-by-parts-never-happen",
        event_form(repeat="gregorian", repeat_by="BYMONTH=2;BYMONTHDAY=30"),
        "repeat",
        "Those months never have that day (BYMONTH with BYMONTHDAY).",
        "لا يوجد هذا اليوم في تلك الأشهر أبدًا (BYMONTH مع BYMONTHDAY).",
    ),
    (
        "exdate-unreadable",
        event_form(repeat="gregorian", exdates="15/03/2028"),
        "exdates",
        "Write each excluded date as YYYY-MM-DD, one per line.",
        "اكتب كل تاريخ مستثنى بالصيغة YYYY-MM-DD، تاريخًا في كل سطر.",
    ),
    (
        "exdate-not-an-occurrence",
        event_form(repeat="gregorian", exdates="2028-03-16"),
        "exdates",
        "2028-03-16 is not a date of this repeat rule.",
        "2028-03-16 ليس من تواريخ قاعدة التكرار هذه.",
    ),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    ("data", "field", "english", "arabic"), [case[1:] for case in BAD], ids=[case[0] for case in BAD]
)
def test_bad_rule_is_a_field_error_in_the_page_language_and_saves_nothing(
    editor, app, lang, data, field, english, arabic
):
    path = f"/{lang}/staff/events/new"
    response = post_form(editor, path, data)
    assert response.status_code == 422
    assert html.unescape(error_text(response.get_data(as_text=True), field)) == (
        arabic if lang == "ar" else english
    )
    assert count_events(app) == 0


def test_first_day_off_the_rule_names_the_next_date_in_arabic(editor, app):
    # 1 Ramadan 1446 is not on 15 Sha'ban: the message names the rule's next date (15 Sha'ban 1447),
    # in both calendars and in Arabic.
    response = post_form(
        editor, "/ar/staff/events/new", hijri_yearly(repeat_hijri_month="8", repeat_hijri_day="15")
    )
    assert response.status_code == 422
    message = html.unescape(error_text(response.get_data(as_text=True), "repeat"))
    assert message.startswith("يجب أن يكون اليوم الأول للفعالية أول تاريخ في القاعدة")
    assert Hijri(1447, 8, 15).to_gregorian() == dt.date(2026, 2, 3)
    assert message.endswith("التاريخ التالي هو ٣ فبراير ٢٠٢٦ (١٥ شعبان ١٤٤٧ هـ).")
    assert count_events(app) == 0


# -- preview: the page (no JavaScript) and the JSON endpoint ----------------------------------------
def test_preview_page_lists_the_next_ten_occurrences_in_both_calendars(editor, app):
    response = post_form(editor, "/ar/staff/events/new", hijri_yearly(action="preview"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="rule-preview"' in page
    table = page.split('id="rule-preview"', 1)[1].split("</table>", 1)[0]
    rows = table.count("<tr data-date=")
    # From 15 January 2026 the next ten are 1 Ramadan 1447 to 1456.
    assert rows == 10
    assert f'data-date="{ramadan(1447)}"' in table and f'data-date="{ramadan(1456)}"' in table
    assert f'data-date="{ramadan(1446)}"' not in table
    assert "١ رمضان ١٤٤٧ هـ" in table and "١ رمضان ١٤٥٦ هـ" in table
    assert "كل عام في ١ رمضان" in page
    assert count_events(app) == 0


def test_preview_api_gives_ten_occurrences_with_both_labels(client):
    query = {
        "calendar": "hijri",
        "hijri_start_year": "1446",
        "hijri_start_month": "9",
        "hijri_start_day": "1",
        "repeat": "hijri",
        "repeat_hijri_freq": "yearly",
        "lang": "ar",
    }
    with time_machine.travel(EARLY_2026, tick=False):
        data = client.get("/api/recurrence-preview", query_string=query).json
    assert [item["date"] for item in data["items"]] == [ramadan(y).isoformat() for y in range(1447, 1457)]
    assert data["items"][0]["hijri"] == "١ رمضان ١٤٤٧ هـ"
    assert data["items"][0]["gregorian"] == "١٨ فبراير ٢٠٢٦"
    assert data["first_hijri"] == {"month": 9, "day": 1}


@pytest.mark.parametrize(
    ("query", "english", "arabic"),
    [
        (
            {"repeat_hijri_day": "31"},
            "The Hijri day must be between 1 and 30.",
            "يجب أن يكون اليوم الهجري بين 1 و30.",
        ),
        (
            {"repeat_interval": "0"},
            "Repeat every 1 to 100 periods (the interval).",
            "كرّر كل فترة واحدة إلى 100 فترة (الفاصل).",
        ),
    ],
)
def test_preview_api_answers_a_bad_rule_with_its_message(client, query, english, arabic):
    base = {
        "calendar": "gregorian",
        "starts_on": "2025-03-01",
        "repeat": "hijri",
        "repeat_hijri_freq": "yearly",
    }
    for lang, message in (("en", english), ("ar", arabic)):
        response = client.get("/api/recurrence-preview", query_string={**base, **query, "lang": lang})
        assert response.status_code == 400 and response.json == {"error": message}


def test_preview_api_without_a_first_day_says_so(client):
    response = client.get("/api/recurrence-preview", query_string={"repeat": "gregorian", "lang": "en"})
    assert response.status_code == 400
    assert response.json["error"] == "Give the first and last day of the event."


# -- editing a rule -----------------------------------------------------------------------------------
def test_edit_form_shows_the_stored_rule_and_saving_it_unchanged_keeps_it(editor, app, add_event):
    event = add_event(
        recurrence={"calendar": "gregorian", "rrule": "FREQ=MONTHLY;BYDAY=3MO;COUNT=4"},
        starts_on=dt.date(2027, 3, 15),
        ends_on=dt.date(2027, 3, 15),
    )
    path = f"/en/staff/events/{event.uid}/edit"
    page = editor.get(path).get_data(as_text=True)
    assert re.search(r'<input checked id="repeat-1" name="repeat" type="radio" value="gregorian">', page)
    assert 'name="repeat_by" type="hidden" value="BYDAY=3MO"' in page
    data = event_form(
        slug="test-event",
        title_en="Test Expo",
        title_ar="معرض تجريبي",
        starts_on="2027-03-15",
        ends_on="2027-03-15",
        venue="test-hall",
        repeat="gregorian",
        repeat_freq="MONTHLY",
        repeat_end="count",
        repeat_count="4",
        repeat_by="BYDAY=3MO",
        version=str(event.version),
        categories="exhibition",
    )
    assert post_form(editor, path, data).status_code == 302
    assert stored(app, "test-event").recurrence == {
        "calendar": "gregorian",
        "rrule": "FREQ=MONTHLY;COUNT=4;BYDAY=3MO",
    }


def test_turning_repeat_off_drops_rule_exdates_and_overrides(editor, app, add_event):
    from calendar_app.events import Override

    event = add_event(
        recurrence={"calendar": "gregorian", "rrule": "FREQ=YEARLY"},
        exdates=(dt.date(2028, 3, 15),),
        overrides=(Override(original_on=dt.date(2029, 3, 15), cancelled=True, updated_at=EARLY_2026),),
    )
    path = f"/en/staff/events/{event.uid}/edit"
    data = event_form(
        slug="test-event",
        starts_on="2027-03-15",
        ends_on="2027-03-17",
        venue="test-hall",
        repeat="none",
        version=str(event.version),
    )
    assert post_form(editor, path, data).status_code == 302
    after = stored(app, "test-event")
    assert (after.recurrence, after.exdates, after.overrides) == (None, (), ())
    assert after.sequence == event.sequence + 1
