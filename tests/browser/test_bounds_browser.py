"""Bounded pages in a real browser: the archive's pager, a busy month cell's "+N more" and the day's
own page, in both languages, at desktop and phone width (screenshots: bounds-*)."""

import datetime as dt

import pytest

from calendar_app import db, store
from calendar_app.events import make_event
from calendar_app.models import EventRow
from tests.browser.test_pages_browser import Problems, both_sizes

pytestmark = pytest.mark.browser
BUSY_DAY = dt.date(2025, 6, 10)


@pytest.fixture
def busy_server(live_app, live_server):
    """The live server with 25 more events, all on one past day."""
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with live_app.app_context():
        for i in range(25):
            event = make_event(uid=f"busy-{i}@calendar.test", slug=f"busy-{i}",
                               title_en=f"Busy Forum {i:02d}", title_ar=f"منتدى مزدحم {i:02d}",
                               tzid="Asia/Qatar", all_day=True,
                               starts_on=BUSY_DAY, ends_on=BUSY_DAY, created_at=now, updated_at=now)
            store.write_event(db.session(), EventRow(), event)
        db.session().commit()
    return live_server


@pytest.mark.parametrize(("lang", "next_label", "more"), [("ar", "الصفحة التالية", "و٢٢ أخرى"),
                                                          ("en", "Next page", "+22 more")])
def test_pager_and_busy_day_in_a_browser(busy_server, page, phone_page, screenshot, lang, next_label, more):
    watcher = Problems(page, phone_page)
    base = busy_server.url
    both_sizes(page, phone_page, screenshot, f"{base}/{lang}/archive/", f"bounds-archive-{lang}")
    assert page.locator(".event-list .event").count() == 20
    page.get_by_role("link", name=next_label).click()
    page.wait_for_url(f"{base}/{lang}/archive/?page=2")
    assert page.locator(".event-list .event").count() == 7  # 27 past events: the seeds and these 25

    both_sizes(page, phone_page, screenshot, f"{base}/{lang}/month/2025/6/", f"bounds-month-{lang}")
    cell = page.locator(f'td[data-date="{BUSY_DAY.isoformat()}"]')
    assert cell.locator(".day-events li:not(.more)").count() == 3
    cell.get_by_role("link", name=more).click()
    page.wait_for_url(f"{base}/{lang}/month/2025/6/10/")
    assert page.locator(".event-list .event").count() == 20
    both_sizes(page, phone_page, screenshot, f"{base}/{lang}/month/2025/6/10/?page=2", f"bounds-day-{lang}")
    assert page.locator(".event-list .event").count() == 5
    assert watcher.found == []
