"""No silent changes to published data, through real HTTP on a production gunicorn.

Cancel and restore are explicit actions; a shared venue or series changes only on its own page, which
bumps SEQUENCE and LAST-MODIFIED of every event using it and moves the feeds' validators; local times
that do not exist or happen twice are field errors; every field error shows at once.
"""

import itertools
import re
import time

import pytest

from tests.reliability.staff_forms import (
    assert_validators_follow_bytes,
    event_form,
    fetch_feed,
    field_errors,
    form_values,
    post_form,
    private_site,
    staff_client,
    uid_of,
)

NEW = "/en/staff/events/new"
VERSION_RE = re.compile(r'name="version" type="hidden" value="(\d*)"')
EDITOR, ADMIN = "ed@example.org", "admin@example.org"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_template):
    """One production gunicorn for this module (each test uses its own events), with two accounts."""
    with private_site(tmp_path_factory.mktemp("published"), sqlite_template,
                      ((EDITOR, "editor"), (ADMIN, "admin"))) as started:
        yield started


def _editor(site, lang: str = "en"):
    return staff_client(site, EDITOR, lang=lang, create=False)


def _version(page: str) -> str:
    match = VERSION_RE.search(page)
    assert match, "no version field"
    return match.group(1)


def _fresh(**overrides) -> dict:
    """Event form data with a title, URL name and new venue of its own (tests share one server)."""
    n = next(_names)
    fields = {"title_en": f"Border Security Expo {n}", "slug": f"border-security-expo-{n}",
              "venue_slug": f"expo-hall-{n}", "venue_name_en": f"Expo Hall {n}"}
    return event_form(**{**fields, **overrides})


def _add(client, **overrides) -> str:
    data = _fresh(**overrides)
    response = post_form(client, NEW, data)
    assert response.status_code == 302, field_errors(response.text)
    return uid_of(client, data["title_en"])


def _cancel(client, uid: str) -> None:
    path = f"/en/staff/events/{uid}/cancel"
    response = post_form(client, path, {"version": _version(client.get(path).text)})
    assert response.status_code == 302


def _audit(site, uid: str) -> list[str]:
    """The actions recorded about one event, newest first, as the admin page shows them."""
    with staff_client(site, ADMIN, create=False) as admin:
        page = admin.get("/en/staff/audit").text
    rows = re.findall(r"<tr>\s*<td dir=\"ltr\">[^<]*</td><td dir=\"ltr\">[^<]*</td><td>([^<]*)</td>\s*"
                      r"<td dir=\"ltr\" class=\"uid\">([^<]*)</td>", page)
    return [action for action, who in rows if who == uid]


# -- cancel and restore ------------------------------------------------------------------------------
def test_a_plain_edit_of_a_cancelled_event_keeps_it_cancelled(site):
    with _editor(site) as editor:
        uid = _add(editor)
        _cancel(editor, uid)
        sequence = int(fetch_feed(editor).vevent(uid)["SEQUENCE"])
        page = editor.get(f"/en/staff/events/{uid}/edit").text
        assert not re.search(r'<select[^>]*name="status"', page), "a cancelled event offers a status list"
        assert 'id="status-readonly"' in page
        typed = form_values(page)
        typed.update(title_en="Border Security Expo, typo fixed", action="publish")
        response = editor.post(f"/en/staff/events/{uid}/edit", data=typed)
        assert response.status_code == 302, field_errors(response.text)
        vevent = fetch_feed(editor).vevent(uid)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "Border Security Expo, typo fixed" in str(vevent["SUMMARY"])
    assert int(vevent["SEQUENCE"]) == sequence + 1


