"""Hostile text cannot break or inject into a feed (RFC 5545 §3.1 folding, §3.3.11 escaping)."""

import re

import icalendar
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import vText

from calendar_app import ics
from calendar_app.events import make_venue
from calendar_app.feeds import Feed

ARABIC_LINE = "م" * 1000
HOSTILE_TITLES = [
    ("Expo\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil", "Expo END:VEVENT BEGIN:VEVENT UID:evil"),
    ("Expo\nX-INJECTED:1", "Expo X-INJECTED:1"),
    ("Expo\u2028X-INJECTED:1\u2029DTSTART:19700101", "Expo X-INJECTED:1 DTSTART:19700101"),
    ("Expo\x85X-INJECTED:1", "Expo X-INJECTED:1"),
    ("Ex\x00p\x07o\x1b;\x7f,\x9b", "Expo;,"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("\u202eExpo\u202c", "Expo"),
    ("معرض\u200f RLM kept", "معرض\u200f RLM kept"),
]


def only_event(body: bytes) -> tuple[icalendar.Event, object]:
    """The single VEVENT as icalendar and vobject read it; fails if anything was injected."""
    cal = icalendar.Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    assert cal.errors == [] and events[0].errors == []
    other = vobject.readOne(body.decode("utf-8"))
    assert len(other.vevent_list) == 1
    return events[0], other.vevent_list[0]


def assert_folded(body: bytes) -> None:
    """Every content line fits RFC 5545's 75 octets and ends in CRLF; no bare CR or LF anywhere."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert all(b"\r" not in line and b"\n" not in line for line in lines)


@pytest.mark.parametrize(("typed", "shown"), HOSTILE_TITLES)
def test_hostile_title_stays_one_summary(client, add_event, typed, shown):
    add_event(title_en=typed)
    body = client.get("/feeds/all.ics?lang=en").data
    assert_folded(body)
    event, other = only_event(body)
    assert str(event["SUMMARY"]) == shown == other.summary.value
    assert str(event["UID"]) == "test-event@calendar.test"
    assert "X-INJECTED" not in event
    assert str(event["DTSTART"].to_ical(), "ascii") == "20270315"


def test_hostile_description_keeps_its_lines_and_injects_nothing(client, add_event):
    typed = f"one\r\ntwo\u2028three\u2029four\x85five\nBEGIN:VALARM\n{ARABIC_LINE}\x00"
    add_event(description_ar=typed)
    body = client.get("/feeds/all.ics?lang=ar").data
    assert_folded(body)
    event, other = only_event(body)
    assert event.walk("VALARM") == []
    expected = f"one\ntwo\nthree\nfour\nfive\nBEGIN:VALARM\n{ARABIC_LINE}"
    assert str(event["DESCRIPTION"]).endswith("\n\n" + expected)
    assert other.description.value.endswith("\n\n" + expected)


def test_long_arabic_title_is_folded_without_splitting_a_character(client, add_event):
    title = "م" * 200  # the title limit, 400 octets of UTF-8
    add_event(title_ar=title)
    body = client.get("/feeds/all.ics?lang=ar").data
    assert_folded(body)
    body.decode("utf-8")  # folding never cuts a multi-byte character in half
    event, other = only_event(body)
    assert str(event["SUMMARY"]) == title == other.summary.value


def test_text_special_characters_round_trip(make_test_event):
    event = make_test_event(title_en='Semi; comma, back\\slash "quote"')
    body = ics.render_event(event, "en", "https://x.test")
    parsed, other = only_event(body)
    assert str(parsed["SUMMARY"]) == 'Semi; comma, back\\slash "quote"' == other.summary.value


# -- the calendar's own text: NAME, X-WR-CALNAME, DESCRIPTION, X-WR-CALDESC --------------------------
CALENDAR_TEXT = ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC")
FEED_TEXTS = [
    "Exhibitions, conferences and summits; with Hijri dates.",
    'Back\\slash, "quoted" a:b; c',
    "Two\nlines, one feed",
    "معارض، مؤتمرات؛ وقمم, with a comma",
]


def calendar_lines(body: bytes) -> dict[str, str]:
    """The VCALENDAR's own content lines (before the first component), unfolded: name -> raw value."""
    head = body.split(b"\r\nBEGIN:V", 1)[0].split(b"\r\nEND:VCALENDAR", 1)[0]
    lines = head.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[1:]
    # A line without a colon is a broken one (a raw newline in a value): keep it visible.
    return dict(line.split(":", 1) if ":" in line else ("<broken>", line) for line in lines)


def unescape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT unescaping (a reference written here, independent of icalendar)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def text_feed(text: str) -> Feed:
    return Feed(slug="text", title_en=text, title_ar=text, description_en=text, description_ar=text)


@pytest.mark.parametrize("text", FEED_TEXTS)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_calendar_name_and_description_are_escaped_as_text(text, lang):
    # icalendar 7.3 writes NAME and X- properties as UNKNOWN values, verbatim (no RFC 5545 escaping).
    body = ics.render_feed(text_feed(text), [], lang, "https://x.test")
    lines = calendar_lines(body)
    for name in CALENDAR_TEXT:
        assert lines[name] == vText(text).to_ical().decode("utf-8"), name
        assert unescape_text(lines[name]) == text, name
    other = vobject.readOne(body.decode("utf-8"))
    read = {child.name: child.value for child in other.getChildren()}
    assert all(read[name] == text for name in CALENDAR_TEXT), read


@settings(max_examples=80, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(",;\\\n:\"'"),
               min_size=1, max_size=60))
