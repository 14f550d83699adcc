"""The serving baseline: a bare WSGI app answering one file's bytes, run by the same gunicorn."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_STATIC_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/calendar; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def app(_environ, start_response):
    """Answer the same bytes to every request."""
    start_response("200 OK", HEADERS)
    return [BODY]
