"""A local HTTP server for the fetch tests (DECISIONS.md: import is tested against a local server).

Routes are functions of the request handler; every request is recorded (path and headers) so a
test can check what reached the server, and what did not.
"""

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:wps-2024@test\r\n"
    b"DTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240305\r\nDTEND;VALUE=DATE:20240308\r\n"
    b"SUMMARY:World Police Summit 2024\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
PAGE = (
    '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":'
    '"ExhibitionEvent","name":"معرض الدوحة","inLanguage":"ar",'
    '"startDate":"2024-10-29","endDate":"2024-10-31"}'
    "</script></head><body></body></html>"
).encode()


def _send(handler, status=200, body=b"", headers=()):
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    if not any(name.lower() in ("content-length", "transfer-encoding") for name, _ in headers):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _chunked(handler, size):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/calendar")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"x" * 65536
    for _ in range(size // len(chunk)):
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    handler.wfile.write(b"0\r\n\r\n")


def _drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/calendar")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for _ in range(100):  # at most 20 s, and the client hangs up long before
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.2)


ROUTES = {
    "/event.ics": lambda h, _q: _send(
        h, body=ICS, headers=[("Content-Type", "text/calendar; charset=utf-8")]
    ),
    "/page.html": lambda h, _q: _send(h, body=PAGE, headers=[("Content-Type", "text/html; charset=UTF-8")]),
    "/echo": lambda h, _q: _send(
        h, body=json.dumps(dict(h.headers)).encode(), headers=[("Content-Type", "text/html")]
    ),
    "/redirect": lambda h, q: _send(h, 302, headers=[("Location", q["to"][0])]),
    "/set-cookie": lambda h, _q: _send(
        h, 302, headers=[("Location", "/echo"), ("Set-Cookie", "session=secret")]
    ),
    "/loop": lambda h, _q: _send(h, 302, headers=[("Location", "/loop")]),
    "/no-location": lambda h, _q: _send(h, 302),
    "/missing": lambda h, _q: _send(h, 404, b"no"),
    "/json": lambda h, _q: _send(h, body=b"{}", headers=[("Content-Type", "application/json")]),
    "/untyped": lambda h, _q: _send(h, body=ICS),
    "/gzip": lambda h, _q: _send(
        h, body=b"\x1f\x8b", headers=[("Content-Type", "text/calendar"), ("Content-Encoding", "gzip")]
    ),
    "/big-declared": lambda h, _q: _send(
        h, body=b"x", headers=[("Content-Type", "text/calendar"), ("Content-Length", str(3 * 1024 * 1024))]
    ),
    "/big-chunked": lambda h, _q: _chunked(h, 3 * 1024 * 1024),
    "/drip": lambda h, _q: _drip(h),
    "/slow-headers": lambda h, _q: (
        time.sleep(2),
        _send(h, body=ICS, headers=[("Content-Type", "text/calendar")]),
    ),
}


class Server:
    """A running server: its port and the requests it received."""

    def __init__(self, httpd):
        self.httpd = httpd
        self.port = httpd.server_address[1]
        self.requests: list[tuple[str, dict]] = []

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@contextmanager
def serving():
    """Start a server on 127.0.0.1 and a free port; stop it after the block."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            server.requests.append((self.path, dict(self.headers)))
            route = ROUTES.get(parts.path)
            try:
                route(self, parse_qs(parts.query)) if route else _send(self, 404)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = Server(httpd)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
