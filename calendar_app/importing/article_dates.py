"""Dates in Arabic and English news text: find them, and resolve them against the article's date.

Rules, not a library: `dateparser` was measured on the corpus and reads none of the Levantine or
Hijri months, ranges or "الجاري"/"المقبل" (figures in `benchmarks/import_dates.py`'s docstring).

Text is matched in its normalised form (arabic.py: Western digits, one kind of dash, no diacritics).
A date is an *atom*: a day or two days and a month ("5 مارس", "5-7 آذار 2024", "March 5 to 7, 2024",
"24 شعبان 1445 هـ"), optionally with a year or a word that places it ("مارس الجاري" = the article's
March, "الشهر المقبل" = the month after the article's, "العام المقبل"). Two atoms joined by a range
word make a range across months ("28 فبراير إلى 2 مارس"). The words before an atom in its clause
say what it is: "حتى"/"until" or a closing verb → the last day only; "ابتداء من"/"starting" or an
opening verb → the first day only; otherwise one day. Weekday names are skipped.

A date without a year takes the year that puts its last day in the 365 days that start 31 days
before the article's date: announcements look ahead, and a report may follow an event by a few weeks
("أقيم من 5 إلى 7 مارس" in an article of 20 March is this March, not next). Each resolved date says
how its year was found, as a message id and parameters.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import hijri
from ..errors import EventError
from . import date_words as words
from .notes import N_

BEFORE_ARTICLE = dt.timedelta(days=31)
MONTHS = words.month_table()
_MONTH = words.pattern(words.month_spellings() + list(words.RELATIVE_MONTHS))
_ANY_MONTH = words.pattern(words.month_spellings())
_WEEKDAY = (
    r"(?:(?:يوم\s+)?(?:" + words.pattern(words.WEEKDAYS) + r")(?!\w)\.?\s*[,،]?\s*"
    r"(?:الموافق\s+)?(?:the\s+)?)?"
)
_DAY = r"(?<!\d)(?:ال)?(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_DAY_SEP = r"\s*(?:-|الي|حتي|لغايه|ولغايه|وحتي|و|to|until|till|through|thru|and)\s*"
_OF = r"(?:\s+(?:من|of))?(?:\s+شهر)?\s*"
_MONTH_PART = (
    r"(?P<m>" + _MONTH + r")(?!\w)(?:\s*[/(]\s*(?:" + _ANY_MONTH + r")(?!\w)\s*\)?)?"
    r"(?:\s+(?P<q>" + words.pattern(words.MONTH_QUALIFIERS) + r")(?!\w))?"
)
_ERA = words.pattern(words.HIJRI_ERA + words.GREGORIAN_ERA)
_YEAR = (
    r"(?:\s*[,،]?\s*(?:من\s+)?(?:عام\s+|العام\s+|سنه\s+)?(?P<y>\d{4})(?!\d)(?:\s*(?P<era>"
    + _ERA
    + r")(?![^\W\d_]))?|\s+(?:من\s+)?(?P<yr>"
    + words.pattern(words.RELATIVE_YEARS)
    + r")(?!\w))?"
)
DAY_FIRST = re.compile(
    _WEEKDAY
    + _DAY.format("d1")
    + "(?:"
    + _DAY_SEP
    + _WEEKDAY
    + _DAY.format("d2")
    + ")?"
    + _OF
    + _MONTH_PART
    + _YEAR
)
MONTH_FIRST = re.compile(
    _WEEKDAY
    + r"(?P<m>"
    + _ANY_MONTH
    + r")(?!\w)\.?\s+"
    + _DAY.format("d1")
    + "(?:"
    + r"\s*(?:-|to|through|thru|until|and)\s*"
    + _DAY.format("d2")
    + ")?"
    + r"(?:\s*,?\s*(?P<y>\d{4})(?!\d))?"
)
# "على أن يختتم في 16 منه": the 16th of the month just named.
SAME_MONTH = re.compile(_WEEKDAY + _DAY.format("d1") + r"\s+منه(?!\w)")
ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d1>\d{2})(?![\d-])")
JOINER = re.compile(r"\s*(?:-|الي|حتي|لغايه|ولغايه|وحتي|الي غايه|و|to|until|till|through|thru)\s*")
# The clause before an atom: what kind of date it is.
UNTIL_WORDS = re.compile(r"(?:حتي|لغايه|غايه|الي|until|till|through|to)\s*$")
FROM_WORDS = re.compile(
    r"(?:(?:ابتداء|اعتبارا|بدءا|بدايه|بدء)\s+من|starting(?:\s+(?:on|from))?|"
    r"beginning(?:\s+(?:on|from))?|commencing(?:\s+on)?|as of|from)\s*$"
)
OPENING = re.compile(
    r"(?<!\w)(?:تنطلق|ينطلق|تبدا|يبدا|تفتتح|يفتتح|انطلاق|افتتاح|starts?|begins?|opens?|"
    r"kicks off)(?!\w)"
)
CLOSING = re.compile(
    r"(?<!\w)(?:يختتم|تختتم|يستمر|تستمر|ويستمر|وتستمر|ينتهي|تنتهي|وتختتم|ويختتم|اختتام|ختام|"
    r"ends?|closes?|concludes?|continues?|runs? until)(?!\w)"
)
# A date in a clause like these is about something else than the event's days.
ASIDE = re.compile(
    r"(?<!\w)(?:التسجيل|للتسجيل|تسجيل|الموعد النهائي|اخر موعد|موعد اقصاه|الدوره السابقه|"
    r"النسخه السابقه|registration|register|deadline|last edition|previous edition)(?!\w)"
)
CLAUSE_END = re.compile(r"[.؛;\n،,:!?؟]")
CURRENT_MONTH = N_(
    "The text says the current month but names month %(month)s; the article is dated in "
    "month %(article_month)s."
)


@dataclass(frozen=True)
class How:
    """A step in resolving a date: a message id and its parameters."""

    msgid: str
    params: dict = field(hash=False)


@dataclass(frozen=True)
class DateMention:
    """A date or range found in normalised text: its kind, resolved days, span, and how it was resolved.

    kind: "range" (first and last day), "single" (one day), "from" (first day only), "until" (last
    day only). A mention that could not be resolved has `problem` set and no days.
    """

    kind: str
    first: dt.date | None
    last: dt.date | None
    start: int
    end: int
    calendar: str
    how: tuple[How, ...] = ()
    problem: How | None = None


@dataclass
class _Atom:
    start: int
    end: int
    calendar: str
    month: int | None
    d1: int
    d2: int | None
    year: int | None
    how: list[How]
    relative: bool = False  # month or year named relative to the article: not moved by a join


def find_dates(text: str, article_on: dt.date) -> list[DateMention]:
    """Every date mention in normalised `text`, in order, resolved against the article's date."""
    atoms = _same_month(_atoms(text, article_on))
    mentions, i = [], 0
    while i < len(atoms):
        joined = i + 1 < len(atoms) and _joinable(text, atoms[i], atoms[i + 1])
        group = atoms[i : i + 2] if joined else atoms[i : i + 1]
        i += len(group)
        if not _aside(text, group[0].start):
            mentions.append(_mention(text, group, article_on))
    return mentions


