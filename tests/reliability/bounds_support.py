"""The worst-case calendar for the page bounds: what a staff member may enter, at its largest.

Long series go in through the real staff form over HTTP (both languages, Gregorian and Hijri entry):
a daily series from the table's first day (1924-08-01) without end, a weekly one, a Hijri monthly one
from 1 Muharram 1343, a daily series whose occurrences each last a year, and text fields at their
maximum length made of the characters that grow most when escaped. Many ordinary events go in
through the store (the form would only be slower): distinct venues, cities and categories for the
filters, and a hundred on one day for the month view.
"""

import datetime as dt

import httpx

from calendar_app import create_app, db, editing, store
from calendar_app.events import TITLE_MAX, make_event, make_venue

from .conftest import add_account, csrf_token, log_in

EDITOR = "bounds-editor@example.org"
# Jinja writes ' as &#39; and JSON-LD as \u0027: the character that grows most on a page.
QUOTE = "'"
LONG_TITLE = (QUOTE + "<&") * (TITLE_MAX // 3)
LONG_TEXT = QUOTE * 20_000


def _form(**fields: str) -> dict:
    base = {
        "title_en": "x", "title_ar": "", "description_en": "", "description_ar": "",
        "calendar": "gregorian", "timing": "all_day", "tzid": "Asia/Qatar", "venue": "", "series": "",
        "status": "confirmed", "categories": "", "action": "publish", "repeat_end": "never",
    }
    return {**base, **fields}


def _gregorian(slug: str, first: str, last: str, freq: str, **extra: str) -> dict:
    return _form(slug=slug, title_en=f"{slug} {LONG_TITLE}"[:TITLE_MAX], title_ar=f"سلسلة {slug}",
                 starts_on=first, ends_on=last, repeat="gregorian", repeat_freq=freq, **extra)


def _hijri(slug: str, freq: str, day: int, **extra: str) -> dict:
    return _form(slug=slug, title_en=f"Hijri {slug}", title_ar=("سلسلة هجرية " * 20)[:TITLE_MAX],
                 calendar="hijri", hijri_start_year="1343", hijri_start_month="1", hijri_start_day=str(day),
                 hijri_end_year="1343", hijri_end_month="1", hijri_end_day=str(day), repeat="hijri",
                 repeat_hijri_freq=freq, **extra)


# (language of the form, fields): every one valid input through /<lang>/staff/events/new.
SERIES_FORMS = (
    ("en", _gregorian("daily-1924", "1924-08-01", "1924-08-01", "DAILY", series="__new__",
                      series_slug="daily-series", series_name_en=LONG_TITLE, series_name_ar="سلسلة يومية")),
    ("ar", _gregorian("weekly-1924", "1924-08-01", "1924-08-02", "WEEKLY")),
    ("ar", _hijri("hijri-monthly-1343", "monthly", 1, series="__new__", series_slug="hijri-series",
                  series_name_en="Hijri series", series_name_ar=("سلسلة هجرية " * 20)[:TITLE_MAX])),
    ("en", _hijri("hijri-yearly-1343", "yearly", 30, repeat_hijri_month="1", repeat_hijri_day="30",
                  repeat_skip="forward")),
    ("en", _gregorian("daily-year-long", "1924-08-01", "1925-07-31", "DAILY")),
    ("ar", _gregorian("daily-half-table", "1924-08-01", "2000-12-31", "DAILY")),
    ("ar", _gregorian("daily-count", "1924-08-01", "1924-08-01", "DAILY", repeat_end="count",
                      repeat_count="1000")),
    ("en", _gregorian("daily-until-2077", "1924-08-01", "1924-08-01", "DAILY", repeat_end="until",
                      repeat_until="2077-11-16")),
    ("en", _gregorian("leap-days", "1928-02-29", "1928-02-29", "DAILY",
                      repeat_by="BYMONTH=2;BYMONTHDAY=29")),
    ("ar", _form(slug="paris-weekly", title_en="Paris weekly", starts_on="1990-01-05", ends_on="1990-01-05",
                 timing="timed", start_time="18:00", end_time="23:30", tzid="Europe/Paris",
                 repeat="gregorian", repeat_freq="WEEKLY")),
    ("en", _form(slug="longest-text", title_en=LONG_TITLE, title_ar=("ع" * TITLE_MAX),
                 description_en=LONG_TEXT, description_ar=LONG_TEXT, source_citation=LONG_TEXT,
                 source_conflict=LONG_TEXT, starts_on="2030-01-01", ends_on="2030-01-03",
                 categories=",".join(f"category-{i}-{'x' * 28}" for i in range(10)))),
)
SERIES_SLUGS = tuple(fields["slug"] for _, fields in SERIES_FORMS)


def enter_series(server) -> None:
    """Log in as an editor and enter every SERIES_FORMS entry through the staff form over HTTP."""
    add_account(server.database_url, EDITOR)
    with httpx.Client(base_url=server.url, timeout=300) as client:
        assert log_in(client, EDITOR).status_code == 302
        for lang, fields in SERIES_FORMS:
            path = f"/{lang}/staff/events/new"
            answer = client.post(path, data={**fields, "csrf_token": csrf_token(client, path)})
            assert answer.status_code == 302, (fields["slug"], answer.status_code, _errors(answer))


def _errors(answer: httpx.Response) -> list[str]:
    import re

    return re.findall(r'<p class="error"[^>]*>([^<]*)</p>', answer.text)


def add_many_events(database_url: str, today: dt.date, *, spread: int = 300, same_day: int = 100) -> None:
    """`spread` events from 1925 to 2077, each with its own venue, city and ten categories, and
    `same_day` more on `today`, entered through the store (editing.create) as the form would."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bulk", "DATABASE_URL": database_url,
                      "RATELIMIT_STORAGE_URI": "memory://"})
    first, last = dt.date(1925, 1, 1), dt.date(2077, 11, 1)
    step = (last - first) / spread
    days = [first + step * i for i in range(spread)] + [today] * same_day
    now = dt.datetime.now(dt.UTC)
    with app.app_context():
        session = db.session()
        for i, day in enumerate(days):
            editing.create(session, _bulk_event(i, day, now), publish=True, user_id=None, now=now)
    app.extensions["db_engine"].dispose()


def city_name(i: int) -> str:
    """The English city of the i-th bulk event's venue (each venue has its own)."""
    return f"City {i} " + QUOTE * 100


def category(i: int, k: int) -> str:
    """The k-th of the i-th bulk event's ten categories."""
    return f"c{i}-{k}-" + "y" * 30


def _bulk_event(i: int, day: dt.date, now: dt.datetime):
    venue = make_venue(slug=f"venue-{i}", name_en=f"Venue {i} " + QUOTE * 180, name_ar=f"قاعة {i}",
                       city_en=city_name(i), city_ar=f"مدينة {i} " + QUOTE * 100, country_code="QA",
                       tzid="Asia/Qatar", latitude=25.3, longitude=51.5)
    return make_event(
        uid=store.new_uid(), slug=f"event-{i}", title_en=f"Event {i} {LONG_TITLE}"[:TITLE_MAX],
        title_ar=f"فعالية {i}", tzid="Asia/Qatar", all_day=True, starts_on=day, ends_on=day,
        created_at=now, updated_at=now, venue=venue,
        categories=tuple(category(i, k) for k in range(10)),
    )


def build(server, today: dt.date) -> None:
    """The whole worst-case calendar in the server's database."""
    enter_series(server)
    add_many_events(server.database_url, today)
