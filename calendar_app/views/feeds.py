"""Feeds: /feeds/<slug>.ics and /events/<slug>.ics (plain HTTP, ?lang=), and the subscribe page."""

from typing import TypeVar

from flask import Blueprint, abort, current_app, render_template, request

from .. import db, feed_cache, feeds, http, i18n, languages, store
from ..text import snippet
from . import now

bp = Blueprint("feeds", __name__)
lang_bp = i18n.language_blueprint("lang", __name__)
Named = TypeVar("Named")


@bp.get("/feeds/<slug>.ics")
def feed_ics(slug: str):
    """A subscribable feed; the same URL gives every client the same bytes."""
    missing = f"There is no feed named '{snippet(slug)}'. The feeds are listed at /feeds/."
    feed, lang = _named_and_language(current_app.extensions["feeds"].get(slug), missing)
    body, changed = current_app.extensions["feed_cache"].feed(db.session(), feed, lang, now().date(),
                                                              **_settings())
    return http.calendar_response(request, body, last_modified=changed, filename=f"{slug}.{lang}.ics")


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    """One published event as a downloadable calendar file."""
    event, lang = _named_and_language(store.event_by_slug(db.session(), slug),
                                      f"There is no published event named '{snippet(slug)}'.")
    body, changed = feed_cache.event_calendar(event, lang, now().date(), **_settings())
    return http.calendar_response(request, body, last_modified=changed, filename=f"{slug}.ics", download=True)


def _named_and_language(found: Named | None, missing: str) -> tuple[Named, str]:
    """What a calendar URL names and its ?lang=; else a plain-text 404 (`missing`) or 400."""
    if found is None:
        abort(http.plain_error(404, missing))
    lang = feed_language()
    if lang is None:
        choices = [f"?lang={code}" for code in languages.codes()]
        abort(http.plain_error(400, f"Unknown language; use {', '.join(choices[:-1])} or {choices[-1]}."))
    return found, lang


def _settings() -> dict:
    return {"base_url": current_app.config["BASE_URL"],
            "horizon_years": current_app.config["RECURRENCE_HORIZON_YEARS"]}


def feed_language() -> str | None:
    """?lang= or the configured default; never Accept-Language, so a URL means one set of bytes."""
    lang = request.args.get("lang", current_app.config["FEED_DEFAULT_LANG"])
    return lang if languages.is_language(lang) else None


@bp.get("/feeds/")
def subscribe_root():
    """Send a visitor to the subscribe page in their language."""
    return i18n.redirect_to_language("feeds.lang.subscribe")


@lang_bp.get("/feeds/")
def subscribe():
    """Every feed with its https, webcal, Google and Outlook links in the page's language."""
    lang = i18n.current_language()
    base = current_app.config["BASE_URL"]
    items = [
        {"slug": f.slug, "title": f.title(lang), "description": f.description(lang),
         "links": feeds.subscribe_links(f, base, lang)}
        for f in current_app.extensions["feeds"].values()
    ]
    return render_template("feeds.html", feeds=items)


bp.register_blueprint(lang_bp)
