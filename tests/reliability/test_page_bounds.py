"""Every public page stays bounded whatever staff entered (README, "Pages: bounds").

The calendar is the worst case of bounds_support: a daily series from 1924-08-01 without end (before
this bound, /en/archive/ was 151 MB and 16 s with it), weekly, Hijri monthly and yearly series from
1343 AH, a daily series whose occurrences last a year each, COUNT and UNTIL series over the whole
table, text at its maximum length in the characters that grow most when escaped, and 400 events with
their own venues, cities and categories, 100 of them today.

The bound is checked two ways:
- deterministically, in process: the recurrence expansion steps one request performs (original start
  days produced, Hijri months resolved) stay under STEP_BOUND;
- through real HTTP against gunicorn: every page, in both languages, with and without filters, at
  every page number, answers within PAGE_BOUND bytes (EVENT_PAGE_BOUND for an event page, which shows
  its own texts of up to 20,000 characters each) and within a generous wall-clock TIME_CEILING.
"""

import datetime as dt
import re
import shutil
import time
from urllib.parse import quote

import httpx
import pytest

from calendar_app import create_app, recurrence

from . import bounds_support
from .conftest import seed_database, start_gunicorn

PAGE_BOUND = 200_000
EVENT_PAGE_BOUND = 512_000
TIME_CEILING = 3.0
STEP_BOUND = 5_000
LANGS = ("ar", "en")
# A list's pager (the month view's own next-month link is not followed: 1,840 months).
NEXT_RE = re.compile(r'<nav class="pager".*?<a class="next" rel="next" href="([^"]+)"', re.S)


@pytest.fixture(scope="module")
def worst(tmp_path_factory, sqlite_template):
    """A gunicorn server on the worst-case calendar, and the day it was built (the pages' today)."""
    tmp = tmp_path_factory.mktemp("page-bounds")
    path = tmp / "worst.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    seed_database(url)
    server = start_gunicorn(url, tmp)
    today = dt.datetime.now(dt.UTC).date()
    try:
        bounds_support.build(server, today)
        yield server, today
    finally:
        server.stop()


def start_urls(lang: str, today: dt.date) -> list[str]:
    """One URL of each public page kind, with and without filters; lists are followed page by page."""
    filters = ["", "?country=QA", f"?city={quote(bounds_support.city_name(7))}",
               f"?category={bounds_support.category(3, 4)}", "?series=hijri-series",
               "?series=daily-series&country=QA", "?category=no-such-category"]
    lists = [f"/{lang}/{page}{query}" for page in ("", "archive/") for query in filters]
    months = [f"/{lang}/month/{y}/{m}/" for y, m in ((today.year, today.month), (1924, 8), (2077, 11),
                                                     (2000, 2), (1990, 1))]
    days = [f"/{lang}/month/{today.year}/{today.month}/{today.day}/", f"/{lang}/month/1924/8/1/",
            f"/{lang}/month/2077/11/16/"]
    events = [f"/{lang}/events/{slug}/" for slug in (*bounds_support.SERIES_SLUGS, "event-0", "event-299",
                                                      "event-350")]
    return lists + months + days + events + [f"/{lang}/feeds/"]


def crawl(get, lang: str, today: dt.date):
    """Every start URL and every later page of each list (by its "next" link): (url, response)."""
    for url in start_urls(lang, today):
        while url:
            response = get(url)
            yield url, response
            found = NEXT_RE.search(response.text)
            url = found.group(1).replace("&amp;", "&") if found else None


def bound_for(url: str) -> int:
    return EVENT_PAGE_BOUND if "/events/" in url else PAGE_BOUND


def test_every_public_page_is_bounded_in_bytes_and_time(worst):
    server, today = worst
    seen, largest, slowest = 0, (0, ""), (0.0, "")
    with httpx.Client(base_url=server.url, timeout=60) as client:
        def get(url: str) -> httpx.Response:
            nonlocal seen, largest, slowest
            started = time.monotonic()
            response = client.get(url)
            elapsed = time.monotonic() - started
            seen += 1
            assert response.status_code == 200, url
            assert len(response.content) <= bound_for(url), (url, len(response.content))
            assert elapsed <= TIME_CEILING, (url, elapsed)
            if "/events/" not in url:
                largest = max(largest, (len(response.content), url))
            slowest = max(slowest, (elapsed, url))
            return response

        pages = [url for lang in LANGS for url, _ in crawl(get, lang, today)]
    print(f"{seen} pages; largest list/month/day page {largest}; slowest {slowest}")
    assert any("page=6" in url for url in pages)  # the lists really are paginated (400+ events)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "page=1.5", "page=%C2%B2",
                                   "page=99999999", "page=100", "category=no-such-category&page=2"])
def test_a_page_that_does_not_exist_is_404(worst, lang, query):
    server, today = worst
    with httpx.Client(base_url=server.url, timeout=60) as client:
        day = f"/{lang}/month/{today.year}/{today.month}/{today.day}/"  # the day's page takes no filters
        for path in (f"/{lang}/", f"/{lang}/archive/") + (() if "category" in query else (day,)):
            assert client.get(f"{path}?{query}").status_code == 404, (path, query)


def test_lists_link_pages_keeping_their_filters(worst):
    server, _ = worst
    with httpx.Client(base_url=server.url, timeout=60) as client:
        first = client.get("/en/?country=QA").text
        next_url = NEXT_RE.search(first).group(1).replace("&amp;", "&")
        second = client.get(next_url).text
    assert next_url == "/en/?country=QA&page=2"
    assert '<a class="prev" rel="prev" href="/en/?country=QA">' in second
    assert "Page 2 of" in second


def test_requests_expand_a_bounded_number_of_dates(worst, monkeypatch):
    """Deterministic: count what recurrence.py expands for each page, in process, on the same data."""
    server, today = worst
    steps = 0
    rule_starts, resolve = recurrence._rule_starts, recurrence._resolve

    def counted_starts(*args, **kwargs):
        nonlocal steps
        for day in rule_starts(*args, **kwargs):
            steps += 1
            yield day

    def counted_resolve(*args, **kwargs):
        nonlocal steps
        steps += 1
        return resolve(*args, **kwargs)

    monkeypatch.setattr(recurrence, "_rule_starts", counted_starts)
    monkeypatch.setattr(recurrence, "_resolve", counted_resolve)
    app = create_app({"TESTING": True, "SECRET_KEY": "steps", "DATABASE_URL": server.database_url,
                      "RATELIMIT_STORAGE_URI": "memory://", "BASE_URL": "http://127.0.0.1"})
    client = app.test_client()
    counts = {}
    try:
        for lang in LANGS:
            for url, _ in crawl(lambda u: _get_text(client, u), lang, today):
                counts[url] = steps
                steps = 0
    finally:
        app.extensions["db_engine"].dispose()
    worst_url = max(counts, key=counts.get)
    print(f"most expansion steps: {counts[worst_url]} for {worst_url}")
    assert counts[worst_url] <= STEP_BOUND, (worst_url, counts[worst_url])


def _get_text(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return type("Answer", (), {"text": response.get_data(as_text=True)})
