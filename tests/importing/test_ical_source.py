"""iCalendar import: dates and zones, text in both languages, status, what the model cannot hold."""

import datetime as dt

import pytest

from calendar_app.importing import ical_source, ical_times
from calendar_app.importing.ical_source import parse_ics

from .ics_support import calendar, event


def one(data: bytes):
    result = parse_ics(data)
    assert len(result.proposals) == 1, [n.english() for n in result.notes]
    return result.proposals[0]


def msgids(p):
    return [n.msgid for n in p.notes]


def test_all_day_event_last_day_is_the_day_before_dtend():
    p = one(calendar(event()))
    assert (p.value("all_day"), p.value("starts_on"), p.value("ends_on")) == (
        True,
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 7),
    )
    assert p.fields["ends_on"].source.msgid == ical_times.EXCLUSIVE_END
    assert p.value("uid") == "e1@test" and p.value("title_en") == "Gulf Expo"


def test_all_day_event_without_end_is_one_day():
    p = one(calendar(event(end="")))
    assert p.value("ends_on") == dt.date(2024, 3, 5)


def test_timed_event_keeps_wall_time_and_iana_zone():
    p = one(
        calendar(
            event(
                start="DTSTART;TZID=Asia/Dubai:20240305T090000", end="DTEND;TZID=Asia/Dubai:20240305T170000"
            )
        )
    )
    assert p.value("all_day") is False
    assert (p.value("starts_local"), p.value("ends_local"), p.value("tzid")) == (
        dt.datetime(2024, 3, 5, 9),
        dt.datetime(2024, 3, 5, 17),
        "Asia/Dubai",
    )


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Arab Standard Time", "Asia/Riyadh"),
        ("/mozilla.org/20050126_1/Asia/Dubai", "Asia/Dubai"),
    ],
)
def test_windows_and_vendor_tzids_map_to_iana(tzid, zone):
    p = one(calendar(event(start=f"DTSTART;TZID={tzid}:20240305T090000", end="DURATION:PT2H")))
    assert (p.value("tzid"), p.value("starts_local"), p.value("ends_local")) == (
        zone,
        dt.datetime(2024, 3, 5, 9),
        dt.datetime(2024, 3, 5, 11),
    )


def test_unknown_tzid_keeps_wall_time_and_reports():
    p = one(calendar(event(start="DTSTART;TZID=Gulf Standard Time Custom:20240305T090000", end="")))
    assert p.value("starts_local") == dt.datetime(2024, 3, 5, 9) and "tzid" in p.missing()
    assert ical_times.UNKNOWN_ZONE in msgids(p)


def test_utc_time_is_placed_in_the_calendars_zone():
    p = one(
        calendar(
            event(start="DTSTART:20240305T060000Z", end="DTEND:20240305T140000Z"),
            head="X-WR-TIMEZONE:Asia/Qatar",
        )
    )
    assert (p.value("starts_local"), p.value("ends_local"), p.value("tzid")) == (
        dt.datetime(2024, 3, 5, 9),
        dt.datetime(2024, 3, 5, 17),
        "Asia/Qatar",
    )
    assert p.fields["starts_local"].source.msgid == ical_times.IN_DEFAULT_ZONE


def test_utc_time_is_placed_in_the_zone_of_the_city_in_location():
    p = one(calendar(event("LOCATION:DECC\\, Doha", start="DTSTART:20240305T060000Z", end="")))
    assert (p.value("starts_local"), p.value("tzid"), p.value("city_en"), p.value("country_code")) == (
        dt.datetime(2024, 3, 5, 9),
        "Asia/Qatar",
        "Doha",
        "QA",
    )


def test_utc_time_with_no_zone_to_place_it_stays_utc():
    p = one(calendar(event(start="DTSTART:20240305T060000Z", end="")))
    assert (p.value("starts_local"), p.value("tzid")) == (dt.datetime(2024, 3, 5, 6), "UTC")
    assert p.fields["tzid"].source.msgid == ical_times.UTC_KEPT


def test_floating_time_without_any_zone_is_reported():
    p = one(calendar(event(start="DTSTART:20240305T090000", end="DTEND:20240305T100000")))
    assert p.value("starts_local") == dt.datetime(2024, 3, 5, 9) and "tzid" in p.missing()
    assert ical_times.FLOATING in msgids(p)


def test_dtend_in_another_zone_is_converted_to_the_start_zone():
    p = one(
        calendar(
            event(
                start="DTSTART;TZID=Asia/Dubai:20240305T090000", end="DTEND;TZID=Europe/Paris:20240305T100000"
            )
        )
    )
    assert p.value("ends_local") == dt.datetime(2024, 3, 5, 13)


@pytest.mark.parametrize(
    ("start", "end", "msgid"),
    [
        ("DTSTART;VALUE=DATE:20240308", "DTEND;VALUE=DATE:20240305", ical_times.END_BEFORE_START),
        (
            "DTSTART;TZID=Asia/Dubai:20240305T090000",
            "DTEND;TZID=Asia/Dubai:20240305T080000",
            ical_times.END_BEFORE_START,
        ),
        ("DTSTART;VALUE=DATE:20240305", "DTEND:20240306T100000Z", ical_times.MIXED_TYPES),
    ],
)
def test_impossible_end_is_left_empty_and_reported(start, end, msgid):
    p = one(calendar(event(start=start, end=end)))
    assert msgid in msgids(p)
    assert "ends_on" not in p.fields and "ends_local" not in p.fields


def test_missing_dtstart_is_reported():
    p = one(calendar(event(start="", end="")))
    assert ical_times.NO_START in msgids(p) and "starts_on" in p.missing()


