"""Defaults, overridden by the environment; tests pass their own mapping to create_app."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def from_environment(instance_path: str) -> dict:
    """Build the configuration from environment variables, with safe development defaults."""
    redis_url = os.environ.get("REDIS_URL")
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev-only-change-me"),
        "DATABASE_URL": database_url(instance_path),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SEEDS_DIR": os.environ.get("SEEDS_DIR", str(REPO_ROOT / "seeds")),
        "FEEDS_DIR": os.environ.get("FEEDS_DIR", str(REPO_ROOT / "feeds")),
        # Flask-Limiter warns without an explicit store; Redis shares counts between workers.
        "RATELIMIT_STORAGE_URI": redis_url or os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "SESSION_COOKIE_SECURE": os.environ.get("BASE_URL", "").startswith("https://"),
    }


DEFAULTS = {
    "BABEL_DEFAULT_LOCALE": "en",
    "LANGUAGES": ("ar", "en"),
    # Feeds never read Accept-Language; without ?lang= they are served in this language.
    "FEED_DEFAULT_LANG": "en",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "RATELIMIT_HEADERS_ENABLED": True,
    "RECURRENCE_HORIZON_YEARS": 5,
}


def database_url(instance_path: str) -> str:
    """DATABASE_URL when set (PostgreSQL needs the psycopg driver), else an SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(instance_path) / 'calendar.sqlite'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url
