"""Every configuration default, the environment's overrides, and the checks a production start must pass.

Tests pass their own mapping to create_app. A production start (neither debug nor testing) refuses to
serve on a SECRET_KEY that is unset, the development value, or shorter than SECRET_KEY_MIN characters:
with the development key anyone who reads the source could sign a session cookie for any account.
"""

import os
import sys
from pathlib import Path

from . import languages

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - the value production refuses
SECRET_KEY_MIN = 32
KEY_HINT = "python -c 'import secrets; print(secrets.token_hex(32))'"
# gunicorn's master stops (rather than restarting the worker forever) when a worker exits with 4,
# "App failed to load"; flask, make and a shell only need a non-zero status.
EXIT_REFUSED = 4

DEFAULTS = {
    "BABEL_DEFAULT_LOCALE": "en",
    # Feeds never read Accept-Language; without ?lang= they are served in this language.
    "FEED_DEFAULT_LANG": "en",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    # Flask-Login: a session whose client (address and browser) changed is dropped, not just marked stale.
    "SESSION_PROTECTION": "strong",
    "RATELIMIT_HEADERS_ENABLED": True,
    "RECURRENCE_HORIZON_YEARS": 5,
    # The largest legitimate event form (every text field at its limit in Arabic, percent-encoded:
    # six bytes a letter) is about 512 kB; anything larger is refused with 413 before it is read.
    "MAX_CONTENT_LENGTH": 640 * 1024,
    # Proxies in front of the app whose X-Forwarded-For / -Proto are believed (ProxyFix hops); 0 = none.
    "TRUSTED_PROXIES": 0,
    # Failed logins only (a right password never counts). Per account and address, per address, and per
    # account from everywhere with a ceiling one address cannot reach (20 per 15 minutes is 80 an hour).
    "LOGIN_LIMIT_ACCOUNT_ADDRESS": "5 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS": "20 per 15 minutes",
    "LOGIN_LIMIT_ACCOUNT": "100 per hour",
    # /api/ answers anyone (the staff form's live conversions and repeat preview): one budget per
    # client address for the three endpoints; a person filling in the form stays well below it.
    "API_RATE_LIMIT": "60 per minute",
}


RATE_LIMITS = ("LOGIN_LIMIT_ACCOUNT_ADDRESS", "LOGIN_LIMIT_ADDRESS", "LOGIN_LIMIT_ACCOUNT", "API_RATE_LIMIT")


def from_environment(instance_path: str) -> dict:
    """Build the configuration from environment variables, with development defaults."""
    redis_url = os.environ.get("REDIS_URL")
    rate_limits = {name: os.environ[name] for name in RATE_LIMITS if os.environ.get(name)}
    return {
        **rate_limits,
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET_KEY),
        "DATABASE_URL": database_url(instance_path),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SEEDS_DIR": os.environ.get("SEEDS_DIR", str(REPO_ROOT / "seeds")),
        "FEEDS_DIR": os.environ.get("FEEDS_DIR", str(REPO_ROOT / "feeds")),
        # Flask-Limiter warns without an explicit store; Redis shares counts between workers.
        "RATELIMIT_STORAGE_URI": redis_url or os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "TRUSTED_PROXIES": _whole("TRUSTED_PROXIES", "0", "a whole number of proxies (0 = none)"),
    }


def server_from_environment() -> dict:
    """gunicorn's address, worker processes and threads per worker (read by gunicorn.conf.py).

    One worker unless REDIS_URL is set: with memory:// rate-limit storage more would each count login
    failures on their own (workers_problem refuses that).
    """
    return {
        "bind": os.environ.get("BIND", "127.0.0.1:5000"),
        "workers": _whole("WEB_CONCURRENCY", "2" if os.environ.get("REDIS_URL") else "1",
                          "a whole number of worker processes"),
        "threads": _whole("WEB_THREADS", "16", "a whole number of threads per worker"),
    }


def finish(config: dict) -> None:
    """Values that follow from others: cookies are Secure whenever the site is served over https, and
    Flask-Babel reads the catalogs of the language table (read now: a test may add a language)."""
    config.setdefault("BABEL_TRANSLATION_DIRECTORIES", ";".join(str(path) for path in languages.CATALOG_DIRS))
    https = config["BASE_URL"].startswith("https://")
    config["SESSION_COOKIE_SECURE"] = bool(config.get("SESSION_COOKIE_SECURE")) or https
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]


def production_problem(config: dict) -> str | None:
    """Why this configuration must not serve in production (one line), or None."""
    key = config.get("SECRET_KEY") or ""
    if not key or key == DEV_SECRET_KEY or len(key) < SECRET_KEY_MIN:
        state = "unset (or the development value)" if key in ("", DEV_SECRET_KEY) else "too short"
        return (f"SECRET_KEY is {state}: set it to at least {SECRET_KEY_MIN} random characters, "
                f"e.g. SECRET_KEY=$({KEY_HINT})")
    return None


def workers_problem(workers: int, storage_uri: str) -> str | None:
    """Why gunicorn must not start this many workers (one line), or None."""
    if workers > 1 and storage_uri.startswith("memory://"):
        return (f"{workers} gunicorn workers with memory:// rate-limit storage would each count login "
                "failures on their own: set REDIS_URL, or run one worker (it has threads)")
    return None


def refuse(problem: str) -> None:
    """Stop the process with one line on stderr."""
    print(f"Refusing to start: {problem}", file=sys.stderr, flush=True)
    raise SystemExit(EXIT_REFUSED)


def check_production(config: dict, *, debug: bool, testing: bool) -> None:
    """Refuse a production start (neither debug nor testing) with an unsafe configuration."""
    if debug or testing:
        return
    problem = production_problem(config)
    if problem:
        refuse(problem)


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


def _whole(name: str, default: str, meaning: str) -> int:
    """The environment variable `name` as a whole number (ASCII digits only: int("²") fails)."""
    text = os.environ.get(name, default)
    if not (text.isascii() and text.isdigit()):
        refuse(f"{name} must be {meaning}, not {text[:20]!r}")
    return int(text)
