"""Bounded pages (README, "Pages: bounds"): lists 20 rows a page with links that keep the filters, the
archive one row per series, a month cell three events and a link to the day, filters 30 choices."""

import datetime as dt
import html
import re

import pytest
import time_machine

from calendar_app import facets, pages

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def titles(page: str) -> list[str]:
    return re.findall(r'<a class="event-title" href="[^"]+"><bdi>([^<]*)</bdi>', page)


def add_many(add_event, count: int, first: dt.date, **fields) -> None:
    for i in range(count):
        day = first + dt.timedelta(days=i)
        add_event(uid=f"e{i}@x", slug=f"expo-{i}", title_en=f"Expo {i:02d}", starts_on=day, ends_on=day,
                  **fields)


def test_upcoming_events_come_twenty_a_page(client, add_event):
    add_many(add_event, 45, TODAY + dt.timedelta(days=1))
    first, third = text(client.get("/en/")), text(client.get("/en/?page=3"))
    assert titles(first) == [f"Expo {i:02d}" for i in range(20)]
    assert titles(third) == [f"Expo {i:02d}" for i in range(40, 45)]
    assert "Page 1 of 3" in first and '<a class="next" rel="next" href="/en/?page=2">' in first
    assert 'rel="prev"' not in first
    assert '<a class="prev" rel="prev" href="/en/?page=2">' in third and 'rel="next"' not in third
    assert client.get("/en/?page=4").status_code == 404
    assert "الصفحة ٢ من ٣" in text(client.get("/ar/?page=2"))


def test_pages_keep_the_filters(client, add_event):
    add_many(add_event, 25, TODAY - dt.timedelta(days=40), categories=("exhibition",))
    page = text(client.get("/en/archive/?category=exhibition&country=QA"))
    assert '<a class="next" rel="next" href="/en/archive/?country=QA&category=exhibition&page=2">' in page
    second = text(client.get("/en/archive/?country=QA&category=exhibition&page=2"))
    assert '<a class="prev" rel="prev" href="/en/archive/?country=QA&category=exhibition">' in second
    assert len(titles(second)) == 5


@pytest.mark.parametrize("page", ["0", "-1", "x", "1.0", "²", "2"])
def test_a_page_that_does_not_exist_is_404(client, add_event, page):
    add_many(add_event, 3, TODAY + dt.timedelta(days=1))
    assert client.get(f"/en/?page={page}").status_code == 404
    assert client.get(f"/en/archive/?page={page}").status_code == 404


def test_an_empty_list_still_has_its_first_page(client):
    assert "No past events." in text(client.get("/en/archive/?page=1"))


@pytest.mark.parametrize(("lang", "since"), [("en", "Every day, since 1 August 1924"),
                                             ("ar", "كل يوم، منذ ١ أغسطس ١٩٢٤")])
def test_archive_shows_a_series_once_at_its_latest_past_date(client, add_event, lang, since):
    add_event(title_en="Daily Watch", title_ar="المراقبة اليومية", starts_on=dt.date(1924, 8, 1),
              ends_on=dt.date(1924, 8, 1), recurrence={"calendar": "gregorian", "rrule": "FREQ=DAILY"})
    page = text(client.get(f"/{lang}/archive/"))
    assert len(titles(page)) == 1 and 'rel="next"' not in page
    yesterday = pages.dates.format_day(TODAY - dt.timedelta(days=1), lang)
    row = re.search(r'<li class="event">.*?</li>', page, re.S).group(0)
    assert yesterday in row and since in row


def test_a_finished_series_sits_at_its_last_date_among_single_events(client, add_event):
    five = {"calendar": "gregorian", "rrule": "FREQ=YEARLY;COUNT=5"}
    add_event(uid="s@x", slug="series", title_en="Five Times", starts_on=dt.date(2020, 3, 1),
              ends_on=dt.date(2020, 3, 1), recurrence=five)
    for uid, title, year in (("a@x", "After", 2025), ("b@x", "Before", 2023)):
        day = dt.date(year, 1, 1)
        add_event(uid=uid, slug=title.lower(), title_en=title, starts_on=day, ends_on=day)
    page = text(client.get("/en/archive/"))
    assert titles(page) == ["After", "Five Times", "Before"]  # last held 1 March 2024
    assert "1 March 2024" in page and "Every year on 1 March (5 times), since 1 March 2020" in page


