"""Rate limits (Flask-Limiter): login attempts per account and per address, and the public API
(/api/: date conversion and the repeat preview) per address.

The store comes from RATELIMIT_STORAGE_URI (memory:// by default, Redis when REDIS_URL is set) so
that every gunicorn worker counts the same attempts. Each limit below can be set in the environment.
"""

import os

from flask import Flask, current_app, jsonify, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .i18n import LANGUAGES, gettext_for

DEFAULTS = {
    # Failed logins only; a person who types the right password is never slowed down.
    "LOGIN_LIMIT_ACCOUNT": "5 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS": "20 per 15 minutes",
    # /api/ answers anyone (the staff form's live conversions and repeat preview): one budget per
    # client address for the three endpoints; a person filling in the form stays well below it.
    "API_RATE_LIMIT": "60 per minute",
}

limiter = Limiter(get_remote_address)


def init_app(app: Flask) -> None:
    """Attach the limiter and the translated 429 page."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, os.environ.get(key, value))
    limiter.init_app(app)
    app.register_error_handler(429, _too_many)


def account_limit() -> str:
    """Configured attempts per account (read per request so tests can lower it)."""
    return current_app.config["LOGIN_LIMIT_ACCOUNT"]


def address_limit() -> str:
    """Configured attempts per client address."""
    return current_app.config["LOGIN_LIMIT_ADDRESS"]


def api_limit() -> str:
    """Configured /api/ requests per client address."""
    return current_app.config["API_RATE_LIMIT"]


def account_key() -> str:
    """The account a login attempt names, normalised so case tricks share one counter."""
    return "account:" + (request.form.get("email") or "").strip().lower()


def login_failed(response) -> bool:
    """Only a refused login (the form shown again) counts against the limits."""
    return response.status_code != 302


def _too_many(exc):
    if request.path.startswith("/api/"):
        # The API answers JSON (its callers read `error`), in the language it was asked for.
        lang = request.args.get("lang") if request.args.get("lang") in LANGUAGES else "en"
        _ = gettext_for(lang)
        return jsonify(error=_("Too many requests; wait a minute and try again.")), 429
    return render_template("staff/rate_limited.html"), 429
