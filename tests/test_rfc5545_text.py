"""Hostile text cannot break or inject into a feed (RFC 5545 §3.1 folding, §3.3.11 escaping)."""

import icalendar
import pytest
import vobject

from calendar_app import ics

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
def test_hostile_title_stays_one_summary(app, client, add_event, typed, shown):
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
