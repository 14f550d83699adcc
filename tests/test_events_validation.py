"""make_event(): the invariants of an event and the messages staff see."""

import datetime as dt

import pytest

from calendar_app.events import EventError, make_event, make_venue
from tests.conftest import event_fields


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": dt.date(2027, 3, 14)}, "ends_on", "ends before it starts"),
        ({"tzid": "Mars/Olympus"}, "tzid", "Unknown time zone"),
        ({"tzid": ""}, "tzid", "Unknown time zone"),
        ({"title_en": "", "title_ar": ""}, "title_en", "title in Arabic or English"),
        ({"title_en": "  \x00 ", "title_ar": "\u202e"}, "title_en", "title in Arabic or English"),
        ({"title_en": "x" * 10_000}, "title_en", "At most 200 characters"),
        ({"starts_on": dt.date(1900, 1, 1)}, "starts_on", "1924-08-01 and 2077-11-16"),
        ({"ends_on": dt.date(2080, 1, 1)}, "ends_on", "1924-08-01 and 2077-11-16"),
        ({"status": "postponed"}, "status", "Status must be one of"),
        ({"slug": "Not A Slug"}, "slug", "lower-case letters"),
        ({"url": "javascript:alert(1)"}, "url", "http:// or https://"),
        ({"categories": ["<b>"]}, "categories", "Categories are short names"),
        ({"edition": 0}, "edition", "whole number"),
        (
            {"all_day": False, "starts_local": dt.datetime(2027, 3, 15, 10),
             "ends_local": dt.datetime(2027, 3, 15, 9)},
            "ends_local", "ends before it starts",
        ),
        ({"all_day": False}, "starts_local", "start and end time"),
    ],
)
def test_make_event_refuses_bad_input(overrides, field, message):
    with pytest.raises(EventError, match=message) as info:
        make_event(**event_fields(**overrides))
    assert info.value.field == field


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"latitude": 200}, "latitude", "between -90 and 90"),
        ({"longitude": -181}, "longitude", "between -180 and 180"),
        ({"country_code": "Qatar"}, "country_code", "two-letter ISO code"),
        ({"tzid": "Nowhere/City"}, "tzid", "Unknown time zone"),
        ({"name_en": "", "name_ar": ""}, "venue_name_en", "venue a name"),
    ],
)
def test_make_venue_refuses_bad_input(overrides, field, message):
    fields = {"slug": "hall", "name_en": "Hall", "country_code": "QA", "tzid": "Asia/Qatar",
              **overrides}
    with pytest.raises(EventError, match=message) as info:
        make_venue(**fields)
    assert info.value.field == field


def test_title_in_one_language_is_enough_and_falls_back():
    event = make_event(**event_fields(title_ar=""))
    assert event.title("ar") == "Test Expo"


def test_text_is_cleaned_on_the_way_in():
    event = make_event(**event_fields(title_en="Expo\u2028<script>\x00", description_en="a\u2029b"))
    assert event.title_en == "Expo <script>"
    assert event.description_en == "a\nb"


def test_timed_event_builds_aware_times_in_its_zone():
    event = make_event(**event_fields(
        all_day=False, starts_local=dt.datetime(2027, 3, 15, 9), ends_local=dt.datetime(2027, 3, 15, 17),
    ))
    assert event.starts_at.utcoffset() == dt.timedelta(hours=3)
    assert event.starts_at.astimezone(dt.UTC).hour == 6
    assert event.time_label("en") == "09:00–17:00 (Asia/Qatar)"
    assert event.time_label("ar") == "٠٩:٠٠–١٧:٠٠ (Asia/Qatar)"


def test_labels_in_both_calendars():
    event = make_event(**event_fields(starts_on=dt.date(2024, 3, 5), ends_on=dt.date(2024, 3, 7)))
    assert event.gregorian_label("en") == "5–7 March 2024"
    assert event.hijri_label("en") == "24–26 Sha'ban 1445 AH"
    assert event.gregorian_label("ar") == "٥–٧ مارس ٢٠٢٤"
    assert event.hijri_label("ar") == "٢٤–٢٦ شعبان ١٤٤٥ هـ"


def test_make_event_reports_every_independent_problem():
    with pytest.raises(EventError) as info:
        make_event(**event_fields(title_en="x" * 300, tzid="Nowhere/City", url="ftp://x",
                                  ends_on=dt.date(2027, 3, 1), edition=-1))
    assert {e.field for e in info.value.errors} == {"title_en", "tzid", "url", "ends_on", "edition"}
    assert str(info.value) == str(info.value.errors[0])


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name_en": "", "name_ar": ""}, "series_name_en", "series a name"),
        ({"name_en": "x" * 201}, "series_name_en", "At most 200 characters"),
        ({"slug": "Bad Slug"}, "series_slug", "lower-case letters"),
        ({"url": "ftp://x"}, "series_url", "http:// or https://"),
    ],
)
def test_make_series_refuses_bad_input(overrides, field, message):
    from calendar_app.events import make_series

    with pytest.raises(EventError, match=message) as info:
        make_series(**{"slug": "expo", "name_en": "Expo", **overrides})
    assert info.value.field == field
