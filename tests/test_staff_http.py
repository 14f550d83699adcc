"""The staff area over HTTP: who may write, CSRF, drafts, edits, concurrency, cancel, delete."""

import html
import re

import icalendar
import pytest
from sqlalchemy import func, select

from calendar_app import db, store
from calendar_app.models import EventRow
from tests.staff_support import add_staff, edit_form, error_text, event_form, log_in, post_form, token

NEW = "/en/staff/events/new"


@pytest.fixture
def editor(app, client):
    """A client logged in as an editor."""
    add_staff(app, "ed@example.org", "editor")
    assert log_in(client, "ed@example.org").status_code == 302
    return client


@pytest.fixture
def admin(app):
    """A second client, logged in as an admin."""
    add_staff(app, "admin@example.org", "admin")
    other = app.test_client()
    assert log_in(other, "admin@example.org").status_code == 302
    return other


def _row(app, slug):
    with app.app_context():
        row = store.event_row_by_slug(db.session(), slug)
        return store.to_event(row) if row else None


def _count(app):
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(EventRow))


def _write_urls(app, uid: str, user_id: int) -> list[str]:
    """Every POST endpoint in the url_map, with its arguments filled in, so new ones are covered."""
    values = {"lang": "en", "uid": uid, "user_id": user_id, "slug": "x"}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "POST" in rule.methods and rule.endpoint != "static":
                urls.append(app.url_for(rule.endpoint, **{k: values[k] for k in rule.arguments}))
    return sorted(urls)


def _ics(client, path="/feeds/all.ics"):
    response = client.get(path)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.data)


def _vevent(calendar, uid):
    return next((c for c in calendar.walk("VEVENT") if str(c["UID"]) == uid), None)


def test_every_write_endpoint_refuses_anonymous_and_tokenless_requests(app, add_event):
    event = add_event()
    add_staff(app, "admin@example.org", "admin")
    urls = _write_urls(app, event.uid, 1)
    assert "/en/staff/events/new" in urls and "/en/staff/users/1/deactivate" in urls
    anonymous = app.test_client()
    for url in urls:
        if url.endswith("/staff/login"):
            continue  # logging in is the one write anybody may attempt
        response = anonymous.post(url, data={"csrf_token": "x"})
        assert response.status_code in (302, 400, 401), url
        if response.status_code == 302:
            assert "/staff/login" in response.location, url
    logged_in = app.test_client()
    log_in(logged_in, "admin@example.org")
    for url in urls:
        response = logged_in.post(url, data=event_form())
        assert response.status_code == 400, url
    assert _row(app, event.slug).version == event.version and _count(app) == 1


def test_a_post_without_a_token_is_refused_even_when_logged_in(editor, app):
    response = editor.post(NEW, data=event_form())
    assert response.status_code == 400
    assert _count(app) == 0