def test_an_edit_cannot_cancel_or_uncancel_by_status(site):
    with _editor(site) as editor:
        uid = _add(editor)
        page = editor.get(f"/en/staff/events/{uid}/edit").text
        options = re.search(r'<select[^>]*name="status"[^>]*>(.*?)</select>', page, re.S).group(1)
        assert re.findall(r'value="([^"]+)"', options) == ["confirmed", "tentative"]
        typed = {**form_values(page), "status": "cancelled", "action": "publish"}
        refused = editor.post(f"/en/staff/events/{uid}/edit", data=typed)
        assert refused.status_code == 422 and "status" in field_errors(refused.text)
        assert str(fetch_feed(editor).vevent(uid)["STATUS"]) == "CONFIRMED"
        _cancel(editor, uid)
        page = editor.get(f"/en/staff/events/{uid}/edit").text
        typed = {**form_values(page), "status": "confirmed", "action": "publish"}
        assert editor.post(f"/en/staff/events/{uid}/edit", data=typed).status_code == 422
        assert str(fetch_feed(editor).vevent(uid)["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_restore_is_an_explicit_audited_action(site, lang):
    with _editor(site, lang) as editor:
        uid = _add(editor, status="tentative")
        _cancel(editor, uid)
        cancelled = fetch_feed(editor).vevent(uid)
        path = f"/{lang}/staff/events/{uid}/restore"
        confirm = editor.get(path)
        assert confirm.status_code == 200
        assert f"/{lang}/staff/events/{uid}/restore" in editor.get(f"/{lang}/staff/").text
        typed = form_values(confirm.text, "restore-form")
        assert typed["status"] == "tentative"  # what it was before the cancellation
        tokenless = {k: v for k, v in typed.items() if k != "csrf_token"}
        assert editor.post(path, data=tokenless).status_code == 400
        stale = editor.post(path, data={**typed, "version": str(int(typed["version"]) - 1)})
        assert stale.status_code == 409
        assert str(fetch_feed(editor).vevent(uid)["STATUS"]) == "CANCELLED"
        assert editor.post(path, data=typed).status_code == 302
        restored = fetch_feed(editor).vevent(uid)
        dashboard = editor.get(f"/{lang}/staff/").text
    assert str(restored["STATUS"]) == "TENTATIVE"
    assert int(restored["SEQUENCE"]) == int(cancelled["SEQUENCE"]) + 1
    assert restored["LAST-MODIFIED"].dt >= cancelled["LAST-MODIFIED"].dt
    assert f"/{lang}/staff/events/{uid}/cancel" in dashboard
    assert _audit(site, uid)[:3] == ["restore", "cancel", "create"]


# -- shared venues and series ------------------------------------------------------------------------
def test_a_new_venue_with_a_taken_url_name_is_a_field_error_and_changes_nothing(site):
    with _editor(site) as editor:
        taken = _fresh()
        uid = _add(editor, **taken)
        before = fetch_feed(editor)
        time.sleep(1.1)  # Last-Modified has whole seconds: a change now would show in it
        response = post_form(editor, NEW, _fresh(
            venue_slug=taken["venue_slug"], venue_name_en="Somewhere Else", venue_name_ar="", city_en="Paris",
            city_ar="", country_code="FR", latitude="0", longitude="0"))
        assert response.status_code == 422
        message = field_errors(response.text)["venue_slug"]
        assert taken["venue_slug"] in message and taken["venue_name_en"] in message
        assert 'value="Somewhere Else"' in response.text  # what was typed stays
        after = fetch_feed(editor)
        assert_validators_follow_bytes(editor, before, after)
        assert after.body == before.body
        assert fetch_feed(editor, **{"If-Modified-Since": before.last_modified}).status == 304
        vevent = after.vevent(uid)
    assert taken["venue_name_en"] in str(vevent["LOCATION"]) and vevent["GEO"].latitude == 25.3


def test_a_new_series_with_a_taken_url_name_is_a_field_error(site):
    with _editor(site, "ar") as editor:
        response = post_form(editor, "/ar/staff/events/new", _fresh(
            series="__new__", series_slug="milipol-qatar", series_name_en="Rewritten"))
        assert response.status_code == 422
        assert "milipol-qatar" in field_errors(response.text)["series_slug"]
        page = editor.get("/en/events/milipol-qatar-2021/").text
    assert "Milipol Qatar" in page and "Rewritten" not in page


def test_changing_a_shared_venue_updates_every_event_and_the_feeds(site):
    with _editor(site) as editor:
        data = _fresh()
        hall, path = data["venue_slug"], f"/en/staff/venues/{data['venue_slug']}/edit"
        first = _add(editor, **data)
        second = _add(editor, venue=hall)
        before = fetch_feed(editor)
        assert path in editor.get("/en/staff/venues/").text
        page = editor.get(path).text
        assert data["title_en"] in page and uid_title(editor, second) in page  # the events it changes
        typed = form_values(page, "venue-form")
        time.sleep(1.1)
        stale = editor.post(path, data={**typed, "venue_name_en": "Other", "version": "0" * 16})
        assert stale.status_code == 409 and 'value="Other"' in stale.text
        response = editor.post(path, data={**typed, "venue_name_en": "Grand Expo Hall", "latitude": "25.31"})
        assert response.status_code == 302, field_errors(response.text)
        after = fetch_feed(editor)
        assert_validators_follow_bytes(editor, before, after)
        for uid in (first, second):
            old, new = before.vevent(uid), after.vevent(uid)
            assert "Grand Expo Hall" in str(new["LOCATION"]) and new["GEO"].latitude == 25.31
            assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
            assert new["LAST-MODIFIED"].dt > old["LAST-MODIFIED"].dt
        unchanged = fetch_feed(editor, **{"If-None-Match": after.etag})
    assert unchanged.status == 304
    assert _audit(site, first)[0] == "edit-venue" and _audit(site, second)[0] == "edit-venue"


def uid_title(client, uid: str) -> str:
    """An event's English title, from its edit form."""
    return form_values(client.get(f"/en/staff/events/{uid}/edit").text)["title_en"]


def test_a_venue_edit_error_keeps_what_was_typed(site):
    with _editor(site, "ar") as editor:
        data = _fresh()
        _add(editor, **data)
        path = f"/ar/staff/venues/{data['venue_slug']}/edit"
        typed = form_values(editor.get(path).text, "venue-form")
        response = editor.post(path, data={**typed, "longitude": "500", "venue_name_en": "Typed name",
                                           "venue_name_ar": "", "country_code": "Qatar"})
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert {"longitude", "country_code"} <= set(errors) and 'value="Typed name"' in response.text


def test_changing_a_shared_series_updates_every_event_and_the_feeds(site):
    with _editor(site) as editor:
        first = _add(editor, series="__new__", series_slug="border-expo", series_name_en="Border Expo",
                     edition="1")
        later = _fresh(starts_on="2028-03-15", ends_on="2028-03-16", series="border-expo", edition="2")
        second = _add(editor, **later)
        before = fetch_feed(editor)
        page = editor.get("/en/staff/series/border-expo/edit")
        assert page.status_code == 200 and later["title_en"] in page.text
        assert "/en/staff/series/border-expo/edit" in editor.get("/en/staff/series/").text
        typed = form_values(page.text, "series-form")
        time.sleep(1.1)
        response = editor.post("/en/staff/series/border-expo/edit",
                               data={**typed, "series_name_en": "Border Expo Series"})
        assert response.status_code == 302, field_errors(response.text)
        after = fetch_feed(editor)
        assert_validators_follow_bytes(editor, before, after)
        for uid in (first, second):
            assert int(after.vevent(uid)["SEQUENCE"]) == int(before.vevent(uid)["SEQUENCE"]) + 1
        public = editor.get(f"/en/events/{later['slug']}/").text
    assert "Border Expo Series" in public
    assert _audit(site, first)[0] == "edit-series"


# -- local times that do not exist or happen twice ---------------------------------------------------
GAP = {"timing": "timed", "tzid": "Europe/Paris", "venue": "", "starts_on": "2024-03-31",
       "ends_on": "2024-03-31", "start_time": "02:30", "end_time": "04:00"}
FOLD = {"timing": "timed", "tzid": "America/New_York", "venue": "", "starts_on": "2027-11-07",
        "ends_on": "2027-11-07", "start_time": "01:30", "end_time": "03:00"}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "02:30 does not exist in Europe/Paris on 31 March 2024 (clocks jump from 02:00 to 03:00); "
           "use 01:59 or 03:00."),
    ("ar", "الساعة ٠٢:٣٠ غير موجودة في Europe/Paris يوم ٣١ مارس ٢٠٢٤ (تقفز الساعة من ٠٢:٠٠ إلى ٠٣:٠٠)؛ "
           "استخدم ٠١:٥٩ أو ٠٣:٠٠."),
])
def test_a_time_in_the_spring_forward_gap_is_a_field_error(site, lang, expected):
    with _editor(site, lang) as editor:
        before = fetch_feed(editor)
        for action in ("preview", "publish"):
            response = post_form(editor, f"/{lang}/staff/events/new", _fresh(**GAP, action=action))
            assert response.status_code == 422
            assert field_errors(response.text)["start_time"] == expected
            assert 'value="02:30"' in response.text
        assert fetch_feed(editor).body == before.body


