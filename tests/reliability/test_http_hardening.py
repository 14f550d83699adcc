"""HTTP hardening through a real gunicorn (issue 11, points 2, 5, 7 and 8): request bounds, the login
redirect, NUL on PostgreSQL, redirects under a forged Host, security headers and X-Forwarded-For.
"""

import html
import re
import threading
import time
from urllib.parse import quote, urlencode

import pytest

from calendar_app import config, languages
from tests.reliability.conftest import PASSWORD, add_account, csrf_token, log_in, rss_kb, start_gunicorn
from tests.reliability.http_support import (
    DASHBOARD,
    REDIRECT_CASES,
    largest_event_form,
    open_socket,
    peak_kb,
    read_all,
    shared_server,
    unique_email,
)

CAP = config.DEFAULTS["MAX_CONTENT_LENGTH"]
MB = 1024 * 1024
NEXT_RE = re.compile(r'id="next" name="next" type="hidden" value="([^"]*)"')


@pytest.fixture(scope="module")
def server(tmp_path_factory, sqlite_template):
    """One production server for the module; tests keep to accounts and events of their own."""
    with shared_server(tmp_path_factory, sqlite_template) as started:
        yield started


@pytest.fixture
def ed(server) -> str:
    """A fresh editor account's email."""
    email = unique_email("ed")
    add_account(server.database_url, email)
    return email


@pytest.fixture
def editor(server, ed):
    """An HTTP client logged in as a fresh editor."""
    with server.client() as client:
        assert log_in(client, ed).status_code == 302
        yield client


