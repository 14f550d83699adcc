"""Languages are data: one table, one text picker, and a third language without code changes."""

import dataclasses
import datetime as dt
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from calendar_app import dates, db, events, facets, feeds, hijri, ics, languages, pages, recurrence, seeds
from calendar_app.languages import Picked, pick
from tests.conftest import SEEDS_DIR, event_fields


# -- the picker ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("texts", "lang", "picked"),
    [
        ({"ar": "عربي", "en": "English"}, "ar", Picked("عربي", "ar")),
        ({"ar": "عربي", "en": "English"}, "en", Picked("English", "en")),
        ({"ar": "", "en": "English"}, "ar", Picked("English", "en")),
        ({"ar": "عربي", "en": ""}, "en", Picked("عربي", "ar")),
        ({"ar": "", "en": ""}, "ar", Picked("", "")),
        ({"ar": "عربي", "en": "English"}, "xx", Picked("English", "en")),  # unknown: the default first
    ],
)
def test_pick_falls_back_in_one_order_and_says_which_language(texts, lang, picked):
    assert pick(texts, lang) == picked


def test_events_occurrences_venues_and_feeds_all_pick_text_the_same_way():
    event = events.make_event(**event_fields(title_ar="", description_en="Talks", organizer_name_ar="شرطة"))
    assert (event.title("ar"), event.description("ar"), event.organizer_name("en")) == (
        "Test Expo", "Talks", "شرطة")
    assert languages.pick_field(event, "title", "ar") == Picked("Test Expo", "en")
    venue = dataclasses.replace(event.venue, name_en="")
    assert venue.name("en") == "القاعة التجريبية"
    retitled = dataclasses.replace(recurrence.single(event), title_en="Moved Expo")
    assert (retitled.title("ar"), retitled.title("en")) == ("Moved Expo", "Moved Expo")
    # A feed file may describe itself in one language only: the other falls back like any text.
    feed = feeds.Feed(slug="x", title_en="Events", title_ar="فعاليات", description_en="Every event")
    assert (feed.title("ar"), feed.description("ar")) == ("فعاليات", "Every event")


def test_the_table_gives_digits_direction_separator_and_hijri_names():
    assert languages.digits(2024, "ar") == "٢٠٢٤" and languages.digits("09:30", "en") == "09:30"
    assert [languages.language(code).direction for code in languages.codes()] == ["rtl", "ltr"]
    assert languages.join_list(["دبي", "", "الإمارات"], "ar") == "دبي، الإمارات"
    assert hijri.month_name(9, "ar") == "رمضان" and hijri.era("en") == "AH"
    assert languages.language("xx") is languages.LANGUAGES[languages.DEFAULT]


# -- a third language --------------------------------------------------------------------------------
FRENCH = languages.Language(
    code="fr", name="Français", direction="ltr", locale="fr", digits="0123456789", list_separator=", ",
    hijri_months=("Mouharram", "Safar", "Rabia al-awal", "Rabia al-akhir", "Joumada al-oula",
                  "Joumada al-akhira", "Rajab", "Chaabane", "Ramadan", "Chawwal", "Dhou al-qi'da",
                  "Dhou al-hijja"),
    hijri_era="H",
)
FRENCH_CATALOG = {
    "Events": "Événements",
    "Cancelled: %(title)s": "Annulé : %(title)s",
    "%(month)s %(year)s AH has %(length)s days; there is no day %(day)s.":
        "Le mois de %(month)s %(year)s H compte %(length)s jours ; il n’y a pas de jour %(day)s.",
}


@pytest.fixture
def french(monkeypatch, tmp_path):
    """A third interface language: a table row and a catalog in another directory, nothing else."""
    catalog = Catalog(locale="fr")
    for msgid, msgstr in FRENCH_CATALOG.items():
        catalog.add(msgid, msgstr)
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    with open(tmp_path / "fr" / "LC_MESSAGES" / "messages.mo", "wb") as out:
        write_mo(out, catalog)
    monkeypatch.setattr(languages, "LANGUAGES", {**languages.LANGUAGES, "fr": FRENCH})
    monkeypatch.setattr(languages, "CATALOG_DIRS", (tmp_path, *languages.CATALOG_DIRS))
    languages.translations.cache_clear()
    yield FRENCH
    languages.translations.cache_clear()


@pytest.mark.usefixtures("french")
def test_a_third_language_renders_dates_hijri_labels_text_and_errors():
    assert dates.format_day(dt.date(2024, 3, 5), "fr") == "5 mars 2024"
    assert hijri.format_range(hijri.HijriDate(1445, 8, 24), hijri.HijriDate(1445, 8, 26), "fr") == (
        "24–26 Chaabane 1445 H")
    assert pages.hijri_span(dt.date(2024, 3, 1), dt.date(2024, 3, 31), "fr") == "Chaabane – Ramadan 1445 H"
    assert [facets.country_name(c, "fr") for c in ("QA", "AE")] == ["Qatar", "Émirats arabes unis"]
    event = events.make_event(**event_fields(status="cancelled"))
    assert languages.pick_field(event, "title", "fr") == Picked("Test Expo", "en")  # no French title
    assert ics.summary(event, "fr") == "Annulé : Test Expo"
    with pytest.raises(events.EventError) as refused:
        hijri.from_hijri(1445, 8, 30)
    assert refused.value.text("fr") == "Le mois de Chaabane 1445 H compte 29 jours ; il n’y a pas de jour 30."
    # A message not translated yet reads in English, its parameters still written for French readers.
    with pytest.raises(events.EventError) as gap:
        events.check_wall_time(dt.datetime(2027, 3, 28, 2, 30), "Europe/Paris", "starts_local")
    assert "on 28 mars 2027 (clocks jump from 02:00 to 03:00)" in gap.value.text("fr")


@pytest.mark.usefixtures("french")
def test_a_third_language_gets_its_own_url_prefix_and_language_switch(build_app):
    app = build_app()
    with app.app_context():
        seeds.load_seeds(db.session(), SEEDS_DIR)
    client = app.test_client()
    page = client.get("/fr/events/world-police-summit-2024/").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page and "Événements" in page
    assert "World Police Summit 2024" in page  # event text falls back to English
    switch = re.findall(r'class="lang-switch" href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>', page)
    assert switch == [("/ar/events/world-police-summit-2024/", "ar", "العربية"),
                      ("/en/events/world-police-summit-2024/", "en", "English")]
    arabic = client.get("/ar/").get_data(as_text=True)
    assert 'href="/fr/" hreflang="fr" lang="fr">Français</a>' in arabic
    assert client.get("/feeds/all.ics?lang=fr").status_code == 200
    refused = client.get("/feeds/all.ics?lang=de").data
    assert refused == b"Unknown language; use ?lang=ar, ?lang=en or ?lang=fr.\n"
    assert client.get("/de/").status_code == 404
