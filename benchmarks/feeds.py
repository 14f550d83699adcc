"""Feed rendering and serving cost, each as a ratio to a baseline measured in the same run.

    python -m benchmarks.feeds [--events 10000] [--requests 200]

Synthetic bilingual events (several zones, Europe/Paris for daylight saving) go into a temporary
SQLite database. Printed: cold render (empty fragment cache) and warm assembly, each against a bare
b"".join of the same fragment bytes; requests/s of /feeds/all.ics under gunicorn against the same
gunicorn serving the same bytes from a bare WSGI app; body size and peak memory.
"""

import argparse
import datetime as dt
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.request
from pathlib import Path

from calendar_app import create_app, db, ics, migrate, store
from calendar_app.events import make_event, make_venue
from calendar_app.models import EventRow

BASE_URL = "https://calendar.example.org"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
VENUES = [
    ("decc", "Doha Exhibition and Convention Center", "مركز الدوحة للمعارض والمؤتمرات", "Doha", "الدوحة",
     "QA", "Asia/Qatar", 25.32, 51.53),
    ("dwtc", "Dubai World Trade Centre", "مركز دبي التجاري العالمي", "Dubai", "دبي", "AE", "Asia/Dubai",
     25.22, 55.29),
    ("riyadh", "Riyadh Front", "واجهة الرياض", "Riyadh", "الرياض", "SA", "Asia/Riyadh", 24.83, 46.73),
    ("paris-nord", "Paris Nord Villepinte", "باريس نور فيلبانت", "Paris", "باريس", "FR", "Europe/Paris",
     48.97, 2.52),
]
WORDS_EN = "security exhibition conference summit policing cyber defence border safety drones".split()
WORDS_AR = "الأمن معرض مؤتمر قمة الشرطة السيبراني الدفاع الحدود السلامة الطائرات".split()


def synthetic_event(n: int, venues: list) -> object:
    """A valid, bilingual event: all-day or timed, spread over 2000–2029."""
    venue = venues[n % len(venues)]
    day = dt.date(2000, 1, 1) + dt.timedelta(days=(n * 7919) % (30 * 365))
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
    words_en = " ".join(WORDS_EN[(n + i) % len(WORDS_EN)] for i in range(40))
    words_ar = " ".join(WORDS_AR[(n + i) % len(WORDS_AR)] for i in range(40))
    times = ({"all_day": True, "starts_on": day, "ends_on": day + dt.timedelta(days=n % 3)} if n % 2 else
             {"all_day": False, "starts_local": dt.datetime.combine(day, dt.time(9 + n % 8)),
              "ends_local": dt.datetime.combine(day, dt.time(17, 30))})
    return make_event(
        uid=f"bench-{n}@calendar-app", slug=f"bench-{n}", title_en=f"Event {n}: {WORDS_EN[n % 10]} forum",
        title_ar=f"فعالية {n}: منتدى {WORDS_AR[n % 10]}", description_en=words_en, description_ar=words_ar,
        tzid=venue.tzid, venue=venue, categories=("exhibition",) if n % 3 else ("conference",),
        created_at=created, updated_at=created, **times,
    )


def fill(app, count: int) -> None:
    """Write `count` synthetic events."""
    venues = [make_venue(slug=s, name_en=ne, name_ar=na, city_en=ce, city_ar=ca, country_code=cc, tzid=tz,
                         latitude=la, longitude=lo) for s, ne, na, ce, ca, cc, tz, la, lo in VENUES]
    with app.app_context():
        session = db.session()
        for n in range(count):
            store.write_event(session, EventRow(), synthetic_event(n, venues))
            if n % 1000 == 999:
                session.commit()
        session.commit()