def test_an_end_in_the_gap_is_a_field_error_on_the_end(site):
    with _editor(site) as editor:
        response = post_form(editor, NEW, _fresh(**{**GAP, "start_time": "01:00", "end_time": "02:15"}))
    assert response.status_code == 422
    errors = field_errors(response.text)
    assert "start_time" not in errors and "02:15 does not exist" in errors["end_time"]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["01:30 happens twice in America/New_York on 7 November 2027", "05:30 UTC", "06:30 UTC",
            "before 01:00 or from 02:00"]),
    ("ar", ["٠١:٣٠", "مرتين", "٠٥:٣٠", "٠٦:٣٠", "٧ نوفمبر ٢٠٢٧"]),
])
def test_a_time_in_the_repeated_hour_is_a_field_error_naming_both_readings(site, lang, words):
    with _editor(site, lang) as editor:
        response = post_form(editor, f"/{lang}/staff/events/new", _fresh(**FOLD))
    assert response.status_code == 422
    message = field_errors(response.text)["start_time"]
    assert all(word in message for word in words), message


def test_a_time_next_to_the_change_is_saved_and_read_alike(site):
    with _editor(site) as editor:
        uid = _add(editor, **{**GAP, "start_time": "03:00", "end_time": "04:00"})
        vevent = fetch_feed(editor).vevent(uid)
    assert vevent["DTSTART"].dt.isoformat() == "2024-03-31T03:00:00+02:00"


