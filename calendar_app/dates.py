"""Gregorian date and time labels in each interface language, styled like the Hijri ones.

Every label has an explicit pattern; the language table gives the Babel locale and the digits.
"""

import datetime as dt

from babel.dates import format_date, format_time

from .languages import digits, language


def format_day(day: dt.date, lang: str) -> str:
    """'5 March 2024' / '٥ مارس ٢٠٢٤'."""
    return _fmt(day, "d MMMM y", lang)


def format_range(first: dt.date, last: dt.date, lang: str) -> str:
    """'5–7 March 2024', naming the month or year twice only when they differ."""
    if first == last:
        return format_day(first, lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{_fmt(first, 'd', lang)}–{format_day(last, lang)}"
    if first.year == last.year:
        return f"{_fmt(first, 'd MMMM', lang)} – {format_day(last, lang)}"
    return f"{format_day(first, lang)} – {format_day(last, lang)}"


def format_day_month(day: dt.date, lang: str) -> str:
    """'5 March' / '٥ مارس': a yearly date without its year."""
    return _fmt(day, "d MMMM", lang)


def format_weekday(day: dt.date, lang: str) -> str:
    """The day of the week, e.g. 'Tuesday' / 'الثلاثاء'."""
    return _fmt(day, "EEEE", lang)


def format_month(day: dt.date, lang: str) -> str:
    """'March 2024' / 'مارس ٢٠٢٤' for month headings."""
    return _fmt(day, "LLLL y", lang)


def format_clock(moment: dt.time | dt.datetime, lang: str) -> str:
    """A wall-clock time: '09:30' / '٠٩:٣٠' (24-hour, no AM/PM ambiguity across languages)."""
    return digits(format_time(moment, "HH:mm", locale=language(lang).locale), lang)


def format_clock_range(start: dt.datetime | None, end: dt.datetime | None, lang: str) -> str:
    """'09:00–17:00' / '٠٩:٠٠–١٧:٠٠'; '' when there are no times (all-day)."""
    if start is None or end is None:
        return ""
    return f"{format_clock(start, lang)}–{format_clock(end, lang)}"


def _fmt(day: dt.date, pattern: str, lang: str) -> str:
    return digits(format_date(day, pattern, locale=language(lang).locale), lang)
