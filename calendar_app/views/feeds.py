"""Feeds: /feeds/<slug>.ics and /events/<slug>.ics (plain HTTP, ?lang=), and the subscribe page."""

import datetime as dt

from flask import Blueprint, current_app, render_template, request

from .. import db, feeds, http, i18n, ics, languages, recurrence, store
from ..text import snippet

bp = Blueprint("feeds", __name__)
lang_bp = i18n.language_blueprint("lang", __name__)


@bp.record_once
def _caches(state):
    # One of each per app (so per gunicorn worker). Fragment keys change on every save; whole feeds are
    # keyed on the day and the database's change stamp, so neither can serve stale bytes.
    state.app.extensions.setdefault("ics_fragments", ics.FragmentCache())
    state.app.extensions.setdefault("ics_feeds", {})


@bp.get("/feeds/<slug>.ics")
def feed_ics(slug: str):
    """A subscribable feed; the same URL gives every client the same bytes."""
    feed = current_app.extensions["feeds"].get(slug)
    if feed is None:
        return http.plain_error(
            404, f"There is no feed named '{snippet(slug)}'. The feeds are listed at /feeds/.")
    lang = feed_language()
    if lang is None:
        return http.plain_error(400, "Unknown language; use ?lang=ar or ?lang=en.")
    body, changed = feed_body(feed, lang, dt.datetime.now(dt.UTC).date())
    return http.calendar_response(request, body, last_modified=changed, filename=f"{slug}.{lang}.ics")


def feed_body(feed: feeds.Feed, lang: str, today: dt.date) -> tuple[bytes, dt.datetime]:
    """The feed's bytes and Last-Modified, rebuilt only when the day or any event changed."""
    years = current_app.config["RECURRENCE_HORIZON_YEARS"]
    key = (feed.slug, lang, today, years, store.change_stamp(db.session()))
    memo = current_app.extensions["ics_feeds"]
    found = memo.get(key)
    if found is None:
        everything = store.all_events(db.session())
        base, cache = current_app.config["BASE_URL"], current_app.extensions["ics_fragments"]
        horizon = recurrence.feed_horizon(today, years)
        shown = feeds.window(feed, everything, today, lambda e: len(cache.fragment(e, lang, base, horizon)))
        body = ics.render_feed(feed, shown, lang, base, cache, horizon)
        if len(memo) > 4 * len(current_app.extensions["feeds"]):  # old days and old stamps
            memo.clear()
        changed = feeds.last_changed(feed, everything, today, horizon_years=years)
        found = memo[key] = (body, ics.last_modified(changed))
    return found


@bp.get("/events/<slug>.ics")
def event_ics(slug: str):
    """One published event as a downloadable calendar file."""
    event = store.event_by_slug(db.session(), slug)
    if event is None:
        return http.plain_error(404, f"There is no published event named '{snippet(slug)}'.")
    lang = feed_language()
    if lang is None:
        return http.plain_error(400, "Unknown language; use ?lang=ar or ?lang=en.")
    today, years = dt.datetime.now(dt.UTC).date(), current_app.config["RECURRENCE_HORIZON_YEARS"]
    horizon = recurrence.feed_horizon(today, years)
    body = ics.render_event(event, lang, current_app.config["BASE_URL"], horizon)
    changed = ics.last_modified(feeds.event_changed_at(event, today, years))
    return http.calendar_response(
        request, body, last_modified=changed, filename=f"{slug}.ics", download=True
    )


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
