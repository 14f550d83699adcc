"""Outbound links (calendar.links): exact URLs for maps, Google Calendar, Outlook and our .ics files."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from calendar_app import links


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_osm_url_puts_a_marker_at_street_zoom():
    assert links.osm_url(25.2241, 55.2866) == (
        "https://www.openstreetmap.org/?mlat=25.2241&mlon=55.2866#map=16/25.2241/55.2866"
    )


def test_google_all_day_link_has_exclusive_end_day_and_zone(make_test_event):
    event = make_test_event(
        starts_on=dt.date(2024, 3, 5), ends_on=dt.date(2024, 3, 7), tzid="Asia/Dubai"
    )
    url = links.google_calendar_url(event, "en", "https://x.example/en/events/test-event/", "Hall, Dubai")
    assert url.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    q = _query(url)
    assert q["dates"] == "20240305/20240308"
    assert q["ctz"] == "Asia/Dubai"
    assert q["text"] == "Test Expo" and q["location"] == "Hall, Dubai"
    assert q["details"].endswith("https://x.example/en/events/test-event/")


def test_google_timed_link_uses_local_times_with_ctz(make_test_event):
    event = make_test_event(
        all_day=False, starts_local=dt.datetime(2027, 3, 15, 9, 30),
        ends_local=dt.datetime(2027, 3, 15, 17, 0),
    )
    q = _query(links.google_calendar_url(event, "ar", "https://x.example/", ""))
    assert q["dates"] == "20270315T093000/20270315T170000"
    assert q["ctz"] == "Asia/Qatar"
    assert q["text"] == "معرض تجريبي"


def test_outlook_all_day_link(make_test_event):
    event = make_test_event(starts_on=dt.date(2024, 3, 5), ends_on=dt.date(2024, 3, 7))
    url = links.outlook_url(event, "en", "https://x.example/p/", "Hall")
    prefix = "https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&"
    assert url.startswith(prefix)
    q = _query(url)
    assert q["rru"] == "addevent" and q["allday"] == "true"
    assert (q["startdt"], q["enddt"]) == ("2024-03-05", "2024-03-08")
    assert q["subject"] == "Test Expo" and q["location"] == "Hall" and q["body"].endswith("https://x.example/p/")


def test_outlook_timed_link_carries_the_utc_offset(make_test_event):
    event = make_test_event(
        all_day=False, starts_local=dt.datetime(2027, 3, 15, 9, 0),
        ends_local=dt.datetime(2027, 3, 15, 17, 0),
    )
    q = _query(links.outlook_url(event, "en", "https://x.example/", ""))
    assert q["startdt"] == "2027-03-15T09:00:00+03:00"
    assert (q["enddt"], q["allday"]) == ("2027-03-15T17:00:00+03:00", "false")


def test_long_description_is_cut_in_calendar_links(make_test_event):
    event = make_test_event(description_en="word " * 1000)
    q = _query(links.google_calendar_url(event, "en", "https://x.example/", ""))
    assert len(q["details"]) < links.DETAILS_MAX + 40
    assert "…" in q["details"]


def test_our_ics_urls_are_absolute_and_carry_the_language():
    url = links.event_ics_url("https://c.example/", "wps-2024", "ar")
    assert url == "https://c.example/events/wps-2024.ics?lang=ar"
    feed = links.feed_ics_url("https://c.example", "qatar", "en")
    assert feed == "https://c.example/feeds/qatar.ics?lang=en"
    assert links.webcal_url(feed) == "webcal://c.example/feeds/qatar.ics?lang=en"
