"""The shipped feeds as subscribers' parsers read them: icalendar and vobject, both languages."""

import dataclasses
import datetime as dt
import shutil

import icalendar
import pytest
import time_machine
import vobject

from calendar_app import create_app, db, ics, seeds, store
from tests.conftest import FIXED_AT, GOLDEN_DIR, SEEDS_DIR

FEEDS = ["all", "exhibitions", "milipol-qatar", "qatar", "uae", "world-police-summit"]
MILIPOL = "c278ac36-ca42-45ba-a294-6b556ede6ea0@calendar-app"
WPS = "f1917db9-96c6-439c-8beb-c92570d032dc@calendar-app"
# Both seed events lie before this; the window must keep them.
FROZEN = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
EXPECTED_UIDS = {
    "all": {MILIPOL, WPS}, "exhibitions": {MILIPOL, WPS}, "milipol-qatar": {MILIPOL},
    "qatar": {MILIPOL}, "uae": {WPS}, "world-police-summit": {WPS},
}


def fetch(client, url: str) -> bytes:
    """GET a feed at the frozen moment and insist on a real calendar answer."""
    with time_machine.travel(FROZEN, tick=False):
        response = client.get(url)
    assert response.status_code == 200, response.data
    assert response.content_type == "text/calendar; charset=utf-8"
    return response.data


def vevents(body: bytes) -> dict[str, icalendar.Event]:
    """VEVENTs by UID, as icalendar reads them."""
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def vobject_events(body: bytes) -> dict:
    """VEVENTs by UID, as vobject (an independent parser) reads them."""
    cal = vobject.readOne(body.decode("utf-8"))
    return {e.uid.value: e for e in getattr(cal, "vevent_list", [])}


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("slug", FEEDS)
def test_shipped_feed_parses_in_icalendar_and_vobject(seeded_client, slug, lang):
    body = fetch(seeded_client, f"/feeds/{slug}.ics?lang={lang}")
    assert set(vevents(body)) == EXPECTED_UIDS[slug]
    assert set(vobject_events(body)) == EXPECTED_UIDS[slug]
    cal = icalendar.Calendar.from_ical(body)
    assert cal.errors == []
    for event in cal.walk("VEVENT"):
        assert event.errors == []


def test_shipped_feed_list_is_what_the_tests_cover(app):
    assert sorted(app.extensions["feeds"]) == FEEDS


@pytest.mark.parametrize(("uid", "start", "end"), [
    (MILIPOL, dt.date(2021, 3, 15), dt.date(2021, 3, 18)),
    (WPS, dt.date(2024, 3, 5), dt.date(2024, 3, 8)),
])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_seed_events_have_exact_all_day_dates_with_exclusive_end(seeded_client, uid, start, end, lang):
    body = fetch(seeded_client, f"/feeds/all.ics?lang={lang}")
    event = vevents(body)[uid]
    assert event["DTSTART"].dt == start and event["DTSTART"].params["VALUE"] == "DATE"
    assert event["DTEND"].dt == end
    other = vobject_events(body)[uid]
    assert (other.dtstart.value, other.dtend.value) == (start, end)
    assert type(other.dtstart.value) is dt.date


def test_calendar_properties_are_all_there(seeded_client):
    cal = icalendar.Calendar.from_ical(fetch(seeded_client, "/feeds/qatar.ics?lang=en"))
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == ics.PRODID
    assert (str(cal["CALSCALE"]), str(cal["METHOD"])) == ("GREGORIAN", "PUBLISH")
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "Events in Qatar"
    assert str(cal["DESCRIPTION"]) == "Security events held in Qatar."
    assert str(cal["X-WR-CALDESC"]) == "Security events held in Qatar."
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Qatar"
    assert cal["REFRESH-INTERVAL"].dt == dt.timedelta(hours=6)
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in cal.to_ical()
    assert str(cal["SOURCE"]) == "https://calendar.example.org/feeds/qatar.ics?lang=en"
    assert str(cal["URL"]) == "https://calendar.example.org/en/feeds/"


def test_event_properties_in_arabic_with_hijri_dates(seeded_client):
    event = vevents(fetch(seeded_client, "/feeds/uae.ics?lang=ar"))[WPS]
    assert str(event["SUMMARY"]) == "القمة العالمية للشرطة 2024"
    assert "التاريخ الهجري: ٢٤–٢٦ شعبان ١٤٤٥ هـ" in str(event["DESCRIPTION"])
    assert "التاريخ الميلادي: ٥–٧ مارس ٢٠٢٤" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "مركز دبي التجاري العالمي, دبي, AE"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (25.2241, 55.2866)
    assert str(event["URL"]) == "https://calendar.example.org/ar/events/world-police-summit-2024/"
    page = seeded_client.get(str(event["URL"]).removeprefix("https://calendar.example.org"))
    assert page.status_code == 200  # the event's own page, not a redirect to it
    assert event["ORGANIZER"].params["CN"] == "شرطة دبي"
    assert event.categories == ["conference", "exhibition", "policing", "security"]
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CONFIRMED", 0)
    stamp = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == event["CREATED"].dt == stamp


