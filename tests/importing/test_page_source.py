"""Event pages: schema.org Events in JSON-LD and microdata, their dates, zones, places and status."""

import datetime as dt
import json

import pytest

from calendar_app.importing import page_source, schema_event
from calendar_app.importing.page_source import parse_page

URL = "https://example.org/events/"


def page(*nodes, body: str = "", charset: str = "utf-8") -> bytes:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(n, ensure_ascii=False)}</script>' for n in nodes
    )
    return f"<!doctype html><html><head>{scripts}</head><body>{body}</body></html>".encode(charset)


def one(*nodes, **kw):
    result = parse_page(page(*nodes), URL, **kw)
    assert len(result.proposals) == 1, [n.english() for n in result.notes]
    return result.proposals[0]


def msgids(p):
    return [n.msgid for n in p.notes]


EXHIBITION = {
    "@context": "https://schema.org",
    "@type": "ExhibitionEvent",
    "@id": "#milipol",
    "name": "Milipol Qatar 2024",
    "startDate": "2024-10-29",
    "endDate": "2024-10-31",
    "eventStatus": "https://schema.org/EventScheduled",
    "location": {
        "@type": "Place",
        "name": "Doha Exhibition and Convention Center",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "West Bay",
            "addressLocality": "Doha",
            "addressCountry": "QA",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": "25.32", "longitude": 51.53},
    },
    "organizer": {
        "@type": "Organization",
        "name": "Ministry of Interior",
        "url": "https://portal.moi.gov.qa/",
    },
    "superEvent": {"@type": "EventSeries", "name": "Milipol Qatar"},
    "url": "/milipol",
    "offers": {"@type": "Offer", "price": 0},
    "image": "x.png",
}


def test_exhibition_event_fields_and_where_they_came_from():
    p = one(EXHIBITION)
    assert (p.value("starts_on"), p.value("ends_on"), p.value("all_day")) == (
        dt.date(2024, 10, 29),
        dt.date(2024, 10, 31),
        True,
    )
    assert (p.value("title_en"), p.value("series_name_en"), p.value("status")) == (
        "Milipol Qatar 2024",
        "Milipol Qatar",
        "confirmed",
    )
    assert (p.value("venue_name_en"), p.value("address")) == (
        "Doha Exhibition and Convention Center",
        "West Bay, Doha",
    )
    assert (p.value("city_en"), p.value("city_ar"), p.value("country_code")) == ("Doha", "الدوحة", "QA")
    assert (p.value("latitude"), p.value("longitude")) == (25.32, 51.53)
    assert (p.value("organizer_name_en"), p.value("organizer_url")) == (
        "Ministry of Interior",
        "https://portal.moi.gov.qa/",
    )
    assert p.value("uid") == "https://example.org/events/#milipol"
    assert p.value("url") == "https://example.org/milipol"
    assert p.value("categories") == ("exhibition",)
    assert p.fields["ends_on"].source.path == "json-ld[0].endDate"
    not_held = next(n for n in p.notes if n.msgid == schema_event.NOT_HELD)
    assert not_held.params["names"] == "image, offers"


def test_several_events_on_one_page_from_both_syntaxes():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "BusinessEvent", "name": "A", "startDate": "2024-01-01"},
            {"@type": "Organization", "name": "not an event"},
            {
                "@type": ["Event", "Thing"],
                "name": "B",
                "startDate": "2024-01-02",
                "subEvent": [{"@type": "EducationEvent", "name": "B1", "startDate": "2024-01-02"}],
            },
        ],
    }
    microdata = (
        '<div itemscope itemtype="https://schema.org/SportsEvent"><span itemprop="name">C</span>'
        '<meta itemprop="startDate" content="2024-01-03"></div>'
    )
    result = parse_page(
        page(graph, [{"@type": "Festival", "name": "D", "startDate": "2024-01-04"}], body=microdata), URL
    )
    assert [p.value("title_en") for p in result.proposals] == ["A", "B", "B1", "D", "C"]
    assert [p.value("categories") for p in result.proposals][-1] == ("sports",)


@pytest.mark.parametrize(
    ("start", "place", "local", "zone", "msgid"),
    [
        ("2024-10-30T10:00:00+03:00", "Doha", dt.datetime(2024, 10, 30, 10), "Asia/Qatar", None),
        (
            "2024-10-30T10:00:00+03:00",
            "Dubai",
            dt.datetime(2024, 10, 30, 10),
            None,
            schema_event.OFFSET_MISMATCH,
        ),
        ("2024-10-30T07:00:00Z", "Doha", dt.datetime(2024, 10, 30, 7), None, schema_event.OFFSET_MISMATCH),
        ("2024-10-30T10:00:00", "Riyadh", dt.datetime(2024, 10, 30, 10), "Asia/Riyadh", None),
        ("2024-10-30T10:00:00", None, dt.datetime(2024, 10, 30, 10), None, schema_event.FLOATING),
        (
            "2024-10-30T10:00:00+04:00",
            None,
            dt.datetime(2024, 10, 30, 10),
            None,
            schema_event.NO_ZONE_FOR_OFFSET,
        ),
        (
            "2027-03-28T10:00:00+02:00",
            "Paris",
            dt.datetime(2027, 3, 28, 10),
            "Europe/Paris",
            None,
        ),  # summer time
    ],
)
def test_date_times_become_wall_time_and_zone_when_the_offset_fits(start, place, local, zone, msgid):
    node = {"@type": "Event", "name": "x", "startDate": start}
    if place:
        node["location"] = {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": place}}
    p = one(node)
    assert (p.value("all_day"), p.value("starts_local"), p.value("tzid")) == (False, local, zone)
    assert (msgid in msgids(p)) if msgid else not p.notes_of("problem")


def test_end_time_is_read_in_the_same_zone():
    p = one(
        {
            "@type": "Event",
            "name": "x",
            "startDate": "2024-10-30T10:00+03:00",
            "endDate": "2024-10-30T12:30+03:00",
            "location": {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "Qatar"}},
        }
    )
    assert (p.value("ends_local"), p.value("tzid"), p.value("country_code")) == (
        dt.datetime(2024, 10, 30, 12, 30),
        "Asia/Qatar",
        "QA",
    )