# -- body size ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "words"), [("ar", "بيانات أكثر من اللازم"), ("en", "Too much data")])
def test_an_oversized_form_gets_413_in_the_page_language(server, lang, words):
    with server.client() as client:
        response = client.post(f"/{lang}/staff/login", data={"email": "a@example.org", "pad": "x" * CAP})
    assert response.status_code == 413
    assert f'<html lang="{lang}"' in response.text and words in html.unescape(response.text)
    assert languages.digits(CAP // 1024, lang) in response.text


@pytest.mark.parametrize("path", ["/feeds/all.ics", "/events/milipol-qatar-2021.ics", "/api/hijri"])
def test_an_oversized_body_to_a_feed_or_the_api_gets_plain_text_413(server, path):
    with server.client() as client:
        response = client.post(path, content=b"a=" + b"x" * CAP,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("text/plain") and len(response.content) < 100


def test_the_largest_legitimate_event_form_fits_under_the_cap(editor):
    form = largest_event_form()
    body = urlencode({**form, "csrf_token": csrf_token(editor, "/en/staff/events/new")}).encode()
    assert len(body) < CAP
    response = editor.post("/en/staff/events/new", content=body,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 302, re.findall(r'role="alert">([^<]+)<', response.text)
    assert editor.get(f"/en/events/{form['slug']}/").status_code == 200


def test_a_chunked_form_is_read_whole_under_the_cap_and_refused_over_it(server, ed):
    with server.client() as client:
        fields = {"csrf_token": csrf_token(client, "/en/staff/login"), "email": ed,
                  "password": PASSWORD}
        body = (urlencode(fields) + "&pad=" + "x" * (CAP - 1000)).encode()
        ok = client.post("/en/staff/login", content=iter([body[:1000], body[1000:]]),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        over = client.post("/en/staff/login", content=iter([body, b"x" * 2000]),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert ok.request.headers["Transfer-Encoding"] == "chunked"
    assert (ok.status_code, ok.headers["location"]) == (302, DASHBOARD)
    assert over.status_code == 413


def test_a_20_mb_title_is_refused_without_being_echoed(editor):
    body = urlencode({"csrf_token": csrf_token(editor, "/en/staff/events/new"), "title_en": "x" * (20 * MB)})
    response = editor.post("/en/staff/events/new", content=body.encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413 and len(response.content) < 20_000


def _post_head(length: int | None) -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (f"POST /en/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\n{framing}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n\r\n").encode()


def _send_rest(sock, total: int, chunked: bool, sent: list[int]) -> None:
    """Keep sending body bytes until `total` or until the server closes the connection."""
    piece = b"x" * (256 * 1024)
    data = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
    try:
        while sent[0] < total:
            sock.sendall(data)
            sent[0] += len(piece)
    except OSError:
        pass


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_anonymous_150_mb_post_is_refused_without_being_read_whole(server, chunked, capsys):
    total = 150 * MB
    with server.client() as client:
        client.get("/en/staff/login")  # the worker is warm before it is measured
    worker = server.worker_pids()[0]
    before, peak_before = rss_kb(worker), peak_kb(worker)
    sock = open_socket(server.url, timeout=20)
    sent = [0]
    first = b"x" * (64 * 1024) if not chunked else b"".join(
        b"%x\r\n%s\r\n" % (64 * 1024, b"x" * (64 * 1024)) for _ in range(2 * CAP // (64 * 1024)))
    sock.sendall(_post_head(None if chunked else total) + first)
    # Nothing more is sent until the answer comes: a server that read the whole body would never answer.
    started = time.monotonic()
    head = sock.recv(65536)
    waited = time.monotonic() - started
    sender = threading.Thread(target=_send_rest, args=(sock, total, chunked, sent))
    sender.start()
    rest = read_all(sock)
    sender.join(timeout=60)
    sock.close()
    after, peak_after = rss_kb(worker), peak_kb(worker)
    with capsys.disabled():
        print(f"\n150 MB POST ({'chunked' if chunked else 'Content-Length'}): answered in {waited:.2f} s; "
              f"worker RSS {before} kB before, {after} kB after (peak {peak_before} -> {peak_after} kB); "
              f"{sent[0] // MB} MB more sent before the server closed")
    assert head.startswith(b"HTTP/1.1 413"), head[:200] + rest[:200]
    assert after - before < 20_000 and peak_after - peak_before < 20_000
    with server.client() as client:
        assert client.get("/en/").status_code == 200


# -- login redirect ----------------------------------------------------------------------------------
def test_login_redirects_only_to_a_path_on_this_site(server, ed):
    """Each value arrives as a link would bring it (?next=), rides in the login form, and the login
    answers a Location that is a path on this site."""
    got, expected = {}, {}
    with server.client() as client:
        for target, where in REDIRECT_CASES:
            page = client.get("/en/staff/login?next=" + quote(target, safe=""))
            carried = html.unescape(NEXT_RE.search(page.text).group(1))
            response = client.post("/en/staff/login", data={
                "csrf_token": csrf_token(client, "/en/staff/login"), "email": ed, "password": PASSWORD,
                "next": carried})
            got[target] = (carried == target, response.status_code, response.headers.get("location"))
            expected[target] = (True, 302, where)
    assert got == expected
    assert sum(where == DASHBOARD for _, where in REDIRECT_CASES) >= 30


# -- NUL on PostgreSQL -------------------------------------------------------------------------------
def test_nul_in_urls_and_the_login_email_is_no_500_on_postgresql(pg_url, tmp_path):
    started = start_gunicorn(pg_url, tmp_path)
    try:
        with started.client() as client:
            statuses = {path: client.get(path).status_code for path in
                        ("/en/events/%00/", "/events/%00.ics", "/feeds/%00.ics", "/en/staff/events/%00/edit",
                         "/en/?city=%00")}
            login = log_in(client, "nobody\x00@example.org", "not the password at all")
            page = client.get("/en/events/milipol-qatar-2021/")
    finally:
        started.stop()
    assert statuses == dict.fromkeys(statuses, 400)
    assert login.status_code == 200 and "Wrong email or password." in login.text
    assert page.status_code == 200
    assert "Traceback" not in started.output()


# -- redirects under a forged Host -------------------------------------------------------------------
@pytest.mark.parametrize("host", ["evil.example", "EVIL.example:8080", "evil.example."])
def test_no_redirect_names_a_forged_host(server, ed, host):
    locations = {}
    with server.client() as client:
        for path in ("/en", "/ar/staff", "/en/events/milipol-qatar-2021", "/", "/feeds/", "/en/month/",
                     "/en/staff/", "/en/staff/events/new"):
            response = client.get(path, headers={"Host": host})
            locations[path] = (response.status_code, response.headers.get("location"))
        login = client.post("/en/staff/login", headers={"Host": host}, data={
            "csrf_token": csrf_token(client, "/en/staff/login"), "email": ed, "password": PASSWORD})
        locations["login"] = (login.status_code, login.headers.get("location"))
        logout = client.post("/en/staff/logout", headers={"Host": host},
                             data={"csrf_token": csrf_token(client, "/en/staff/")})
        locations["logout"] = (logout.status_code, logout.headers.get("location"))
    assert all(status in (301, 302, 308) for status, _ in locations.values()), locations
    relative = {path: where.startswith("/") and not where.startswith("//")
                for path, (_, where) in locations.items()}
    assert relative == dict.fromkeys(locations, True), locations
    assert locations["/en"] == (308, "/en/")


# -- headers -----------------------------------------------------------------------------------------
def test_https_site_sends_hsts_beside_the_csp_and_framing_refusal(sqlite_url, tmp_path):
    started = start_gunicorn(sqlite_url, tmp_path, BASE_URL="https://calendar.example.org")
    try:
        with started.client() as client:
            answers = [client.get(path) for path in ("/en/", "/feeds/all.ics", "/en/staff/login", "/nowhere")]
    finally:
        started.stop()
    for response in answers:
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_staff_pages_and_the_login_page_are_never_stored(server, editor):
    staff_pages = [editor.get(path) for path in ("/en/staff/", "/ar/staff/events/new", "/en/staff/password")]
    with server.client() as anonymous:
        login_page = anonymous.get("/en/staff/login")
        page, feed = anonymous.get("/en/"), anonymous.get("/feeds/all.ics")
    assert [r.status_code for r in staff_pages] == [200, 200, 200]
    assert {r.headers["Cache-Control"] for r in [*staff_pages, login_page]} == {"no-store"}
    assert "no-store" not in page.headers.get("Cache-Control", "")
    assert feed.headers["Cache-Control"] == "public, max-age=3600"


def test_http_site_sends_no_hsts(server):
    with server.client() as client:
        response = client.get("/en/")
    assert "Strict-Transport-Security" not in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


# -- client address ----------------------------------------------------------------------------------
def _failures_from(server, forwarded: list[str]) -> list[int]:
    statuses = []
    with server.client() as client:
        for n, address in enumerate(forwarded):
            path = "/en/staff/login"
            statuses.append(client.post(path, headers={"X-Forwarded-For": address}, data={
                "csrf_token": csrf_token(client, path), "email": f"nobody{n}@example.org",
                "password": "not the password at all"}).status_code)
    return statuses


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(sqlite_url, tmp_path):
    started = start_gunicorn(sqlite_url, tmp_path, LOGIN_LIMIT_ADDRESS="3 per hour")
    try:
        statuses = _failures_from(started, [f"198.51.100.{n}" for n in range(1, 6)])
    finally:
        started.stop()
    assert statuses == [200, 200, 200, 429, 429]


def test_x_forwarded_for_names_the_client_behind_a_trusted_proxy(sqlite_url, tmp_path):
    started = start_gunicorn(sqlite_url, tmp_path, LOGIN_LIMIT_ADDRESS="3 per hour", TRUSTED_PROXIES="1")
    try:
        # One hop trusted: the address the proxy appended (the last one) counts, not what the client forged.
        spread = _failures_from(started, [f"10.0.0.1, 198.51.100.{n}" for n in range(1, 6)])
        same = _failures_from(started, [f"10.0.0.{n}, 203.0.113.9" for n in range(1, 6)])
    finally:
        started.stop()
    assert spread == [200] * 5
    assert same == [200, 200, 200, 429, 429]
