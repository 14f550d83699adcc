"""Umm al-Qura dates through hijridate (successor of hijri-converter); the only Hijri import.

Hijri dates are always derived from the Gregorian truth and never stored.
"""

import datetime as dt
from typing import NamedTuple

from hijridate import Gregorian, Hijri

from .errors import EventError

# hijridate's Umm al-Qura table; outside it conversion is impossible, not approximate.
FIRST_DAY = dt.date(1924, 8, 1)
LAST_DAY = dt.date(2077, 11, 16)
FIRST_YEAR, LAST_YEAR = 1343, 1500
RANGE_MESSAGE = (
    "Dates must lie between 1924-08-01 and 2077-11-16 (1343–1500 AH), "
    "the range of the Umm al-Qura table."
)

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# The months' names. Arabic: CLDR's for the islamic-umalqura calendar (ICU 78 / CLDR 48, the same
# code points), which follows the Umm al-Qura calendar's own usage (issue 11): month 4 is "ربيع
# الآخر", where hijridate says "ربيع الثاني" (a common name too, but not the one this calendar
# prints; month 6 is "جمادى الآخرة" in both). The other eleven are hijridate's. English: hijridate's
# transliterations (DECISIONS.md pins "Sha'ban" and "Ramadan"; CLDR's English is abbreviated,
# "Rabiʻ II", "Jumada II"), with month 4 following the Arabic name as month 6 does.
#
# Anything that reads month names back (an import, a search) must accept both forms of months
# 4 and 6 in both languages: ربيع الآخر / ربيع الثاني, جمادى الآخرة / جمادى الثانية, "Rabi' al-Akhir" /
# "Rabi' al-Thani" / "Rabiʻ II", "Jumada al-Akhirah" / "Jumada al-Thani" / "Jumada II", and Arabic
# written with or without hamza, madda and short vowels (الاخر, الآخِر).
MONTH_NAMES = {
    "ar": ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
           "رمضان", "شوال", "ذو القعدة", "ذو الحجة"),
    "en": ("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Akhir", "Jumada al-Ula", "Jumada al-Akhirah",
           "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qa'dah", "Dhu al-Hijjah"),
}


class HijriDate(NamedTuple):
    """A day of the Umm al-Qura calendar."""

    year: int
    month: int
    day: int


def to_hijri(day: dt.date) -> HijriDate:
    """Convert a Gregorian date; EventError outside the table."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError) as exc:
        raise EventError(RANGE_MESSAGE) from exc
    return HijriDate(h.year, h.month, h.day)


def from_hijri(year: int, month: int, day: int) -> dt.date:
    """Convert a Hijri date; EventError for a day the month lacks or a year off the table."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise EventError(RANGE_MESSAGE)
    if not 1 <= month <= 12:
        raise EventError("The Hijri month must be between 1 and 12.")
    length = month_length(year, month)
    if not 1 <= day <= length:
        name = month_name(month, "en")
        raise EventError(f"{name} {year} AH has {length} days; there is no day {day}.", "hijri_day")
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:  # the table's first and last months are partial
        raise EventError(RANGE_MESSAGE) from exc


def month_length(year: int, month: int) -> int:
    """Days in a Hijri month (29 or 30), per the Umm al-Qura table."""
    try:
        return Hijri(year, month, 1, validate=False).month_length()
    except (ValueError, OverflowError, IndexError) as exc:
        raise EventError(RANGE_MESSAGE) from exc


def in_range(day: dt.date) -> bool:
    """Whether a Gregorian date has a Hijri equivalent in the table."""
    return FIRST_DAY <= day <= LAST_DAY


def digits(value: int | str, lang: str) -> str:
    """Write numbers with Arabic-Indic digits in Arabic, Western digits otherwise."""
    text = str(value)
    return text.translate(_ARABIC_INDIC) if lang == "ar" else text


def month_name(month: int, lang: str) -> str:
    """The Hijri month's name in the given language (MONTH_NAMES)."""
    return MONTH_NAMES[_lang(lang)][month - 1]


def format_date(h: HijriDate, lang: str) -> str:
    """'٢٤ شعبان ١٤٤٥ هـ' in Arabic, "24 Sha'ban 1445 AH" in English."""
    return f"{digits(h.day, lang)} {month_name(h.month, lang)} {digits(h.year, lang)} {_era(lang)}"


def format_range(first: HijriDate, last: HijriDate, lang: str) -> str:
    """A compact range: '24–26 Sha'ban 1445 AH', spelling out months or years only when they differ."""
    if first == last:
        return format_date(first, lang)
    d = lambda v: digits(v, lang)  # noqa: E731
    if (first.year, first.month) == (last.year, last.month):
        return f"{d(first.day)}–{d(last.day)} {month_name(first.month, lang)} {d(first.year)} {_era(lang)}"
    if first.year == last.year:
        head = f"{d(first.day)} {month_name(first.month, lang)}"
        return f"{head} – {format_date(last, lang)}"
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def era(lang: str) -> str:
    """The era mark after a Hijri year: 'AH' / 'هـ' (for headings that name only months)."""
    return _era(lang)


def _era(lang: str) -> str:
    return Hijri(1445, 1, 1).notation(_lang(lang))


def _lang(lang: str) -> str:
    return "ar" if lang == "ar" else "en"
