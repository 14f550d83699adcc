"""Public pages under /ar/ and /en/; bare paths redirect by Accept-Language."""

import datetime as dt

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import db, i18n, pages, recurrence, store

bp = Blueprint("public", __name__)
lang_bp = i18n.language_blueprint("pages", __name__)


def _today() -> dt.date:
    # The only clock read for pages; tests freeze it with time-machine.
    return dt.datetime.now(dt.UTC).date()


def _list_context(lang: str) -> tuple[list, pages.ListFilter, dict]:
    events = store.published_events(db.session())
    flt = pages.ListFilter.from_args(request.args)
    form = {"filter": flt, "options": pages.filter_options(events, lang)}
    return events, flt, form


@bp.get("/")
def root():
    """Send a first visit to its language's home page."""
    return i18n.redirect_to_language("public.pages.home")


@lang_bp.get("/")
def home():
    """Upcoming events; when there are none, say so and show the most recent past ones."""
    lang = i18n.current_language()
    events, flt, form = _list_context(lang)
    today = _today()
    horizon = recurrence.horizon_end(today, current_app.config["RECURRENCE_HORIZON_YEARS"])
    items = pages.upcoming(events, flt, today, horizon, lang)
    recent = [] if items else pages.past(events, flt, today, lang, limit=pages.RECENT_PAST)
    return render_template("home.html", events=items, recent=recent, active="home", **form)


@lang_bp.get("/archive/")
def archive():
    """Past events, most recent first."""
    lang = i18n.current_language()
    events, flt, form = _list_context(lang)
    items = pages.past(events, flt, _today(), lang)
    return render_template("archive.html", events=items, active="archive", **form)


@lang_bp.get("/month/")
def month_current():
    """This month's grid (the URL then names the month, so it can be shared)."""
    today = _today()
    return redirect(url_for(".month", year=today.year, month=today.month), code=302)


@lang_bp.get("/month/<int:year>/<int:month>/")
def month(year: int, month: int):
    """A Gregorian month with the Hijri day beside each day and the events on their days."""
    if not pages.month_in_range(year, month):
        abort(404)
    lang = i18n.current_language()
    view = pages.month_view(year, month, store.published_events(db.session()), lang, _today())
    return render_template("month.html", view=view, active="month")


@lang_bp.get("/events/<slug>/")
def event(slug: str):
    """One event's page; drafts do not exist for the public."""
    found = store.event_by_slug(db.session(), slug)
    if found is None:
        abort(404)
    lang = i18n.current_language()
    detail = pages.event_detail(
        found, lang, current_app.config["BASE_URL"], current_app.extensions["feeds"], today=_today()
    )
    return render_template("event.html", detail=detail, active="home")


bp.register_blueprint(lang_bp)
