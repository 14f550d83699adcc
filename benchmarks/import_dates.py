"""Does `dateparser` earn a place in article import? Its reading of the date cases against our rules.

    .venv/bin/pip install 'dateparser==1.5.0'      # not a dependency: this measurement is why
    .venv/bin/python -m benchmarks.import_dates

The cases are tests/importing/date_cases.py: one or more per date pattern the issue names. Each
case is a clause and the article's date; a reading is right when it gives exactly the days the
clause states (both ends of a range, the one end of "until"/"starting"). dateparser 1.5 is given
its best settings: Arabic and English, the article's date as RELATIVE_BASE, future dates preferred,
day and month required; `search_dates` finds dates in the clause, `parse` reads the whole clause.

Result, 2026-11 (49 cases; the per-pattern table is printed): rules 49/49; dateparser.search_dates
11/49; dateparser.parse of the clause 3/49; dateparser.parse of the span the rules found 7/49.
dateparser reads single Egyptian/Gulf-month and English dates, ISO dates and "next month", but no
range as a range (it finds one end, or two dates it cannot tell apart from two events), no Levantine
or Maghreb month (آذار, تشرين الثاني, جوان), no Hijri month in either language, no "الجاري"/"المقبل",
and not tatweel. Every case it reads the rules read too, so it would add a dependency (with its
regex and tzlocal chain) for nothing: it is not used.
"""

import datetime as dt
import warnings
from collections import defaultdict

from calendar_app.importing.arabic import normalise, normalise_with_map
from calendar_app.importing.article_dates import find_dates
from tests.importing.date_cases import CASES, DateCase


def expected_days(case: DateCase) -> set[dt.date]:
    """The days the clause states."""
    return {d for d in (case.first, case.last) if d is not None}


def by_rules(case: DateCase) -> set[dt.date]:
    """The first mention's days, as the article parser reads them."""
    mentions = find_dates(normalise(case.text), case.published)
    return {d for d in (mentions[0].first, mentions[0].last) if d is not None} if mentions else set()


def _settings(case: DateCase) -> dict:
    base = dt.datetime.combine(case.published, dt.time())
    return {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "REQUIRE_PARTS": ["day", "month"]}


def by_search(case: DateCase) -> set[dt.date]:
    """Every date dateparser's search finds in the clause."""
    from dateparser.search import search_dates

    found = search_dates(case.text, languages=["ar", "en"], settings=_settings(case)) or []
    return {d.date() for _, d in found}


def by_parse(case: DateCase) -> set[dt.date]:
    """dateparser's reading of the whole clause as one date."""
    import dateparser

    day = dateparser.parse(case.text, languages=["ar", "en"], settings=_settings(case))
    return {day.date()} if day else set()


def by_parse_of_spans(case: DateCase) -> set[dt.date]:
    """dateparser reading each date the rules found, cut out of the original clause: can it replace
    the month tables once the rules have found where the dates are?"""
    import dateparser

    norm = normalise_with_map(case.text)
    days = set()
    for m in find_dates(norm.text, case.published)[:1]:
        start, end = norm.source_span(m.start, m.end)
        day = dateparser.parse(case.text[start:end], languages=["ar", "en"], settings=_settings(case))
        days |= {day.date()} if day else set()
    return days


def main() -> None:
    """Print right/total per reader, overall and per pattern."""
    warnings.simplefilter("ignore")
    readers = {
        "rules": by_rules,
        "dateparser.search_dates": by_search,
        "dateparser.parse": by_parse,
        "dateparser.parse of the rules' spans": by_parse_of_spans,
    }
    right = defaultdict(int)
    rows = []
    for case in CASES:
        marks = []
        for name, read in readers.items():
            ok = read(case) == expected_days(case)
            right[name] += ok
            marks.append("yes" if ok else "no")
        rows.append(f"| {case.pattern} | " + " | ".join(marks) + " |")
    print("| pattern | " + " | ".join(readers) + " |\n|---|" + "---|" * len(readers))
    print("\n".join(rows))
    print("| **total** | " + " | ".join(f"{right[n]}/{len(CASES)}" for n in readers) + " |")


if __name__ == "__main__":
    main()
