"""Staff area under /<lang>/staff/: login, the event form, cancel/delete, staff and audit pages.

Views parse the request, read the clock, call one function of staff / editing / audit, and commit
nothing themselves: those modules commit once, after success.
"""

import datetime as dt
import re

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from .. import accounts, audit, dates, db, editing, events, forms, i18n, pages, recurrence, store
from ..auth import admin_required, as_staff, safe_next, staff_required
from ..errors import ConflictError, EventError, StaffError
from ..forms import EventForm
from ..limits import (
    account_address_key,
    account_address_limit,
    account_key,
    account_limit,
    address_limit,
    limiter,
    login_failed,
)
from . import now
from .api import _rule_preview

bp = i18n.language_blueprint("staff", __name__, "/staff")
VERSION_RE = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True, int("²") fails


# -- login ------------------------------------------------------------------------------------------
FAILED_LOGINS = {"methods": ["POST"], "deduct_when": login_failed}


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(account_address_limit, key_func=account_address_key, **FAILED_LOGINS)
@limiter.limit(address_limit, **FAILED_LOGINS)
@limiter.limit(account_limit, key_func=account_key, **FAILED_LOGINS)
def login():
    """One generic error for a wrong email or password, so nobody learns which accounts exist."""
    form = forms.LoginForm()
    error = None
    if form.validate_on_submit():
        user = accounts.log_in(db.session(), form.email.data, form.password.data, now())
        if user is not None:
            session.clear()  # a fresh session on login: nothing from before carries over
            login_user(as_staff(user))
            return redirect(safe_next(form.next.data, url_for("staff.dashboard")))
        error = _("Wrong email or password.")
    elif request.method == "GET":
        form.next.data = request.args.get("next", "")
    return render_template("staff/login.html", form=form, error=error), 200


@bp.post("/logout")
@staff_required
def logout():
    """End every session of this account, saved cookies included (POST with CSRF, so a link elsewhere
    cannot log staff out)."""
    accounts.log_out(db.session(), current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("staff.login"))


@bp.route("/password", methods=["GET", "POST"])
@staff_required
def change_password():
    """Change one's own password (the current one first); every other session of the account ends."""
    form = forms.PasswordForm()
    if form.validate_on_submit():
        try:
            user = accounts.change_password(db.session(), current_user.id, form.current_password.data,
                                            form.new_password.data)
        except StaffError as exc:
            form.show(exc, i18n.current_language())
        else:
            login_user(as_staff(user))  # this session carries on with the new generation
            flash(_("Password changed. Every other session of this account has ended."))
            return redirect(url_for("staff.dashboard"))
    status = 400 if form.csrf_token.errors else 422 if form.errors else 200
    return render_template("staff/password.html", form=form, min_length=accounts.PASSWORD_MIN,
                           max_length=accounts.PASSWORD_MAX), status


# -- events -----------------------------------------------------------------------------------------
@bp.get("/")
@staff_required
def dashboard():
    """Every event, drafts included, with its status and links to edit it."""
    lang = i18n.current_language()
    rows = [_dashboard_line(e, lang) for e in store.all_events(db.session())]
    return render_template("staff/dashboard.html", events=rows, is_admin=current_user.is_admin)


def _dashboard_line(event: events.Event, lang: str) -> dict:
    status = _("Draft") if not event.published else _("Cancelled") if event.is_cancelled else _("Published")
    return {"summary": pages.event_summary(event, lang), "uid": event.uid, "status": status,
            "sequence": event.sequence, "draft": not event.published}


@bp.route("/events/new", methods=["GET", "POST"])
@staff_required
def new_event():
    """Add an event: fill in, preview, then publish or save as a draft."""
    form = _event_form()
    if request.method == "GET":
        form.version.data = ""
        return _render_form(form, None)
    return _submit(form, None)


@bp.route("/events/<uid>/edit", methods=["GET", "POST"])
@staff_required
def edit_event(uid):
    """Edit an event; the form carries the version it was loaded at."""
    row = _row_or_404(uid)
    form = _event_form(stored=store.to_event(row))
    if request.method == "GET":
        forms.fill_from_event(form, store.to_event(row))
        return _render_form(form, store.to_event(row))
    return _submit(form, row)


