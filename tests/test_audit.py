"""The audit log: every create/edit/publish/cancel/delete, field by field, with who did it."""

import html

from calendar_app import audit, db, store
from tests.staff_support import add_staff, edit_form, event_form, log_in, post_form

NEW = "/en/staff/events/new"


def _entries(app, uid):
    with app.app_context():
        return [
            (e.action, e.user.email if e.user else None, e.changes)
            for e in audit.entries_for(db.session(), uid)
        ]


def _event(app, slug):
    with app.app_context():
        return store.to_event(store.event_row_by_slug(db.session(), slug))


def test_every_change_is_audited_field_by_field(app, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    post_form(client, NEW, event_form(action="draft"))
    event = _event(app, "border-security-expo")
    edit = f"/en/staff/events/{event.uid}/edit"
    post_form(client, edit, edit_form(action="draft", title_en="Renamed", version=str(event.version)))
    event = _event(app, "border-security-expo")
    post_form(client, edit, edit_form(action="publish", title_en="Renamed", version=str(event.version)))
    event = _event(app, "border-security-expo")
    post_form(client, f"/en/staff/events/{event.uid}/cancel", {"version": str(event.version)})
    entries = _entries(app, event.uid)
    assert [a for a, _, _ in entries] == ["create-draft", "edit", "publish", "cancel"]
    assert {who for _, who, _ in entries} == {"ed@example.org"}
    assert entries[0][2]["title_en"] == [None, "Border Security Expo"]
    assert entries[1][2] == {"title_en": ["Border Security Expo", "Renamed"]}
    assert entries[2][2] == {"published": [False, True]}
    assert entries[3][2] == {"status": ["confirmed", "cancelled"]}


def test_deleting_a_draft_is_audited(app, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    post_form(client, NEW, event_form(action="draft"))
    event = _event(app, "border-security-expo")
    post_form(client, f"/en/staff/events/{event.uid}/delete", {}, csrf_from="/en/staff/")
    action, who, changes = _entries(app, event.uid)[-1]
    assert action == "delete" and who == "ed@example.org"
    assert changes["title_en"] == ["Border Security Expo", None]


def test_refused_saves_leave_no_audit_entry(app, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    post_form(client, NEW, event_form())
    event = _event(app, "border-security-expo")
    edit = f"/en/staff/events/{event.uid}/edit"
    assert (
        post_form(client, edit, edit_form(version=str(event.version - 1), title_en="x")).status_code == 409
    )
    bad_venue = event_form(version=str(event.version), venue_slug="other-hall", latitude="200")
    assert post_form(client, edit, bad_venue).status_code == 422
    assert [a for a, _, _ in _entries(app, event.uid)] == ["create"]


def test_admin_reads_the_audit_log(app, client):
    add_staff(app, "admin@example.org", "admin")
    log_in(client, "admin@example.org")
    post_form(client, NEW, event_form(title_en="<b>Audited</b>"))
    text = html.unescape(client.get("/ar/staff/audit").get_data(as_text=True))
    assert "سجل التدقيق" in text and "admin@example.org" in text and "<b>Audited</b>" in text
    assert "&lt;b&gt;Audited&lt;/b&gt;" in client.get("/en/staff/audit").get_data(as_text=True)