@pytest.mark.parametrize("day", ["19000101", "20991231"])
def test_dates_outside_the_hijri_table_are_reported_not_proposed(day):
    p = one(calendar(event(start=f"DTSTART;VALUE=DATE:{day}", end="")))
    assert ical_times.OUT_OF_RANGE in msgids(p) and "starts_on" not in p.fields


def test_arabic_and_english_text_go_to_their_fields():
    p = one(
        calendar(
            event(
                "SUMMARY;LANGUAGE=en:Police Summit\nDESCRIPTION:وصف عربي\nLOCATION:مركز دبي التجاري",
                summary="SUMMARY;LANGUAGE=ar:القمة",
            )
        )
    )
    assert (p.value("title_ar"), p.value("title_en")) == ("القمة", "Police Summit")
    assert p.value("description_ar") == "وصف عربي"
    assert (p.value("venue_name_ar"), p.value("city_en")) == ("مركز دبي التجاري", "Dubai")


def test_language_parameter_wins_over_script():
    p = one(calendar(event(summary="SUMMARY;LANGUAGE=ar:Milipol Qatar")))
    assert p.value("title_ar") == "Milipol Qatar" and "title_en" in p.missing()


def test_cancelled_status_and_private_class():
    p = one(calendar(event("STATUS:CANCELLED\nCLASS:PRIVATE")))
    assert p.value("status") == "cancelled"
    assert ical_source.PRIVATE in msgids(p)


def test_organizer_url_categories_and_geo():
    p = one(
        calendar(
            event(
                'ORGANIZER;CN="Dubai Police":mailto:info@example.org\nURL:https://example.org/e\n'
                "CATEGORIES:Exhibition,Civil Defence,أمن\nGEO:25.2;55.3"
            )
        )
    )
    assert p.value("organizer_name_en") == "Dubai Police" and p.value("url") == "https://example.org/e"
    assert p.value("categories") == ("exhibition", "civil-defence")
    assert (p.value("latitude"), p.value("longitude")) == (25.2, 55.3)
    assert {ical_source.CATEGORIES_NOT_HELD, ical_source.ORGANIZER_ADDRESS} <= set(msgids(p))


def test_properties_and_alarms_the_model_cannot_hold_are_listed():
    p = one(
        calendar(
            event(
                "ATTENDEE:mailto:a@example.org\nX-ALT-DESC;FMTTYPE=text/html:<b>x</b>\n"
                "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT1H\nDESCRIPTION:x\nEND:VALARM"
            )
        )
    )
    not_held = next(n for n in p.notes if n.msgid == ical_source.NOT_HELD)
    assert not_held.params["names"] == "ATTENDEE, X-ALT-DESC"
    alarms = next(n for n in p.notes if n.msgid == ical_source.ALARMS)
    assert alarms.params == {"count": 1, "name": "VALARM"}


def test_event_without_uid_is_proposed_and_reported():
    p = one(calendar(event(uid="")))
    assert ical_source.NO_UID in msgids(p) and "uid" in p.missing()


def test_duplicate_uid_keeps_the_first():
    result = parse_ics(calendar(event(summary="SUMMARY:One"), event(summary="SUMMARY:Two")))
    assert [p.value("title_en") for p in result.proposals] == ["One"]
    assert [n.msgid for n in result.notes] == [ical_source.DUPLICATE_UID]


def test_several_calendars_are_all_read():
    data = calendar(event(uid="a")) + calendar(event(uid="b"))
    result = parse_ics(data)
    assert [p.value("uid") for p in result.proposals] == ["a", "b"]
    assert ical_source.SEVERAL_CALENDARS in [n.msgid for n in result.notes]


def test_todo_components_are_reported():
    data = calendar(event()).replace(b"END:VCALENDAR", b"BEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR")
    assert ical_source.NOT_EVENTS in [n.msgid for n in parse_ics(data).notes]


@pytest.mark.parametrize(
    ("data", "msgid"),
    [
        (b"", ical_source.NO_CALENDAR),
        (b"\x00\xff\xfe garbage \x80", ical_source.NOT_UTF8),
        (b"garbage", ical_source.UNREADABLE),
        (b"<html><body>not a calendar</body></html>", ical_source.UNREADABLE),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n", ical_source.NO_CALENDAR),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", ical_source.NO_EVENTS),
        (b"BEGIN:VCALENDAR\r\nX-LONG:" + b"x" * 2_000_000 + b"\r\nEND:VCALENDAR\r\n", ical_source.NO_EVENTS),
        (b"x" * (ical_source.MAX_BYTES + 1), ical_source.TOO_BIG),
    ],
)
def test_bad_files_give_notes_not_exceptions(data, msgid):
    result = parse_ics(data)
    assert result.proposals == ()
    assert msgid in [n.msgid for n in result.notes]


def test_windows_1256_arabic_is_reported_and_still_read():
    data = calendar(event(summary="SUMMARY:x")).replace(b"SUMMARY:x", "SUMMARY:معرض".encode("cp1256"))
    result = parse_ics(data)
    assert ical_source.NOT_UTF8 in [n.msgid for n in result.notes]
    assert result.proposals[0].value("starts_on") == dt.date(2024, 3, 5)


def test_broken_property_is_reported():
    p = one(calendar(event("GEO:north")))
    assert ical_source.BROKEN_PROPERTY in msgids(p) and "latitude" in p.missing()


def test_citation_defaults_to_the_calendars_name():
    p = one(calendar(event(), head="X-WR-CALNAME:Dubai Police events"))
    assert p.value("source_citation") == "Dubai Police events"
    p = parse_ics(calendar(event()), citation="typed", source_url="https://example.org/x.ics").proposals[0]
    assert (p.value("source_citation"), p.value("source_url")) == ("typed", "https://example.org/x.ics")
