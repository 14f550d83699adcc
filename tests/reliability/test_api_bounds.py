"""The public /api/ endpoints through a real gunicorn: bounded memory per request, and a rate limit
per client address.

Memory: 1,000 repeat previews, each a daily rule from a different first day since 1924, used to keep
every date they generated in an lru_cache of dateutil rules (a worker went from 95 MB to ~800 MB).
After the same kind of warm-up, 1,000 such requests now leave one worker's RSS within RSS_GROWTH_KB.
"""

import datetime as dt
import re

from calendar_app.config import DEFAULTS

from .conftest import rss_kb, start_gunicorn

RSS_GROWTH_KB = 5 * 1024
FIRST = dt.date(1924, 8, 1)


def preview_url(first: dt.date, lang: str = "en") -> str:
    """The live preview of a daily rule without end from `first`, as staff.js asks for it."""
    return (f"/api/recurrence-preview?lang={lang}&calendar=gregorian&starts_on={first.isoformat()}"
            "&repeat=gregorian&repeat_freq=DAILY&repeat_end=never")


def test_thousand_distinct_previews_leave_worker_memory_flat(sqlite_url, tmp_path):
    server = start_gunicorn(sqlite_url, tmp_path, args=("--workers", "1"), API_RATE_LIMIT="100000 per minute")
    try:
        (worker,) = server.worker_pids()
        with server.client() as client:
            # Warm-up: the same kind of request, from other first days (caches of Babel, hijridate, ...).
            for i in range(300):
                assert client.get(preview_url(dt.date(2000, 1, 1) + dt.timedelta(days=i))).status_code == 200
            before = rss_kb(worker)
            for i in range(1000):
                answer = client.get(preview_url(FIRST + dt.timedelta(days=i)))
                assert answer.status_code == 200 and len(answer.json()["items"]) == 10
            after = rss_kb(worker)
    finally:
        server.stop()
    print(f"worker RSS {before} kB -> {after} kB after 1,000 distinct previews")
    assert after - before <= RSS_GROWTH_KB, (before, after)


def test_api_answers_429_in_json_after_its_limit_per_address(sqlite_url, tmp_path):
    server = start_gunicorn(sqlite_url, tmp_path, args=("--workers", "1"), API_RATE_LIMIT="10 per minute")
    try:
        with server.client() as client:
            urls = [preview_url(FIRST), "/api/hijri?date=2026-11-05", "/api/gregorian?y=1448&m=5&d=15"]
            answers = [client.get(urls[i % 3]) for i in range(10)]  # one budget for the three endpoints
            refused = client.get("/api/hijri?date=2026-11-05&lang=ar")
            others = [client.get("/en/"), client.get("/en/staff/login"), client.get("/feeds/all.ics")]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [200] * 10
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/json"
    assert refused.json() == {"error": "طلبات كثيرة جدًا؛ انتظر دقيقة ثم حاول مرة أخرى."}
    assert int(refused.headers["Retry-After"]) > 0
    assert [a.status_code for a in others] == [200, 200, 200]  # pages, login and feeds keep their own budgets


def test_default_api_limit_refuses_the_request_after_it(sqlite_url, tmp_path):
    limit = int(re.match(r"(\d+) per minute$", DEFAULTS["API_RATE_LIMIT"]).group(1))
    server = start_gunicorn(sqlite_url, tmp_path, args=("--workers", "1"))
    try:
        with server.client() as client:
            days = [FIRST + dt.timedelta(days=i) for i in range(limit + 1)]
            answers = [client.get(f"/api/hijri?date={day}") for day in days]
    finally:
        server.stop()
    assert limit == 60
    assert [a.status_code for a in answers] == [200] * limit + [429]
    assert answers[-1].json() == {"error": "Too many requests; wait a minute and try again."}
