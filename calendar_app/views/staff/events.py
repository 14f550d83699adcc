"""Events on the web: the dashboard, the event form (preview, publish, draft), cancel, restore, delete."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import audit, db, editing, forms, i18n, staff_pages, store
from ...auth import staff_required
from ...errors import ConflictError, EventError
from ...events import Event, Series, Venue
from ...forms import EventForm
from .. import now
from .base import bp, event_or_404, version


@bp.get("/")
@staff_required
def dashboard():
    """Every event, drafts included, with its status and links to edit it."""
    lang = i18n.current_language()
    lines = [staff_pages.event_line(e, lang) for e in store.all_events(db.session())]
    return render_template("staff/dashboard.html", events=lines, is_admin=current_user.is_admin)


@bp.route("/events/new", methods=["GET", "POST"])
@staff_required
def new_event():
    """Add an event: fill in, preview, then publish or save as a draft."""
    form = event_form()
    if request.method == "GET":
        form.version.data = ""
        return render_event_form(form, None)
    return _submit(form, None)


@bp.route("/events/<uid>/edit", methods=["GET", "POST"])
@staff_required
def edit_event(uid):
    """Edit an event; the form carries the version it was loaded at."""
    stored = event_or_404(uid)
    form = event_form(stored)
    if request.method == "GET":
        forms.fill_from_event(form, stored)
        return render_event_form(form, stored)
    return _submit(form, stored)


def _submit(form: EventForm, stored: Event | None):
    action = request.form.get("action", "preview")
    shape_ok = form.validate_on_submit()
    if form.csrf_token.errors:
        return render_event_form(form, stored, status=400)
    try:  # the meaning is checked even when a field's shape is wrong, so every error shows at once
        uid = stored.uid if stored else store.new_uid()
        event = forms.build_event(form, _venues(), _series(), uid, now())
        if not shape_ok:
            return render_event_form(form, stored, status=422)
        if action == "preview":
            return render_event_form(form, stored, preview=event)
        saved = _save(event, stored, form, publish=action != "draft")
    except EventError as exc:
        form.show(exc, i18n.current_language())
        return render_event_form(form, stored, status=422)
    except ConflictError as exc:
        return render_event_form(form, stored, status=409, conflict=exc.text(i18n.current_language()))
    flash(_("Saved “%(title)s”.", title=saved.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


def _save(event: Event, stored: Event | None, form: EventForm, *, publish: bool) -> Event:
    if stored is None:
        return editing.create(db.session(), event, publish=publish, user_id=current_user.id, now=now())
    return editing.update(db.session(), stored.uid, event, expected_version=version(form.version.data),
                          publish=publish, user_id=current_user.id, now=now())


@bp.route("/events/<uid>/cancel", methods=["GET", "POST"])
@staff_required
def cancel_event(uid):
    """Ask, then cancel: STATUS:CANCELLED in every feed, SEQUENCE up."""
    stored, form = event_or_404(uid), forms.ActionForm()
    if request.method == "GET":
        return _ask("staff/cancel.html", form, stored)
    conflict = _confirmed(form, editing.cancel, uid)
    if conflict:
        return _ask("staff/cancel.html", form, stored, conflict=conflict)
    flash(_("Cancelled “%(title)s”.", title=stored.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


@bp.route("/events/<uid>/restore", methods=["GET", "POST"])
@staff_required
def restore_event(uid):
    """Ask, then un-cancel as confirmed or tentative: every feed shows it again, SEQUENCE up."""
    stored, form = event_or_404(uid), forms.RestoreForm()
    if request.method == "GET":
        form.status.data = audit.status_before_cancel(db.session(), uid) or "confirmed"
        return _ask("staff/restore.html", form, stored)
    conflict = _confirmed(form, editing.restore, uid, status=form.status.data)
    if conflict:
        return _ask("staff/restore.html", form, stored, conflict=conflict)
    if stored.is_cancelled:  # restoring an event that is not cancelled changes nothing
        flash(_("Restored “%(title)s”.", title=stored.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


def _ask(template: str, form: forms.ActionForm | forms.RestoreForm, stored: Event, *,
         conflict: str | None = None):
    """The confirmation page (409 when the change met a newer version); it carries the version shown."""
    if request.method == "GET":
        form.version.data = str(stored.version)
    facts = staff_pages.event_facts(stored, i18n.current_language())
    page = render_template(template, form=form, event=facts, uid=stored.uid, conflict=conflict)
    return page, 409 if conflict else 200


def _confirmed(form: forms.ActionForm | forms.RestoreForm, change, uid: str, **choices) -> str | None:
    """Make the confirmed change (400 for a bad form); the refusal in words when another save came first."""
    if not form.validate_on_submit():
        abort(400)
    try:
        change(db.session(), uid, expected_version=version(form.version.data), user_id=current_user.id,
               now=now(), **choices)
    except ConflictError as exc:
        return exc.text(i18n.current_language())
    return None


@bp.post("/events/<uid>/delete")
@staff_required
def delete_event(uid):
    """Delete a never-published draft; published events can only be cancelled."""
    stored = event_or_404(uid)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    if stored.published:
        abort(409)
    editing.delete_draft(db.session(), uid, user_id=current_user.id, now=now())
    flash(_("Draft deleted."))
    return redirect(url_for("staff.dashboard"))


# -- the form page ------------------------------------------------------------------------------------
def event_form(stored: Event | None = None, **kwargs) -> EventForm:
    """The event form with its pickers filled; a cancelled event's status is shown, not chosen."""
    form = EventForm(**kwargs)
    form.set_choices(_venues(), _series(), i18n.current_language())
    if stored is not None and stored.is_cancelled:
        form.keep_cancelled()
    return form


def render_event_form(form: EventForm, stored: Event | None, *, preview: Event | None = None,
                      status: int = 200, conflict: str | None = None, occurrence_error: str | None = None):
    """The form page: its fields, and (staff_pages.EventFormPage) the stored event, a preview, occurrences."""
    page = staff_pages.event_form_page(stored, preview, i18n.current_language(),
                                       current_app.config["BASE_URL"], current_app.extensions["feeds"],
                                       now().date())
    return render_template(
        "staff/event_form.html", form=form, conflict=conflict, occurrence_error=occurrence_error,
        occurrence_form=forms.OccurrenceForm(formdata=None), country_zones=forms.COUNTRY_ZONES,
        venue_zones={v.slug: v.tzid for v in _venues()}, api_preview=url_for("api.api_recurrence_preview"),
        **vars(page),
    ), status


def _venues() -> list[Venue]:
    return store.venues(db.session())


def _series() -> list[Series]:
    return store.all_series(db.session())
