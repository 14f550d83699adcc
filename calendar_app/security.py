"""What every request and response goes through: the client address, input no view should see, and
headers (a CSP that forbids inline script, framing, HSTS, no caching of staff pages).

Redirects never carry the Host header: Werkzeug builds the trailing-slash 308s (and any `_external`
URL) from it, so a forged `Host: evil.example` would send a visitor there. Locations that name the
request's own host are made relative here, once, for every redirect the app or Werkzeug makes.
"""

import io
import re
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HSTS = "max-age=31536000"
# Staff pages (the login page too) show private data or credentials: no copy in any cache.
STAFF_PATH = re.compile(r"^/[a-z]{2}/staff(/|$)")


def init_app(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto from TRUSTED_PROXIES proxies only; register the hooks."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        # Never x_host: the Host header is not trusted, whoever sets it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.before_request(_refuse_oversized)
    app.before_request(_refuse_nul)
    app.after_request(_headers)
    app.after_request(_relative_location)


def _refuse_oversized():
    """A body larger than MAX_CONTENT_LENGTH is refused with 413, whatever the URL, before it is read whole.

    A declared Content-Length is judged at once. A chunked body has none, and Werkzeug would silently cut it
    at the limit (a truncated form could even be saved), so it is read here up to one byte past the limit:
    more is refused, less is handed on as an ordinary body of known length.
    """
    cap = request.max_content_length
    if cap is None:
        return
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        body = request.environ["wsgi.input"].read(cap + 1)
        if len(body) > cap:
            abort(413)
        request.environ.pop("HTTP_TRANSFER_ENCODING")
        request.environ.update({"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))})
    if (request.content_length or 0) > cap:
        abort(413)


def _refuse_nul():
    """NUL is never part of a URL this site makes, and PostgreSQL refuses it in any string: 400 here,
    once, instead of a 500 from whichever query would have received it. (Form text is cleaned instead:
    clean_text drops NUL, as DECISIONS.md says.)"""
    if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                     for key, value in request.args.items(multi=True)):
        abort(400)


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if current_app.config["BASE_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if STAFF_PATH.match(request.path):
        response.headers["Cache-Control"] = "no-store"
    return response


def _relative_location(response):
    location = response.headers.get("Location")
    if location:
        parts = urlsplit(location)
        if parts.netloc and parts.netloc.lower() == request.host.lower():
            # One leading slash: "//host/..." would name another host again.
            relative = ("", "", "/" + parts.path.lstrip("/"), parts.query, parts.fragment)
            response.headers["Location"] = urlunsplit(relative)
    return response
