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
from .errors import StaffError
from .languages import N_
from .models import StaffUser
from .text import clean_text

ROLES = ("editor", "admin")
PASSWORD_MIN = 12
PASSWORD_MAX = 1024
EMAIL_MAX = 254  # RFC 5321's limit on a whole address
LAST_ADMIN = N_("The last active administrator cannot be demoted or deactivated; "
                "make another account an administrator first.")
EMAIL_TAKEN = N_("An account with this email already exists.")
NO_ACCOUNT = N_("No such account.")
BAD_ROLE = N_("The role must be editor or admin.")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()
# Verified when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-just-for-timing")


def normalise_email(email: str | None) -> str:
    """Emails compare case-insensitively; store them lower-cased and trimmed, without control characters."""
    return clean_text(email).lower()


def check_password(password: str) -> str:
    """Refuse passwords too short to resist guessing (and absurdly long ones)."""
    if len(password or "") < PASSWORD_MIN:
        raise StaffError("password", N_("The password needs at least %(count)s characters."),
                         count=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise StaffError("password", N_("The password may have at most %(count)s characters."),
                         count=PASSWORD_MAX)
    return password


def create_staff(session: Session, email: str, password: str, role: str, now: dt.datetime) -> StaffUser:
    """Add an account with a hashed password; the caller commits."""
    email = normalise_email(email)
    if not EMAIL_RE.match(email) or len(email) > EMAIL_MAX:
        raise StaffError("email", N_("Enter a valid email address."))
    if role not in ROLES:
        raise StaffError("role", BAD_ROLE)
    if find_staff(session, email) is not None:
        raise StaffError("email", EMAIL_TAKEN)
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


def get_staff(session: Session, user_id: int) -> StaffUser | None:
    """The account with this id, or None."""
    return session.get(StaffUser, user_id)


def all_staff(session: Session) -> list[StaffUser]:
    """Every account, for the admin page."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email)))


def set_role(session: Session, user_id: int, role: str) -> StaffUser:
    """Change an account's role (never the last active admin's to editor); the caller commits."""
    if role not in ROLES:
        raise StaffError("role", BAD_ROLE)
    user = _get(session, user_id)
    if role != "admin":
        _keep_an_admin(session, user)
    user.role = role
    return user


def deactivate(session: Session, user_id: int) -> StaffUser:
    """Lock an account out (never the last active admin); its sessions end at once."""
    user = _get(session, user_id)
    _keep_an_admin(session, user)
    user.active = False
    end_sessions(user)
    return user


def end_sessions(user: StaffUser) -> None:
    """Every session cookie issued to this account so far stops working (the caller commits)."""
    user.session_generation = (user.session_generation or 0) + 1


def change_password(session: Session, user_id: int, current: str, new: str) -> StaffUser:
    """Replace a password after checking the current one; every session of the account ends."""
    user = _get(session, user_id)
    if not _verify(user.password_hash, current):
        raise StaffError("current_password", N_("The current password is not right."))
    set_password(user, new)
    return user


def set_password(user: StaffUser, password: str) -> None:
    """Hash and store a new password and end the account's sessions (the caller commits)."""
    user.password_hash = _hasher.hash(check_password(password))
    end_sessions(user)


def _keep_an_admin(session: Session, user: StaffUser) -> None:
    """Refuse to take away the last active admin: nobody could manage accounts any more."""
    if user.role != "admin" or not user.active:
        return
    admins = session.scalar(select(func.count()).select_from(StaffUser)
                            .where(StaffUser.role == "admin", StaffUser.active.is_(True)))
    if admins <= 1:
        raise StaffError(None, LAST_ADMIN)


def _get(session: Session, user_id: int) -> StaffUser:
    user = session.get(StaffUser, user_id)
    if user is None:
        raise StaffError(None, NO_ACCOUNT)
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
    except IntegrityError as exc:  # the same email added at the same moment
        session.rollback()
        raise click.ClickException(str(StaffError("email", EMAIL_TAKEN))) from exc
    except StaffError as exc:
        session.rollback()
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {role} {normalise_email(email)}.")


@click.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def set_password_command(email: str, password_stdin: bool) -> None:
    """Give an account a new password (hidden prompt or stdin); its open sessions end."""
    session = db.session()
    user = find_staff(session, email)
    if user is None:
        raise click.ClickException(str(StaffError("email", NO_ACCOUNT)))
    try:
        set_password(user, _read_password(password_stdin))
    except StaffError as exc:
        raise click.ClickException(str(exc)) from exc
    session.commit()
    click.echo(f"New password set for {user.email}; its sessions have ended.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def init_app(app: Flask) -> None:
    """Register the create-staff and set-password commands."""
    app.cli.add_command(create_staff_command)
    app.cli.add_command(set_password_command)
