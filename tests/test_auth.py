"""Accounts and login: argon2 hashes, the CLI, cookies, generic errors, rate limits."""

import html

import pytest
from sqlalchemy import select

from calendar_app import accounts, db
from calendar_app.models import StaffUser
from tests.staff_support import PASSWORD, add_staff, log_in, token


@pytest.fixture
def app_config(app_config):
    """Low limits so the tests reach them quickly."""
    return {**app_config, "LOGIN_LIMIT_ACCOUNT": "3 per minute", "LOGIN_LIMIT_ADDRESS": "5 per minute"}


def _user(app, email):
    with app.app_context():
        return db.session().scalar(select(StaffUser).where(StaffUser.email == email))


def test_create_staff_cli_reads_password_from_stdin_and_hashes_with_argon2(app, runner):
    result = runner.invoke(args=["create-staff", "Admin@Example.org", "--role", "admin", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    user = _user(app, "admin@example.org")
    assert user.role == "admin" and user.active
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


@pytest.mark.parametrize("password", ["", "short", "elevenchars"])
def test_create_staff_cli_refuses_empty_or_short_passwords(app, runner, password):
    result = runner.invoke(args=["create-staff", "ed@example.org", "--password-stdin"], input=password + "\n")
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output
    assert _user(app, "ed@example.org") is None


def test_create_staff_cli_has_no_password_argument(runner):
    result = runner.invoke(args=["create-staff", "ed@example.org", "--password", PASSWORD])
    assert result.exit_code != 0
    assert "No such option" in result.output


def test_create_staff_cli_refuses_a_duplicate_email(app, runner):
    add_staff(app, "ed@example.org")
    result = runner.invoke(args=["create-staff", "ED@example.org", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code != 0 and "already exists" in result.output


def test_login_sets_httponly_samesite_secure_cookie(app, client):
    add_staff(app, "ed@example.org")
    response = log_in(client, "ed@example.org")
    assert response.status_code == 302 and response.location.endswith("/en/staff/")
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_wrong_password_and_unknown_email_get_the_same_answer(app, client):
    add_staff(app, "ed@example.org")
    wrong = log_in(client, "ed@example.org", "not the password at all")
    unknown = log_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    strip = lambda r: r.get_data(as_text=True).replace("nobody@example.org", "ed@example.org")  # noqa: E731
    assert _without_token(strip(wrong)) == _without_token(strip(unknown))


def _without_token(text):
    import re

    return re.sub(r'value="[^"]*"', "", text)


def test_login_error_is_translated_on_arabic_pages(client):
    response = log_in(client, "nobody@example.org", "whatever-whatever", lang="ar")
    assert "البريد الإلكتروني أو كلمة المرور غير صحيحة." in response.get_data(as_text=True)


def test_deactivated_account_is_logged_out_and_cannot_log_in(app, client):
    add_staff(app, "admin@example.org", "admin")
    add_staff(app, "ed@example.org")
    other = app.test_client()
    log_in(other, "ed@example.org")
    assert other.get("/en/staff/").status_code == 200
    log_in(client, "admin@example.org")
    ed = _user(app, "ed@example.org")
    response = client.post(f"/en/staff/users/{ed.id}/deactivate",
                           data={"csrf_token": token(client, "/en/staff/users")})
    assert response.status_code == 302
    assert other.get("/en/staff/").status_code == 302
    assert log_in(app.test_client(), "ed@example.org").status_code == 200


def test_login_never_redirects_to_another_site(app, client):
    add_staff(app, "ed@example.org")
    path = "/en/staff/login"
    response = client.post(path, data={"csrf_token": token(client, path), "email": "ed@example.org",
                                       "password": PASSWORD, "next": "//evil.example/"})
    assert response.location.endswith("/en/staff/")


def test_login_is_rate_limited_per_account(app):
    add_staff(app, "ed@example.org")
    statuses = []
    for n in range(4):  # a different address each time: only the per-account limit can trip
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"203.0.113.{n + 1}"
        statuses.append(log_in(client, "ED@example.org", "wrong password here").status_code)
    assert statuses == [200, 200, 200, 429]
    # The account stays locked for the right password too, until the window passes.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.99"
    assert log_in(client, "ed@example.org").status_code == 429


def test_login_is_rate_limited_per_address(app, client):
    statuses = [log_in(client, f"user{n}@example.org", "wrong password here").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert log_in(other, "user9@example.org", "wrong password here").status_code == 200


def test_rate_limit_page_is_a_clear_translated_message(client):
    for n in range(6):
        response = log_in(client, f"user{n}@example.org", "wrong password here", lang="ar")
    assert response.status_code == 429
    text = html.unescape(response.get_data(as_text=True))
    assert "محاولات دخول كثيرة. انتظر بضع دقائق ثم حاول مرة أخرى." in text


def test_successful_logins_do_not_count_against_the_limit(app):
    add_staff(app, "ed@example.org")
    for _ in range(5):
        client = app.test_client()
        assert log_in(client, "ed@example.org").status_code == 302


def test_log_in_rehashes_outdated_hashes(app):
    from argon2 import PasswordHasher

    add_staff(app, "ed@example.org")
    with app.app_context():
        user = accounts.find_staff(db.session(), "ed@example.org")
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
        db.session().commit()
        assert accounts.log_in(db.session(), "ed@example.org", PASSWORD, user.created_at) is not None
        assert "t=1," not in accounts.find_staff(db.session(), "ed@example.org").password_hash


def test_a_strangers_failures_from_another_address_do_not_lock_the_owner_out(app):
    add_staff(app, "ed@example.org")
    stranger = app.test_client()
    stranger.environ_base["REMOTE_ADDR"] = "203.0.113.66"
    owner = app.test_client()
    owner.environ_base["REMOTE_ADDR"] = "198.51.100.10"
    # Only the (account, address) allowance may trip here: the per-account ceiling is set above it.
    app.config["LOGIN_LIMIT_ACCOUNT"] = "100 per hour"
    app.config["LOGIN_LIMIT_ACCOUNT_ADDRESS"] = "2 per minute"
    statuses = [log_in(stranger, "ed@example.org", "wrong password here").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert log_in(owner, "ed@example.org").status_code == 302


def test_logout_ends_every_session_of_the_account(app, client):
    add_staff(app, "ed@example.org")
    other = app.test_client()
    log_in(client, "ed@example.org")
    log_in(other, "ed@example.org")
    saved = app.test_client()
    saved.set_cookie("session", client.get_cookie("session").value)
    assert saved.get("/en/staff/").status_code == 200
    logout = client.post("/en/staff/logout", data={"csrf_token": token(client, "/en/staff/")})
    assert logout.status_code == 302
    assert [c.get("/en/staff/").status_code for c in (client, other, saved)] == [302, 302, 302]


def test_a_session_cookie_of_an_old_generation_or_odd_shape_is_refused(app):
    from calendar_app.auth import _load_user

    add_staff(app, "ed@example.org")
    user = _user(app, "ed@example.org")
    with app.test_request_context():
        assert _load_user(f"{user.id}:0") is not None
        for session_id in (f"{user.id}:1", str(user.id), f"{user.id}:²", "²:0", f"{user.id}:0:0", ""):
            assert _load_user(session_id) is None


def test_set_password_cli_reads_stdin_and_ends_sessions(app, runner, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    new = "another long passphrase"
    result = runner.invoke(args=["set-password", "ED@example.org"], input=new + "\n")
    assert result.exit_code == 0, result.output
    assert new not in result.output
    assert client.get("/en/staff/").status_code == 302
    assert log_in(app.test_client(), "ed@example.org", new).status_code == 302


@pytest.mark.parametrize(("email", "password", "message"), [
    ("nobody@example.org", "another long passphrase", "No such account."),
    ("ed@example.org", "short", "at least 12 characters"),
])
def test_set_password_cli_refuses_unknown_accounts_and_short_passwords(app, runner, email, password, message):
    add_staff(app, "ed@example.org")
    result = runner.invoke(args=["set-password", email], input=password + "\n")
    assert result.exit_code != 0 and message in result.output
    assert log_in(app.test_client(), "ed@example.org").status_code == 302


def test_set_password_cli_has_no_password_argument(runner):
    result = runner.invoke(args=["set-password", "ed@example.org", "--password", PASSWORD])
    assert result.exit_code != 0 and "No such option" in result.output


def test_password_page_is_translated_and_linked_from_every_staff_page(app, client):
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org", lang="ar")
    page = html.unescape(client.get("/ar/staff/password").get_data(as_text=True))
    assert "تغيير كلمة المرور" in page and "كلمة المرور الحالية" in page
    assert 'href="/ar/staff/password"' in client.get("/ar/staff/").get_data(as_text=True)


def test_last_active_admin_is_kept_by_the_accounts_module(app):
    add_staff(app, "admin@example.org", "admin")
    admin = _user(app, "admin@example.org")
    with app.app_context():
        for change, args in ((accounts.set_role, ("editor",)), (accounts.deactivate, ())):
            with pytest.raises(accounts.StaffError, match="last active administrator"):
                change(db.session(), admin.id, *args)
    add_staff(app, "second@example.org", "admin")
    with app.app_context():
        accounts.deactivate(db.session(), admin.id)
    assert _user(app, "admin@example.org").active is False


def test_a_session_used_from_another_browser_is_dropped(app, client):
    # Flask-Login's "strong" protection (config.DEFAULTS["SESSION_PROTECTION"]); "basic" would only mark
    # the session stale and keep the account logged in.
    add_staff(app, "ed@example.org")
    log_in(client, "ed@example.org")
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/staff/", headers={"User-Agent": "another browser"}).status_code == 302
