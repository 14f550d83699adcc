"""Accounts on the web: log in and out, one's own password, and (admins) the accounts page."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ... import accounts, db, forms, i18n, staff_pages
from ...auth import admin_required, as_staff, safe_next, staff_required
from ...errors import StaffError
from ...limits import (
    account_address_key,
    account_address_limit,
    account_key,
    account_limit,
    address_limit,
    limiter,
    login_failed,
)
from .. import now
from .base import bp, form_status

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
    return render_template("staff/password.html", form=form, min_length=accounts.PASSWORD_MIN,
                           max_length=accounts.PASSWORD_MAX), form_status(form)


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    """List accounts and add one."""
    form = forms.StaffUserForm()
    if form.validate_on_submit():
        try:
            accounts.create_staff(db.session(), form.email.data, form.password.data, form.role.data, now())
        except StaffError as exc:
            form.show(exc, i18n.current_language())
        else:
            flash(_("Account created."))
            return redirect(url_for("staff.users"))
    return _render_users(form), form_status(form)


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


def _render_users(form: forms.StaffUserForm, refused: str | None = None):
    lines = staff_pages.account_lines(accounts.all_staff(db.session()), current_user.id)
    role_forms = {line.id: forms.RoleForm(formdata=None, role=line.role) for line in lines}
    return render_template("staff/users.html", form=form, accounts=lines, role_forms=role_forms,
                           action_form=forms.ActionForm(), refused=refused)