def _submit(form: EventForm, row):
    action = request.form.get("action", "preview")
    stored = store.to_event(row) if row is not None else None
    shape_ok = form.validate_on_submit()
    if form.csrf_token.errors:
        return _render_form(form, stored, status=400)
    try:  # the meaning is checked even when a field's shape is wrong, so every error shows at once
        uid = stored.uid if stored else store.new_uid()
        event = forms.build_event(form, _venues(), _series(), uid, now())
        if not shape_ok:
            return _render_form(form, stored, status=422)
        if action == "preview":
            return _render_form(form, stored, preview=event)
        saved = _save(event, row, form, publish=action != "draft")
    except EventError as exc:
        form.show(exc, i18n.current_language())
        return _render_form(form, stored, status=422)
    except ConflictError as exc:
        return _render_form(form, stored, status=409, conflict=exc.text(i18n.current_language()))
    flash(_("Saved “%(title)s”.", title=saved.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


def _save(event: events.Event, row, form: EventForm, *, publish: bool) -> events.Event:
    if row is None:
        return editing.create(db.session(), event, publish=publish, user_id=current_user.id, now=now())
    return editing.update(db.session(), row, event, expected_version=_version(form.version.data),
                          publish=publish, user_id=current_user.id, now=now())


@bp.route("/events/<uid>/cancel", methods=["GET", "POST"])
@staff_required
def cancel_event(uid):
    """Ask, then cancel: STATUS:CANCELLED in every feed, SEQUENCE up."""
    row = _row_or_404(uid)
    form = forms.ActionForm()
    event = store.to_event(row)
    if request.method == "GET":
        form.version.data = str(event.version)
        return render_template("staff/cancel.html", form=form, event=_confirm_values(event), uid=uid)
    if not form.validate_on_submit():
        abort(400)
    try:
        editing.cancel(db.session(), row, expected_version=_version(form.version.data),
                       user_id=current_user.id, now=now())
    except ConflictError as exc:
        return render_template("staff/cancel.html", form=form, event=_confirm_values(event), uid=uid,
                               conflict=exc.text(i18n.current_language())), 409
    flash(_("Cancelled “%(title)s”.", title=event.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


@bp.route("/events/<uid>/restore", methods=["GET", "POST"])
@staff_required
def restore_event(uid):
    """Ask, then un-cancel as confirmed or tentative: every feed shows it again, SEQUENCE up."""
    row = _row_or_404(uid)
    form = forms.RestoreForm()
    event = store.to_event(row)
    if request.method == "GET":
        form.version.data = str(event.version)
        form.status.data = audit.status_before_cancel(db.session(), uid) or "confirmed"
        return render_template("staff/restore.html", form=form, event=_confirm_values(event), uid=uid)
    if not form.validate_on_submit():
        abort(400)
    try:
        editing.restore(db.session(), row, status=form.status.data,
                        expected_version=_version(form.version.data), user_id=current_user.id, now=now())
    except ConflictError as exc:
        return render_template("staff/restore.html", form=form, event=_confirm_values(event), uid=uid,
                               conflict=exc.text(i18n.current_language())), 409
    if event.is_cancelled:  # restoring an event that is not cancelled changes nothing
        flash(_("Restored “%(title)s”.", title=event.title(i18n.current_language())))
    return redirect(url_for("staff.dashboard"))


# -- venues and series shared by several events ---------------------------------------------------
SHARED = {  # kind: (stored row by URL name, row -> domain value, form, the change)
    "venue": (store.venue_row, store.to_venue, forms.VenueForm, editing.change_venue),
    "series": (store.series_row, store.to_series, forms.SeriesForm, editing.change_series),
}


@bp.get("/venues/")
@staff_required
def venue_list():
    """Every venue with the number of events that use it."""
    return _shared_list("venue")


@bp.get("/series/")
@staff_required
def series_list():
    """Every series with the number of events that belong to it."""
    return _shared_list("series")


@bp.route("/venues/<slug>/edit", methods=["GET", "POST"])
@staff_required
def edit_venue(slug):
    """Change a venue shared by events: each one gets SEQUENCE +1 and a new LAST-MODIFIED, audited."""
    return _edit_shared("venue", slug)


@bp.route("/series/<slug>/edit", methods=["GET", "POST"])
@staff_required
def edit_series(slug):
    """Change a series shared by events, as for a venue."""
    return _edit_shared("series", slug)


def _shared_list(kind: str):
    items = [{"item": item, "count": count} for item, count in store.with_usage(db.session(), kind)]
    return render_template("staff/shared_list.html", kind=kind, items=items)


def _edit_shared(kind: str, slug: str):
    lookup, to_domain, form_class, change = SHARED[kind]
    row = lookup(db.session(), slug)
    if row is None:
        abort(404)
    stored = to_domain(row)
    form = form_class()
    if kind == "venue":
        form.tzid.choices = forms.zone_choices()
    if request.method == "GET":
        form.fill(stored)
        form.version.data = store.shared_version(stored)
        return _render_shared(kind, form, row, stored)
    if not form.validate_on_submit():
        abort(400)
    try:
        wanted = form.venue(slug) if kind == "venue" else form.series(slug)
        changed = change(db.session(), row, wanted, expected_version=form.version.data or "",
                         user_id=current_user.id, now=now())
    except EventError as exc:
        form.show(exc, i18n.current_language())
        return _render_shared(kind, form, row, stored, status=422)
    except ConflictError as exc:
        return _render_shared(kind, form, row, stored, status=409, conflict=exc.text(i18n.current_language()))
    flash(_("Saved. Events updated: %(count)s.", count=len(changed)))
    return redirect(url_for(f"staff.{kind}_list"))


def _render_shared(kind: str, form, row, stored, *, status: int = 200, conflict: str | None = None):
    lang = i18n.current_language()
    uses = [_dashboard_line(store.to_event(r), lang) for r in store.event_rows_using(db.session(), row)]
    return render_template("staff/shared_form.html", kind=kind, form=form, item=stored, uses=uses,
                           conflict=conflict), status


# -- one occurrence of a recurring event ------------------------------------------------------------
@bp.post("/events/<uid>/occurrences/cancel")
@staff_required
def cancel_occurrence(uid):
    """Cancel one occurrence; subscribers see it cancelled, the rest of the series stays."""
    return _occurrence_change(uid, editing.cancel_occurrence, _("Occurrence cancelled."))


@bp.post("/events/<uid>/occurrences/move")
@staff_required
def move_occurrence(uid):
    """Move one occurrence to a new first day (all-day) or new local times (timed)."""
    return _occurrence_change(uid, editing.move_occurrence, _("Occurrence moved."), moved=True)


@bp.post("/events/<uid>/occurrences/restore")
@staff_required
def restore_occurrence(uid):
    """Put a cancelled or moved occurrence back where the rule says."""
    return _occurrence_change(uid, editing.restore_occurrence, _("Occurrence restored."))


def _occurrence_change(uid: str, change, done: str, *, moved: bool = False):
    row = _row_or_404(uid)
    form = forms.OccurrenceForm()
    if not form.validate_on_submit():
        abort(400)
    original_on = _day_or_400(form.original_on.data)
    stored = store.to_event(row)
    try:
        extra = _moved_to(form, stored, original_on) if moved else {}
        change(db.session(), row, original_on, expected_version=_version(form.version.data),
               user_id=current_user.id, now=now(), **extra)
    except EventError as exc:
        return _render_edit(stored, 422, occurrence_error=exc.text(i18n.current_language()))
    except ConflictError as exc:
        return _render_edit(stored, 409, conflict=exc.text(i18n.current_language()))
    flash(done)
    return redirect(url_for("staff.edit_event", uid=uid, _anchor="occurrences"))


def _moved_to(form: forms.OccurrenceForm, event: events.Event, original_on: dt.date) -> dict:
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


def _render_edit(stored: events.Event, status: int, **extra):
    form = _event_form(stored, formdata=None)
    forms.fill_from_event(form, stored)
    return _render_form(form, stored, status=status, **extra)


@bp.post("/events/<uid>/delete")
@staff_required
def delete_event(uid):
    """Delete a never-published draft; published events can only be cancelled."""
    row = _row_or_404(uid)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    if row.published:
        abort(409)
    editing.delete_draft(db.session(), row, user_id=current_user.id, now=now())
    flash(_("Draft deleted."))
    return redirect(url_for("staff.dashboard"))


# -- admin ------------------------------------------------------------------------------------------
@bp.get("/audit")
@admin_required
def audit_log():
    """Who changed what and when, newest first."""
    return render_template("staff/audit.html", entries=audit.recent(db.session()))


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    """List accounts and add one."""
    form = forms.StaffUserForm()
    if form.validate_on_submit():
        try:
            accounts.create_staff(db.session(), form.email.data, form.password.data, form.role.data, now())
            flash(_("Account created."))
            return redirect(url_for("staff.users"))
        except StaffError as exc:
            form.show(exc, i18n.current_language())
    status = 200 if request.method == "GET" or not form.errors else 422
    if form.csrf_token.errors:
        status = 400
    return _render_users(form), status


@bp.post("/users/<int:user_id>/role")
@admin_required
def change_role(user_id):
    """Make an account editor or admin (the last active admin stays one)."""
    form = forms.RoleForm()
    if not form.validate_on_submit():
        abort(400)
    return _account_change(accounts.set_role, user_id, form.role.data)


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def deactivate_user(user_id):
    """Lock an account out (never the last active admin); its open sessions end at once."""
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    return _account_change(accounts.deactivate, user_id)


def _account_change(change, user_id: int, *args):
    if accounts.get_staff(db.session(), user_id) is None:
        abort(404)
    try:
        change(db.session(), user_id, *args)
    except StaffError as exc:
        refused = exc.text(i18n.current_language())
        return _render_users(forms.StaffUserForm(formdata=None), refused=refused), 409
    flash(_("Account updated."))
    return redirect(url_for("staff.users"))


def _render_users(form, refused: str | None = None):
    rows = [{"id": u.id, "email": u.email, "role": u.role, "active": u.active,
                 "role_form": forms.RoleForm(formdata=None, role=u.role), "is_me": u.id == current_user.id}
                for u in accounts.all_staff(db.session())]
    return render_template("staff/users.html", form=form, accounts=rows, action_form=forms.ActionForm(),
                           refused=refused)


# -- helpers ----------------------------------------------------------------------------------------
def _event_form(stored: events.Event | None = None, **kwargs) -> EventForm:
    form = EventForm(**kwargs)
    form.set_choices(_venues(), _series(), i18n.current_language())
    if stored is not None and stored.is_cancelled:
        form.keep_cancelled()
    return form


def _venues() -> list[events.Venue]:
    return store.venues(db.session())


def _series() -> list[events.Series]:
    return store.all_series(db.session())


def _row_or_404(uid: str):
    row = store.event_row_by_uid(db.session(), uid)
    if row is None:
        abort(404)
    return row


def _version(value: str | None) -> int:
    """The version a form was opened at; anything but ASCII digits ("²" is a digit to str.isdigit but
    not to int) is no version, which the save refuses as a conflict."""
    return int(value) if VERSION_RE.fullmatch(value or "") else -1


def _confirm_values(event: events.Event) -> dict:
    lang = i18n.current_language()
    return {"title": event.title(lang), "gregorian": event.gregorian_label(lang),
            "hijri": event.hijri_label(lang), "time": event.time_label(lang),
            "place": event.venue.location(lang) if event.venue else "", "draft": not event.published,
            "cancelled": event.is_cancelled, "sequence": event.sequence, "version": event.version}


def _render_form(form: EventForm, stored, *, preview=None, status=200, conflict=None, occurrence_error=None):
    lang = i18n.current_language()
    detail = None
    if preview is not None:
        detail = pages.event_detail(preview, lang, current_app.config["BASE_URL"],
                                    current_app.extensions["feeds"])
    context = {
        "rule_preview": _rule_preview(preview.recurrence, preview.first_day, lang)
        if preview is not None and preview.is_recurring else None,
        "rule_words": recurrence.describe(preview, lang) if preview is not None else "",
        "occurrences": _occurrence_rows(stored, lang) if stored else None,
        "occurrence_error": occurrence_error,
        "stored_words": recurrence.describe(stored, lang) if stored else "",
        "occurrence_form": forms.OccurrenceForm(formdata=None),
        "form": form, "editing": stored is not None, "uid": stored.uid if stored else None,
        "stored": _confirm_values(stored) if stored else None,
        "can_draft": stored is None or not stored.published,
        "preview": _confirm_values(preview) if preview is not None else None, "detail": detail,
        "conflict": conflict, "country_zones": forms.COUNTRY_ZONES,
        "venue_zones": {v.slug: v.tzid for v in _venues()},
        "api_preview": url_for("staff_api.api_recurrence_preview"),
    }
    return render_template("staff/event_form.html", **context), status


def _occurrence_rows(event: events.Event, lang: str) -> list[dict] | None:
    """The next occurrences of a stored recurring event, with what staff may do to each."""
    if not event.is_recurring:
        return None
    overrides = {o.original_on: o for o in event.overrides}
    rows = []
    for occ in recurrence.upcoming(event, now().date(), 10):
        rid = occ.recurrence_id  # the original start: a day, or a local time for timed events
        original = rid.date() if isinstance(rid, dt.datetime) else rid
        override = overrides.get(original)
        state = "cancelled" if occ.cancelled else "moved" if override else ""
        rows.append({
            "original_on": original.isoformat(), "gregorian": occ.gregorian_label(lang),
            "hijri": occ.hijri_label(lang), "state": state,
            "time": _clock_range(occ, lang), "restorable": override is not None,
            "original": dates.format_day(original, lang) if override and state == "moved" else "",
        })
    return rows


def _clock_range(occ: recurrence.Occurrence, lang: str) -> str:
    if occ.starts_local is None:
        return ""
    return f"{dates.format_clock(occ.starts_local, lang)}–{dates.format_clock(occ.ends_local, lang)}"
