"""Facets are data: one row of facets.FACETS drives feed files, list filters and the filter form."""

import dataclasses
import datetime as dt
import html
import re

import pytest
import time_machine

from calendar_app import facets, feeds
from calendar_app.events import make_venue

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
# The whole of an organiser facet: its names, and where an event keeps the text (in each language).
ORGANISER = facets.text_facet("organiser", "organisers", "Organiser", lambda event: event, "organizer_name")
INTERPOL_FEED = """slug = "interpol"
title_en = "Interpol"
title_ar = "الإنتربول"
[filter]
organisers = ["Interpol"]
"""


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def page(client, url: str) -> str:
    """The page at `url`, entities unescaped."""
    return html.unescape(client.get(url).get_data(as_text=True))


def select(page: str, name: str) -> str:
    """The <select> of the filter form named `name`."""
    match = re.search(rf'<select name="{name}">(.*?)</select>', page, re.S)
    assert match, f"no {name} drop-down"
    return match.group(1)


@pytest.fixture
def organised(add_event):
    """Two events by different organisers, one named in Arabic only."""
    add_event(uid="a@calendar.test", slug="by-interpol", title_en="By Interpol", organizer_name_en="Interpol",
              organizer_name_ar="الإنتربول")
    add_event(uid="b@calendar.test", slug="by-ministry", title_en="By the Ministry",
              organizer_name_ar="وزارة الداخلية", starts_on=dt.date(2027, 4, 1), ends_on=dt.date(2027, 4, 1))


@pytest.mark.usefixtures("organised")
def test_an_organiser_facet_is_one_row_for_feeds_lists_and_the_form(build_app, tmp_path, monkeypatch):
    monkeypatch.setattr(facets, "FACETS", (*facets.FACETS, ORGANISER))
    feeds_dir = tmp_path / "feeds"
    feeds_dir.mkdir()
    (feeds_dir / "interpol.toml").write_text(INTERPOL_FEED)
    client = build_app(FEEDS_DIR=str(feeds_dir)).test_client()

    feed = client.get("/feeds/interpol.ics").data
    assert b"SUMMARY:By Interpol" in feed and b"By the Ministry" not in feed

    listed = page(client, "/en/?organiser=INTERPOL")  # lists compare without case
    assert "/by-interpol/" in listed and "/by-ministry/" not in listed
    listed = page(client, "/ar/?organiser=" + "وزارة الداخلية")
    assert "/by-ministry/" in listed and "/by-interpol/" not in listed

    form = page(client, "/ar/?organiser=interpol")
    assert "<label>المنظِّم" in form  # the label's message id, in the page's language
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select(form, "organiser"))
    assert options == [("", "", "الكل"), ("Interpol", " selected", "الإنتربول"),
                       ("وزارة الداخلية", "", "وزارة الداخلية")]


def test_without_the_row_the_organiser_is_unknown_to_feed_files(tmp_path):
    (tmp_path / "interpol.toml").write_text(INTERPOL_FEED)
    with pytest.raises(feeds.FeedDefinitionError, match="unknown key.*filter.organisers"):
        feeds.load_feed(tmp_path / "interpol.toml")


def test_feed_files_name_values_exactly(make_test_event):
    event = make_test_event()
    assert facets.FeedFilter.from_table({"countries": ["QA"], "cities": ["الدوحة"]}).matches(event)
    assert not facets.FeedFilter.from_table({"countries": ["qa"]}).matches(event)
    assert facets.FeedFilter.from_table({"categories": []}).matches(event)  # an empty list means any


def test_a_venue_without_a_city_adds_no_empty_city_choice(client, add_event):
    hall = make_venue(slug="hall", name_en="Hall", country_code="QA", tzid="Asia/Qatar")
    add_event(venue=hall)
    cities = select(page(client, "/en/"), "city")
    assert re.findall(r"<option[^>]*>", cities) == ['<option value="">']


def test_the_chosen_value_is_selected_as_the_list_compares_it(client, add_event, make_test_event):
    venue = dataclasses.replace(make_test_event().venue, city_en="Straße")
    add_event(venue=venue)
    shown = page(client, "/en/?city=STRASSE")
    assert "Test Expo" in shown  # the list matches casefolded ...
    assert '<option value="Straße" selected>' in select(shown, "city")  # ... and the form shows the choice
