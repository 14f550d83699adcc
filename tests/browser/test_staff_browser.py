"""Staff in a real browser: log in, add an event with Hijri dates, edit, cancel, concurrent edits.

Each step is checked where a subscriber would see it: the public page and /feeds/all.ics.
"""

import datetime as dt
import urllib.request

import icalendar
import pytest

from calendar_app import dates, hijri
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
TITLE = "Gulf Border Security Forum"
SLUG = "gulf-border-security-forum"


def feed_event(base, uid):
    """One VEVENT from /feeds/all.ics, read over HTTP and parsed by icalendar."""
    with urllib.request.urlopen(f"{base}/feeds/all.ics") as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    return next((e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid), None)


def add_hijri_event(tab, base, screenshot=None):
    """Fill the form with Hijri dates (1–2 Ramadan 1448), preview, then publish."""
    tab.goto(f"{base}/en/staff/events/new")
    tab.fill("#title_en", TITLE)
    tab.fill("#title_ar", "منتدى أمن الحدود الخليجي")
    assert tab.input_value("#slug") == SLUG  # suggested from the English title
    tab.check("input[name=calendar][value=hijri]")
    assert tab.is_hidden("#starts_on")
    for which, day in (("start", "1"), ("end", "2")):
        tab.fill(f"#hijri_{which}_year", "1448")
        tab.fill(f"#hijri_{which}_month", "9")
        tab.fill(f"#hijri_{which}_day", day)
    first = hijri.from_hijri(1448, 9, 1)
    tab.locator("#hijri_start-other").filter(has_text=dates.format_day(first, "en")).wait_for()
    tab.select_option("#venue", "decc-doha")
    assert tab.input_value("#tzid") == "Asia/Qatar"
    if screenshot:
        screenshot(tab, "staff-form-hijri-en")
    tab.click("#preview-button")
    tab.locator("#preview").wait_for()
    assert "1–2 Ramadan 1448 AH" in tab.inner_text("#confirm-hijri")
    last = first + dt.timedelta(days=1)
    assert tab.inner_text("#confirm-gregorian") == dates.format_range(first, last, "en")
    if screenshot:
        screenshot(tab, "staff-preview-en")
    tab.click("#publish")
    tab.wait_for_url(f"{base}/en/staff/")
    return tab.get_attribute(f"tr:has-text('{TITLE}')", "data-uid")


def test_add_edit_cancel_an_event_seen_by_subscribers(page, staff_server, screenshot):
    base = staff_server.url
    log_in(page, base)
    uid = add_hijri_event(page, base, screenshot)
    assert TITLE in page.inner_text("table")

    public = page.context.browser.new_page()
    public.goto(f"{base}/en/events/{SLUG}/")
    assert TITLE in public.inner_text("h1")
    assert "1–2 Ramadan 1448 AH" in public.inner_text(".dates")
    public.close()
    vevent = feed_event(base, uid)
    assert vevent is not None and vevent["DTSTART"].dt == hijri.from_hijri(1448, 9, 1)
    first_sequence = int(vevent.get("SEQUENCE", 0))

    page.click(f"tr:has-text('{TITLE}') >> text=Edit")
    page.fill("#title_en", TITLE + " 2027")
    page.click("#publish-direct")
    page.wait_for_url(f"{base}/en/staff/")
    vevent = feed_event(base, uid)
    assert str(vevent["SUMMARY"]) == TITLE + " 2027"
    assert int(vevent["SEQUENCE"]) == first_sequence + 1

    page.click(f"tr:has-text('{TITLE}') >> text=Cancel event")
    page.click("button[name=confirm]")
    page.wait_for_url(f"{base}/en/staff/")
    assert "Cancelled" in page.inner_text(f"tr:has-text('{TITLE}') .status-cell")
    vevent = feed_event(base, uid)
    assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == first_sequence + 2
    assert str(vevent["SUMMARY"]) == f"Cancelled: {TITLE} 2027"


def test_concurrent_edit_shows_the_conflict_message(browser, page, staff_server, screenshot):
    base = staff_server.url
    log_in(page, base)
    uid = add_hijri_event(page, base)
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    try:
        log_in(other, base)
        for tab in (page, other):
            tab.click(f"tr:has-text('{TITLE}') >> text=Edit")
            tab.wait_for_selector("#event-form")
        page.fill("#title_en", "Saved first")
        page.click("#publish-direct")
        page.wait_for_url(f"{base}/en/staff/")
        other.fill("#title_en", "Typed second")
        other.click("#publish-direct")
        other.locator("#conflict").wait_for()
        assert "changed by someone else since you opened it" in other.inner_text("#conflict")
        assert other.input_value("#title_en") == "Typed second"
        screenshot(other, "staff-conflict-en")
    finally:
        other_context.close()
    assert str(feed_event(base, uid)["SUMMARY"]) == "Saved first"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_form_at_phone_width_with_errors(phone_page, staff_server, screenshot, lang):
    base = staff_server.url
    log_in(phone_page, base, lang)
    phone_page.goto(f"{base}/{lang}/staff/events/new")
    phone_page.check("input[name=calendar][value=hijri]")
    for part, value in (("year", "1445"), ("month", "8"), ("day", "30")):
        phone_page.fill(f"#hijri_start_{part}", value)
        phone_page.fill(f"#hijri_end_{part}", value)
    expected = "29 يومًا" if lang == "ar" else "has 29 days"
    phone_page.locator("#hijri_start-other").filter(has_text=expected).wait_for()
    phone_page.click("#preview-button")
    error = phone_page.locator("#hijri_start_day-error")
    assert expected in error.inner_text()
    assert error.is_visible() and phone_page.get_attribute("#hijri_start_day", "aria-invalid") == "true"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways at 375 px ({width} px)"
    assert phone_page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    screenshot(phone_page, f"staff-form-errors-{lang}-375")
