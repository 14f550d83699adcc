"""Which URLs an import may fetch: http(s) to public addresses only, decided before connecting.

A URL staff paste could point the server at itself or its network (127.0.0.1, 10.x, the cloud
metadata address 169.254.169.254) and show them what it finds. So every URL, and every redirect,
goes through `vet()`:
- http or https only; no user name or password in it (nothing is ever sent on to another host);
- the host is read the way the C library would read it: "2130706433", "0x7f000001", "0177.0.0.1"
  and "127.1" are all 127.0.0.1 (inet_aton), so they are parsed here, not sent to DNS;
- a name is resolved once, and *every* address it resolves to must be public: not loopback,
  private, link-local, multicast, reserved, unspecified or otherwise not global, including IPv4
  addresses inside IPv6 ones (::ffff:127.0.0.1, ::127.0.0.1, 64:ff9b::/96, 6to4, Teredo);
- the fetcher then connects to the very address checked here (fetch.py), so a DNS answer that
  changes between check and connect (rebinding) cannot swap it.
`AddressPolicy` can allow exact (address, port) pairs besides public ones; only tests do, for the
HTTP server they start on 127.0.0.1 (DECISIONS.md: import is tested against a local server).
"""

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .notes import N_

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

BAD_SCHEME = N_("Only http and https addresses can be imported (this one is %(scheme)s).")
CREDENTIALS = N_("Addresses with a user name or password cannot be imported.")
NO_HOST = N_("The address has no host name.")
BAD_PORT = N_("The port of %(url)s is not a valid port.")
BAD_HOST = N_("%(host)s is not a valid host name or address.")
NOT_FOUND = N_("%(host)s cannot be found (DNS).")
NOT_PUBLIC = N_("%(host)s is the %(kind)s address %(address)s: only public addresses are fetched.")
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(Exception):
    """A URL that is refused or could not be fetched: a message id and its parameters for staff."""

    def __init__(self, msgid: str, **params):
        super().__init__(msgid % params)
        self.msgid, self.params = msgid, params


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses, plus these exact (address, port) pairs (tests: their own local server)."""

    allow: frozenset[tuple[str, int]] = frozenset()

    def refusal(self, address: IPAddress, port: int) -> str | None:
        """Why this address may not be used ("loopback", "private"...), or None when it may."""
        if (str(address), port) in self.allow:
            return None
        return kind_of(address)


PUBLIC = AddressPolicy()


@dataclass(frozen=True)
class Target:
    """A vetted URL: where to connect (the checked address) and what to ask for."""

    url: str
    scheme: str
    host: str  # as sent in Host and TLS SNI (IDNA)
    port: int
    address: str
    path: str  # path and query


def kind_of(address: IPAddress) -> str | None:
    """The kind of non-public address this is, or None for a public unicast address."""
    inner = embedded_ipv4(address)
    if inner is not None and kind_of(inner) is not None:
        return kind_of(inner)
    for kind, test in (
        ("unspecified", "is_unspecified"),
        ("loopback", "is_loopback"),
        ("link-local", "is_link_local"),
        ("multicast", "is_multicast"),
        ("reserved", "is_reserved"),
        ("private", "is_private"),
    ):
        if getattr(address, test):
            return kind
    return None if address.is_global else "non-global"


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4, Teredo), if any."""
    if address.version != 6:
        return None
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64 or (int(address) >> 32 == 0 and int(address) > 1):  # 64:ff9b::a.b.c.d, ::a.b.c.d
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def inet_aton(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address the C library reads in a numeric host ("127.1", "0x7f000001", "0177.0.0.1"),
    None when the host is not numeric; ValueError when it looks numeric but is no address."""
    labels = host.lower().split(".")
    if len(labels) > 4 or not all(_NUMERIC_LABEL.match(label) for label in labels):
        return None
    *head, last = [_label_value(label) for label in labels]
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        raise ValueError(host)
    value = 0
    for n in head:
        value = value * 256 + n
    return ipaddress.IPv4Address(value * 256 ** (4 - len(head)) + last)


def _label_value(label: str) -> int:
    """One part of a numeric host: 0x… is hex, a leading 0 octal (0189 is no number), else decimal."""
    if label.startswith("0x"):
        return int(label[2:] or "0", 16)
    return int(label, 8) if len(label) > 1 and label.startswith("0") else int(label)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system's resolver gives for the host (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def vet(url: str, policy: AddressPolicy = PUBLIC, resolver: Resolver = system_resolver) -> Target:
    """The Target to connect to for `url`, or FetchError saying why it is refused."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(BAD_SCHEME, scheme=scheme or "none")
    if parts.username is not None or parts.password is not None:
        raise FetchError(CREDENTIALS)
    port = _port(parts, url, scheme)
    host = _host(parts.hostname)
    addresses = _addresses(host, port, resolver)
    for address in addresses:
        kind = policy.refusal(address, port)
        if kind is not None:
            raise FetchError(NOT_PUBLIC, host=host, kind=kind, address=str(address))
    path = parts.path or "/"
    return Target(
        url.strip(), scheme, host, port, str(addresses[0]), path + (f"?{parts.query}" if parts.query else "")
    )


def _port(parts, url: str, scheme: str) -> int:
    try:
        port = parts.port
    except ValueError:
        raise FetchError(BAD_PORT, url=url[:200]) from None
    if port == 0:
        raise FetchError(BAD_PORT, url=url[:200])
    return port or (443 if scheme == "https" else 80)


def _host(hostname: str | None) -> str:
    """The host as it goes on the wire: lower case, no trailing dot, IDNA for non-ASCII names."""
    if not hostname:
        raise FetchError(NO_HOST)
    host = hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    except UnicodeError:
        raise FetchError(BAD_HOST, host=hostname[:200]) from None
    if not host:
        raise FetchError(NO_HOST)
    return host


def _addresses(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    """The literal address, the one inet_aton reads, or every address the resolver gives."""
    try:
        return [ipaddress.ip_address(host.split("%")[0] if ":" in host else host)]
    except ValueError:
        pass
    try:
        numeric = inet_aton(host)
    except ValueError:
        raise FetchError(BAD_HOST, host=host[:200]) from None
    if numeric is not None:
        return [numeric]
    try:
        found = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host, port)]
    except (OSError, UnicodeError, ValueError):
        raise FetchError(NOT_FOUND, host=host[:200]) from None
    if not found:
        raise FetchError(NOT_FOUND, host=host[:200])
    return found
