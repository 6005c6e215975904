"""Fetching a publiccode.yml by address: only public addresses, checked again at each redirect.

Private, loopback and link-local addresses are refused before any connection is made (no
request leaves for them); the one server that answers is the test's own on 127.0.0.1, named
in PUBLICCODE_FETCH_ALLOWED_HOSTS as the setting allows for tests.
"""

import pytest

from api.fetch import FetchError, fetch, is_public_address
from tests.api.http_server import LocalServer


@pytest.fixture
def server(settings):
    settings.PUBLICCODE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.PUBLICCODE_FETCH_TIMEOUT = 1.0
    with LocalServer() as local:
        yield local


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "255.255.255.255"],
)  # fmt: skip
def test_non_public_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111"])
def test_public_addresses_are(address):
    assert is_public_address(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/publiccode.yml",
        "http://127.0.0.2/publiccode.yml",
        "http://[::1]/publiccode.yml",
        "http://[::ffff:127.0.0.1]/publiccode.yml",
        "http://2130706433/publiccode.yml",  # 127.0.0.1 written as one number
        "http://10.0.0.7/publiccode.yml",
        "http://192.168.0.10/publiccode.yml",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/x",
        "http://0.0.0.0/x",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(settings, url):
    settings.PUBLICCODE_FETCH_ALLOWED_HOSTS = [
        "127.0.0.1"
    ]  # by name only: not "localhost", not other spellings
    with pytest.raises(FetchError, match="private network"):
        fetch(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "gopher://example.org/",
        "http://user:secret@example.org/",
        "http:///x",
    ],
)
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(FetchError):
        fetch(url)


def test_the_allowed_test_host_is_fetched(server):
    server.add("/publiccode.yml", b"name: Test\n", Content_Type="application/yaml")
    fetched = fetch(server.url("/publiccode.yml"))
    assert fetched.content == b"name: Test\n"
    assert fetched.content_type == "application/yaml"


def test_the_allowed_host_by_another_name_is_refused(server):
    server.add("/publiccode.yml", b"name: Test\n")
    with pytest.raises(FetchError, match="private network"):
        fetch(server.url("/publiccode.yml", host="localhost"))
    assert server.requests == []


def test_a_redirect_is_checked_again(server):
    server.add("/moved", b"", status=302, Location=server.url("/publiccode.yml", host="localhost"))
    with pytest.raises(FetchError, match="private network"):
        fetch(server.url("/moved"))
    assert server.requests == ["/moved"]


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/"]
)
def test_a_redirect_into_a_private_network_is_refused(server, target):
    server.add("/moved", b"", status=301, Location=target)
    with pytest.raises(FetchError, match="private network"):
        fetch(server.url("/moved"))


def test_allowed_redirects_are_followed_a_few_times(server):
    server.add("/a", b"", status=302, Location="/b")
    server.add("/b", b"", status=307, Location=server.url("/c"))
    server.add("/c", b"name: C\n")
    assert fetch(server.url("/a")).content == b"name: C\n"
    server.add("/loop", b"", status=302, Location="/loop")
    with pytest.raises(FetchError, match="too many"):
        fetch(server.url("/loop"))


def test_a_file_over_the_size_cap_is_refused(server, settings):
    settings.PUBLICCODE_MAX_BYTES = 10_000
    server.add("/big", b"x" * 20_000)
    server.add("/big-chunked", b"x" * 20_000, Transfer_Encoding="chunked")
    for path in ("/big", "/big-chunked"):
        with pytest.raises(FetchError, match="larger than"):
            fetch(server.url(path))


def test_a_slow_server_times_out(server):
    server.add("/slow", b"name: Slow\n", X_Sleep="1")
    with pytest.raises(FetchError, match="too long"):
        fetch(server.url("/slow"))


def test_an_error_status_is_an_error(server):
    with pytest.raises(FetchError, match="404"):
        fetch(server.url("/missing"))
