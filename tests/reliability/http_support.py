"""Shared by the HTTP-hardening tests: the table of tricky login `next` values and raw-socket helpers.

REDIRECT_CASES pairs what an attacker (or a hurried link) puts in `?next=` with where a successful
login must send the browser: DASHBOARD for anything that is not plainly a path on this site, else the
path itself, percent-encoded.
"""

import contextlib
import datetime as dt
import itertools
import shutil
import socket
import time
from pathlib import Path

from calendar_app import events
from tests.reliability.conftest import seed_database, start_gunicorn
from tests.staff_support import event_form

DASHBOARD = "/en/staff/"

REDIRECT_CASES = [
    # control characters a browser drops inside a URL (WHATWG URL), turning a path into a host
    ("/\t/evil.example", DASHBOARD),
    ("/\r\n/evil.example", DASHBOARD),
    ("/\n/evil.example", DASHBOARD),
    ("/\r/evil.example", DASHBOARD),
    ("\t//evil.example", DASHBOARD),
    ("/en/staff/\r\nLocation: //evil.example", DASHBOARD),
    ("/\nSet-Cookie: session=stolen", DASHBOARD),
    (" //evil.example", DASHBOARD),
    ("\x01//evil.example", DASHBOARD),
    ("\x7f//evil.example", DASHBOARD),
    ("\x85//evil.example", DASHBOARD),
    ("/en/\x1b[31m", DASHBOARD),
    ("/en/staff/ ", DASHBOARD),
    # backslashes, which browsers read as slashes
    ("/\\evil.example", DASHBOARD),
    ("\\\\evil.example", DASHBOARD),
    ("/\\/evil.example", DASHBOARD),
    ("\\/evil.example", DASHBOARD),
    ("/evil.example\\@calendar.example.org", DASHBOARD),
    # another host, a scheme, or not a path at all
    ("//evil.example", DASHBOARD),
    ("///evil.example", DASHBOARD),
    ("//evil.example/%2F..", DASHBOARD),
    ("//@evil.example", DASHBOARD),
    ("http://evil.example/", DASHBOARD),
    ("https://evil.example", DASHBOARD),
    ("HTTPS://evil.example", DASHBOARD),
    ("http:/evil.example", DASHBOARD),
    ("http:evil.example", DASHBOARD),
    ("javascript:alert(1)", DASHBOARD),
    ("javascript://%0aalert(1)", DASHBOARD),
    ("data:text/html,<script>alert(1)</script>", DASHBOARD),
    ("evil.example", DASHBOARD),
    ("@evil.example", DASHBOARD),
    ("%2F%2Fevil.example", DASHBOARD),
    ("／／evil.example", DASHBOARD),  # fullwidth solidus: not a slash to us, not a path either
    ("", DASHBOARD),
    ("/" + "a" * 3000, DASHBOARD),
    # paths on this site: kept, percent-encoded where needed, never a host
    ("/en/staff/events/new", "/en/staff/events/new"),
    ("/en/staff/events/new?x=1#part", "/en/staff/events/new?x=1#part"),
    ("/%09/evil.example", "/%09/evil.example"),
    ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
    ("/%5Cevil.example", "/%5Cevil.example"),
    ("/@evil.example", "/@evil.example"),
    ("/ /evil.example", "/%20/evil.example"),
    ("/／evil.example", "/%EF%BC%8Fevil.example"),
    ("/\u2215evil.example", "/%E2%88%95evil.example"),
    ("/\u3002evil.example", "/%E3%80%82evil.example"),
    ("/\u200b/evil.example", "/%E2%80%8B/evil.example"),
    ("/.//evil.example", "/.//evil.example"),
    ("/?next=//evil.example", "/?next=//evil.example"),
    ("/ar/events/ميليبول-قطر/", "/ar/events/%D9%85%D9%8A%D9%84%D9%8A%D8%A8%D9%88%D9%84-%D9%82%D8%B7%D8%B1/"),
]


_numbers = itertools.count(1)


def unique_email(name: str = "staff") -> str:
    """An address no other test of a shared server uses."""
    return f"{name}{next(_numbers)}@example.org"


@contextlib.contextmanager
def shared_server(tmp_path_factory, sqlite_template, **env: str):
    """A production gunicorn on its own seeded SQLite file, for every test of a module (starting one
    per test costs seconds); tests keep to accounts and events of their own."""
    folder = tmp_path_factory.mktemp("shared-server")
    path = folder / "reliability.sqlite"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    seed_database(url)
    started = start_gunicorn(url, folder, **env)
    try:
        yield started
    finally:
        started.stop()


def largest_event_form() -> dict:
    """The event form with every text field at its limit in Arabic (six bytes a letter once
    percent-encoded), 10 categories of the longest kind and 500 excluded dates: the biggest body
    a member of staff can legitimately send."""
    def arabic(n: int) -> str:
        return "ب" * n

    def link() -> str:
        return "https://example.org/" + arabic(events.URL_MAX - 20)

    return event_form(
        title_en=arabic(events.TITLE_MAX), title_ar=arabic(events.TITLE_MAX), slug="a" * events.SLUG_MAX,
        description_en=arabic(events.DESCRIPTION_MAX), description_ar=arabic(events.DESCRIPTION_MAX),
        source_citation=arabic(events.DESCRIPTION_MAX), source_conflict=arabic(events.DESCRIPTION_MAX),
        venue_slug="v" * events.SLUG_MAX, venue_name_en=arabic(events.NAME_MAX),
        venue_name_ar=arabic(events.NAME_MAX), city_en=arabic(events.CITY_MAX),
        city_ar=arabic(events.CITY_MAX),
        address=arabic(events.ADDRESS_MAX), series="__new__", series_slug="s" * events.SLUG_MAX,
        series_name_en=arabic(events.NAME_MAX), series_name_ar=arabic(events.NAME_MAX),
        organizer_name_en=arabic(events.NAME_MAX), organizer_name_ar=arabic(events.NAME_MAX),
        organizer_url=link(), url=link(), source_url=link(), edition="10000",
        categories=", ".join(f"c{n:02d}" + "x" * (events.CATEGORY_MAX - 3)
                             for n in range(events.CATEGORIES_MAX)),
        starts_on="2027-03-15", ends_on="2027-03-15", repeat="gregorian", repeat_freq="DAILY",
        repeat_end="never", exdates="\r\n".join(str(dt.date(2027, 3, 16) + dt.timedelta(days=n))
                                                for n in range(500)),
    )


def raw_request(url: str, data: bytes, *, timeout: float = 10) -> bytes:
    """Send raw bytes to the server behind `url` and return everything it answers until it closes."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        return read_all(sock)


def read_all(sock: socket.socket) -> bytes:
    """Read until the peer closes or stops sending (its answer)."""
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except (TimeoutError, ConnectionResetError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def open_socket(url: str, timeout: float = 10) -> socket.socket:
    """A TCP connection to the server behind `url`."""
    host, port = url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def peak_kb(pid: int) -> int:
    """The highest resident memory a process ever had, in kB (VmHWM): a body read whole and freed
    again still shows here."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for {pid}")


def timed(call) -> tuple[float, object]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result
