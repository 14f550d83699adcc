"""The staff form's live conversions and repeat preview under the default /api/ rate limit
(config.DEFAULTS["API_RATE_LIMIT"], per client address): a whole event typed key by key, with the
calendar and the repeat choices changed back and forth, stays well inside the budget, and the preview
still answers at the end.
"""

import re

import pytest

from calendar_app import dates, hijri
from calendar_app.config import DEFAULTS
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
# Typing one event must leave most of the minute's budget for a second one (or a second tab).
BUDGET = int(re.match(r"\d+", DEFAULTS["API_RATE_LIMIT"]).group()) // 2


def test_typing_a_whole_event_stays_inside_the_api_budget(page, staff_server):
    tab, base = page, staff_server.url
    calls, refused = [], []
    tab.on("request", lambda r: calls.append(r.url) if "/api/" in r.url else None)
    tab.on("response", lambda r: refused.append(r.url) if "/api/" in r.url and r.status == 429 else None)
    log_in(tab, base, "en")
    tab.goto(f"{base}/en/staff/events/new")
    tab.locator("#title_en").press_sequentially("Border Security Expo")
    for field, value in (("#starts_on", "2027-03-15"), ("#ends_on", "2027-03-16"),
                         ("#starts_on", "2027-03-14"), ("#ends_on", "2027-03-17")):
        tab.fill(field, value)
    tab.check("input[name=calendar][value=hijri]")
    for which in ("start", "end"):
        for part, value in (("year", "1448"), ("month", "9"), ("day", "1")):
            tab.locator(f"#hijri_{which}_{part}").press_sequentially(value, delay=40)
    tab.check("input[name=repeat][value=gregorian]")
    tab.select_option("#repeat_freq", "MONTHLY")
    tab.locator("#repeat_interval").press_sequentially("2", delay=40)
    tab.check("input[name=repeat_end][value=count]")
    tab.locator("#repeat_count").press_sequentially("24", delay=40)
    tab.check("input[name=repeat][value=hijri]")
    tab.locator("#repeat_hijri_day").press_sequentially("1", delay=40)
    tab.select_option("#repeat_skip", "forward")
    rows = tab.locator("#repeat-live-table tbody tr")
    rows.nth(9).wait_for()
    tab.wait_for_timeout(600)  # any request still scheduled goes out and is counted
    assert rows.count() == 10 and tab.is_hidden("#repeat-live-error")
    first_day = dates.format_day(hijri.from_hijri(1448, 9, 1), "en")
    assert tab.locator("#hijri_start-other").inner_text() == first_day
    assert not refused
    assert len(calls) <= BUDGET, calls
