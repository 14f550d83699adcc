"""The two seed articles: what each proposes, where each value came from, and the Milipol conflict."""

import datetime as dt

import pytest

from calendar_app.importing import articles
from calendar_app.importing.notes import Derived, TextSpan

from .measure import seed_cases


@pytest.fixture(scope="module")
def proposals():
    cases, venues, series = seed_cases()
    return {
        c.id: articles.parse_article(
            c.text, c.published, known_venues=venues, known_series=series, citation="seed article"
        ).proposals[0]
        for c in cases
    }


def _span(source):
    while isinstance(source, Derived):
        source = source.sources[0]
    return source


def test_milipol_until_is_the_end_and_a_conflict_with_no_start(proposals):
    p = proposals["seed-milipol-qatar-2021"]
    assert p.value("ends_on") == dt.date(2021, 3, 15)
    assert "starts_on" in p.missing()
    (conflict,) = p.notes_of("conflict")
    assert conflict.msgid == articles.ONLY_END and conflict.params["last"] == dt.date(2021, 3, 15)
    assert _span(p.fields["ends_on"].source).quoted == "15 من مارس الجاري"


def test_milipol_title_series_edition_city(proposals):
    p = proposals["seed-milipol-qatar-2021"]
    assert (p.value("title_ar"), p.value("series"), p.value("edition")) == (
        "ميليبول قطر 2021",
        "milipol-qatar",
        13,
    )
    assert (p.value("city_en"), p.value("city_ar"), p.value("country_code")) == ("Doha", "الدوحة", "QA")
    assert _span(p.fields["edition"].source).quoted == "النسخة الـ13"
    assert _span(p.fields["city_ar"].source).quoted == "الدوحة"
    assert {"venue", "organizer_name_ar"} <= set(p.missing())


def test_world_police_summit_dates_city_organiser_and_no_edition(proposals):
    p = proposals["seed-world-police-summit-2024"]
    assert (p.value("starts_on"), p.value("ends_on")) == (dt.date(2024, 3, 5), dt.date(2024, 3, 7))
    assert p.value("title_ar") == "القمة العالمية للشرطة 2024"
    assert (p.value("city_en"), p.value("country_code"), p.value("tzid")) == ("Dubai", "AE", "Asia/Dubai")
    assert p.value("organizer_name_ar") == "شرطة دبي"
    assert "edition" in p.missing() and "venue" in p.missing()
    assert p.notes_of("conflict") == ()


def test_every_value_from_the_text_highlights_it_inside_its_sentence(proposals):
    for p in proposals.values():
        for name, item in p.fields.items():
            span = _span(item.source)
            if isinstance(span, TextSpan):
                before, mark, after = span.parts()
                assert mark and before + mark + after == span.sentence, name