def test_event_properties_in_english_with_hijri_dates(seeded_client):
    event = vevents(fetch(seeded_client, "/feeds/uae.ics?lang=en"))[WPS]
    assert str(event["SUMMARY"]) == "World Police Summit 2024"
    assert str(event["DESCRIPTION"]).startswith(
        "Hijri date: 24–26 Sha'ban 1445 AH\nGregorian date: 5–7 March 2024\n\n3rd edition"
    )


@pytest.mark.parametrize("name", [f"{slug}.{lang}.ics" for slug in FEEDS for lang in ("ar", "en")])
def test_shipped_feed_matches_golden(seeded_client, golden, name):
    slug, lang, _ = name.rsplit(".", 2)
    assert fetch(seeded_client, f"/feeds/{slug}.ics?lang={lang}") == golden(name)


def test_two_requests_give_identical_bytes(seeded_client):
    assert fetch(seeded_client, "/feeds/all.ics?lang=ar") == fetch(seeded_client, "/feeds/all.ics?lang=ar")


def test_two_separately_created_apps_give_identical_bytes(seeded_client, tmp_path, sqlite_template):
    path = tmp_path / "second.sqlite"
    shutil.copy(sqlite_template, path)
    other = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}", "SEEDS_DIR": str(SEEDS_DIR),
                        "BASE_URL": "https://calendar.example.org", "RATELIMIT_STORAGE_URI": "memory://"})
    with other.app_context():
        seeds.load_seeds(db.session(), SEEDS_DIR)
    try:
        for url in ("/feeds/all.ics?lang=en", "/feeds/all.ics?lang=ar"):
            first, second = fetch(seeded_client, url), fetch(other.test_client(), url)
            assert set(vevents(first)) == set(vevents(second)) == {MILIPOL, WPS}
            assert first == second
    finally:
        other.extensions["db_engine"].dispose()


def test_assembled_feed_equals_one_built_calendar(app, add_event):
    add_event()
    add_event(uid="paris@calendar.test", slug="paris", tzid="Europe/Paris", all_day=False,
              starts_local=dt.datetime(2027, 7, 1, 10), ends_local=dt.datetime(2027, 7, 1, 12))
    with app.app_context():
        events = store.published_events(db.session())
    feed = app.extensions["feeds"]["all"]
    cache = ics.FragmentCache()
    for lang in ("ar", "en"):
        whole = ics.build_calendar(feed, events, lang, "https://x.test").to_ical()
        assert ics.render_feed(feed, events, lang, "https://x.test", cache) == whole
        assert ics.render_feed(feed, events, lang, "https://x.test", cache) == whole  # from the cache
    assert (cache.misses, cache.hits) == (4, 4)


def test_fragment_key_changes_with_every_save(app, add_event):
    add_event()
    with app.app_context():
        before = store.published_events(db.session())[0]
        row = store.event_row_by_uid(db.session(), before.uid)
        store.write_event(db.session(), row, before.replace(title_en="Renamed Expo"))
        db.session().commit()
        after = store.published_events(db.session())[0]
    assert after.version == before.version + 1
    assert ics.fragment_key(after, "en", "b") != ics.fragment_key(before, "en", "b")
    cache = ics.FragmentCache()
    assert b"Test Expo" in cache.fragment(before, "en", "b")
    assert b"Renamed Expo" in cache.fragment(after, "en", "b")


def test_renamed_shared_venue_changes_the_fragment_key(make_test_event):
    event = make_test_event()
    moved = event.replace(venue=dataclasses.replace(event.venue, name_en="New Hall"))
    assert ics.fragment_key(event, "en", "b") != ics.fragment_key(moved, "en", "b")


def test_drafts_never_appear(client, add_event):
    add_event()
    add_event(uid="draft@calendar.test", slug="draft", published=False)
    body = fetch(client, "/feeds/all.ics")
    assert set(vevents(body)) == {"test-event@calendar.test"}
    assert b"draft" not in body
    assert client.get("/events/draft.ics").status_code == 404


def test_event_download_is_one_event_attachment(seeded_client):
    response = seeded_client.get("/events/world-police-summit-2024.ics?lang=ar")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="world-police-summit-2024.ics"'
    assert set(vevents(response.data)) == set(vobject_events(response.data)) == {WPS}


def test_feed_with_only_past_events_is_not_empty_years_later(seeded_client):
    with time_machine.travel(dt.datetime(2031, 1, 1, tzinfo=dt.UTC), tick=False):
        body = seeded_client.get("/feeds/all.ics").data
    assert set(vevents(body)) == {MILIPOL, WPS}


