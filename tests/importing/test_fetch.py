"""Fetching for import against a local HTTP server the test starts (never the internet).

The policy allows exactly this server's 127.0.0.1:<port>; every other address stays refused, so a
redirect to another port, to ::1, to a name that resolves to loopback or link-local is refused
before anything connects to it.
"""

import json

import pytest

from calendar_app.importing import fetch as fetching
from calendar_app.importing import url_safety
from calendar_app.importing.fetch import fetch
from calendar_app.importing.ical_source import parse_ics
from calendar_app.importing.page_source import parse_page
from calendar_app.importing.url_safety import AddressPolicy, FetchError

from .http_server import ICS, serving


@pytest.fixture(scope="module")
def server():
    with serving() as s:
        yield s


@pytest.fixture(scope="module")
def other():
    with serving() as s:
        yield s


@pytest.fixture
def policy(server):
    return AddressPolicy(allow=frozenset({("127.0.0.1", server.port)}))


class Resolver:
    """Fake DNS for the test names; counts lookups."""

    def __init__(self, answers):
        self.answers, self.calls = answers, []

    def __call__(self, host, _port):
        self.calls.append(host)
        answer = self.answers[host]
        return answer.pop(0) if isinstance(answer[0], list) else answer


def get(server, policy, path, **kw):
    return fetch(server.url(path), policy=policy, resolver=kw.pop("resolver", Resolver({})), **kw)


def test_calendar_is_fetched_and_imported(server, policy):
    got = get(server, policy, "/event.ics")
    assert (got.content_type, got.charset, got.body) == ("text/calendar", "utf-8", ICS)
    (p,) = parse_ics(got.body, source_url=got.url).proposals
    assert (p.value("uid"), p.value("source_url")) == ("wps-2024@test", server.url("/event.ics"))


def test_page_is_fetched_and_imported(server, policy):
    got = get(server, policy, "/page.html")
    (p,) = parse_page(got.body, got.url, charset=got.charset).proposals
    assert p.value("title_ar") == "معرض الدوحة"


def test_name_is_resolved_once_and_the_checked_address_is_used(server, policy):
    dns = Resolver({"calendar.test": ["127.0.0.1"]})
    got = fetch(server.url("/echo", host="calendar.test"), policy=policy, resolver=dns)
    assert dns.calls == ["calendar.test"]
    assert json.loads(got.body)["Host"] == f"calendar.test:{server.port}"


def test_rebinding_name_cannot_move_the_next_hop(server, policy):
    # First answer passes the check; the redirect's lookup gets a private address and is refused.
    dns = Resolver({"rebind.test": [["127.0.0.1"], ["10.0.0.1"]]})
    start = server.url(f"/redirect?to=http://rebind.test:{server.port}/event.ics", host="rebind.test")
    with pytest.raises(FetchError) as caught:
        fetch(start, policy=policy, resolver=dns)
    assert caught.value.params["address"] == "10.0.0.1" and dns.calls == ["rebind.test", "rebind.test"]


def test_no_cookie_and_no_credentials_are_sent(server, policy):
    got = get(server, policy, "/set-cookie")
    headers = {k.lower(): v for k, v in json.loads(got.body).items()}
    assert "cookie" not in headers and "authorization" not in headers
    assert headers["accept-encoding"] == "identity" and got.redirects == (server.url("/set-cookie"),)


def test_proxy_settings_are_not_used(server, policy, monkeypatch):
    monkeypatch.setenv("http_proxy", "http://10.255.255.1:3128")
    monkeypatch.setenv("HTTP_PROXY", "http://10.255.255.1:3128")
    assert get(server, policy, "/event.ics").body == ICS


REDIRECT_TARGETS = [
    ("http://127.0.0.1:{other}/event.ics", "loopback"),
    ("http://localhost:{other}/event.ics", "loopback"),
    ("http://[::1]:{port}/event.ics", "loopback"),
    ("http://2130706433:{other}/event.ics", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://metadata.test/latest/meta-data/", "link-local"),
    ("http://loopback6.test:{port}/event.ics", "loopback"),
    ("http://10.0.0.5/", "private"),
]


@pytest.mark.parametrize(("target", "kind"), REDIRECT_TARGETS)
def test_redirect_to_a_non_public_address_is_refused_before_connecting(server, other, policy, target, kind):
    dns = Resolver(
        {"localhost": ["127.0.0.1", "::1"], "metadata.test": ["169.254.169.254"], "loopback6.test": ["::1"]}
    )
    before = len(other.requests)
    to = target.format(other=other.port, port=server.port)
    with pytest.raises(FetchError) as caught:
        fetch(server.url(f"/redirect?to={to}"), policy=policy, resolver=dns)
    assert caught.value.msgid == url_safety.NOT_PUBLIC and caught.value.params["kind"] == kind
    assert len(other.requests) == before


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://user:pw@127.0.0.1/"])
def test_redirect_to_another_scheme_or_with_credentials_is_refused(server, policy, target):
    with pytest.raises(FetchError) as caught:
        get(server, policy, f"/redirect?to={target}")
    assert caught.value.msgid in (url_safety.BAD_SCHEME, url_safety.CREDENTIALS)


@pytest.mark.parametrize(
    ("path", "msgid", "kw"),
    [
        ("/loop", fetching.TOO_MANY_REDIRECTS, {}),
        ("/no-location", fetching.REDIRECT_WITHOUT_LOCATION, {}),
        ("/missing", fetching.BAD_STATUS, {}),
        ("/json", fetching.BAD_TYPE, {}),
        ("/untyped", fetching.BAD_TYPE, {}),
        ("/page.html", fetching.BAD_TYPE, {"accept": fetching.CALENDAR_TYPES}),
        ("/gzip", fetching.ENCODED, {}),
        ("/big-declared", fetching.TOO_BIG, {}),
        ("/big-chunked", fetching.TOO_BIG, {}),
        ("/drip", fetching.TIMED_OUT, {"deadline": 1.0}),
        ("/slow-headers", fetching.TIMED_OUT, {"timeout": 0.5}),
    ],
)
def test_fetch_refusals(server, policy, path, msgid, kw):
    with pytest.raises(FetchError) as caught:
        get(server, policy, path, **kw)
    assert caught.value.msgid == msgid


def test_redirect_count_is_bounded(server, policy):
    before = len(server.requests)
    with pytest.raises(FetchError):
        get(server, policy, "/loop")
    assert len(server.requests) - before == fetching.MAX_REDIRECTS + 1


def test_nothing_listening_is_unreachable():
    closed = AddressPolicy(allow=frozenset({("127.0.0.1", 9)}))
    with pytest.raises(FetchError) as caught:
        fetch("http://127.0.0.1:9/x", policy=closed, resolver=Resolver({}), timeout=2)
    assert caught.value.msgid in (fetching.UNREACHABLE, fetching.TIMED_OUT)
