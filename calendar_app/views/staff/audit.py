"""The audit log on the web (admins)."""

from flask import render_template

from ... import audit, db
from ...auth import admin_required
from .base import bp


@bp.get("/audit")
@admin_required
def audit_log():
    """Who changed what and when, newest first."""
    return render_template("staff/audit.html", entries=audit.recent(db.session()))
