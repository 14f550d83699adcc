"""Fetching a URL for import: the only module here that touches the network or reads the clock.

Each hop (the URL, then each redirect, at most MAX_REDIRECTS) is vetted by url_safety.vet() and
then connected to *the address vet() checked*, by IP, with the host name only in the Host header
and TLS SNI/certificate check; so a DNS answer that changes after the check cannot redirect the
connection. Also:
- timeouts: TIMEOUT seconds to connect and for each read, and DEADLINE for the whole fetch (a server
  that sends one byte a second gets no further);
- a size cap: a Content-Length over MAX_BYTES is refused unread, and reading stops past MAX_BYTES;
- content types: only those asked for (text/calendar, text/html, application/ld+json...);
- no cookies (none kept, none sent), no Authorization, no proxy from the environment, and
  Accept-Encoding: identity (a compressed answer is refused rather than inflated without bound).
"""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin

from .notes import N_
from .url_safety import PUBLIC, AddressPolicy, FetchError, Resolver, Target, system_resolver, vet

TIMEOUT = 10.0
DEADLINE = 30.0
MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
CALENDAR_TYPES = ("text/calendar", "application/ics")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/ld+json")
USER_AGENT = "calendar-app-import/1 (+event import; staff-initiated)"
REDIRECTS = (301, 302, 303, 307, 308)

TOO_MANY_REDIRECTS = N_("More than %(limit)s redirects: the address is not fetched.")
REDIRECT_WITHOUT_LOCATION = N_("The server redirected (%(status)s) without saying where to.")
BAD_STATUS = N_("The server answered %(status)s for %(url)s.")
BAD_TYPE = N_("The server sent %(type)s; this import reads %(accepted)s.")
ENCODED = N_("The server sent the content compressed (%(encoding)s), which this import does not read.")
TOO_BIG = N_("The content is larger than %(limit)s bytes.")
TIMED_OUT = N_("%(host)s did not answer in time.")
UNREACHABLE = N_("%(host)s cannot be reached (%(reason)s).")
TLS_FAILED = N_("The secure connection to %(host)s failed (%(reason)s).")


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back: the final URL, its content type and charset, the body, the hops."""

    url: str
    content_type: str
    charset: str
    body: bytes
    redirects: tuple[str, ...] = ()


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = CALENDAR_TYPES + PAGE_TYPES,
    policy: AddressPolicy = PUBLIC,
    resolver: Resolver = system_resolver,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
) -> Fetched:
    """GET `url` under the rules in the module docstring; FetchError (message id + parameters) if refused."""
    ends_at = time.monotonic() + deadline
    hops: list[str] = []
    while True:
        target = vet(url, policy, resolver)
        conn, response = _get(target, accept, timeout)
        try:
            if response.status in REDIRECTS:
                url = _next_hop(target, response, hops)
                continue
            return _read(target, response, accept, max_bytes, ends_at, tuple(hops))
        finally:
            response.close()  # with "Connection: close" the response owns the socket
            conn.close()


def _next_hop(target: Target, response, hops: list[str]) -> str:
    location = response.getheader("Location")
    if not location:
        raise FetchError(REDIRECT_WITHOUT_LOCATION, status=response.status)
    hops.append(target.url)
    if len(hops) > MAX_REDIRECTS:
        raise FetchError(TOO_MANY_REDIRECTS, limit=MAX_REDIRECTS)
    return urljoin(target.url, location.strip())


def _get(target: Target, accept: tuple[str, ...], timeout: float):
    """Connect to the checked address and send the request; (connection, response)."""
    conn = _connection(target, timeout)
    try:
        conn.request(
            "GET",
            target.path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ", ".join(accept),
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        return conn, conn.getresponse()
    except TimeoutError:
        conn.close()
        raise FetchError(TIMED_OUT, host=target.host) from None
    except ssl.SSLError as exc:
        conn.close()
        raise FetchError(TLS_FAILED, host=target.host, reason=str(exc)[:200]) from None
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        raise FetchError(UNREACHABLE, host=target.host, reason=type(exc).__name__) from None


def _connection(target: Target, timeout: float) -> http.client.HTTPConnection:
    """An HTTP(S) connection whose socket is already open to `target.address` (never re-resolved)."""
    try:
        raw = socket.create_connection((target.address, target.port), timeout=timeout)
    except TimeoutError:
        raise FetchError(TIMED_OUT, host=target.host) from None
    except OSError as exc:
        raise FetchError(UNREACHABLE, host=target.host, reason=type(exc).__name__) from None
    if target.scheme == "http":
        conn = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
        conn.sock = raw
        return conn
    context = ssl.create_default_context()
    try:
        sock = context.wrap_socket(raw, server_hostname=target.host)
    except ssl.SSLError as exc:
        raw.close()
        raise FetchError(TLS_FAILED, host=target.host, reason=str(exc)[:200]) from None
    conn = http.client.HTTPSConnection(target.host, target.port, timeout=timeout, context=context)
    conn.sock = sock
    return conn


def _read(
    target: Target, response, accept: tuple[str, ...], max_bytes: int, ends_at: float, hops: tuple[str, ...]
) -> Fetched:
    if response.status != 200:
        raise FetchError(BAD_STATUS, status=response.status, url=target.url[:200])
    content_type, charset = _content_type(response.getheader("Content-Type", ""))
    if content_type not in accept:
        raise FetchError(BAD_TYPE, type=content_type or "no type", accepted=", ".join(accept))
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise FetchError(ENCODED, encoding=encoding[:40])
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(TOO_BIG, limit=max_bytes)
    return Fetched(target.url, content_type, charset, _body(target, response, max_bytes, ends_at), hops)


def _content_type(header: str) -> tuple[str, str]:
    """("text/calendar", "utf-8") from "text/calendar; charset=UTF-8" (charset "" when not given)."""
    main, *params = header.split(";")
    charset = ""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return main.strip().lower(), charset


def _body(target: Target, response, max_bytes: int, ends_at: float) -> bytes:
    """Read at most max_bytes, giving up at the deadline."""
    chunks, size = [], 0
    try:
        while chunk := response.read1(CHUNK):  # one recv at a time, so the deadline is checked
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(TOO_BIG, limit=max_bytes)
            if time.monotonic() > ends_at:
                raise FetchError(TIMED_OUT, host=target.host)
            chunks.append(chunk)
    except TimeoutError:
        raise FetchError(TIMED_OUT, host=target.host) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(UNREACHABLE, host=target.host, reason=type(exc).__name__) from None
    return b"".join(chunks)
