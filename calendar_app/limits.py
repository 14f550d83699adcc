"""Rate limits (Flask-Limiter): login attempts per account and per address.

The store comes from RATELIMIT_STORAGE_URI (memory:// by default, Redis when REDIS_URL is set) so
that every gunicorn worker counts the same attempts.
"""

from flask import Flask, current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

DEFAULTS = {
    # Failed logins only; a person who types the right password is never slowed down.
    "LOGIN_LIMIT_ACCOUNT": "5 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS": "20 per 15 minutes",
}

limiter = Limiter(get_remote_address)


def init_app(app: Flask) -> None:
    """Attach the limiter and the translated 429 page."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    limiter.init_app(app)
    app.register_error_handler(429, _too_many)


def account_limit() -> str:
    """Configured attempts per account (read per request so tests can lower it)."""
    return current_app.config["LOGIN_LIMIT_ACCOUNT"]


def address_limit() -> str:
    """Configured attempts per client address."""
    return current_app.config["LOGIN_LIMIT_ADDRESS"]


def account_key() -> str:
    """The account a login attempt names, normalised so case tricks share one counter."""
    return "account:" + (request.form.get("email") or "").strip().lower()


def login_failed(response) -> bool:
    """Only a refused login (the form shown again) counts against the limits."""
    return response.status_code != 302


def _too_many(exc):
    return render_template("staff/rate_limited.html"), 429