def test_window_keeps_future_events_and_the_most_recent_past_ones(build_app, tmp_path, add_event):
    feeds_dir = tmp_path / "feeds"
    feeds_dir.mkdir()
    (feeds_dir / "small.toml").write_text(
        'slug = "small"\ntitle_en = "Small"\ntitle_ar = "صغير"\n[window]\npast_events = 1\n'
    )
    for n, day in enumerate((dt.date(2027, 1, 10), dt.date(2027, 2, 10), dt.date(2027, 3, 10))):
        add_event(uid=f"e{n}@calendar.test", slug=f"e{n}", starts_on=day, ends_on=day)
    client = build_app(FEEDS_DIR=str(feeds_dir)).test_client()
    with time_machine.travel(dt.datetime(2027, 2, 1, tzinfo=dt.UTC), tick=False):
        assert set(vevents(client.get("/feeds/small.ics").data)) == {"e0@calendar.test", "e1@calendar.test",
                                                                     "e2@calendar.test"}
    with time_machine.travel(dt.datetime(2027, 3, 1, tzinfo=dt.UTC), tick=False):
        assert set(vevents(client.get("/feeds/small.ics").data)) == {"e1@calendar.test", "e2@calendar.test"}
    with time_machine.travel(dt.datetime(2027, 6, 1, tzinfo=dt.UTC), tick=False):
        assert set(vevents(client.get("/feeds/small.ics").data)) == {"e2@calendar.test"}


def test_cancelled_event_stays_with_status_sequence_and_prefix(app, client, add_event):
    add_event()
    first = client.get("/feeds/all.ics?lang=ar")
    with app.app_context():
        row = store.event_row_by_uid(db.session(), "test-event@calendar.test")
        before = store.to_event(row)
        cancelled = before.replace(status="cancelled", sequence=before.sequence + 1,
                                   updated_at=FIXED_AT + dt.timedelta(days=1))
        assert store.public_change(before, cancelled)
        store.write_event(db.session(), row, cancelled)
        db.session().commit()
    second = client.get("/feeds/all.ics?lang=ar")
    assert second.headers["ETag"] != first.headers["ETag"]
    for lang, prefix in (("ar", "ملغاة: "), ("en", "Cancelled: ")):
        body = client.get(f"/feeds/all.ics?lang={lang}").data
        event = vevents(body)["test-event@calendar.test"]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] == 1
        assert str(event["SUMMARY"]).startswith(prefix)
        other = vobject_events(body)["test-event@calendar.test"]
        assert other.status.value == "CANCELLED" and other.summary.value.startswith(prefix)


@pytest.mark.parametrize(("local", "utc"), [
    (dt.datetime(2027, 7, 1, 10, 0), dt.datetime(2027, 7, 1, 8, 0, tzinfo=dt.UTC)),    # CEST, +02:00
    (dt.datetime(2027, 1, 15, 10, 0), dt.datetime(2027, 1, 15, 9, 0, tzinfo=dt.UTC)),  # CET, +01:00
    (dt.datetime(2028, 10, 1, 10, 0), dt.datetime(2028, 10, 1, 8, 0, tzinfo=dt.UTC)),  # second year
])
def test_dst_zone_is_read_back_at_the_right_instant(client, add_event, local, utc):
    # Spanning two years gives the VTIMEZONE several transitions of each kind: the RDATE case.
    add_event(uid="anchor@calendar.test", slug="anchor", tzid="Europe/Paris", all_day=False,
              starts_local=dt.datetime(2027, 1, 2, 9), ends_local=dt.datetime(2027, 1, 2, 10))
    add_event(uid="late@calendar.test", slug="late", tzid="Europe/Paris", all_day=False,
              starts_local=dt.datetime(2028, 12, 2, 9), ends_local=dt.datetime(2028, 12, 2, 10))
    add_event(uid="paris@calendar.test", slug="paris", tzid="Europe/Paris", all_day=False,
              starts_local=local, ends_local=local + dt.timedelta(hours=2))
    body = fetch(client, "/feeds/all.ics")
    timezones = icalendar.Calendar.from_ical(body).walk("VTIMEZONE")
    assert [str(t["TZID"]) for t in timezones] == ["Europe/Paris"]
    for sub in timezones[0].subcomponents:
        rdates = sub.get("RDATE", [])
        rdates = rdates if isinstance(rdates, list) else [rdates]
        assert all(len(prop.dts) == 1 for prop in rdates)
        if rdates:  # ical.js ignores DTSTART as an onset once RDATEs exist
            assert rdates[0].dts[0].dt == sub["DTSTART"].dt
    assert body.count(b"\r\nRDATE:") >= 2
    event = vobject_events(body)["paris@calendar.test"]
    assert event.dtstart.value.astimezone(dt.UTC) == utc
    assert event.dtend.value.astimezone(dt.UTC) == utc + dt.timedelta(hours=2)
    mine = vevents(body)["paris@calendar.test"]
    assert mine["DTSTART"].params["TZID"] == "Europe/Paris"
    assert mine["DTSTART"].dt.astimezone(dt.UTC) == utc


def test_golden_directory_has_every_shipped_feed():
    assert sorted(p.name for p in GOLDEN_DIR.glob("*.ics")) == sorted(
        f"{slug}.{lang}.ics" for slug in FEEDS for lang in ("ar", "en")
    )


def test_fragments_are_reused_between_requests(app, client, add_event):
    add_event()
    fetch(client, "/feeds/all.ics?lang=en")
    cache = app.extensions["feed_cache"].fragments
    misses = cache.misses
    fetch(client, "/feeds/qatar.ics?lang=en")
    assert cache.misses == misses and cache.hits >= 1

