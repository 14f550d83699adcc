"""Public pages over HTTP: lists, archive, filters, event page, JSON-LD, escaping, 404s."""

import datetime as dt
import html
import json
import re

import pytest
import time_machine

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
WPS = "/{lang}/events/world-police-summit-2024/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def json_ld(response) -> dict:
    body = response.get_data(as_text=True)
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


# -- lists -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "empty", "recent"), [
    ("en", "No upcoming events.", "Recent past events"),
    ("ar", "لا توجد فعاليات قادمة.", "أحدث الفعاليات السابقة"),
])
def test_home_without_upcoming_events_shows_recent_past_ones(seeded_client, lang, empty, recent):
    page = text(seeded_client.get(f"/{lang}/"))
    assert empty in page and recent in page
    # most recent first, each linked to its page
    assert page.index("world-police-summit-2024/") < page.index("milipol-qatar-2021/")
    assert f'href="/{lang}/archive/"' in page


def test_home_lists_future_event_as_upcoming_and_not_in_archive(client, add_event):
    add_event(slug="future-expo", title_en="Future Expo", starts_on=dt.date(2027, 1, 10),
              ends_on=dt.date(2027, 1, 12))
    add_event(uid="old@x", slug="old-expo", title_en="Old Expo", starts_on=dt.date(2025, 1, 10),
              ends_on=dt.date(2025, 1, 12))
    home = text(client.get("/en/"))
    assert "Future Expo" in home and "No upcoming events" not in home and "Old Expo" not in home
    assert 'href="/en/events/future-expo/"' in home
    archive = text(client.get("/en/archive/"))
    assert "Old Expo" in archive and "Future Expo" not in archive


def test_running_event_counts_as_upcoming(client, add_event):
    add_event(title_en="Running Now", starts_on=dt.date(2026, 11, 22), ends_on=dt.date(2026, 11, 24))
    assert "Running Now" in text(client.get("/en/"))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_archive_lists_seed_events_with_both_calendars(seeded_client, lang):
    page = text(seeded_client.get(f"/{lang}/archive/"))
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page
    if lang == "en":
        assert "5–7 March 2024" in page and "24–26 Sha'ban 1445 AH" in page
        assert "15–17 March 2021" in page and "2–4 Sha'ban 1442 AH" in page
    else:
        assert "٢٤–٢٦ شعبان ١٤٤٥ هـ" in page and "٢–٤ شعبان ١٤٤٢ هـ" in page
        assert "الدوحة، قطر" in page  # Arabic comma between location parts


@pytest.mark.parametrize(("query", "present", "absent"), [
    ("country=QA", "Milipol Qatar 2021", "World Police Summit 2024"),
    ("country=ae", "World Police Summit 2024", "Milipol Qatar 2021"),
    ("city=Doha", "Milipol Qatar 2021", "World Police Summit 2024"),
    ("city=دبي", "World Police Summit 2024", "Milipol Qatar 2021"),
    ("category=civil-defence", "Milipol Qatar 2021", "World Police Summit 2024"),
    ("series=world-police-summit", "World Police Summit 2024", "Milipol Qatar 2021"),
])
def test_archive_filters(seeded_client, query, present, absent):
    page = text(seeded_client.get(f"/en/archive/?{query}"))
    assert present in page and absent not in page


@pytest.mark.parametrize(
    "query", ["country=ZZ", "city=Atlantis", "category=%3Cscript%3E", "series=" + "x" * 5000]
)
def test_unknown_filter_values_give_an_empty_list_with_a_message(seeded_client, query):
    response = seeded_client.get(f"/en/archive/?{query}")
    assert response.status_code == 200
    page = text(response)
    assert "No past events match these filters." in page and "Milipol Qatar 2021" not in page


def test_filter_form_offers_known_values_in_the_page_language(seeded_client):
    page = text(seeded_client.get("/ar/archive/"))
    assert '<option value="QA">قطر</option>' in page
    assert '<option value="world-police-summit">القمة العالمية للشرطة</option>' in page
    assert "لا توجد فعاليات سابقة تطابق" not in page


def test_home_filtered_to_nothing_says_so(seeded_client):
    page = text(seeded_client.get("/ar/?country=ZZ"))
    assert "لا توجد فعاليات قادمة تطابق هذه التصفية." in page


# -- event page ------------------------------------------------------------------------------------
def test_english_event_page_shows_everything(seeded_client):
    response = seeded_client.get(WPS.format(lang="en"))
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "<bdi>World Police Summit 2024</bdi>", "5–7 March 2024", "24–26 Sha'ban 1445 AH",
        "Dubai World Trade Centre, Dubai, United Arab Emirates",
        "https://www.openstreetmap.org/?mlat=25.2241&mlon=55.2866#map=16/25.2241/55.2866",
        "Dubai Police", "World Police Summit</bdi> · edition 3", "<bdi>Policing</bdi>",
        "calls the event \"the World Security Summit\"",
        'href="https://calendar.example.org/events/world-police-summit-2024.ics?lang=en"',
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text=World%20Police%20Summit%202024"
        "&dates=20240305/20240308",
        "https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&rru=addevent",
        "webcal://calendar.example.org/feeds/uae.ics?lang=en",
        "webcal://calendar.example.org/feeds/world-police-summit.ics?lang=en",
    ]:
        assert expected in page, expected
    assert "feeds/qatar.ics" not in page  # not in a feed it does not belong to
    # description: one <p> per line, never raw newlines through |safe
    assert page.count("<p dir=\"auto\">") >= 3


