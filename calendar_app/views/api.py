"""The public conversion endpoints under /api/: Gregorian <-> Hijri and the repeat preview, as JSON.

They answer anyone (the staff form calls them as staff type), so they share one rate limit per client
address (API_RATE_LIMIT).
"""

import datetime as dt

from flask import Blueprint, g, jsonify, request

from .. import dates, events, forms, hijri, i18n, recurrence, staff_pages
from ..errors import EventError
from ..languages import N_
from ..limits import api_limit, limiter
from . import now

bp = Blueprint("api", __name__, url_prefix="/api")
# Public and computing: one shared budget per client address for every /api/ endpoint.
limiter.shared_limit(api_limit, scope="api")(bp)


# -- date conversion for the form's live display ----------------------------------------------------
@bp.get("/hijri")
def api_hijri():
    """Gregorian -> Hijri for the form's live display; errors come back as JSON with the message."""
    lang = _api_lang()
    try:
        day = dt.date.fromisoformat(request.args.get("date", ""))
        h = hijri.to_hijri(day)
    except ValueError as exc:
        return _api_error(exc, lang)
    return jsonify(year=h.year, month=h.month, day=h.day, label=hijri.format_date(h, lang))


@bp.get("/gregorian")
def api_gregorian():
    """Hijri -> Gregorian for the form's live display."""
    lang = _api_lang()
    try:
        day = hijri.from_hijri(*(int(request.args.get(k, "")) for k in ("y", "m", "d")))
    except ValueError as exc:
        return _api_error(exc, lang)
    return jsonify(date=day.isoformat(), label=dates.format_day(day, lang))


@bp.get("/recurrence-preview")
def api_recurrence_preview():
    """The next 10 occurrences of the rule being entered, in both calendars, for the form's live preview."""
    lang = _api_lang()
    form = forms.RecurrencePreviewForm(formdata=request.args, meta={"csrf": False})
    if not form.validate():
        message = next(iter(m for messages in form.errors.values() for m in messages))
        return jsonify(error=str(message)), 400
    try:
        first = forms.first_day(form)
        rule = forms.recurrence_rule(form, first)
        items = staff_pages.rule_preview(rule, first, lang, now().date()) if rule else []
    except EventError as exc:
        return _api_error(exc, lang)
    start = hijri.to_hijri(first)
    return jsonify(items=items, words=_rule_words(rule, first, lang) if rule else "",
                   first_hijri={"month": start.month, "day": start.day})


def _rule_words(rule: dict, first: dt.date, lang: str) -> str:
    """The rule in words, through the same function the public pages use."""
    sketch = events.make_event(uid="preview", slug="preview", title_en="-", tzid="UTC", starts_on=first,
                               ends_on=first, created_at=now(), updated_at=now(), recurrence=rule)
    return recurrence.describe(sketch, lang)


def _api_lang() -> str:
    g.lang = i18n.query_language()
    return g.lang


def _api_error(exc: ValueError, lang: str):
    """400 with the refusal in `lang`; a value that is not even a date or a number gets one message."""
    error = exc if isinstance(exc, EventError) else EventError("date", N_("Enter a date."))
    return jsonify(error=error.text(lang)), 400