def _atoms(text: str, article_on: dt.date) -> list[_Atom]:
    found = [_atom(m, article_on) for rx in (DAY_FIRST, MONTH_FIRST) for m in rx.finditer(text)]
    found += [_iso_atom(m) for m in ISO.finditer(text)]
    found += [_Atom(*m.span(), "", None, int(m["d1"]), None, None, []) for m in SAME_MONTH.finditer(text)]
    chosen: list[_Atom] = []
    for a in sorted((a for a in found if a is not None), key=lambda a: (-(a.end - a.start), a.start)):
        if all(a.end <= c.start or a.start >= c.end for c in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


def _atom(m: re.Match, article_on: dt.date) -> _Atom | None:
    g = m.groupdict()
    name = words.key(g["m"])
    how: list[How] = []
    if name in words.RELATIVE_MONTHS:
        month, year = _shift_month(article_on, words.RELATIVE_MONTHS[name])
        how.append(
            How(
                N_("“%(words)s” read as %(month)s/%(year)s from the article's date (%(article)s)."),
                {"words": g["m"], "month": month, "year": year, "article": article_on},
            )
        )
        return _Atom(*m.span(), "gregorian", month, int(g["d1"]), _int(g["d2"]), year, how, True)
    calendar, month = MONTHS[name]
    year, relative = _year(g, calendar, month, article_on, how)
    return _Atom(*m.span(), calendar, month, int(g["d1"]), _int(g["d2"]), year, how, relative)


def _same_month(atoms: list[_Atom]) -> list[_Atom]:
    """A day "منه" takes the month (and year) of the date before it; without one it is dropped."""
    kept: list[_Atom] = []
    for atom in atoms:
        if atom.month is not None:
            kept.append(atom)
        elif kept:
            before = kept[-1]
            atom.calendar, atom.month, atom.year, atom.relative = (
                before.calendar,
                before.month,
                before.year,
                before.relative,
            )
            atom.how = list(before.how)
            kept.append(atom)
    return kept


def _iso_atom(m: re.Match) -> _Atom:
    return _Atom(*m.span(), "gregorian", int(m["mm"]), int(m["d1"]), None, int(m["y"]), [])


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _year(g: dict, calendar: str, month: int, article_on: dt.date, how: list[How]) -> tuple[int | None, bool]:
    """The atom's year: written, or placed by a word relative to the article ("الجاري", "العام المقبل")."""
    if g.get("y"):
        return int(g["y"]), False
    base_year, base_month = _article_month(article_on, calendar)
    if g.get("q"):
        offset = words.MONTH_QUALIFIERS[words.key(g["q"])]
        year = _qualified_year(base_year, base_month, month, offset)
        how.append(
            How(
                N_("“%(words)s” read as %(month)s/%(year)s from the article's date (%(article)s)."),
                {"words": g["q"], "month": month, "year": year, "article": article_on},
            )
        )
        if offset == 0 and month != base_month:
            how.append(How(CURRENT_MONTH, {"month": month, "article_month": base_month}))
        return year, True
    if g.get("yr"):
        year = base_year + words.RELATIVE_YEARS[words.key(g["yr"])]
        how.append(
            How(
                N_("“%(words)s” read as %(year)s from the article's date (%(article)s)."),
                {"words": g["yr"], "year": year, "article": article_on},
            )
        )
        return year, True
    return None, False


def _qualified_year(base_year: int, base_month: int, month: int, offset: int) -> int:
    """The year: "مارس الجاري" is the article's; "مارس المقبل" the next March after the article's month."""
    if offset == 0:
        return base_year
    if offset > 0:
        return base_year if month > base_month else base_year + 1
    return base_year if month < base_month else base_year - 1


def _article_month(article_on: dt.date, calendar: str) -> tuple[int, int]:
    if calendar == "hijri":
        h = hijri.to_hijri(article_on)
        return h.year, h.month
    return article_on.year, article_on.month


def _shift_month(day: dt.date, offset: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + offset
    return index % 12 + 1, index // 12


def _joinable(text: str, a: _Atom, b: _Atom) -> bool:
    """Whether two one-day atoms ("28 فبراير إلى 2 مارس") of one calendar are joined by a range word."""
    between = text[a.end : b.start]
    return (
        a.d2 is None
        and b.d2 is None
        and a.calendar == b.calendar
        and a.month is not None
        and JOINER.fullmatch(between) is not None
    )


def _clause_before(text: str, start: int) -> str:
    cut = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    return text[cut:start]


def _aside(text: str, start: int) -> bool:
    return ASIDE.search(_clause_before(text, start)) is not None


def _mention(text: str, group: list[_Atom], article_on: dt.date) -> DateMention:
    """Resolve one atom or a joined pair into a mention."""
    first, last = group[0], group[-1]
    kind = "range" if len(group) == 2 or first.d2 is not None else _kind(_clause_before(text, first.start))
    how = [h for a in group for h in a.how]
    try:
        days = _resolve(group, article_on, how)
    except (ValueError, EventError) as exc:
        return DateMention(
            kind,
            None,
            None,
            first.start,
            last.end,
            first.calendar,
            tuple(how),
            How(
                N_("“%(text)s” is not a date: %(reason)s"),
                {"text": text[first.start : last.end], "reason": str(exc)},
            ),
        )
    lo, hi = days
    if kind == "until":
        lo = None
    elif kind == "from":
        hi = None
    return DateMention(kind, lo, hi, first.start, last.end, first.calendar, tuple(how))


def _kind(clause: str) -> str:
    """The kind ("until", "from", "single"), from the words just before the date or the clause's last verb."""
    if UNTIL_WORDS.search(clause):
        return "until"
    if FROM_WORDS.search(clause):
        return "from"
    opening = max((m.start() for m in OPENING.finditer(clause)), default=-1)
    closing = max((m.start() for m in CLOSING.finditer(clause)), default=-1)
    if opening == closing:
        return "single"
    return "from" if opening > closing else "until"


def _resolve(group: list[_Atom], article_on: dt.date, how: list[How]) -> tuple[dt.date, dt.date]:
    """First and last day of an atom or a joined pair; years filled in as the module docstring says."""
    first, last = group[0], group[-1]
    end_day = last.d2 if last.d2 is not None else last.d1
    if len(group) == 2:
        _share_year(first, last)
    if last.year is None:
        last.year = _nearest_year(last, end_day, article_on, how)
        if first is not last and first.year is None:
            _share_year(first, last)
    lo = _day(first.calendar, first.year, first.month, first.d1)
    hi = _day(last.calendar, last.year, last.month, end_day)
    if hi < lo:
        raise ValueError(f"{hi} is before {lo}")
    return lo, hi


def _share_year(a: _Atom, b: _Atom) -> None:
    """A range's year written once ("28 ديسمبر إلى 2 يناير 2025") holds for both ends."""
    if a.year is None and b.year is not None:
        a.year = b.year - (1 if a.month > b.month else 0)
    elif b.year is None and a.year is not None:
        b.year = a.year + (1 if a.month > b.month else 0)


def _nearest_year(atom: _Atom, day: int, article_on: dt.date, how: list[How]) -> int:
    """The year that puts the day within [article − 31 days, article + 334 days]."""
    base, _ = _article_month(article_on, atom.calendar)
    low = article_on - BEFORE_ARTICLE
    for year in (base - 1, base, base + 1):
        try:
            candidate = _day(atom.calendar, year, atom.month, day)
        except (ValueError, EventError):
            continue
        if low <= candidate < low + dt.timedelta(days=365):
            how.append(
                How(
                    N_(
                        "No year given: %(year)s puts %(day)s within a month before to eleven months "
                        "after the article's date (%(article)s)."
                    ),
                    {"year": year, "day": candidate, "article": article_on},
                )
            )
            return year
    raise ValueError(f"no year puts day {day} of month {atom.month} near {article_on}")


def _day(calendar: str, year: int, month: int, day: int) -> dt.date:
    if calendar == "hijri":
        return hijri.from_hijri(year, month, day)
    return dt.date(year, month, day)
