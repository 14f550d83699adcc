"""HTTP for calendars: text/calendar, a strong ETag of the exact body, Last-Modified, 304.

Feed URLs give every client the same bytes (no Accept-Language, no cookies), so the ETag is simply a
hash of the body and any change to the body, including the window moving, changes it. Werkzeug decides
whether the client's copy is current and, for a 304, sends neither the body nor its representation
headers (Content-Type, Content-Length, Last-Modified; RFC 9110 §15.4.5); HEAD gets GET's headers.
"""

import datetime as dt
import hashlib

from flask import Request, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.sansio.http import is_resource_modified

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Subscribed clients poll; an hour keeps load low while cancellations still arrive the same day.
CACHE_CONTROL = "public, max-age=3600"


class EmptyBodyError(RuntimeError):
    """A calendar body was empty: answer 500 rather than a 200 that would wipe subscribers' calendars."""


def etag_of(body: bytes) -> str:
    """A strong validator: the SHA-256 of the exact bytes (quoted by werkzeug)."""
    return hashlib.sha256(body).hexdigest()[:40]


def is_fresh(request: Request, etag: str, last_modified: dt.datetime) -> bool:
    """Whether the client's copy is current, so a 304 will do: werkzeug's answer to the request's
    If-None-Match, or without one its If-Modified-Since (RFC 9110 §13.2.2).

    Only those two are passed: a calendar is never written, so If-Match means nothing here (werkzeug
    would answer it 304 or 412), and Response.make_conditional would also add a Date header that
    gunicorn sends again.
    """
    return not is_resource_modified(
        http_if_none_match=request.headers.get("If-None-Match"),
        http_if_modified_since=request.headers.get("If-Modified-Since"),
        etag=etag, last_modified=last_modified,
    )


def calendar_response(
    request: Request, body: bytes, *, last_modified: dt.datetime, filename: str, download: bool = False
) -> Response:
    """200 with the calendar, or 304 when the client already has these bytes."""
    if not body:
        raise EmptyBodyError("refusing to serve an empty calendar")
    etag = etag_of(body)
    response = Response(body, content_type=CONTENT_TYPE)
    response.set_etag(etag)  # strong: the same bytes, to the byte
    response.last_modified = _seconds(last_modified)
    response.headers["Cache-Control"] = CACHE_CONTROL
    disposition = "attachment" if download else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if is_fresh(request, etag, response.last_modified):
        response.status_code = 304
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
