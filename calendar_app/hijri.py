"""Umm al-Qura dates through hijridate (successor of hijri-converter); the only Hijri import.

Hijri dates are always derived from the Gregorian truth and never stored.
"""

import datetime as dt
from typing import NamedTuple

from hijridate import Gregorian, Hijri

from .errors import EventError
from .languages import N_, digits, language

# hijridate's Umm al-Qura table; outside it conversion is impossible, not approximate.
FIRST_DAY = dt.date(1924, 8, 1)
LAST_DAY = dt.date(2077, 11, 16)
FIRST_YEAR, LAST_YEAR = 1343, 1500
RANGE_MESSAGE = N_(
    "Dates must lie between 1924-08-01 and 2077-11-16 (1343–1500 AH), "
    "the range of the Umm al-Qura table."
)


class HijriDate(NamedTuple):
    """A day of the Umm al-Qura calendar."""

    year: int
    month: int
    day: int

    def label(self, lang: str) -> str:
        """The date written in `lang` (a message parameter formats itself with this)."""
        return format_date(self, lang)


class HijriMonth(NamedTuple):
    """A month of the Hijri year (1-12), as a message parameter: written as its name in each language."""

    number: int

    def label(self, lang: str) -> str:
        """The month's name in `lang`."""
        return month_name(self.number, lang)


def out_of_range(field: str | None = None) -> EventError:
    """The error for a date outside the Umm al-Qura table."""
    return EventError(field, RANGE_MESSAGE)


def to_hijri(day: dt.date) -> HijriDate:
    """Convert a Gregorian date; EventError outside the table."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError) as exc:
        raise out_of_range() from exc
    return HijriDate(h.year, h.month, h.day)


def from_hijri(year: int, month: int, day: int) -> dt.date:
    """Convert a Hijri date; EventError for a day the month lacks or a year off the table."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise out_of_range()
    if not 1 <= month <= 12:
        raise EventError("hijri_month", N_("The Hijri month must be between 1 and 12."))
    length = month_length(year, month)
    if not 1 <= day <= length:
        raise EventError("hijri_day",
                         N_("%(month)s %(year)s AH has %(length)s days; there is no day %(day)s."),
                         month=HijriMonth(month), year=year, length=length, day=day)
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:  # the table's first and last months are partial
        raise out_of_range() from exc


def month_length(year: int, month: int) -> int:
    """Days in a Hijri month (29 or 30), per the Umm al-Qura table."""
    try:
        return Hijri(year, month, 1, validate=False).month_length()
    except (ValueError, OverflowError, IndexError) as exc:
        raise out_of_range() from exc


def in_range(day: dt.date) -> bool:
    """Whether a Gregorian date has a Hijri equivalent in the table."""
    return FIRST_DAY <= day <= LAST_DAY


def month_name(month: int, lang: str) -> str:
    """The Hijri month's name in the given language (its row of languages.LANGUAGES)."""
    return language(lang).hijri_months[month - 1]


def format_date(h: HijriDate, lang: str) -> str:
    """'٢٤ شعبان ١٤٤٥ هـ' in Arabic, "24 Sha'ban 1445 AH" in English."""
    return f"{digits(h.day, lang)} {month_name(h.month, lang)} {digits(h.year, lang)} {era(lang)}"


def format_range(first: HijriDate, last: HijriDate, lang: str) -> str:
    """A compact range: '24–26 Sha'ban 1445 AH', spelling out months or years only when they differ."""
    if first == last:
        return format_date(first, lang)
    d = lambda v: digits(v, lang)  # noqa: E731
    if (first.year, first.month) == (last.year, last.month):
        return f"{d(first.day)}–{d(last.day)} {month_name(first.month, lang)} {d(first.year)} {era(lang)}"
    if first.year == last.year:
        head = f"{d(first.day)} {month_name(first.month, lang)}"
        return f"{head} – {format_date(last, lang)}"
    return f"{format_date(first, lang)} – {format_date(last, lang)}"


def era(lang: str) -> str:
    """The era mark after a Hijri year: 'AH' / 'هـ' (for headings that name only months)."""
    return language(lang).hijri_era
