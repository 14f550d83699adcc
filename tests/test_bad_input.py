"""No 500 on bad input (issue 11, point 7): digits that are not ASCII, NUL, over-long names, and error
messages that never quote more than a bounded snippet of what was typed. Runs on SQLite and, when
TEST_DATABASE_URL is set, on PostgreSQL (which refuses NUL in any string).
"""

import datetime as dt

import pytest

from calendar_app import db, store
from calendar_app.events import EventError, check_zone
from calendar_app.recurrence import check_rule
from calendar_app.text import SNIPPET_MAX
from tests.staff_support import add_staff, event_form, log_in, post_form, token

STAMP = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
UNICODE_DIGITS = ["²", "٣", "１", "߃", "①"]  # superscript, Arabic-Indic, fullwidth, NKo, circled


@pytest.fixture
def editor(app, client):
    add_staff(app, "ed@example.org")
    assert log_in(client, "ed@example.org").status_code == 302
    return client


@pytest.fixture
def weekly(add_event):
    return add_event(recurrence={"calendar": "gregorian", "rrule": "FREQ=WEEKLY;COUNT=10"},
                     starts_on=dt.date(2027, 3, 15), ends_on=dt.date(2027, 3, 15),
                     created_at=STAMP, updated_at=STAMP)


def _stored(app, uid):
    with app.app_context():
        return store.to_event(store.event_row_by_uid(db.session(), uid))


@pytest.mark.parametrize("version", UNICODE_DIGITS)
def test_a_version_in_other_digits_is_a_conflict_not_a_500(app, editor, weekly, version):
    uid = weekly.uid
    edit = f"/en/staff/events/{uid}/edit"
    saved = post_form(editor, edit, event_form(slug=weekly.slug, version=version))
    cancelled = post_form(editor, f"/en/staff/events/{uid}/cancel", {"version": version}, csrf_from=edit)
    occurrence = editor.post(f"/en/staff/events/{uid}/occurrences/cancel",
                             data={"csrf_token": token(editor, edit), "version": version,
                                   "original_on": "2027-03-22"})
    assert (saved.status_code, cancelled.status_code, occurrence.status_code) == (409, 409, 409)
    after = _stored(app, uid)
    assert after.version == weekly.version and after.status == "confirmed" and not after.overrides


@pytest.mark.parametrize("path", [
    "/en/events/%00/", "/ar/events/a%00b/", "/events/%00.ics", "/feeds/%00.ics", "/en/staff/events/%00/edit",
    "/en/?country=%00", "/feeds/all.ics?lang=%00", "/api/hijri?date=%00", "/en/staff/login?next=/%00",
])
def test_nul_in_a_url_is_refused_with_400(editor, path):
    response = editor.get(path)  # logged in: staff pages too
    assert response.status_code == 400


def test_nul_in_the_url_of_a_feed_or_the_api_is_answered_in_plain_text(client):
    response = client.get("/events/%00.ics")
    assert response.status_code == 400 and response.mimetype == "text/plain"


def test_nul_in_the_login_email_is_a_wrong_login_not_a_500(app, client):
    add_staff(app, "ed@example.org")
    assert log_in(client, "nobody\x00@example.org", "whatever it is, wrong").status_code == 200
    assert log_in(client, "ed\x00@example.org").status_code == 302  # control characters are dropped


def test_nul_in_a_new_account_email_is_not_a_500(app, client):
    add_staff(app, "admin@example.org", "admin")
    log_in(client, "admin@example.org")
    response = post_form(client, "/en/staff/users", {"email": "x\x00y@example.org", "password": "p" * 20,
                                                     "role": "editor"})
    assert response.status_code in (302, 422)


@pytest.mark.parametrize("field", ["city_en", "city_ar"])
def test_a_city_longer_than_its_column_is_a_field_error(editor, field):
    response = post_form(editor, "/en/staff/events/new", event_form(**{field: "ب" * 150}))
    assert response.status_code == 422
    assert "At most 120 characters (this has 150)." in response.get_data(as_text=True)


def test_unknown_zone_message_quotes_a_bounded_snippet():
    with pytest.raises(EventError) as refused:
        check_zone("Asia/" + "x" * 100_000)
    quoted = refused.value.params["zone"]
    assert len(quoted) == SNIPPET_MAX + 1 and quoted.endswith("…") and f"“{quoted}”" in str(refused.value)


@pytest.mark.parametrize("rrule", ["FREQ=YEARLY;BYMONTH=1;BYMONTH=" + "9" * 50_000,
                                   "FREQ=YEARLY;" + "X" * 50_000 + "=1", "FREQ=YEARLY;" + "Y" * 50_000])
def test_repeat_rule_messages_quote_a_bounded_snippet(rrule):
    with pytest.raises(EventError) as refused:
        check_rule({"calendar": "gregorian", "rrule": rrule}, dt.date(2027, 1, 1))
    assert len(str(refused.value)) < 200 and len(refused.value.text("ar")) < 200


def test_form_error_for_an_unknown_zone_does_not_echo_it(editor):
    typed = "Mars/Olympus_Mons" + "x" * 200_000
    response = post_form(editor, "/en/staff/events/new", event_form(tzid=typed))
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Unknown time zone “Mars/Olympus_Monsxxxxxxxxxxxxxxxxxxxxxxx…”" in text
    assert "x" * (SNIPPET_MAX + 1) not in text


def test_unknown_feed_message_quotes_a_bounded_snippet(client):
    for path in ("/feeds/" + "a" * 3000 + ".ics", "/events/" + "b" * 3000 + ".ics"):
        response = client.get(path)
        assert response.status_code == 404 and len(response.data) < 200
