"""HTTP behaviour of the API: ETag and 304, Cache-Control, CORS for GET only, throttling."""

import gzip
import json

import pytest


def test_answers_carry_an_etag_and_revalidate_with_304(data, client):
    response = client.get("/api/v1/tools/?lang=hr")
    assert response.status_code == 200
    etag = response["ETag"]
    assert response["Cache-Control"] == "public, max-age=300"
    again = client.get("/api/v1/tools/?lang=hr", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    # Another language is another answer.
    assert client.get("/api/v1/tools/?lang=de", headers={"if-none-match": etag}).status_code == 200


def test_compressed_answers_revalidate_too(data, client):
    response = client.get("/api/v1/tools/?lang=hr", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] == 3
    assert response["ETag"].startswith('W/"')  # gzip's bytes differ each time: a weak ETag
    again = client.get(
        "/api/v1/tools/?lang=hr", headers={"accept-encoding": "gzip", "if-none-match": response["ETag"]}
    )
    assert again.status_code == 304


def test_a_change_changes_the_etag(data, client):
    etag = client.get("/api/v1/tools/gnucash/")["ETag"]
    data["gnucash"].name = "GnuCash 5"
    data["gnucash"].save()
    response = client.get("/api/v1/tools/gnucash/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response.json()["name"] == "GnuCash 5"


@pytest.mark.parametrize(
    "url", ["/api/v1/catalogue.jsonld", "/api/v1/catalogue.csv", "/api/v1/tools/gnucash/publiccode.yml"]
)
def test_exports_are_cached_like_the_rest(data, client, url):
    response = client.get(url)
    assert response.status_code == 200 and response.has_header("ETag")
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_errors_are_never_stored(data, client):
    assert client.get("/api/v1/tools/nope/")["Cache-Control"] == "no-store"
    assert client.get("/api/v1/tools/?page_size=1000")["Cache-Control"] == "no-store"


def test_cors_is_open_for_reading(data, client):
    response = client.get("/api/v1/tools/", headers={"origin": "https://partner.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight_allows_get_only(data, client):
    preflight = client.options(
        "/api/v1/tools/",
        headers={"origin": "https://partner.example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    allowed = {method.strip() for method in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_no_cors_outside_the_api(data, client):
    response = client.get("/en/catalogue/", headers={"origin": "https://partner.example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_clients_are_throttled_by_address(data, client, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/sectors/").status_code == 200
    response = client.get("/api/v1/needs/")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    # Another address has its own count.
    assert client.get("/api/v1/sectors/", REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_throttle_counts_the_client_behind_the_proxy(data, client, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        client.get("/api/v1/sectors/", headers={"x-forwarded-for": "198.51.100.1"})
    assert client.get("/api/v1/sectors/", headers={"x-forwarded-for": "198.51.100.1"}).status_code == 429
    assert client.get("/api/v1/sectors/", headers={"x-forwarded-for": "198.51.100.2"}).status_code == 200
