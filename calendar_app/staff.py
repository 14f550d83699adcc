"""Staff accounts: argon2 password hashes, roles editor/admin, and the create-staff command.

Passwords never travel as command-line arguments (they would land in shell history and `ps`).
"""

import datetime as dt
import re
import sys

import click
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import db
from .models import StaffUser

ROLES = ("editor", "admin")
PASSWORD_MIN = 12
PASSWORD_MAX = 1024
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()
# Verified when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-just-for-timing")


class StaffError(ValueError):
    """A refused account change, with the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively; store them lower-cased and trimmed."""
    return (email or "").strip().lower()


def check_password(password: str) -> str:
    """Refuse passwords too short to resist guessing (and absurdly long ones)."""
    if len(password or "") < PASSWORD_MIN:
        raise StaffError(f"The password needs at least {PASSWORD_MIN} characters.", "password")
    if len(password) > PASSWORD_MAX:
        raise StaffError(f"The password may have at most {PASSWORD_MAX} characters.", "password")
    return password


def create_staff(session: Session, email: str, password: str, role: str, now: dt.datetime) -> StaffUser:
    """Add an account with a hashed password; the caller commits."""
    email = normalise_email(email)
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise StaffError("Enter a valid email address.", "email")
    if role not in ROLES:
        raise StaffError("The role must be editor or admin.", "role")
    if find_staff(session, email) is not None:
        raise StaffError("An account with this email already exists.", "email")
    user = StaffUser(email=email, password_hash=_hasher.hash(check_password(password)),
                     role=role, active=True, created_at=now)
    session.add(user)
    return user


def find_staff(session: Session, email: str) -> StaffUser | None:
    """The account with this email (any case), or None."""
    return session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email)))


def authenticate(session: Session, email: str, password: str, now: dt.datetime) -> StaffUser | None:
    """The active account these credentials open, or None; same work whether or not the email exists."""
    user = find_staff(session, email)
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = now
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def all_staff(session: Session) -> list[StaffUser]:
    """Every account, for the admin page."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email)))


def set_role(session: Session, user_id: int, role: str) -> StaffUser:
    """Change an account's role; the caller commits."""
    if role not in ROLES:
        raise StaffError("The role must be editor or admin.", "role")
    user = _get(session, user_id)
    user.role = role
    return user


def deactivate(session: Session, user_id: int) -> StaffUser:
    """Lock an account out; its sessions end on their next request."""
    user = _get(session, user_id)
    user.active = False
    return user


def _get(session: Session, user_id: int) -> StaffUser:
    user = session.get(StaffUser, user_id)
    if user is None:
        raise StaffError("No such account.")
    return user


# -- command line ---------------------------------------------------------------------------------
@click.command("create-staff")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="editor", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_staff_command(email: str, role: str, password_stdin: bool) -> None:
    """Create a staff account; the password comes from a hidden prompt or from stdin."""
    password = _read_password(password_stdin)
    session = db.session()
    try:
        create_staff(session, email, password, role, dt.datetime.now(dt.UTC))
        session.commit()
    except (StaffError, IntegrityError) as exc:
        session.rollback()
        message = getattr(exc, "message", "An account with this email already exists.")
        raise click.ClickException(message) from exc
    click.echo(f"Created {role} {normalise_email(email)}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def init_app(app: Flask) -> None:
    """Register the create-staff command."""
    app.cli.add_command(create_staff_command)
