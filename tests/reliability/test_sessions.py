"""Sessions and accounts over real HTTP (issue 11, point 8): logout, a password change (page and CLI) and
deactivation end every session of the account, saved cookies included; the last active admin stays one;
a stranger's failed logins from another address never lock the owner out, while the per-(account,
address), per-address and per-account ceilings still hold.
"""

import html
import subprocess

import httpx
import pytest

from calendar_app import accounts
from tests.conftest import ROOT
from tests.reliability.conftest import GUNICORN, PASSWORD, add_account, csrf_token, log_in, start_gunicorn
from tests.reliability.http_support import shared_server, unique_email

NEW_PASSWORD = "a brand new passphrase, long enough"
FLASK = GUNICORN.with_name("flask")


@pytest.fixture(scope="module")
def server(tmp_path_factory, sqlite_template):
    """One production server for the module; each test makes accounts of its own."""
    with shared_server(tmp_path_factory, sqlite_template) as started:
        yield started


@pytest.fixture
def ed(server) -> str:
    """A fresh editor account's email."""
    email = unique_email("ed")
    add_account(server.database_url, email)
    return email


@pytest.fixture
def admin(server) -> str:
    """A fresh admin account's email."""
    email = unique_email("admin")
    add_account(server.database_url, email, "admin")
    return email


def _copy(server, client: httpx.Client) -> httpx.Client:
    """Another client holding the same saved cookies (a cookie copied out of a browser)."""
    return server.client(cookies=dict(client.cookies))


def _dashboard(client: httpx.Client) -> int:
    return client.get("/en/staff/").status_code


