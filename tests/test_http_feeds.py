"""HTTP behaviour of feeds: validators, 304, HEAD, errors, language, and the subscribe page."""

import datetime as dt
import hashlib
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from werkzeug.http import http_date, parse_date

from calendar_app import http

FROZEN = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    """Freeze the clock the views read."""
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.mark.usefixtures("frozen")
def test_feed_headers(seeded_client):
    response = seeded_client.get("/feeds/qatar.ics?lang=ar")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["ETag"] == f'"{hashlib.sha256(response.data).hexdigest()[:40]}"'
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["Content-Disposition"] == 'inline; filename="qatar.ar.ics"'
    # The seeds were saved on 1 November 2026; the output format last changed on 30 November.
    assert parse_date(response.headers["Last-Modified"]) == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)


@pytest.mark.usefixtures("frozen")
def test_if_none_match_answers_304_without_body(seeded_client):
    etag = seeded_client.get("/feeds/all.ics").headers["ETag"]
    response = seeded_client.get("/feeds/all.ics", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    # RFC 9110 §15.4.5: a 304 repeats the validator and the caching headers of the 200.
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == "public, max-age=3600"


@pytest.mark.usefixtures("frozen")
def test_stale_etag_gets_the_full_body(seeded_client):
    response = seeded_client.get("/feeds/all.ics", headers={"If-None-Match": '"not-this-one"'})
    assert response.status_code == 200 and response.data.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.usefixtures("frozen")
def test_if_modified_since_answers_304_then_200_for_older_dates(seeded_client):
    last = seeded_client.get("/feeds/all.ics").headers["Last-Modified"]
    assert seeded_client.get("/feeds/all.ics", headers={"If-Modified-Since": last}).status_code == 304
    older = http_date(parse_date(last) - dt.timedelta(seconds=1))
    response = seeded_client.get("/feeds/all.ics", headers={"If-Modified-Since": older})
    assert response.status_code == 200 and response.data.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.usefixtures("frozen")
def test_if_none_match_wins_over_if_modified_since(seeded_client):
    last = seeded_client.get("/feeds/all.ics").headers["Last-Modified"]
    headers = {"If-None-Match": '"other"', "If-Modified-Since": last}
    assert seeded_client.get("/feeds/all.ics", headers=headers).status_code == 200


@pytest.mark.usefixtures("frozen")
def test_only_if_none_match_and_if_modified_since_count(seeded_client):
    # A calendar is never written: If-Match means nothing (no 412), and the server, not the app, sends
    # Date (werkzeug's make_conditional would add a second one under gunicorn).
    response = seeded_client.get("/feeds/all.ics", headers={"If-Match": '"other"'})
    assert response.status_code == 200 and response.data.startswith(b"BEGIN:VCALENDAR")
    assert "Date" not in response.headers


@pytest.mark.usefixtures("frozen")
def test_a_304_has_no_representation_headers(seeded_client):
    etag = seeded_client.get("/feeds/all.ics").headers["ETag"]
    response = seeded_client.get("/feeds/all.ics", headers={"If-None-Match": etag})
    assert response.status_code == 304
    for name in ("Content-Type", "Content-Length", "Last-Modified"):
        assert name not in response.headers


@pytest.mark.usefixtures("frozen")
def test_head_has_the_headers_of_get_and_no_body(seeded_client):
    get = seeded_client.get("/feeds/uae.ics?lang=ar")
    head = seeded_client.head("/feeds/uae.ics?lang=ar")
    assert head.status_code == 200 and head.data == b""
    for name in ("ETag", "Last-Modified", "Content-Type", "Content-Length", "Cache-Control"):
        assert head.headers[name] == get.headers[name]


@pytest.mark.usefixtures("frozen")
def test_etag_is_the_same_for_unchanged_data(seeded_client):
    first, second = seeded_client.get("/feeds/all.ics"), seeded_client.get("/feeds/all.ics")
    assert first.headers["ETag"] == second.headers["ETag"] and first.data == second.data


def test_unknown_feed_is_404_plain_text(seeded_client):
    response = seeded_client.get("/feeds/nope.ics")
    assert response.status_code == 404
    assert response.content_type == "text/plain; charset=utf-8"
    assert b"no feed named 'nope'" in response.data


@pytest.mark.parametrize("query", ["?lang=xx", "?lang=", "?lang=AR", "?lang=fr"])
def test_unknown_language_is_400_plain_text(seeded_client, query):
    response = seeded_client.get(f"/feeds/all.ics{query}")
    assert response.status_code == 400
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.data == b"Unknown language; use ?lang=ar or ?lang=en.\n"


@pytest.mark.usefixtures("frozen")
def test_feeds_never_read_accept_language(seeded_client):
    plain = seeded_client.get("/feeds/all.ics").data
    arabic = seeded_client.get("/feeds/all.ics", headers={"Accept-Language": "ar"}).data
    assert plain == arabic
    assert b"\r\nNAME:Gulf Security Events\r\n" in plain
    assert "Accept-Language" not in seeded_client.get("/feeds/all.ics").headers.get("Vary", "")


@pytest.mark.usefixtures("frozen")
def test_default_language_comes_from_config(build_app):
    client = build_app(FEED_DEFAULT_LANG="ar").test_client()
    assert client.get("/feeds/all.ics").data == client.get("/feeds/all.ics?lang=ar").data


def test_unknown_event_download_is_404(seeded_client):
    assert seeded_client.get("/events/nope.ics").status_code == 404


def test_a_fault_is_a_500_never_an_empty_calendar(seeded_app, monkeypatch):
    from calendar_app import ics

    def broken(*_args, **_kwargs):
        raise RuntimeError("renderer fault")

    monkeypatch.setattr(ics, "render_feed", broken)
    seeded_app.config["PROPAGATE_EXCEPTIONS"] = False
    seeded_app.logger.disabled = True
    response = seeded_app.test_client().get("/feeds/all.ics")
    assert response.status_code == 500
    assert response.content_type == "text/plain; charset=utf-8"
    assert b"BEGIN:VCALENDAR" not in response.data


def test_empty_body_is_refused():
    from flask import Flask

    with Flask(__name__).test_request_context("/feeds/x.ics"):
        from flask import request

        with pytest.raises(http.EmptyBodyError):
            http.calendar_response(request, b"", last_modified=FROZEN, filename="x.ics")


def test_last_modified_never_goes_backwards_when_the_window_moves(build_app, tmp_path, add_event):
    feeds_dir = tmp_path / "feeds"
    feeds_dir.mkdir()
    (feeds_dir / "small.toml").write_text(
        'slug = "small"\ntitle_en = "Small"\ntitle_ar = "صغير"\n[window]\npast_events = 1\n'
    )
    # A was saved last but ends first: once B ends, A drops out, and "newest updated_at in the body"
    # would jump back from A's save to B's.
    add_event(uid="a@calendar.test", slug="a", starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 1),
              updated_at=dt.datetime(2027, 2, 20, tzinfo=dt.UTC))
    add_event(uid="b@calendar.test", slug="b", starts_on=dt.date(2027, 3, 5), ends_on=dt.date(2027, 3, 5),
              updated_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    client = build_app(FEEDS_DIR=str(feeds_dir)).test_client()
    seen = []
    for day in (dt.date(2027, 2, 25), dt.date(2027, 3, 3), dt.date(2027, 3, 10), dt.date(2027, 4, 1)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(12), dt.UTC), tick=False):
            response = client.get("/feeds/small.ics")
        seen.append((response.headers["ETag"], parse_date(response.headers["Last-Modified"]), day))
    etags = [s[0] for s in seen]
    stamps = [s[1] for s in seen]
    assert etags[1] != etags[2]  # B ended: A left the window
    assert stamps == sorted(stamps)
    assert stamps[2] > stamps[1]  # the body changed, so Last-Modified moved
    assert all(stamp <= dt.datetime.combine(day, dt.time(12), dt.UTC) for _, stamp, day in seen)
    assert etags[2] == etags[3] and stamps[2] == stamps[3]