def best_of(repeat: int, func) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the other engineers' work)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rate(target: str, env: dict, requests: int, path: str) -> tuple[float, bytes]:
    """Requests/s of `path` under gunicorn (2 workers, 2 client threads); stops gunicorn after."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
           "--log-level", "warning", target]
    proc = subprocess.Popen(cmd, env={**os.environ, **env})  # noqa: S603 - our own fixed command
    url = f"http://127.0.0.1:{port}{path}"
    try:
        body = _wait_ready(url)
        _warm(url)
        done = []

        def client(n):
            for _ in range(n):
                done.append(len(_get(url)))

        threads = [threading.Thread(target=client, args=(requests // 2,)) for _ in range(2)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        assert set(done) == {len(body)}, "every answer must be the whole body"
        return len(done) / elapsed, body
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _warm(url: str) -> None:
    """Warm every worker's caches: concurrent requests keep both sync workers busy at once."""
    threads = [threading.Thread(target=lambda: [_get(url) for _ in range(3)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - 127.0.0.1 only
        return response.read()


def _wait_ready(url: str) -> bytes:
    for _ in range(300):
        try:
            return _get(url)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer {url}")


def main(argv=None) -> None:
    """Run every measurement and print the ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        migrate.upgrade(url)
        key = secrets.token_hex(32)  # a production-mode app refuses a weak key
        config = {"DATABASE_URL": url, "BASE_URL": BASE_URL, "RATELIMIT_STORAGE_URI": "memory://",
                  "SECRET_KEY": key}
        app = create_app(config)
        start = time.perf_counter()
        fill(app, args.events)
        print(f"events: {args.events} synthetic, written in {time.perf_counter() - start:.1f} s")
        with app.app_context():
            load = best_of(3, lambda: store.all_events(db.session()))
            everything = store.all_events(db.session())
        report_render(app, everything, load)
        env = {"DATABASE_URL": url, "BASE_URL": BASE_URL, "SECRET_KEY": key}
        rate, body = serve_rate("calendar_app:create_app()", env, args.requests, "/feeds/all.ics?lang=en")
        static = Path(tmp) / "all.en.ics"
        static.write_bytes(body)  # the baseline serves exactly the bytes the app served
        env["BENCH_STATIC_FILE"] = str(static)
        base_rate, base_body = serve_rate("benchmarks.static_app:app", env, args.requests, "/all.en.ics")
        assert base_body == body
        size = len(body)
        print(f"serving /feeds/all.ics under gunicorn: {rate:.1f} req/s; same bytes from a bare WSGI app:"
              f" {base_rate:.1f} req/s; ratio {base_rate / rate:.2f}x slower ({size} bytes each)")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident memory of the benchmark process: {peak_kb / 1024:.0f} MB")


def window(app, everything):
    """The all-feed's events at the fixed benchmark moment: date window and byte budget, as served."""
    from calendar_app import feeds

    cache = ics.FragmentCache()
    return feeds.window(app.extensions["feeds"]["all"], everything, NOW.date(),
                        lambda e: len(cache.fragment(e, "en", BASE_URL)))


def report_render(app, everything, load: float) -> None:
    """Cold render, warm assembly and the b"".join baseline, in-process."""
    feed = app.extensions["feeds"]["all"]
    shown = window(app, everything)
    cold = best_of(3, lambda: ics.render_feed(feed, shown, "en", BASE_URL, ics.FragmentCache()))
    tracemalloc.start()  # separately: tracing slows the render down several times
    cache = ics.FragmentCache()
    ics.render_feed(feed, shown, "en", BASE_URL, cache)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    warm = best_of(5, lambda: ics.render_feed(feed, shown, "en", BASE_URL, cache))
    fragments = [cache.fragment(e, "en", BASE_URL) for e in shown]
    join = best_of(5, lambda: b"".join(fragments))
    body = ics.render_feed(feed, shown, "en", BASE_URL, cache)
    assert body == ics.build_calendar(feed, shown, "en", BASE_URL).to_ical()
    print(f"window: {len(shown)} of {len(everything)} events (future first, then up to"
          f" {feed.past_events} past, within {feed.max_bytes / 1e3:.0f} kB); body {len(body) / 1e6:.2f} MB")
    print(f"baseline b''.join of the same fragments: {join * 1e3:.2f} ms")
    print(f"cold render (empty cache): {cold * 1e3:.0f} ms = {cold / join:.0f}x the baseline;"
          f" peak traced memory {peak / 1e6:.1f} MB")
    print(f"warm assembly (cached fragments): {warm * 1e3:.1f} ms = {warm / join:.1f}x the baseline")
    print(f"loading every event from the database (on a cache miss only): {load * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
