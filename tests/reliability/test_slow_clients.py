"""Slow clients (issue 11, point 9): sockets that send half a request and hold it must not stop the
production server (`make serve`'s gunicorn.conf.py) from answering everyone else within a second.
"""

import time

import httpx

from tests.reliability.http_support import open_socket

HALF_REQUESTS = [
    b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow",  # headers never finished
    b"GET /feeds/all.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n",
    b"POST /en/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    b"Content-Length: 5000\r\n\r\nemail=slow",  # body never finished
    b"POST /en/staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nemail=",
]


def _normal_request(url: str) -> float:
    start = time.perf_counter()
    response = httpx.get(url + "/en/", timeout=10)
    assert response.status_code == 200
    return time.perf_counter() - start


def test_four_slow_sockets_do_not_delay_a_normal_request(server, capsys):
    baseline = min(_normal_request(server.url) for _ in range(3))
    slow = [open_socket(server.url) for _ in HALF_REQUESTS]
    try:
        for sock, half in zip(slow, HALF_REQUESTS, strict=True):
            sock.sendall(half)
        time.sleep(1)  # every slow socket has been accepted and is being read
        delays = [_normal_request(server.url) for _ in range(3)]
    finally:
        for sock in slow:
            sock.close()
    with capsys.disabled():
        print(f"\nnormal request: {baseline * 1000:.0f} ms alone, "
              f"{', '.join(f'{d * 1000:.0f}' for d in delays)} ms beside four slow sockets")
    assert max(delays) - baseline < 1.0
