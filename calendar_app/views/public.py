"""Public pages under /ar/ and /en/; bare paths redirect by Accept-Language."""

import dataclasses
import datetime as dt
import re

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import dates, db, facets, hijri, i18n, pages, recurrence, store

bp = Blueprint("public", __name__)
lang_bp = i18n.language_blueprint("pages", __name__)


def _today() -> dt.date:
    # The only clock read for pages; tests freeze it with time-machine.
    return dt.datetime.now(dt.UTC).date()


def _list_context(lang: str) -> tuple[list, facets.ListFilter, dict]:
    events = store.published_events(db.session())
    flt = facets.ListFilter.from_args(request.args)
    form = {"filter": flt, "filters": facets.filter_form(events, lang, flt)}
    return events, flt, form


def _page_number() -> int:
    """?page=N, 1 when absent; anything but a whole number from 1 names no page (404)."""
    text = request.args.get("page", "1")
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        abort(404)
    return int(text)


def _paged(items: list, lang: str, keep: dict[str, str]) -> tuple[list, pages.Pager]:
    """This request's page of `items` and its pager; links keep `keep` (the filters). A page past
    the last one does not exist (404): its URL would show nothing, and a stale link says so."""
    number, count = _page_number(), pages.page_count(len(items))
    if number > count:
        abort(404)

    def link(target: int) -> str:
        page = {"page": target} if target > 1 else {}
        return url_for(request.endpoint, lang=lang, **(request.view_args or {}), **keep, **page)

    pager = dataclasses.replace(
        pages.pager(number, count, lang),
        prev_url=link(number - 1) if number > 1 else "", next_url=link(number + 1) if number < count else "",
    )
    return pages.page_items(items, number), pager


@bp.get("/")
def root():
    """Send a first visit to its language's home page."""
    return i18n.redirect_to_language("public.pages.home")


@lang_bp.get("/")
def home():
    """Upcoming events, a page at a time; when there are none, say so and show the most recent past ones."""
    lang = i18n.current_language()
    events, flt, form = _list_context(lang)
    today = _today()
    horizon = recurrence.horizon_end(today, current_app.config["RECURRENCE_HORIZON_YEARS"])
    found = pages.upcoming(events, flt, today, horizon)
    shown, pager = _paged(found, lang, flt.args())
    recent = [] if found else pages.past(events, flt, today)[:pages.RECENT_PAST]
    recent = pages.summaries(recent, lang, since=True)
    return render_template("home.html", events=pages.summaries(shown, lang), recent=recent, pager=pager,
                           active="home", **form)


@lang_bp.get("/archive/")
def archive():
    """Past events, most recent first, a page at a time; a series once, at its latest past date."""
    lang = i18n.current_language()
    events, flt, form = _list_context(lang)
    shown, pager = _paged(pages.past(events, flt, _today()), lang, flt.args())
    return render_template("archive.html", events=pages.summaries(shown, lang, since=True), pager=pager,
                           active="archive", **form)


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


@lang_bp.get("/month/<int:year>/<int:month>/<int:day>/")
def day(year: int, month: int, day: int):
    """Everything on one day, a page at a time (a busy month cell links here for the rest)."""
    try:
        when = dt.date(year, month, day)
    except ValueError:
        abort(404)
    if not hijri.in_range(when):
        abort(404)
    lang = i18n.current_language()
    found = pages.on_days(store.published_events(db.session()), when, when)
    shown, pager = _paged(pages.distinct_lines(found, lang), lang, {})
    return render_template("day.html", events=pages.summaries(shown, lang), pager=pager,
                           title=pages.day_title(when, lang), year=year, month=month,
                           month_label=dates.format_month(when, lang), active="month")


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