def _account_id(server, email: str) -> int:
    from calendar_app import create_app, db

    app = create_app({"TESTING": True, "DATABASE_URL": server.database_url, "SECRET_KEY": "read",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        found = accounts.find_staff(db.session(), email).id
    app.extensions["db_engine"].dispose()
    return found


def test_logout_ends_every_session_including_a_saved_cookie(server, ed):
    with server.client() as client, server.client() as laptop:
        assert log_in(client, ed).status_code == 302
        assert log_in(laptop, ed).status_code == 302
        with _copy(server, client) as saved:
            assert _dashboard(saved) == 200
            logout = client.post("/en/staff/logout", data={"csrf_token": csrf_token(client, "/en/staff/")})
            assert logout.status_code == 302
            assert (_dashboard(saved), _dashboard(laptop), _dashboard(client)) == (302, 302, 302)
        assert log_in(client, ed).status_code == 302 and _dashboard(client) == 200


def _change_password(client: httpx.Client, current: str, new: str, again: str | None = None):
    path = "/en/staff/password"
    return client.post(path, data={"csrf_token": csrf_token(client, path), "current_password": current,
                                   "new_password": new, "new_password_again": again or new})


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(server, ed):
    with server.client() as client, server.client() as other:
        log_in(client, ed)
        log_in(other, ed)
        with _copy(server, client) as saved:
            assert _change_password(client, PASSWORD, NEW_PASSWORD).status_code == 302
            assert (_dashboard(client), _dashboard(other), _dashboard(saved)) == (200, 302, 302)
    with server.client() as fresh:
        assert log_in(fresh, ed).status_code == 200
        assert log_in(fresh, ed, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(("current", "new", "again", "message"), [
    ("not the current one", NEW_PASSWORD, None, "The current password is not right."),
    (PASSWORD, "short", None, "The password needs at least 12 characters."),
    (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", "The two new passwords differ."),
])
def test_a_refused_password_change_says_why_and_changes_nothing(server, ed, current, new, again, message):
    with server.client() as client, server.client() as other:
        log_in(client, ed)
        log_in(other, ed)
        response = _change_password(client, current, new, again)
        assert response.status_code == 422 and message in html.unescape(response.text)
        assert (_dashboard(client), _dashboard(other)) == (200, 200)


def test_the_set_password_command_ends_the_accounts_sessions(server, ed):
    with server.client() as client:
        log_in(client, ed)
        result = subprocess.run([str(FLASK), "--app", "calendar_app", "set-password", ed],
                                input=NEW_PASSWORD + "\n", env=server.env, cwd=ROOT, capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert NEW_PASSWORD not in result.stdout + result.stderr
        assert _dashboard(client) == 302
        assert log_in(client, ed, NEW_PASSWORD).status_code == 302


def test_deactivation_ends_the_accounts_saved_sessions(server, admin, ed):
    ed_id = _account_id(server, ed)
    with server.client() as admin_client, server.client() as ed_client:
        log_in(admin_client, admin)
        log_in(ed_client, ed)
        with _copy(server, ed_client) as saved:
            response = admin_client.post(f"/en/staff/users/{ed_id}/deactivate",
                                         data={"csrf_token": csrf_token(admin_client, "/en/staff/users")})
            assert response.status_code == 302
            assert (_dashboard(ed_client), _dashboard(saved)) == (302, 302)


def test_the_last_active_admin_cannot_demote_or_deactivate_themselves(sqlite_url, tmp_path):
    add_account(sqlite_url, "admin@example.org", "admin")
    add_account(sqlite_url, "ed@example.org")
    started = start_gunicorn(sqlite_url, tmp_path)  # its own server: the only admin there
    try:
        admin_id = _account_id(started, "admin@example.org")
        answers = {}
        with started.client() as admin:
            for lang in ("en", "ar"):
                log_in(admin, "admin@example.org", lang=lang)
                users = f"/{lang}/staff/users"
                answers[lang] = [
                    admin.post(f"/{lang}/staff/users/{admin_id}/role",
                               data={"csrf_token": csrf_token(admin, users), "role": "editor"}),
                    admin.post(f"/{lang}/staff/users/{admin_id}/deactivate",
                               data={"csrf_token": csrf_token(admin, users)})]
            still_admin = admin.get("/en/staff/users").status_code
    finally:
        started.stop()
    messages = {"en": "The last active administrator cannot be demoted or deactivated",
                "ar": "لا يمكن خفض دور آخر مدير نشط ولا تعطيل حسابه"}
    for lang, responses in answers.items():
        for response in responses:
            assert response.status_code == 409 and messages[lang] in html.unescape(response.text)
    assert still_admin == 200


def test_an_admin_may_step_down_when_another_admin_remains(server, admin):
    add_account(server.database_url, unique_email("second"), "admin")
    admin_id = _account_id(server, admin)
    with server.client() as client:
        log_in(client, admin)
        demote = client.post(f"/en/staff/users/{admin_id}/role",
                             data={"csrf_token": csrf_token(client, "/en/staff/users"), "role": "editor"})
        assert demote.status_code == 302
        assert client.get("/en/staff/users").status_code == 403


# -- failed logins ------------------------------------------------------------------------------------
def _attempt(server, address: str, email: str, password: str) -> int:
    with server.client(headers={"X-Forwarded-For": address}) as client:
        return log_in(client, email, password).status_code


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, sqlite_template):
    """A server behind one trusted proxy, so a test can speak from many addresses (X-Forwarded-For);
    each test uses addresses and an account of its own."""
    limits = {"LOGIN_LIMIT_ACCOUNT": "8 per hour", "LOGIN_LIMIT_ADDRESS": "7 per 15 minutes"}
    with shared_server(tmp_path_factory, sqlite_template, TRUSTED_PROXIES="1", **limits) as started:
        yield started


@pytest.fixture
def owner(proxied) -> str:
    """A fresh account on the proxied server."""
    email = unique_email("owner")
    add_account(proxied.database_url, email)
    return email


def test_a_strangers_failures_do_not_lock_the_owner_out(proxied, owner):
    stranger = [_attempt(proxied, "203.0.113.66", owner, "guess number one") for _ in range(6)]
    assert stranger == [200] * 5 + [429]  # five per (account, address)
    assert _attempt(proxied, "198.51.100.10", owner, PASSWORD) == 302


def test_the_per_address_ceiling_holds_across_accounts(proxied, owner):
    statuses = [_attempt(proxied, "203.0.113.77", f"user{n}@example.org", "guess") for n in range(8)]
    assert statuses == [200] * 7 + [429]
    assert _attempt(proxied, "198.51.100.10", owner, PASSWORD) == 302


def test_the_per_account_ceiling_holds_across_addresses(proxied, owner):
    statuses = [_attempt(proxied, f"203.0.113.{n}", owner, "guess") for n in range(1, 10)]
    assert statuses == [200] * 8 + [429]
    # Past the ceiling even the right password waits: distributed guessing must not go on unchecked.
    assert _attempt(proxied, "198.51.100.10", owner, PASSWORD) == 429
