"""Dates in article text: every pattern the issue names, year resolution, and dates that do not exist."""

import datetime as dt

import pytest

from calendar_app.importing import article_dates
from calendar_app.importing.arabic import normalise
from calendar_app.importing.article_dates import find_dates

from .date_cases import CASES


@pytest.mark.parametrize("case", CASES, ids=[c.pattern for c in CASES])
def test_date_pattern_is_read(case):
    mentions = find_dates(normalise(case.text), case.published)
    assert mentions, case.text
    first = mentions[0]
    assert (first.kind, first.first, first.last) == (case.kind, case.first, case.last)


def test_year_less_date_says_how_its_year_was_chosen():
    (mention,) = find_dates(normalise("من 10 إلى 12 شباط"), dt.date(2024, 11, 1))
    assert mention.first == dt.date(2025, 2, 10)
    (how,) = mention.how
    assert how.params == {"year": 2025, "day": dt.date(2025, 2, 12), "article": dt.date(2024, 11, 1)}


def test_report_after_the_event_keeps_the_articles_year():
    (mention,) = find_dates(normalise("أقيم من 4 إلى 6 مارس"), dt.date(2024, 3, 20))
    assert (mention.first, mention.last) == (dt.date(2024, 3, 4), dt.date(2024, 3, 6))


def test_current_month_that_is_not_the_articles_month_is_reported():
    (mention,) = find_dates(normalise("حتى 15 من مارس الجاري"), dt.date(2024, 4, 2))
    assert mention.last == dt.date(2024, 3, 15)
    assert [h.msgid for h in mention.how][-1] == article_dates.CURRENT_MONTH


@pytest.mark.parametrize("text", ["31 أبريل 2024", "30 شعبان 1445", "from 7 to 5 March 2024", "30 February"])
def test_impossible_date_is_a_problem_not_a_guess(text):
    (mention,) = find_dates(normalise(text), dt.date(2024, 1, 10))
    assert mention.problem is not None
    assert mention.first is mention.last is None


def test_registration_deadline_is_not_an_event_date():
    assert find_dates(normalise("ويستمر التسجيل حتى 30 سبتمبر 2024"), dt.date(2024, 8, 1)) == []


def test_numbers_that_are_not_dates_are_ignored():
    text = normalise("بمشاركة 143 شركة من 17 دولة و72 شركة قطرية في كأس العالم 2022 (كوفيد-19)")
    assert find_dates(text, dt.date(2021, 3, 15)) == []
