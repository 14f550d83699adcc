"""Who may write: Flask-Login sessions for staff, CSRF on every form, and role checks.

Rows never leave this module as the logged-in user: a small `Staff` value does, loaded fresh on
every request, so a deactivated account or a changed role takes effect at once.
"""

import functools
from dataclasses import dataclass

from flask import Flask, abort, g, jsonify, redirect, request, url_for
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from . import db, limits, staff
from .models import StaffUser

login_manager = LoginManager()
csrf = CSRFProtect()


@dataclass(frozen=True)
class Staff:
    """The logged-in person, as Flask-Login needs it."""

    id: int
    email: str
    role: str
    is_active: bool = True
    is_authenticated: bool = True
    is_anonymous: bool = False

    @property
    def is_admin(self) -> bool:
        """Admins also manage staff and read the audit log."""
        return self.role == "admin"

    def get_id(self) -> str:
        """Flask-Login keeps this in the session cookie."""
        return str(self.id)


def as_staff(user: StaffUser) -> Staff:
    """The session's view of an account row."""
    return Staff(id=user.id, email=user.email, role=user.role, is_active=user.active)


def init_app(app: Flask) -> None:
    """Login manager, CSRF protection, rate limits and the create-staff command."""
    # Cookies are Secure whenever the site is served over https (BASE_URL may come from test config).
    if app.config["BASE_URL"].startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    limits.init_app(app)
    staff.init_app(app)


@login_manager.user_loader
def _load_user(user_id: str) -> Staff | None:
    if not user_id.isdigit():
        return None
    user = db.session().get(StaffUser, int(user_id))
    return as_staff(user) if user is not None and user.active else None


@login_manager.unauthorized_handler
def _unauthorized():
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error="Log in first."), 401
    lang = g.get("lang") or "en"
    return redirect(url_for("staff.login", lang=lang, next=request.full_path.rstrip("?")))


def staff_required(view):
    """Any active staff account; others are sent to the login page."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    """Admins only; a logged-in editor gets 403."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def safe_next(target: str | None, default: str) -> str:
    """Follow ?next= only to a path on this site, never to another host."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
