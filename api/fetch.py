"""Fetching a file a partner editor names by address, without letting the address reach inside.

An address typed into the admin is hostile until checked (SSRF): only http and https, no user
name or password in it, and the host's addresses are resolved first and every one must be a
public address (not private, loopback, link-local, reserved, multicast or shared); the
connection then goes to the checked address itself, so a second DNS answer cannot swap it.
Redirects are followed by hand, each hop checked again. Every read has a timeout and the body
a size cap. ``PUBLICCODE_FETCH_ALLOWED_HOSTS`` exempts named hosts from the address check:
a test server on 127.0.0.1, never a production setting.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext

MAX_REDIRECTS = 3
USER_AGENT = "WISE-Business-publiccode-import/1.0"


class FetchError(ValueError):
    """The address cannot be fetched: the message says why, in words an editor understands."""


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


def _allowed_hosts() -> set[str]:
    return {host.lower() for host in getattr(settings, "PUBLICCODE_FETCH_ALLOWED_HOSTS", [])}


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) of ``url``, or FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(gettext("This is not a valid web address.")) from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(gettext("Only http:// and https:// addresses can be fetched."))
    host = (parts.hostname or "").lower()
    if not host:
        raise FetchError(gettext("This is not a valid web address."))
    if parts.username or parts.password:
        raise FetchError(gettext("Addresses with a user name or password are not fetched."))
    port = port or (443 if scheme == "https" else 80)
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(gettext("The host of this address could not be found.")) from error
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    if not addresses:
        raise FetchError(gettext("The host of this address could not be found."))
    if host not in _allowed_hosts() and not all(is_public_address(address) for address in addresses):
        raise FetchError(
            gettext("This address points into a private network; only public addresses are fetched.")
        )
    return scheme, host, port, addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the host name resolves to now."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> Fetched:
    """GET ``url`` (following at most MAX_REDIRECTS checked redirects): its body, at most ``max_bytes``."""
    max_bytes = max_bytes or settings.PUBLICCODE_MAX_BYTES
    timeout = timeout or settings.PUBLICCODE_FETCH_TIMEOUT
    deadline = time.monotonic() + timeout
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = checked_target(url)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout=timeout)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(gettext("The server answered with a redirect to nowhere."))
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(
                    gettext("The server answered %(status)d instead of the file.")
                    % {"status": response.status}
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(too_large(max_bytes))
            body = bytearray()
            while len(body) <= max_bytes:
                if time.monotonic() > deadline:
                    raise FetchError(gettext("The server took too long to answer."))
                chunk = response.read(min(65536, max_bytes + 1 - len(body)))
                if not chunk:
                    break
                body.extend(chunk)
            if len(body) > max_bytes:
                raise FetchError(too_large(max_bytes))
            return Fetched(url=url, content=bytes(body), content_type=response.getheader("Content-Type", ""))
        except TimeoutError as error:
            raise FetchError(gettext("The server took too long to answer.")) from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(gettext("The server could not be reached.")) from error
        finally:
            connection.close()
    raise FetchError(gettext("The address redirects too many times."))


def too_large(max_bytes: int) -> str:
    return gettext("The file is larger than %(limit)d kB.") % {"limit": max_bytes // 1024}
