"""Rate limits (Flask-Limiter) on failed logins (per account and address, per address, per account)
and on the public API (/api/: date conversion and the repeat preview, per address).

A stranger who types wrong passwords for someone's account from their own address uses up the
(account, address) and address allowances, never the owner's: only the per-account ceiling counts
every address, and it sits above what one address may try (limits in config.DEFAULTS, why in README).
The store comes from RATELIMIT_STORAGE_URI (memory:// by default, Redis when REDIS_URL is set); with
memory:// every worker counts on its own, so gunicorn.conf.py runs one worker (with threads) then.
The address is request.remote_addr, which ProxyFix sets from X-Forwarded-For only for TRUSTED_PROXIES.
"""

from flask import Flask, current_app, jsonify, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .accounts import EMAIL_MAX, normalise_email
from .i18n import query_language
from .languages import gettext_for

limiter = Limiter(get_remote_address)


def init_app(app: Flask) -> None:
    """Attach the limiter and the translated 429 page."""
    limiter.init_app(app)
    app.register_error_handler(429, _too_many)


def account_address_limit() -> str:
    """Configured failures per account from one address (read per request so tests can lower it)."""
    return current_app.config["LOGIN_LIMIT_ACCOUNT_ADDRESS"]


def address_limit() -> str:
    """Configured failures per client address, whatever the account."""
    return current_app.config["LOGIN_LIMIT_ADDRESS"]


def account_limit() -> str:
    """Configured failures per account from all addresses: the ceiling against distributed guessing."""
    return current_app.config["LOGIN_LIMIT_ACCOUNT"]


def api_limit() -> str:
    """Configured /api/ requests per client address."""
    return current_app.config["API_RATE_LIMIT"]


def account_key() -> str:
    """The account a login attempt names, normalised so case tricks share one counter (and bounded)."""
    return "account:" + _account()


def account_address_key() -> str:
    """The account a login attempt names, together with the address it comes from."""
    return f"account-address:{get_remote_address()}:{_account()}"


def login_failed(response) -> bool:
    """Only a refused login (the form shown again) counts against the limits."""
    return response.status_code != 302


def _account() -> str:
    # No account has a longer email; a longer name must not make the counter's key any bigger.
    return normalise_email(request.form.get("email"))[:EMAIL_MAX]


def _too_many(_exc):
    if request.path.startswith("/api/"):
        # The API answers JSON (its callers read `error`), in the language it was asked for.
        _ = gettext_for(query_language())
        return jsonify(error=_("Too many requests; wait a minute and try again.")), 429
    return render_template("staff/rate_limited.html"), 429