def test_anonymous_staff_pages_redirect_to_login(client):
    for path in ("/en/staff/", NEW, "/ar/staff/audit", "/en/staff/users"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/login?next=" in response.location


def test_date_api_without_login_answers_json(client):
    assert client.get("/api/hijri?date=2024-03-05").json["label"] == "24 Sha'ban 1445 AH"
    response = client.get("/api/gregorian?y=1445&m=8&d=30")
    assert response.status_code == 400 and "has 29 days" in response.json["error"]
    assert client.get("/api/hijri?date=nonsense").json == {"error": "Enter a date."}


def test_editor_cannot_reach_admin_pages(editor):
    assert editor.get("/en/staff/audit").status_code == 403
    assert editor.get("/en/staff/users").status_code == 403
    tok = token(editor, "/en/staff/")
    assert (
        editor.post(
            "/en/staff/users",
            data={
                "csrf_token": tok,
                "email": "x@example.org",
                "password": "long enough password",
                "role": "admin",
            },
        ).status_code
        == 403
    )
    assert editor.post("/en/staff/users/1/role", data={"csrf_token": tok, "role": "admin"}).status_code == 403


def test_admin_adds_an_account_and_changes_its_role(admin, app):
    response = post_form(
        admin,
        "/en/staff/users",
        {"email": "new@example.org", "password": "long enough password", "role": "editor"},
    )
    assert response.status_code == 302
    response = post_form(
        admin, "/en/staff/users", {"email": "short@example.org", "password": "short", "role": "editor"}
    )
    assert response.status_code == 422 and "at least 12 characters" in response.get_data(as_text=True)
    from calendar_app import accounts

    with app.app_context():
        user = accounts.find_staff(db.session(), "new@example.org")
    post_form(admin, f"/en/staff/users/{user.id}/role", {"role": "admin"}, csrf_from="/en/staff/users")
    with app.app_context():
        assert accounts.find_staff(db.session(), "new@example.org").role == "admin"


def test_published_event_appears_on_page_and_in_feed(editor, app):
    response = post_form(editor, NEW, event_form())
    assert response.status_code == 302
    event = _row(app, "border-security-expo")
    assert event.published and event.sequence == 0 and event.venue.slug == "expo-hall"
    page = app.test_client().get("/en/events/border-security-expo/")
    assert page.status_code == 200 and "Border Security Expo" in page.get_data(as_text=True)
    assert _vevent(_ics(app.test_client()), event.uid) is not None


def test_preview_shows_the_event_page_and_both_calendars_and_saves_nothing(editor, app):
    response = post_form(
        editor,
        NEW,
        event_form(
            action="preview",
            calendar="hijri",
            hijri_start_year="1445",
            hijri_start_month="8",
            hijri_start_day="24",
            hijri_end_year="1445",
            hijri_end_month="8",
            hijri_end_day="26",
        ),
    )
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert 'class="event-detail' in text and "Border Security Expo" in text
    assert "5–7 March 2024" in text and "24–26 Sha'ban 1445 AH" in text
    assert _count(app) == 0


def test_hijri_entry_saves_the_gregorian_dates(editor, app):
    post_form(
        editor,
        NEW,
        event_form(
            calendar="hijri",
            starts_on="",
            ends_on="",
            hijri_start_year="1445",
            hijri_start_month="9",
            hijri_start_day="1",
            hijri_end_year="1445",
            hijri_end_month="9",
            hijri_end_day="1",
        ),
    )
    event = _row(app, "border-security-expo")
    assert str(event.starts_on) == "2024-03-11" and event.ends_on == event.starts_on


def test_timed_event_keeps_local_times_and_zone(editor, app):
    post_form(
        editor, NEW, event_form(timing="timed", start_time="09:30", end_time="17:00", tzid="Asia/Dubai")
    )
    event = _row(app, "border-security-expo")
    assert not event.all_day and event.tzid == "Asia/Dubai"
    assert event.starts_local.isoformat() == "2027-03-15T09:30:00"
    assert event.ends_local.isoformat() == "2027-03-16T17:00:00"


def test_draft_is_hidden_until_published(editor, app):
    post_form(editor, NEW, event_form(action="draft"))
    draft = _row(app, "border-security-expo")
    assert not draft.published
    public = app.test_client()
    assert public.get("/en/events/border-security-expo/").status_code == 404
    assert "Border Security Expo" not in public.get("/en/").get_data(as_text=True)
    assert _vevent(_ics(public), draft.uid) is None
    assert "Border Security Expo" in editor.get("/en/staff/").get_data(as_text=True)
    edit = f"/en/staff/events/{draft.uid}/edit"
    response = post_form(editor, edit, edit_form(action="publish", version=str(draft.version)))
    assert response.status_code == 302
    assert _row(app, "border-security-expo").published
    assert public.get("/en/events/border-security-expo/").status_code == 200
    assert _vevent(_ics(public), draft.uid) is not None


def test_only_never_published_drafts_can_be_deleted(editor, app):
    post_form(editor, NEW, event_form(action="draft"))
    post_form(editor, NEW, edit_form(slug="published-one"))
    draft, published = _row(app, "border-security-expo"), _row(app, "published-one")
    response = post_form(editor, f"/en/staff/events/{published.uid}/delete", {}, csrf_from="/en/staff/")
    assert response.status_code == 409 and _row(app, "published-one") is not None
    response = post_form(editor, f"/en/staff/events/{draft.uid}/delete", {}, csrf_from="/en/staff/")
    assert response.status_code == 302 and _row(app, "border-security-expo") is None


def test_published_event_cannot_go_back_to_draft(editor, app):
    post_form(editor, NEW, event_form())
    event = _row(app, "border-security-expo")
    response = post_form(
        editor, f"/en/staff/events/{event.uid}/edit", edit_form(action="draft", version=str(event.version))
    )
    assert response.status_code == 422 and _row(app, "border-security-expo").published


def test_public_edit_bumps_sequence_and_feed_shows_it(editor, app):
    post_form(editor, NEW, event_form())
    before = _row(app, "border-security-expo")
    edit = f"/en/staff/events/{before.uid}/edit"
    response = post_form(
        editor, edit, edit_form(title_en="Border Security Expo 2027", version=str(before.version))
    )
    assert response.status_code == 302
    after = _row(app, "border-security-expo")
    assert after.sequence == before.sequence + 1 and after.version > before.version
    assert after.updated_at >= before.updated_at
    vevent = _vevent(_ics(app.test_client()), before.uid)
    assert int(vevent["SEQUENCE"]) == after.sequence and str(vevent["SUMMARY"]) == "Border Security Expo 2027"


def test_private_edit_bumps_version_but_not_sequence(editor, app):
    post_form(editor, NEW, event_form())
    before = _row(app, "border-security-expo")
    post_form(
        editor,
        f"/en/staff/events/{before.uid}/edit",
        edit_form(source_citation="Press release, 1 March", version=str(before.version)),
    )
    after = _row(app, "border-security-expo")
    assert after.source_citation == "Press release, 1 March"
    assert after.sequence == before.sequence and after.version == before.version + 1
    assert after.updated_at == before.updated_at


def test_concurrent_edit_is_refused_and_keeps_what_was_typed(app, editor, admin):
    post_form(editor, NEW, event_form())
    event = _row(app, "border-security-expo")
    edit = f"/en/staff/events/{event.uid}/edit"
    first_token, second_token = token(editor, edit), token(admin, edit)  # both open the form at version N
    version = str(event.version)
    saved = editor.post(
        edit, data={**edit_form(title_en="First save wins", version=version), "csrf_token": first_token}
    )
    assert saved.status_code == 302
    refused = admin.post(
        edit, data={**edit_form(title_en="Second save loses", version=version), "csrf_token": second_token}
    )
    text = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 409
    assert "This event was changed by someone else since you opened it." in text
    assert 'value="Second save loses"' in text
    assert _row(app, "border-security-expo").title_en == "First save wins"


def test_cancel_keeps_the_event_in_feeds_as_cancelled(editor, app):
    post_form(editor, NEW, event_form())
    event = _row(app, "border-security-expo")
    path = f"/en/staff/events/{event.uid}/cancel"
    assert "Yes, cancel this event" in editor.get(path).get_data(as_text=True)
    response = post_form(editor, path, {"version": str(event.version)})
    assert response.status_code == 302
    after = _row(app, "border-security-expo")
    assert after.status == "cancelled" and after.sequence == event.sequence + 1
    vevent = _vevent(_ics(app.test_client()), event.uid)
    assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == after.sequence


def test_cancel_with_a_stale_version_is_refused(editor, app):
    post_form(editor, NEW, event_form())
    event = _row(app, "border-security-expo")
    response = post_form(editor, f"/en/staff/events/{event.uid}/cancel", {"version": str(event.version - 1)})
    assert response.status_code == 409 and _row(app, "border-security-expo").status == "confirmed"


def test_edit_form_loads_the_stored_event_with_its_version(editor, app):
    post_form(editor, NEW, event_form())
    event = _row(app, "border-security-expo")
    text = editor.get(f"/ar/staff/events/{event.uid}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{event.version}"' in text
    assert 'value="Border Security Expo"' in text
    assert re.search(r'<html lang="ar" dir="rtl">', text)
    assert "تعديل الفعالية" in text


def test_unknown_event_is_404(editor):
    assert editor.get("/en/staff/events/nope@x/edit").status_code == 404


def test_html_in_text_is_stored_as_typed_and_shown_escaped(editor, app):
    title = "<script>alert(1)</script>\u2028Expo\x07"
    post_form(editor, NEW, event_form(title_en=title))
    event = _row(app, "border-security-expo")
    assert event.title_en == "<script>alert(1)</script> Expo"
    for path in ("/en/staff/", "/en/events/border-security-expo/"):
        text = (
            app.test_client().get(path).get_data(as_text=True)
            if "staff" not in path
            else editor.get(path).get_data(as_text=True)
        )
        assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_unexpected_slug_is_not_an_integrity_error(editor, app):
    post_form(editor, NEW, event_form())
    response = post_form(editor, NEW, edit_form(title_en="Another"))
    assert response.status_code == 422
    assert (
        error_text(response.get_data(as_text=True), "slug")
        == "This URL name is already used by another event."
    )
    assert _count(app) == 1
