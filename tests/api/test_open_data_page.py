"""The Open data page in seven languages, and where the site points to it."""

import pytest

from editorial.languages import LANGUAGE_CODES

HEADINGS = {
    "en": "Open data",
    "it": "Dati aperti",
    "de": "Offene Daten",
    "fr": "Données ouvertes",
    "sl": "Odprti podatki",
    "hr": "Otvoreni podaci",
    "pl": "Otwarte dane",
}


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_the_page_in_every_language_links_everything(data, client, language):
    response = client.get(f"/{language}/open-data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert f"<h1>{HEADINGS[language]}</h1>" in html
    for url in [
        "/api/v1/docs/",
        "/api/v1/schema/",
        "/api/v1/catalogue.jsonld",
        "/api/v1/catalogue.csv",
        "/api/v1/skos/sectors.jsonld",
        "/api/v1/skos/needs.jsonld",
        "/api/v1/tools/gnucash/publiccode.yml",
    ]:
        assert f'href="{url}' in html, url
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "CC BY 4.0" in html
    assert "secret-draft" not in html  # a draft open-source tool has no publiccode.yml


def test_the_footer_links_the_page(data, client):
    assert 'href="/hr/open-data/"' in client.get("/hr/").content.decode()


def test_the_page_is_in_the_sitemap_in_every_language(data, client):
    assert "http://testserver/sitemap-pages.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    for language in LANGUAGE_CODES:
        assert f"http://testserver/{language}/open-data/" in sitemap


def test_robots_keep_crawlers_out_of_the_api_but_not_its_documentation(db, client):
    robots = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /api/" in robots
    assert robots.index("Allow: /api/v1/docs/") < robots.index("Disallow: /api/")


def test_the_documentation_page_is_self_hosted(db, client):
    response = client.get("/api/v1/docs/", headers={"accept-language": "de"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>API-Dokumentation" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle" in html
    assert 'data-schema-url="/api/v1/schema/?format=json"' in html
    assert "<script>" not in html and "<style>" not in html and "style=" not in html
    assert "http" not in html.replace('href="/', "").split("<body>")[0]  # no third-party asset
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
