"""One occurrence of a series on the web: cancel, move or restore it (from the event's form page)."""

import datetime as dt

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import db, editing, events, forms, i18n
from ...auth import staff_required
from ...errors import ConflictError, EventError
from ...events import Event
from .. import now
from .base import bp, event_or_404, version
from .events import event_form, render_event_form


@bp.post("/events/<uid>/occurrences/cancel")
@staff_required
def cancel_occurrence(uid):
    """Cancel one occurrence; subscribers see it cancelled, the rest of the series stays."""
    return _occurrence_change(uid, editing.cancel_occurrence, _("Occurrence cancelled."))


@bp.post("/events/<uid>/occurrences/move")
@staff_required
def move_occurrence(uid):
    """Move one occurrence to a new first day (all-day) or new local times (timed)."""
    return _occurrence_change(uid, editing.move_occurrence, _("Occurrence moved."), read=_moved_to)


@bp.post("/events/<uid>/occurrences/restore")
@staff_required
def restore_occurrence(uid):
    """Put a cancelled or moved occurrence back where the rule says."""
    return _occurrence_change(uid, editing.restore_occurrence, _("Occurrence restored."))


def _nothing_more(_form: forms.OccurrenceForm, _event: Event) -> dict:
    return {}


def _occurrence_change(uid: str, change, done: str, *, read=_nothing_more):
    """Apply `change` to the occurrence the form names, with what `read` takes from the form."""
    stored = event_or_404(uid)
    form = forms.OccurrenceForm()
    if not form.validate_on_submit():
        abort(400)
    original_on = _day_or_400(form.original_on.data)
    try:
        change(db.session(), uid, original_on, expected_version=version(form.version.data),
               user_id=current_user.id, now=now(), **read(form, stored))
    except EventError as exc:
        return _render_edit(stored, 422, occurrence_error=exc.text(i18n.current_language()))
    except ConflictError as exc:
        return _render_edit(stored, 409, conflict=exc.text(i18n.current_language()))
    flash(done)
    return redirect(url_for("staff.edit_event", uid=uid, _anchor="occurrences"))


def _moved_to(form: forms.OccurrenceForm, event: Event) -> dict:
    """move_occurrence() keywords: a first day, or local start and end keeping the day span."""
    if form.new_on.data is None:
        raise EventError("new_on", editing.GIVE_NEW_DAY)
    if event.all_day:
        return {"starts_on": form.new_on.data}
    if form.new_start.data is None or form.new_end.data is None:
        raise EventError("new_start", events.GIVE_TIMES)
    span = event.last_day - event.first_day
    return {"starts_local": dt.datetime.combine(form.new_on.data, form.new_start.data),
            "ends_local": dt.datetime.combine(form.new_on.data + span, form.new_end.data)}


def _day_or_400(text: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        abort(400)


def _render_edit(stored: Event, status: int, **extra):
    form = event_form(stored, formdata=None)
    forms.fill_from_event(form, stored)
    return render_event_form(form, stored, status=status, **extra)