# -- the subscribe page -------------------------------------------------------------------------------
def test_bare_feeds_page_redirects_by_accept_language(seeded_client):
    response = seeded_client.get("/feeds/", headers={"Accept-Language": "ar,en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ar/feeds/")
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(("lang", "title", "label"), [
    ("en", "Events in Qatar", "Add to Google Calendar"),
    ("ar", "فعاليات في قطر", "أضف إلى تقويم Google"),
])
def test_subscribe_page_lists_every_feed_with_links(seeded_client, lang, title, label):
    response = seeded_client.get(f"/{lang}/feeds/", headers={"Host": "evil.example"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert title in html and label in html
    https = f"https://calendar.example.org/feeds/qatar.ics?lang={lang}"
    assert f'value="{https}"' in html
    assert f'href="webcal://calendar.example.org/feeds/qatar.ics?lang={lang}"' in html
    assert "evil.example" not in html
    for slug in ("all", "exhibitions", "milipol-qatar", "qatar", "uae", "world-police-summit"):
        assert f'id="feed-{slug}"' in html
    assert "copy.js" in html and "<script>" not in html


def test_subscribe_links_point_at_google_and_outlook(app):
    from calendar_app import feeds

    links = feeds.subscribe_links(app.extensions["feeds"]["uae"], "https://cal.example/", "ar")
    assert links.https == "https://cal.example/feeds/uae.ics?lang=ar"
    assert links.webcal == "webcal://cal.example/feeds/uae.ics?lang=ar"
    google = urlsplit(links.google)
    assert (google.netloc, google.path) == ("calendar.google.com", "/calendar/r")
    assert parse_qs(google.query) == {"cid": [links.webcal]}
    for url, host in ((links.outlook, "outlook.live.com"), (links.office365, "outlook.office.com")):
        parts = urlsplit(url)
        assert (parts.netloc, parts.path) == (host, "/calendar/0/addfromweb")
        title = "فعاليات في الإمارات العربية المتحدة"
        assert parse_qs(parts.query) == {"url": [links.https], "name": [title]}


def test_feeds_never_vary_on_cookie_or_set_one(seeded_client):
    response = seeded_client.get("/feeds/all.ics")
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers
