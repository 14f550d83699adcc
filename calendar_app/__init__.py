"""Event calendar and iCalendar feed service: the application factory.

Flask is imported by the factory, not by the package, so the domain and the renderers
(events, hijri, recurrence, ics, pages, ...) can be imported and used without it.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from . import config

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> "Flask":
    """Build the app: config from the environment (or `test_config`), checked, then every area.

    A production start (neither debug nor testing) with an unsafe configuration exits here with one line.
    """
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    config.finish(app.config)
    config.check_production(app.config, debug=app.debug, testing=app.testing)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_error_handlers(app)
    return app


def register_extensions(app: "Flask") -> None:
    """Database, translations, feed definitions, login, rate limits, and the headers of every response."""
    from . import auth, db, feed_cache, feeds, http, i18n, limits, security

    app.session_interface = http.FeedSessionInterface()
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    auth.init_app(app)  # login and CSRF on every form
    limits.init_app(app)
    # Validated at start-up: a broken feeds/*.toml stops the app instead of a subscriber's feed.
    app.extensions["feeds"] = feeds.load_feeds(Path(app.config["FEEDS_DIR"]))
    app.extensions["feed_cache"] = feed_cache.FeedCache(len(app.extensions["feeds"]))


def register_blueprints(app: "Flask") -> None:
    """One blueprint per area."""
    from .views import api, public
    from .views import feeds as feed_views
    from .views import staff as staff_views

    app.register_blueprint(public.bp)
    app.register_blueprint(staff_views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feed_views.bp)


def register_cli(app: "Flask") -> None:
    """`flask --app calendar_app db upgrade`, `seed`, `create-staff`, `set-password` (all in cli.py)."""
    from . import cli

    cli.init_app(app)


def register_error_handlers(app: "Flask") -> None:
    """404/400/405/500: plain text for feeds, the page layout for pages; nothing leaks."""
    from . import errorpages

    errorpages.init_app(app)


__all__ = ["create_app"]