@pytest.mark.parametrize(
    ("start", "end", "msgid"),
    [
        ("2024-10-31", "2024-10-29", schema_event.END_BEFORE_START),
        ("2024-10-31", "2024-10-31T10:00:00+03:00", schema_event.MIXED_TYPES),
        ("March 5, 2024", None, schema_event.UNREADABLE_DATE),
        ("1900-01-01", None, schema_event.OUT_OF_RANGE),
        ("2024-10-30", "2099-01-01", schema_event.OUT_OF_RANGE),
    ],
)
def test_bad_dates_are_reported_not_guessed(start, end, msgid):
    node = {"@type": "Event", "name": "x", "startDate": start}
    if end:
        node["endDate"] = end
    p = one(node)
    assert msgid in msgids(p)
    assert "ends_on" not in p.fields and "ends_local" not in p.fields


@pytest.mark.parametrize(
    ("status", "field", "msgid"),
    [
        ("https://schema.org/EventCancelled", "cancelled", None),
        ("EventPostponed", None, schema_event.POSTPONED),
        ("schema:EventRescheduled", "confirmed", schema_event.RESCHEDULED),
        ("https://schema.org/EventMovedOnline", None, schema_event.ONLINE),
        ("EventSoldOut", None, schema_event.UNKNOWN_STATUS),
    ],
)
def test_event_status(status, field, msgid):
    p = one(
        {
            "@type": "Event",
            "name": "x",
            "startDate": "2024-10-30",
            "eventStatus": status,
            "previousStartDate": "2024-09-30",
        }
    )
    if status.endswith("Rescheduled"):
        assert p.value("status") is None
    else:
        assert p.value("status") == field
    assert msgid is None or msgid in msgids(p)


def test_online_location_is_reported():
    p = one(
        {
            "@type": "Event",
            "name": "x",
            "startDate": "2024-10-30",
            "location": {"@type": "VirtualLocation", "url": "https://meet.example.org"},
        }
    )
    assert schema_event.ONLINE in msgids(p)


def test_in_language_and_language_tagged_names():
    p = one({"@type": "Event", "inLanguage": "ar-QA", "name": "Milipol Qatar", "startDate": "2024-10-30"})
    assert p.value("title_ar") == "Milipol Qatar" and "title_en" in p.missing()
    p = one(
        {
            "@type": "Event",
            "startDate": "2024-10-30",
            "name": [
                {"@value": "ندوة الأمن", "@language": "ar"},
                {"@value": "Security seminar", "@language": "en"},
            ],
        }
    )
    assert (p.value("title_ar"), p.value("title_en")) == ("ندوة الأمن", "Security seminar")


def test_location_that_is_a_city_name_is_a_city_not_a_venue():
    p = one({"@type": "Event", "name": "x", "startDate": "2024-10-30", "location": "الدوحة"})
    assert (p.value("city_en"), p.value("country_code")) == ("Doha", "QA") and "venue_name_ar" not in p.fields


def test_broken_script_does_not_hide_the_others():
    html = page(EXHIBITION).replace(b"</head>", b'<script type="application/ld+json">{broken</script></head>')
    result = parse_page(html, URL)
    assert len(result.proposals) == 1
    assert page_source.UNREADABLE_SCRIPT in [n.msgid for n in result.notes]


def test_page_charset_is_used():
    html = page({"@type": "Event", "name": "معرض الدوحة", "startDate": "2024-10-30"}, charset="cp1256")
    (p,) = parse_page(html, URL, charset="windows-1256").proposals
    assert p.value("title_ar") == "معرض الدوحة"


@pytest.mark.parametrize("html", [b"", b"\x00", b"<html>", b"\xff\xfe<", b"not html at all", b"<" * 10_000])
def test_pages_without_events_give_a_note(html):
    result = parse_page(html, URL)
    assert result.proposals == () and page_source.NO_EVENTS in [n.msgid for n in result.notes]


def test_oversized_page_is_refused():
    result = parse_page(b"x" * (page_source.MAX_BYTES + 1), URL)
    assert [n.msgid for n in result.notes] == [page_source.TOO_BIG]
