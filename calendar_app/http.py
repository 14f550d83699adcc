"""HTTP for calendars: text/calendar, a strong ETag of the exact body, Last-Modified, 304.

Feed URLs give every client the same bytes (no Accept-Language, no cookies), so the ETag is simply a
hash of the body and any change to the body, including the window moving, changes it.
"""

import datetime as dt
import hashlib

from flask import Request, Response, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Subscribed clients poll; an hour keeps load low while cancellations still arrive the same day.
CACHE_CONTROL = "public, max-age=3600"


class EmptyBodyError(RuntimeError):
    """A calendar body was empty: answer 500 rather than a 200 that would wipe subscribers' calendars."""


def etag_of(body: bytes) -> str:
    """A strong validator: the SHA-256 of the exact bytes (quoted by werkzeug)."""
    return hashlib.sha256(body).hexdigest()[:40]


def is_fresh(request: Request, etag: str, last_modified: dt.datetime) -> bool:
    """Whether the client's copy is current, so a 304 will do.

    RFC 9110 §13.2.2: when If-None-Match is present, If-Modified-Since is ignored.
    """
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    if request.if_modified_since:
        return _seconds(last_modified) <= request.if_modified_since
    return False


def calendar_response(
    request: Request, body: bytes, *, last_modified: dt.datetime, filename: str, download: bool = False
) -> Response:
    """200 with the calendar, or 304 when the client already has these bytes; HEAD gets the headers."""
    if not body:
        raise EmptyBodyError("refusing to serve an empty calendar")
    etag = etag_of(body)
    fresh = is_fresh(request, etag, last_modified)
    response = Response(b"" if fresh else body, status=304 if fresh else 200, content_type=CONTENT_TYPE)
    response.set_etag(etag)
    response.last_modified = _seconds(last_modified)
    response.headers["Cache-Control"] = CACHE_CONTROL
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if fresh:
        # RFC 9110 §15.4.5: a 304 has no body and no representation headers to go with one.
        del response.headers["Content-Type"]
        response.headers.pop("Content-Length", None)
    return response


def plain_error(status: int, message: str) -> Response:
    """A short plain-text error, as feeds answer (a calendar client shows no HTML)."""
    return Response(message.rstrip("\n") + "\n", status=status, content_type="text/plain; charset=utf-8")


def _seconds(moment: dt.datetime) -> dt.datetime:
    # HTTP dates have whole seconds; compare and send at that precision.
    return moment.astimezone(dt.UTC).replace(microsecond=0)


class FeedSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie sessions, except that a calendar never sets a cookie or answers Vary: Cookie.

    Flask-Login peeks at the session after every request, which would add `Vary: Cookie` to feeds and
    stop shared caches from serving one copy of a feed to every subscriber.
    """

    def save_session(self, app, session, response) -> None:
        if response.mimetype == "text/calendar" or request.path.endswith(".ics"):
            return
        super().save_session(app, session, response)
