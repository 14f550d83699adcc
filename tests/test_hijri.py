"""Umm al-Qura conversion and labels, through calendar_app.hijri only."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_app import hijri
from calendar_app.errors import EventError


@pytest.mark.parametrize(
    ("gregorian", "expected"),
    [
        (dt.date(2024, 3, 5), (1445, 8, 24)),
        (dt.date(2024, 3, 7), (1445, 8, 26)),
        (dt.date(2021, 3, 15), (1442, 8, 2)),
        (dt.date(2021, 3, 17), (1442, 8, 4)),
        (dt.date(2024, 3, 11), (1445, 9, 1)),
    ],
)
def test_to_hijri_known_dates(gregorian, expected):
    assert tuple(hijri.to_hijri(gregorian)) == expected


def test_from_hijri_known_date():
    assert hijri.from_hijri(1445, 8, 24) == dt.date(2024, 3, 5)


def test_format_date_arabic_uses_arabic_indic_digits():
    assert hijri.format_date(hijri.HijriDate(1445, 8, 24), "ar") == "٢٤ شعبان ١٤٤٥ هـ"


def test_format_date_english():
    assert hijri.format_date(hijri.HijriDate(1445, 8, 24), "en") == "24 Sha'ban 1445 AH"


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        ((1445, 8, 24), (1445, 8, 26), "en", "24–26 Sha'ban 1445 AH"),
        ((1445, 8, 24), (1445, 8, 26), "ar", "٢٤–٢٦ شعبان ١٤٤٥ هـ"),
        ((1445, 8, 29), (1445, 9, 2), "en", "29 Sha'ban – 2 Ramadan 1445 AH"),
        ((1445, 12, 29), (1446, 1, 1), "en", "29 Dhu al-Hijjah 1445 AH – 1 Muharram 1446 AH"),
        ((1445, 8, 24), (1445, 8, 24), "en", "24 Sha'ban 1445 AH"),
    ],
)
def test_format_range(first, last, lang, expected):
    assert hijri.format_range(hijri.HijriDate(*first), hijri.HijriDate(*last), lang) == expected


def test_day_missing_from_month_is_a_clear_error():
    assert hijri.month_length(1445, 8) == 29
    with pytest.raises(EventError, match="Sha'ban 1445 AH has 29 days; there is no day 30"):
        hijri.from_hijri(1445, 8, 30)


@pytest.mark.parametrize(
    "args", [(1342, 12, 1), (1501, 1, 1), (1445, 13, 1), (1445, 0, 1), (1445, 1, 0)]
)
def test_from_hijri_out_of_range_is_event_error(args):
    with pytest.raises(EventError):
        hijri.from_hijri(*args)


@pytest.mark.parametrize("day", [dt.date(1924, 7, 31), dt.date(2077, 11, 17), dt.date(1900, 1, 1)])
def test_to_hijri_outside_table_is_event_error_with_range(day):
    # hijridate raises OverflowError here, which is not a ValueError; it must still be EventError.
    with pytest.raises(EventError, match="1924-08-01 and 2077-11-16"):
        hijri.to_hijri(day)


def test_table_edges_convert():
    assert tuple(hijri.to_hijri(dt.date(1924, 8, 1))) == (1343, 1, 1)
    assert hijri.from_hijri(1500, 12, 30) == dt.date(2077, 11, 16)


@settings(max_examples=300, deadline=None)  # a shared CI machine must not make a fast check flaky
@given(st.dates(min_value=hijri.FIRST_DAY, max_value=hijri.LAST_DAY))
def test_round_trip_every_day_in_table(day):
    h = hijri.to_hijri(day)
    assert hijri.from_hijri(*h) == day
    assert 1 <= h.day <= hijri.month_length(h.year, h.month)


# CLDR's Arabic names for the islamic-umalqura calendar, as ICU 78.2 (CLDR 48) formats them
# (Intl.DateTimeFormat("ar-u-ca-islamic-umalqura", {month: "long"})); month 4 is "ربيع الآخر",
# the Umm al-Qura calendar's own name for it.
CLDR_ARABIC = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
               "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
ENGLISH = ("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Akhir", "Jumada al-Ula", "Jumada al-Akhirah",
           "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah")


@pytest.mark.parametrize("month", range(1, 13))
def test_arabic_month_names_are_cldrs_code_point_for_code_point(month):
    assert hijri.month_name(month, "ar") == CLDR_ARABIC[month - 1]


@pytest.mark.parametrize("month", range(1, 13))
def test_english_month_names_follow_the_arabic_ones(month):
    assert hijri.month_name(month, "en") == ENGLISH[month - 1]


def test_only_the_fourth_month_is_named_differently_from_hijridate():
    from hijridate import Hijri  # the one deliberate difference from the library's spelling

    differs = {(m, lang) for m in range(1, 13) for lang in ("ar", "en")
               if hijri.month_name(m, lang) != Hijri(1445, m, 1).month_name(lang)}
    assert differs == {(4, "ar"), (4, "en")}


def test_dates_in_the_fourth_month_use_its_umm_al_qura_name():
    # 1 Rabi' al-Akhir 1448 AH is 12 September 2026 (hijridate's Umm al-Qura table).
    assert hijri.to_hijri(dt.date(2026, 9, 12)) == (1448, 4, 1)
    assert hijri.format_date(hijri.HijriDate(1448, 4, 1), "ar") == "١ ربيع الآخر ١٤٤٨ هـ"
    assert hijri.format_date(hijri.HijriDate(1448, 4, 1), "en") == "1 Rabi' al-Akhir 1448 AH"
