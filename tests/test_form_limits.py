"""One-line inputs tell the browser the limit the domain enforces (`maxlength`)."""

import re

import pytest

from calendar_app import accounts, events
from tests.staff_support import add_staff, log_in

LIMITS = {
    "title_en": events.TITLE_MAX, "title_ar": events.TITLE_MAX, "slug": events.SLUG_MAX,
    "venue_slug": events.SLUG_MAX, "venue_name_en": events.NAME_MAX, "venue_name_ar": events.NAME_MAX,
    "city_en": events.CITY_MAX, "city_ar": events.CITY_MAX, "country_code": 2, "address": events.ADDRESS_MAX,
    "series_slug": events.SLUG_MAX, "series_name_en": events.NAME_MAX, "series_name_ar": events.NAME_MAX,
    "organizer_name_en": events.NAME_MAX, "organizer_name_ar": events.NAME_MAX,
    "organizer_url": events.URL_MAX, "url": events.URL_MAX, "source_url": events.URL_MAX,
}  # fmt: skip


def _maxlength(page: str, name: str) -> int | None:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page)
    assert tag, name
    found = re.search(r'\bmaxlength="(\d+)"', tag.group(0))
    return int(found.group(1)) if found else None


def test_event_form_inputs_carry_their_limits(app, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    page = client.get("/en/staff/events/new").get_data(as_text=True)
    assert {name: _maxlength(page, name) for name in LIMITS} == LIMITS


@pytest.mark.parametrize(("path", "fields"), [
    ("/en/staff/login", {"email": accounts.EMAIL_MAX, "password": accounts.PASSWORD_MAX}),
])
def test_login_inputs_carry_their_limits(client, path, fields):
    page = client.get(path).get_data(as_text=True)
    assert {name: _maxlength(page, name) for name in fields} == fields
