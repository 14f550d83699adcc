"""Engine and sessions: one engine per app, one session per request, committed in one place."""

import datetime as dt

from flask import Flask, current_app, g
from sqlalchemy import DateTime, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A UTC timestamp; SQLite hands datetimes back naive, so UTC is re-attached on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, _dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value, _dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


# A gunicorn worker runs up to WEB_THREADS (16) requests at once; the pool must not be the queue.
POOL = {"pool_size": 10, "max_overflow": 10}


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets foreign keys and a busy timeout for gunicorn workers."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15}, **POOL)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **POOL)


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def init_app(app: Flask) -> None:
    """Attach an engine and session factory to the app and close sessions after each request."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def session() -> Session:
    """The current request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
    return g.db_session


def engine() -> Engine:
    """The current app's engine."""
    return current_app.extensions["db_engine"]


def _close_session(exc):
    db_session = g.pop("db_session", None)
    if db_session is None:
        return
    if exc is not None:
        db_session.rollback()
    db_session.close()
