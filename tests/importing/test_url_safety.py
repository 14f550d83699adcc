"""The URL-safety table: what an import may fetch, decided before any connection (no network here).

Names resolve through a fake resolver, so the table is the same on every machine; the production
policy (PUBLIC) allows no exception.
"""

import ipaddress

import pytest

from calendar_app.importing import url_safety
from calendar_app.importing.url_safety import PUBLIC, AddressPolicy, FetchError, inet_aton, vet

FAKE_DNS = {
    "example.org": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "xn--mgbh0fb.example": ["93.184.215.14"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata.test": ["169.254.169.254"],
    "v6only.test": ["::1"],
    "mixed.test": ["93.184.215.14", "10.0.0.1"],
    "rebind.test": ["127.0.0.1"],
}


def resolver(host, _port):
    if host not in FAKE_DNS:
        raise OSError("no such host")
    return FAKE_DNS[host]


REFUSED = [  # (url, message id, what the message names)
    ("http://127.0.0.1/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://127.1/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://2130706433/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://0x7f000001/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://0177.0.0.1/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://0x7f.0.0.1/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://017700000001/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://localhost/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://LOCALHOST./cal.ics", url_safety.NOT_PUBLIC, "loopback"),
    ("http://ｌｏｃａｌｈｏｓｔ/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[::1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[::ffff:127.0.0.1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[::ffff:7f00:1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[::127.0.0.1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[64:ff9b::7f00:1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[2002:7f00:1::1]/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://[::ffff:169.254.169.254]/", url_safety.NOT_PUBLIC, "link-local"),
    ("http://0.0.0.0/", url_safety.NOT_PUBLIC, "unspecified"),
    ("http://0/", url_safety.NOT_PUBLIC, "unspecified"),
    ("http://[::]/", url_safety.NOT_PUBLIC, "unspecified"),
    ("http://10.1.2.3/", url_safety.NOT_PUBLIC, "private"),
    ("http://172.16.5.4/", url_safety.NOT_PUBLIC, "private"),
    ("http://192.168.1.1:8080/", url_safety.NOT_PUBLIC, "private"),
    ("http://[fc00::1]/", url_safety.NOT_PUBLIC, "private"),
    ("http://169.254.169.254/latest/meta-data/", url_safety.NOT_PUBLIC, "link-local"),
    ("http://[fe80::1%25eth0]/", url_safety.NOT_PUBLIC, "link-local"),
    ("http://224.0.0.1/", url_safety.NOT_PUBLIC, "multicast"),
    ("http://[ff02::1]/", url_safety.NOT_PUBLIC, "multicast"),
    ("http://240.0.0.1/", url_safety.NOT_PUBLIC, "reserved"),
    ("http://255.255.255.255/", url_safety.NOT_PUBLIC, "reserved"),
    ("http://100.64.0.1/", url_safety.NOT_PUBLIC, "non-global"),
    ("http://192.0.2.10/", url_safety.NOT_PUBLIC, "private"),
    ("http://metadata.test/", url_safety.NOT_PUBLIC, "link-local"),
    ("http://v6only.test/", url_safety.NOT_PUBLIC, "loopback"),
    ("http://mixed.test/", url_safety.NOT_PUBLIC, "private"),
    ("file:///etc/passwd", url_safety.BAD_SCHEME, "file"),
    ("ftp://example.org/cal.ics", url_safety.BAD_SCHEME, "ftp"),
    ("gopher://127.0.0.1:70/", url_safety.BAD_SCHEME, "gopher"),
    ("javascript:alert(1)", url_safety.BAD_SCHEME, "javascript"),
    ("//example.org/cal.ics", url_safety.BAD_SCHEME, "none"),
    ("http://user:pass@example.org/", url_safety.CREDENTIALS, None),
    ("http://example.org:99999/", url_safety.BAD_PORT, None),
    ("http://example.org:0/", url_safety.BAD_PORT, None),
    ("http:///cal.ics", url_safety.NO_HOST, None),
    ("http://999.1.1.1/", url_safety.BAD_HOST, None),
    ("http://08.1.1.1/", url_safety.BAD_HOST, None),
    ("http://nowhere.invalid/", url_safety.NOT_FOUND, None),
]
ALLOWED = [  # (url, address connected to, Host sent)
    ("https://example.org/cal.ics", "93.184.215.14", "example.org"),
    ("http://EXAMPLE.org./cal.ics?x=1", "93.184.215.14", "example.org"),
    ("http://93.184.215.14/", "93.184.215.14", "93.184.215.14"),
    ("http://8.8.8.8:8080/events", "8.8.8.8", "8.8.8.8"),
    ("http://[2606:4700:4700::1111]/", "2606:4700:4700::1111", "2606:4700:4700::1111"),
    ("https://مثال.example/", "93.184.215.14", "xn--mgbh0fb.example"),
]


@pytest.mark.parametrize(("url", "msgid", "named"), REFUSED, ids=[u for u, _, _ in REFUSED])
def test_refused_url(url, msgid, named):
    with pytest.raises(FetchError) as caught:
        vet(url, PUBLIC, resolver)
    assert caught.value.msgid == msgid
    assert named is None or named in caught.value.params.values()


@pytest.mark.parametrize(("url", "address", "host"), ALLOWED, ids=[u for u, _, _ in ALLOWED])
def test_allowed_url_connects_to_the_checked_address(url, address, host):
    target = vet(url, PUBLIC, resolver)
    assert (target.address, target.host) == (address, host)


def test_table_is_large():
    assert len(REFUSED) + len(ALLOWED) >= 20


def test_test_allowance_is_exact_address_and_port():
    policy = AddressPolicy(allow=frozenset({("127.0.0.1", 8001)}))
    assert vet("http://127.0.0.1:8001/x", policy, resolver).address == "127.0.0.1"
    for url in (
        "http://127.0.0.1:8002/x",
        "http://[::1]:8001/x",
        "http://127.0.0.2:8001/x",
        "http://localhost:8001/",
    ):
        with pytest.raises(FetchError):
            vet(url, policy, resolver)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("10.0x10.1", "10.16.0.1"),
        ("0", "0.0.0.0"),
        ("example", None),
        ("1e100", None),
        ("1.2.3.4.5", None),
    ],
)
def test_inet_aton_reads_numeric_hosts_as_the_c_library_does(host, address):
    assert inet_aton(host) == (ipaddress.IPv4Address(address) if address else None)
