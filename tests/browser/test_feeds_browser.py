"""The subscribe page in a real browser: both languages, every feed, working links and copy button."""

import urllib.parse

import icalendar
import pytest

from calendar_app.feeds import load_feeds
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SLUGS = sorted(load_feeds(ROOT / "feeds"))


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_subscribe_page_lists_every_feed_with_links(live_server, browser, lang, direction, screenshot):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    problems = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.goto(f"{live_server.url}/{lang}/feeds/")
    assert tab.locator("html").get_attribute("dir") == direction
    assert sorted(i.get_attribute("id")[len("feed-"):] for i in tab.locator(".feed-card").all()) == SLUGS

    card = tab.locator("#feed-qatar")
    https = card.locator("input.feed-url-input").input_value()
    assert https == f"{live_server.url}/feeds/qatar.ics?lang={lang}"
    assert card.locator("a.subscribe-webcal").get_attribute("href") == "webcal://" + https.split("://", 1)[1]
    google = urllib.parse.urlsplit(card.locator("a.subscribe-google").get_attribute("href"))
    assert urllib.parse.parse_qs(google.query)["cid"] == ["webcal://" + https.split("://", 1)[1]]

    card.locator("button.copy-button").click()
    tab.wait_for_function("document.querySelector('#feed-qatar .copy-button').classList.contains('copied')")
    assert tab.evaluate("navigator.clipboard.readText()") == https

    calendar = icalendar.Calendar.from_ical(tab.request.get(https).body())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == (
        ["ميليبول قطر 2021"] if lang == "ar" else ["Milipol Qatar 2021"])
    screenshot(tab, f"feeds-{lang}-desktop")
    tab.set_viewport_size({"width": 375, "height": 812})
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 375
    screenshot(tab, f"feeds-{lang}-375")
    assert problems == []
    context.close()