@pytest.mark.parametrize(("lang", "more"), [("en", "+2 more"), ("ar", "و٢ أخرى")])
def test_a_busy_day_shows_three_events_and_links_its_own_page(client, add_event, lang, more):
    for i in range(5):
        add_event(uid=f"d{i}@x", slug=f"busy-{i}", title_en=f"Busy {i}", title_ar=f"مزدحم {i}",
                  starts_on=dt.date(2026, 12, 10), ends_on=dt.date(2026, 12, 10))
    month = text(client.get(f"/{lang}/month/2026/12/"))
    cell = re.search(r'data-date="2026-12-10">(.*?)</td>', month, re.S).group(1)
    assert cell.count("<li") == 4
    assert f'<li class="more"><a href="/{lang}/month/2026/12/10/">{more}</a></li>' in cell
    day = text(client.get(f"/{lang}/month/2026/12/10/"))
    assert sorted(titles(day)) == sorted(f"Busy {i}" if lang == "en" else f"مزدحم {i}" for i in range(5))
    assert f'href="/{lang}/month/2026/12/"' in day


def test_a_day_out_of_the_table_or_the_calendar_is_404(client):
    for path in ("/en/month/2026/2/30/", "/en/month/1924/7/31/", "/en/month/2077/11/17/"):
        assert client.get(path).status_code == 404
    assert "No events on this day." in text(client.get("/en/month/1924/8/1/"))


def test_a_year_long_daily_occurrence_shows_once_a_day(client, add_event):
    add_event(title_en="Long Watch", starts_on=dt.date(1924, 8, 1), ends_on=dt.date(1925, 7, 30),
              recurrence={"calendar": "gregorian", "rrule": "FREQ=DAILY"})
    month = text(client.get("/en/month/2026/11/"))
    cell = re.search(r'data-date="2026-11-15">(.*?)</td>', month, re.S).group(1)
    assert cell.count("Long Watch") == 1 and "more" not in cell
    assert titles(text(client.get("/en/month/2026/11/15/"))) == ["Long Watch"]


def test_filters_offer_thirty_choices_and_keep_the_chosen_one(client, add_event, make_test_event):
    venue = make_test_event().venue
    for i in range(35):
        day = TODAY + dt.timedelta(days=i + 1)
        add_event(uid=f"c{i}@x", slug=f"city-{i}", starts_on=day, ends_on=day,
                  venue=venue.__class__(**{**vars(venue), "slug": f"hall-{i}", "city_en": f"Town {i:02d}"}))
    page = client.get("/en/").get_data(as_text=True)
    assert len(re.findall(r'<option value="Town', page)) == facets.FILTER_CHOICES
    chosen = client.get("/en/?city=town 34").get_data(as_text=True)
    assert '<option value="Town 34" selected>' in chosen
    assert len(re.findall(r'<option value="Town', chosen)) == facets.FILTER_CHOICES + 1


def test_a_series_stops_at_the_last_occurrence_that_ends_within_the_table(client, add_event):
    """A 3-day yearly series from 15 November 2073: its 2077 occurrence would end two days past the
    Umm al-Qura table (16 November 2077) and has no Hijri label; it was a 500 on the event page."""
    add_event(title_en="Late Forum", starts_on=dt.date(2073, 11, 15), ends_on=dt.date(2073, 11, 17),
              recurrence={"calendar": "gregorian", "rrule": "FREQ=YEARLY"})
    page = text(client.get("/en/events/test-event/"))
    section = re.search(r'<section class="next-dates">(.*?)</section>', page, re.S).group(1)
    assert re.findall(r"15–17 November (\d{4})", section) == ["2073", "2074", "2075", "2076"]
