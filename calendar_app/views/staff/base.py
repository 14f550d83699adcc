"""What the staff views share: the blueprint, the event a URL names, the version a form carries."""

import re

from flask import abort
from flask_wtf import FlaskForm

from ... import db, i18n, store
from ...events import Event

bp = i18n.language_blueprint("staff", __name__, "/staff")
VERSION_RE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True, int("²") fails


def event_or_404(uid: str) -> Event:
    """The event (drafts included) with this UID, or 404."""
    found = store.event_by_uid(db.session(), uid)
    if found is None:
        abort(404)
    return found


def version(value: str | None) -> int:
    """The version a form was opened at; anything but ASCII digits ("²" is a digit to str.isdigit but
    not to int) is no version, which the save refuses as a conflict."""
    return int(value) if VERSION_RE.fullmatch(value or "") else -1


def form_status(form: FlaskForm) -> int:
    """400 for a missing or stale CSRF token, 422 for a refused form, else 200."""
    return 400 if form.csrf_token.errors else 422 if form.errors else 200