def test_arabic_event_page_is_rtl_with_arabic_dates(seeded_client):
    page = text(seeded_client.get(WPS.format(lang="ar")))
    assert '<html lang="ar" dir="rtl">' in page
    assert "٢٤–٢٦ شعبان ١٤٤٥ هـ" in page and "٥–٧ مارس ٢٠٢٤" in page
    assert "مركز دبي التجاري العالمي، دبي، الإمارات العربية المتحدة" in page
    assert "الدورة ٣" in page and "أضف إلى التقويم" in page
    assert "events/world-police-summit-2024.ics?lang=ar" in page
    assert 'href="/en/events/world-police-summit-2024/"' in page  # language switch keeps the page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_event_json_ld_describes_the_seed_event(seeded_client, lang):
    data = json_ld(seeded_client.get(WPS.format(lang=lang)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == ("World Police Summit 2024" if lang == "en" else "القمة العالمية للشرطة 2024")
    assert (data["startDate"], data["endDate"]) == ("2024-03-05", "2024-03-07")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["url"] == f"https://calendar.example.org/{lang}/events/world-police-summit-2024/"
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["address"]["@type"] == "PostalAddress" and location["address"]["addressCountry"] == "AE"
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 25.2241, "longitude": 55.2866}
    assert data["organizer"] == {
        "@type": "Organization", "url": "https://www.dubaipolice.gov.ae/",
        "name": "Dubai Police" if lang == "en" else "شرطة دبي",
    }
    assert data["description"].startswith("3rd edition" if lang == "en" else "الدورة الثالثة")


def test_cancelled_event_is_shown_as_cancelled(client, add_event):
    add_event(status="cancelled")
    response = client.get("/en/events/test-event/")
    assert response.status_code == 200
    assert "This event has been cancelled." in text(response)
    assert json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "Cancelled" in text(client.get("/en/"))


def test_timed_event_shows_local_time_and_zone(client, add_event):
    add_event(all_day=False, starts_local=dt.datetime(2027, 3, 15, 9, 30),
              ends_local=dt.datetime(2027, 3, 15, 17, 0))
    page = text(client.get("/en/events/test-event/"))
    assert "09:30–17:00" in page and "Asia/Qatar" in page
    assert json_ld(client.get("/en/events/test-event/"))["startDate"] == "2027-03-15T09:30:00+03:00"
    assert "٠٩:٣٠–١٧:٠٠" in text(client.get("/ar/events/test-event/"))


def test_draft_event_is_404_for_the_public(client, add_event):
    add_event(published=False)
    assert client.get("/en/events/test-event/").status_code == 404
    assert "Test Expo" not in text(client.get("/en/"))


def test_script_in_title_is_shown_as_text(client, add_event):
    add_event(title_en="<script>alert(1)</script> Expo", description_en="a </script><b>b</b>")
    for url in ("/en/events/test-event/", "/en/", "/en/month/2027/3/"):
        raw = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in raw, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Expo" in raw, url
    raw = client.get("/en/events/test-event/").get_data(as_text=True)
    assert "<b>b</b>" not in raw
    # the JSON-LD block is not ended early and still parses to the typed title
    assert json_ld(client.get("/en/events/test-event/"))["name"] == "<script>alert(1)</script> Expo"


# -- 404 and headers --------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "message"), [
    ("/en/events/no-such-event/", "Page not found"),
    ("/ar/events/no-such-event/", "الصفحة غير موجودة"),
    ("/en/month/2024/13/", "Page not found"),
    ("/ar/month/2077/12/", "الصفحة غير موجودة"),
    ("/en/month/1924/7/", "Page not found"),
    ("/en/month/0/1/", "Page not found"),
    ("/en/month/99999999/1/", "Page not found"),
])
def test_missing_pages_are_404_in_their_language(seeded_client, url, message):
    response = seeded_client.get(url)
    assert response.status_code == 404
    assert message in text(response)


@pytest.mark.parametrize("url", ["/en/", "/ar/archive/", "/en/month/2024/3/", WPS.format(lang="ar")])
def test_pages_forbid_inline_script(seeded_client, url):
    csp = seeded_client.get(url).headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_nav_links_every_page(seeded_client, lang):
    page = text(seeded_client.get(f"/{lang}/archive/"))
    for href in (f"/{lang}/", f"/{lang}/month/", f"/{lang}/archive/", f"/{lang}/feeds/"):
        assert f'href="{href}"' in page, href


def test_known_categories_are_labelled_in_the_page_language(seeded_client):
    arabic = seeded_client.get("/ar/events/world-police-summit-2024/").get_data(as_text=True)
    english = seeded_client.get("/en/events/world-police-summit-2024/").get_data(as_text=True)
    assert "<bdi>معرض</bdi>" in arabic and "<bdi>الشرطة</bdi>" in arabic
    assert "<bdi>Exhibition</bdi>" in english
    archive = seeded_client.get("/ar/archive/").get_data(as_text=True)
    assert 'value="exhibition"' in archive and "الدفاع المدني" in archive  # the filter keeps the slug
