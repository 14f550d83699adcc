"""Who may write: Flask-Login sessions for staff, CSRF on every form, and role checks.

Rows never leave this module as the logged-in user: a small `Staff` value does, loaded fresh on
every request, so a deactivated account or a changed role takes effect at once. The session cookie
holds the account id and its session generation; logout, a password change and deactivation raise the
generation, so every cookie issued before is refused from then on, wherever it was saved.
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from flask import Flask, abort, g, jsonify, redirect, request, url_for
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect

from . import db, languages
from .models import StaffUser

login_manager = LoginManager()
csrf = CSRFProtect()
SESSION_ID_RE = re.compile(r"(?P<id>[0-9]{1,18}):(?P<generation>[0-9]{1,18})")
NEXT_MAX = 2000
# Control characters (C0, DEL, C1), backslashes, spaces at the ends: a browser would not read them as typed.
UNSAFE_IN_NEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\\]|^\s|\s$")
# Characters kept as they are when the path goes into Location; everything else is percent-encoded.
NEXT_SAFE = "/?&=%#:@!$'()*+,;~-._"


@dataclass(frozen=True)
class Staff:
    """The logged-in person, as Flask-Login needs it."""

    id: int
    email: str
    role: str
    generation: int = 0
    is_active: bool = True
    is_authenticated: bool = True
    is_anonymous: bool = False

    @property
    def is_admin(self) -> bool:
        """Admins also manage staff and read the audit log."""
        return self.role == "admin"

    def get_id(self) -> str:
        """Flask-Login keeps this in the session cookie: the account and its session generation."""
        return f"{self.id}:{self.generation}"


def as_staff(user: StaffUser) -> Staff:
    """The session's view of an account row."""
    return Staff(id=user.id, email=user.email, role=user.role, generation=user.session_generation or 0,
                 is_active=user.active)


def init_app(app: Flask) -> None:
    """Login manager (SESSION_PROTECTION in config.py) and CSRF protection on every form."""
    login_manager.init_app(app)
    csrf.init_app(app)


@login_manager.user_loader
def _load_user(session_id: str) -> Staff | None:
    match = SESSION_ID_RE.fullmatch(session_id)
    if match is None:
        return None
    user = db.session().get(StaffUser, int(match["id"]))
    if user is None or not user.active or user.session_generation != int(match["generation"]):
        return None
    return as_staff(user)


@login_manager.unauthorized_handler
def _unauthorized():
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error="Log in first."), 401
    lang = g.get("lang") or languages.DEFAULT
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
    """Follow ?next= only to a path on this site, never to another host; anything else gives `default`.

    Browsers drop tabs and line breaks inside a URL, trim spaces and control characters at its ends and
    read a backslash as a slash (WHATWG URL), so "/\t/evil.example" and "/\\evil.example" lead to
    //evil.example. A value they would read differently from the text checked here is refused rather
    than guessed at; what is left must be a path ("/..." but not "//..."), and is sent percent-encoded.
    """
    if not target or len(target) > NEXT_MAX or UNSAFE_IN_NEXT.search(target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return quote(target, safe=NEXT_SAFE)
