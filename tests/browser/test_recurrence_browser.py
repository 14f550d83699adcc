"""A Hijri-recurring event in a real browser: the month view and the event page, both languages."""

import datetime as dt

import pytest

from calendar_app import db, store
from calendar_app.dates import format_range
from calendar_app.events import make_event
from calendar_app.models import EventRow
from tests.browser.test_pages_browser import Problems, fits_phone
from tests.conftest import event_fields
from tests.test_recurrence_feed import CANCELLED_YEAR, MOVED_YEAR, moved_start, ramadan, ramadan_fields

pytestmark = pytest.mark.browser


@pytest.fixture
def ramadan_server(live_app, live_server):
    """The live server with "Ramadan Evening" (1 Ramadan every year, 19:00 Riyadh) stored."""
    with live_app.app_context():
        store.write_event(db.session(), EventRow(), make_event(**event_fields(**ramadan_fields(True))))
        db.session().commit()
    return live_server


@pytest.fixture
def problems(page, phone_page):
    watcher = Problems(page, phone_page)
    yield watcher
    assert watcher.found == []


@pytest.mark.parametrize(("lang", "title", "moved_day"), [
    ("en", "Ramadan Evening", "10"), ("ar", "أمسية رمضان", "١٠"),
])
@pytest.mark.usefixtures("problems")
def test_month_view_shows_the_hijri_recurring_event(ramadan_server, page, phone_page, screenshot,
                                                    lang, title, moved_day):
    # February 2027: 1 Ramadan 1448 is the 8th, and that occurrence was moved to the 10th.
    url = f"{ramadan_server.url}/{lang}/month/2027/2/"
    page.goto(url)
    screenshot(page, f"recurrence-month-{lang}-desktop")
    assert ramadan(MOVED_YEAR) == dt.date(2027, 2, 8)
    moved = page.locator('td[data-date="2027-02-10"]')
    assert title in moved.locator(".day-events").inner_text()
    assert moved.locator(".greg-day").inner_text() == moved_day
    assert page.locator('td[data-date="2027-02-08"] .day-events').count() == 0
    phone_page.goto(url)
    fits_phone(phone_page)
    screenshot(phone_page, f"recurrence-month-{lang}-375")
    # January 2029: 1 Ramadan 1450 is cancelled; the cell shows it struck through.
    page.goto(f"{ramadan_server.url}/{lang}/month/2029/1/")
    cancelled = page.locator('td[data-date="2029-01-16"] li.cancelled a')
    assert cancelled.inner_text() == title
    assert "line-through" in cancelled.evaluate("a => getComputedStyle(a).textDecorationLine")
    screenshot(page, f"recurrence-month-cancelled-{lang}-desktop")


def expected_next_gregorian(today: dt.date) -> list[str]:
    """The next five 1 Ramadan dates from `today` (hijridate), the moved one at its new day."""
    days = []
    for year in range(1446, 1470):
        first = moved_start(True).date() if year == MOVED_YEAR else ramadan(year)
        if first >= today:
            days.append(format_range(first, first, "en"))
    return days[:5]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.usefixtures("problems")
def test_event_page_lists_the_next_dates(ramadan_server, page, phone_page, screenshot, lang):
    url = f"{ramadan_server.url}/{lang}/events/ramadan-evening/"
    page.goto(url)
    screenshot(page, f"recurrence-event-{lang}-desktop")
    phone_page.goto(url)
    fits_phone(phone_page)
    screenshot(phone_page, f"recurrence-event-{lang}-375")
    repeats = page.locator(".repeats").inner_text()
    assert repeats == ("Repeats: Every year on 1 Ramadan" if lang == "en" else "يتكرر: كل عام في ١ رمضان")
    items = page.locator(".next-dates li.occurrence")
    assert items.count() == 5
    if lang == "en":
        today = dt.datetime.now(dt.UTC).date()
        shown = [items.nth(i).locator(".gregorian").inner_text() for i in range(5)]
        assert shown == expected_next_gregorian(today)
        cancelled = format_range(ramadan(CANCELLED_YEAR), ramadan(CANCELLED_YEAR), "en")
        if cancelled in shown:
            assert "cancelled" in items.nth(shown.index(cancelled)).get_attribute("class")