def test_moving_an_occurrence_into_a_gap_is_refused(site):
    with _editor(site) as editor:
        uid = _add(editor, timing="timed", tzid="Europe/Paris", venue="", starts_on="2027-03-21",
                   ends_on="2027-03-21", start_time="10:00", end_time="11:00", repeat="gregorian",
                   repeat_freq="WEEKLY", repeat_end="count", repeat_count="5")
        page = editor.get(f"/en/staff/events/{uid}/edit").text
        data = {"version": _version(page), "original_on": "2027-03-28", "new_on": "2027-03-28",
                "new_start": "02:30", "new_end": "03:30"}
        response = post_form(editor, f"/en/staff/events/{uid}/occurrences/move", data,
                             csrf_from=f"/en/staff/events/{uid}/edit")
    assert response.status_code == 422
    assert "02:30 does not exist in Europe/Paris on 28 March 2027" in response.text


WEEKLY_0230 = {"timing": "timed", "tzid": "Europe/Paris", "venue": "", "start_time": "02:30",
               "end_time": "03:30", "repeat": "gregorian", "repeat_freq": "WEEKLY", "repeat_end": "count",
               "repeat_count": "4"}


def test_a_series_repeating_into_the_gap_is_a_field_error(site):
    with _editor(site, "ar") as editor:
        response = post_form(editor, "/ar/staff/events/new",
                             _fresh(**WEEKLY_0230, starts_on="2027-03-14", ends_on="2027-03-14"))
    assert response.status_code == 422
    assert field_errors(response.text)["start_time"] == (
        "ستبدأ مرة من هذه السلسلة يوم ٢٨ مارس ٢٠٢٧ عند الساعة ٠٢:٣٠، وهي ساعة غير موجودة في Europe/Paris "
        "(يتغير التوقيت)؛ وتضعها تطبيقات التقويم في أوقات مختلفة. اختر وقتًا قبل ٠٢:٠٠ أو ابتداءً من ٠٣:٠٠.")


def test_a_series_at_the_same_time_clear_of_the_change_is_saved(site):
    with _editor(site) as editor:  # Wednesdays: the clocks change on a Sunday
        uid = _add(editor, **WEEKLY_0230, starts_on="2027-03-17", ends_on="2027-03-17")
        vevent = fetch_feed(editor).vevent(uid)
    assert vevent["DTSTART"].dt.isoformat() == "2027-03-17T02:30:00+01:00"
    assert vevent["RRULE"]["COUNT"] == [4]


# -- every error at once -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("bad_date", [{"ends_on": "2027-03-14"}, {"ends_on": "2027-02-30"}])
def test_every_field_error_shows_at_once(site, lang, bad_date):
    with _editor(site, lang) as editor:
        response = post_form(editor, f"/{lang}/staff/events/new",
                             _fresh(title_en="x" * 201, longitude="500", **bad_date))
        assert response.status_code == 422
        errors = field_errors(response.text)
        assert {"title_en", "longitude", "ends_on"} <= set(errors), errors
        taken = post_form(editor, f"/{lang}/staff/events/new",
                          _fresh(title_en="x" * 201, series="__new__", series_slug="milipol-qatar",
                                 series_name_en="", venue_slug="dwtc-dubai"))
        errors = field_errors(taken.text)
    assert {"title_en", "series_slug", "venue_slug"} <= set(errors), errors
