"""Fixtures: an app per database backend (SQLite always, PostgreSQL when TEST_DATABASE_URL is set).

Tests read TEST_DATABASE_URL only, never DATABASE_URL, so a real database is never touched.
"""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from calendar_app import create_app, db, migrate, seeds, store
from calendar_app.events import make_event, make_venue
from calendar_app.models import Base, EventRow

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
GOLDEN_DIR = Path(__file__).parent / "golden"
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
FIXED_AT = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def pytest_configure():
    if os.environ.get("CI") == "true" and not PG_URL:
        raise pytest.UsageError("CI=true needs TEST_DATABASE_URL: the PostgreSQL run must not be skipped.")


def reset_postgresql(url: str) -> None:
    """Drop everything in the public schema; CI's server keeps what earlier runs left."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for every test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "calendar.sqlite"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgresql_migrated() -> str:
    """An empty, migrated PostgreSQL schema for this run."""
    reset_postgresql(PG_URL)
    migrate.upgrade(PG_URL)
    return PG_URL


def _truncate(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A fresh, migrated, empty database of each configured backend."""
    if request.param == "sqlite":
        path = tmp_path / "calendar.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgresql_migrated")
    _truncate(url)
    return url


@pytest.fixture
def app_config(database_url) -> dict:
    """The test configuration; tests may change it before `app` is built."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "SEEDS_DIR": str(SEEDS_DIR),
        "BASE_URL": "https://calendar.example.org",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
    }


@pytest.fixture
def app(app_config, tmp_path):
    """The app on a fresh database (empty: no seeds)."""
    application = create_app({**app_config})
    application.instance_path = str(tmp_path / "instance")
    yield application
    application.extensions["db_engine"].dispose()


@pytest.fixture
def build_app(app_config):
    """Factory: another app on the same database; its engine is disposed after the test."""
    made = []

    def build(**changes):
        made.append(create_app({**app_config, **changes}))
        return made[-1]

    yield build
    for other in made:
        other.extensions["db_engine"].dispose()


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `flask` commands."""
    return app.test_cli_runner()


@pytest.fixture
def seeded_app(app):
    """The app with the seed events loaded."""
    with app.app_context():
        seeds.load_seeds(db.session(), SEEDS_DIR)
    return app


@pytest.fixture
def seeded_client(seeded_app):
    """A test client on the seeded app."""
    return seeded_app.test_client()


@pytest.fixture
def golden():
    """Read a golden file's bytes from tests/golden/."""
    return lambda name: (GOLDEN_DIR / name).read_bytes()


def event_fields(**overrides) -> dict:
    """Sane defaults for a valid all-day event; override any field."""
    fields = {
        "uid": "test-event@calendar.test",
        "slug": "test-event",
        "title_en": "Test Expo",
        "title_ar": "معرض تجريبي",
        "tzid": "Asia/Qatar",
        "all_day": True,
        "starts_on": dt.date(2027, 3, 15),
        "ends_on": dt.date(2027, 3, 17),
        "created_at": FIXED_AT,
        "updated_at": FIXED_AT,
        "venue": make_venue(
            slug="test-hall", name_en="Test Hall", name_ar="القاعة التجريبية", city_en="Doha",
            city_ar="الدوحة", country_code="QA", tzid="Asia/Qatar", latitude=25.3, longitude=51.5,
        ),
        "categories": ("exhibition",),
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def make_test_event():
    """Factory: a checked domain Event from defaults plus overrides."""
    return lambda **overrides: make_event(**event_fields(**overrides))


@pytest.fixture
def add_event(app, make_test_event):
    """Factory: store an event in the app's database and return it."""

    def add(**overrides):
        event = make_test_event(**overrides)
        with app.app_context():
            store.write_event(db.session(), EventRow(), event)
            db.session().commit()
        return event

    return add
