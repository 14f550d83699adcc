"""Venues and series shared by several events, on the web: their lists and their edit pages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import db, editing, forms, i18n, staff_pages, store
from ...auth import staff_required
from ...errors import ConflictError, EventError
from ...events import Series, Venue
from .. import now
from .base import bp

FORMS = {"venue": forms.VenueForm, "series": forms.SeriesForm}


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
    lines = staff_pages.shared_lines(store.with_usage(db.session(), kind), i18n.current_language())
    return render_template("staff/shared_list.html", kind=kind, items=lines)


def _edit_shared(kind: str, slug: str):
    stored = store.shared_by_slug(db.session(), kind, slug)
    if stored is None:
        abort(404)
    form = FORMS[kind]()
    if request.method == "GET":
        form.fill(stored)
        form.version.data = store.shared_version(stored)
        return _render_shared(kind, form, stored)
    if not form.validate_on_submit():
        abort(400)
    try:
        changed = editing.change_shared(db.session(), kind, slug, form.value(slug),
                                        expected_version=form.version.data or "", user_id=current_user.id,
                                        now=now())
    except EventError as exc:
        form.show(exc, i18n.current_language())
        return _render_shared(kind, form, stored, status=422)
    except ConflictError as exc:
        return _render_shared(kind, form, stored, status=409, conflict=exc.text(i18n.current_language()))
    flash(_("Saved. Events updated: %(count)s.", count=len(changed)))
    return redirect(url_for(f"staff.{kind}_list"))


def _render_shared(kind: str, form: forms.VenueForm | forms.SeriesForm, stored: Venue | Series, *,
                   status: int = 200, conflict: str | None = None):
    lang = i18n.current_language()
    uses = [staff_pages.event_line(e, lang) for e in store.events_using(db.session(), kind, stored.slug)]
    item = staff_pages.shared_line(stored, len(uses), lang)
    return render_template("staff/shared_form.html", kind=kind, form=form, item=item, uses=uses,
                           conflict=conflict), status
