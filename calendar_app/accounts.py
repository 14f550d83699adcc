"""Staff accounts: argon2 password hashes, roles editor/admin, and every change to an account.

Each function that changes an account commits once, after its checks pass, and undoes everything when
they fail: views and commands call one function and commit nothing themselves. Passwords never travel
as command-line arguments (they would land in shell history and `ps`; see cli.py).
"""

import contextlib
import datetime as dt
import re
from collections.abc import Iterator

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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


# -- reading --------------------------------------------------------------------------------------
def find_staff(session: Session, email: str) -> StaffUser | None:
    """The account with this email (any case), or None."""
    return session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email)))


def get_staff(session: Session, user_id: int) -> StaffUser | None:
    """The account with this id, or None."""
    return session.get(StaffUser, user_id)


def all_staff(session: Session) -> list[StaffUser]:
    """Every account, for the admin page."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.email)))


# -- changes, each committed once -----------------------------------------------------------------
def create_staff(session: Session, email: str, password: str, role: str, now: dt.datetime) -> StaffUser:
    """Add an account with a hashed password."""
    email = normalise_email(email)
    with _committed(session):
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


def log_in(session: Session, email: str, password: str, now: dt.datetime) -> StaffUser | None:
    """The active account these credentials open (its login time recorded), or None; the same work
    whether or not the email exists."""
    user = find_staff(session, email)
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password):
        return None
    with _committed(session):
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.last_login_at = now
    return user


def log_out(session: Session, user_id: int) -> None:
    """End every session of the account, saved cookies included."""
    user = get_staff(session, user_id)
    if user is None:
        return
    with _committed(session):
        _end_sessions(user)


def change_password(session: Session, user_id: int, current: str, new: str) -> StaffUser:
    """Replace a password after checking the current one; every session of the account ends."""
    with _committed(session):
        user = _get(session, user_id)
        if not _verify(user.password_hash, current):
            raise StaffError("current_password", N_("The current password is not right."))
        _set_password(user, new)
    return user


def reset_password(session: Session, email: str, password: str) -> StaffUser:
    """Give the account with this email a new password (the set-password command); its sessions end."""
    with _committed(session):
        user = find_staff(session, email)
        if user is None:
            raise StaffError("email", NO_ACCOUNT)
        _set_password(user, password)
    return user


def set_role(session: Session, user_id: int, role: str) -> StaffUser:
    """Change an account's role (never the last active admin's to editor)."""
    with _committed(session):
        if role not in ROLES:
            raise StaffError("role", BAD_ROLE)
        user = _get(session, user_id)
        if role != "admin":
            _keep_an_admin(session, user)
        user.role = role
    return user


def deactivate(session: Session, user_id: int) -> StaffUser:
    """Lock an account out (never the last active admin); its sessions end at once."""
    with _committed(session):
        user = _get(session, user_id)
        _keep_an_admin(session, user)
        user.active = False
        _end_sessions(user)
    return user


@contextlib.contextmanager
def _committed(session: Session) -> Iterator[None]:
    """Commit what the block changed; undo all of it when the block (or the database) refuses."""
    try:
        yield
        session.commit()
    except IntegrityError as exc:  # the only unique column: the same email added at the same moment
        session.rollback()
        raise StaffError("email", EMAIL_TAKEN) from exc
    except BaseException:
        session.rollback()
        raise


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _set_password(user: StaffUser, password: str) -> None:
    user.password_hash = _hasher.hash(check_password(password))
    _end_sessions(user)


def _end_sessions(user: StaffUser) -> None:
    """Every session cookie issued to this account so far stops working."""
    user.session_generation = (user.session_generation or 0) + 1


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
