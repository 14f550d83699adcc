"""Staff in a real browser: a "1 Ramadan every year" event with the live preview of its next occurrences
in both calendars, saved, then one occurrence cancelled from the event's staff page; 375 px, ar and en.

Expected dates come from hijridate (via hijri.py's thin wrapper) and babel, never from the page's own code.
"""

import datetime as dt
import urllib.request

import icalendar
import pytest
from hijridate import Hijri

from calendar_app import dates, hijri
from tests.browser.conftest import SCREENSHOTS, log_in

pytestmark = pytest.mark.browser
TITLE = "Ramadan Evening Lecture"


def ramadan(year: int) -> dt.date:
    return Hijri(year, 9, 1).to_gregorian()


def feed_uids(base) -> list[str]:
    with urllib.request.urlopen(f"{base}/feeds/all.ics") as response:
        calendar = icalendar.Calendar.from_ical(response.read())
    return [str(e["UID"]) for e in calendar.walk("VEVENT")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_hijri_yearly_event_with_live_preview_at_phone_width(phone_page, staff_server, screenshot, lang):
    tab, base = phone_page, staff_server.url
    log_in(tab, base, lang)
    tab.goto(f"{base}/{lang}/staff/events/new")
    tab.fill("#title_en", TITLE)
    tab.fill("#title_ar", "محاضرة أمسية رمضان")
    tab.check("input[name=calendar][value=hijri]")
    for which in ("start", "end"):
        tab.fill(f"#hijri_{which}_year", "1448")
        tab.fill(f"#hijri_{which}_month", "9")
        tab.fill(f"#hijri_{which}_day", "1")
    tab.select_option("#venue", "decc-doha")
    assert tab.is_hidden("#repeat-live") and tab.is_hidden("#repeat_hijri_day")
    tab.check("input[name=repeat][value=hijri]")
    assert tab.is_visible("#repeat_hijri_day") and tab.is_hidden("#repeat_freq")

    # The live preview: ten occurrences, each in both calendars, in the page's language.
    rows = tab.locator("#repeat-live-table tbody tr")
    rows.nth(9).wait_for()
    assert rows.count() == 10
    years = range(1448, 1458)
    assert [rows.nth(i).get_attribute("data-date") for i in range(10)] == [
        ramadan(y).isoformat() for y in years
    ]
    for i in (0, 9):
        cells = rows.nth(i).locator("td")
        day = ramadan(years[i])
        assert cells.nth(0).inner_text() == dates.format_day(day, lang)
        assert cells.nth(1).inner_text() == hijri.format_date(hijri.to_hijri(day), lang)
    # Month and day default to the first day's Hijri date, shown as placeholders.
    assert tab.get_attribute("#repeat_hijri_month", "placeholder") == "9"
    # A bad value answers at once, in the page's language, without a round trip through the form.
    tab.fill("#repeat_hijri_day", "31")
    error = tab.locator("#repeat-live-error")
    error.wait_for()
    expected = (
        "يجب أن يكون اليوم الهجري بين 1 و30." if lang == "ar" else "The Hijri day must be between 1 and 30."
    )
    assert error.inner_text() == expected
    tab.fill("#repeat_hijri_day", "")
    rows.nth(9).wait_for()
    screenshot(tab, f"staff-repeat-form-{lang}-375")
    tab.locator("#repeats").screenshot(path=str(SCREENSHOTS / f"staff-repeat-section-{lang}-375.png"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375

    tab.click("#publish-direct")
    tab.wait_for_url(f"{base}/{lang}/staff/")
    uid = tab.get_attribute(f"tr:has-text('{TITLE if lang == 'en' else 'محاضرة أمسية رمضان'}')", "data-uid")
    assert f"{ramadan(1448):%Y%m%d}-{uid}" in feed_uids(base)

    # The event's staff page lists its occurrences; cancel the second one.
    tab.goto(f"{base}/{lang}/staff/events/{uid}/edit")
    assert tab.is_checked("input[name=repeat][value=hijri]")
    second = tab.locator(f"li.occurrence[data-original='{ramadan(1449).isoformat()}']")
    second.locator("button.cancel-one").click()
    tab.wait_for_url(f"{base}/{lang}/staff/events/{uid}/edit#occurrences")
    assert "cancelled" in tab.get_attribute(
        f"li.occurrence[data-original='{ramadan(1449).isoformat()}']", "class"
    )
    tab.locator(f"li.occurrence[data-original='{ramadan(1450).isoformat()}'] summary").click()
    screenshot(tab, f"staff-occurrences-{lang}-375")
    tab.locator("#occurrences").screenshot(path=str(SCREENSHOTS / f"staff-occurrence-list-{lang}-375.png"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
