"""Helpers shared by the staff tests: accounts, CSRF tokens taken from rendered forms, form data."""

import datetime as dt
import re

from calendar_app import accounts, db

PASSWORD = "correct horse battery staple"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def add_staff(app, email: str, role: str = "editor", password: str = PASSWORD) -> None:
    """Create an account through the app's own accounts module."""
    with app.app_context():
        accounts.create_staff(db.session(), email, password, role, dt.datetime.now(dt.UTC))


def token(client, path: str) -> str:
    """The CSRF token of the form rendered at `path`."""
    response = client.get(path)
    match = TOKEN_RE.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({response.status_code})"
    return match.group(1)


def log_in(client, email: str, password: str = PASSWORD, lang: str = "en"):
    """Log in through the real form, CSRF token included."""
    path = f"/{lang}/staff/login"
    return client.post(path, data={"csrf_token": token(client, path), "email": email, "password": password})


def event_form(**overrides) -> dict:
    """A valid, all-day, Gregorian entry of the event form."""
    data = {
        "title_en": "Border Security Expo", "title_ar": "معرض أمن الحدود", "slug": "border-security-expo",
        "description_en": "Two days of talks.", "description_ar": "يومان من المحاضرات.",
        "calendar": "gregorian", "timing": "all_day", "starts_on": "2027-03-15", "ends_on": "2027-03-16",
        "tzid": "Asia/Qatar", "venue": "__new__", "venue_slug": "expo-hall", "venue_name_en": "Expo Hall",
        "venue_name_ar": "قاعة المعارض", "city_en": "Doha", "city_ar": "الدوحة", "country_code": "QA",
        "latitude": "25.3", "longitude": "51.5", "categories": "exhibition, security", "series": "",
        "status": "confirmed", "action": "publish",
    }
    data.update(overrides)
    return data


def edit_form(**overrides) -> dict:
    """event_form() as an edit or a second event sends it: the venue it created, picked from the list."""
    return event_form(**{"venue": "expo-hall", **overrides})


def post_form(client, path: str, data: dict, csrf_from: str | None = None):
    """Post the event form with a token taken from the rendered form."""
    return client.post(path, data={**data, "csrf_token": token(client, csrf_from or path)})


def error_text(html: str, field: str) -> str:
    """The message shown next to one field, or ''."""
    match = re.search(rf'<p class="error" id="{field}-error" role="alert">([^<]*)</p>', html)
    return match.group(1) if match else ""
