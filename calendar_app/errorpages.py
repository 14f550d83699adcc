"""Error answers: plain text for feeds and the API, the page layout for pages; nothing leaks."""

from flask import Flask, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from . import db
from .languages import DEFAULT, digits, is_language

PLAIN_PREFIXES = ("/feeds/", "/api/")


def init_app(app: Flask) -> None:
    """Register one handler for every HTTP error and one for unexpected exceptions."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(exc: HTTPException):
    if _wants_plain():
        return f"{exc.code} {exc.name}\n", exc.code, {"Content-Type": "text/plain; charset=utf-8"}
    if not g.get("lang"):
        first = request.path.strip("/").split("/", 1)[0]
        g.lang = first if is_language(first) else None
    max_kb = digits((current_app.config["MAX_CONTENT_LENGTH"] or 0) // 1024, g.lang or DEFAULT)
    return render_template("error.html", code=exc.code, error=exc, max_kb=max_kb), exc.code


def _unexpected(_exc: Exception):
    # Logged by Flask; the visitor sees a generic page and the half-done transaction is undone.
    current_app.logger.exception("Unhandled error on %s", request.path)
    db.session().rollback()
    return _http_error(InternalServerError())


def _wants_plain() -> bool:
    path = request.path
    return path.endswith((".ics", ".json")) or path.startswith(PLAIN_PREFIXES)