def test_any_feed_name_and_description_round_trip(text):
    body = ics.render_feed(text_feed(text), [], "en", "https://x.test")
    assert_folded(body)
    lines = calendar_lines(body)
    for name in CALENDAR_TEXT:
        assert lines[name] == lines["DESCRIPTION"], name
        # icalendar's TEXT escaping first turns a literal backslash-N into \n, a line break (its
        # _escape_char, step 1), in every TEXT property alike; the rest reads back exactly.
        if "\\N" not in text:
            assert unescape_text(lines[name]) == text, name


@pytest.mark.parametrize("name", ["all.en.ics", "exhibitions.en.ics", "milipol-qatar.en.ics"])
def test_golden_feed_caldesc_is_escaped_like_description(golden, name):
    # The English feeds whose description has commas: X-WR-CALDESC reads exactly as DESCRIPTION.
    lines = calendar_lines(golden(name))
    assert "," in unescape_text(lines["DESCRIPTION"])
    assert lines["X-WR-CALDESC"] == lines["DESCRIPTION"]
    assert lines["X-WR-CALNAME"] == lines["NAME"]


HOSTILE_NAME = 'Hall "A", Level 2; East\\Wing'


def test_location_and_organizer_name_with_special_characters_read_back_exactly(make_test_event):
    venue = make_venue(slug="hall-a", name_en=HOSTILE_NAME, name_ar="قاعة، أ", city_en="Doha, Old; Town",
                       city_ar="الدوحة", country_code="QA", tzid="Asia/Qatar")
    event = make_test_event(venue=venue, organizer_name_en=HOSTILE_NAME,
                            organizer_url="https://organizer.example/a,b")
    body = ics.render_event(event, "en", "https://x.test")
    parsed, other = only_event(body)
    location = f"{HOSTILE_NAME}, Doha, Old; Town, QA"
    assert str(parsed["LOCATION"]) == location == other.location.value
    # RFC 6868 writes the quote as ^' inside the quoted CN parameter; icalendar reads it back.
    assert parsed["ORGANIZER"].params["CN"] == HOSTILE_NAME
    assert str(parsed["ORGANIZER"]) == "https://organizer.example/a,b"
    assert other.organizer.value == "https://organizer.example/a,b"
