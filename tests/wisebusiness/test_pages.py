import re

import pytest
from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_home_page_in_every_language(client, db, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'href="#main"' in html  # skip link
    assert 'id="main"' in html


def test_root_redirects_by_accept_language(client, db):
    response = client.get("/", headers={"accept-language": "pl,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == "/pl/"


def test_root_redirects_to_english_for_an_unknown_language(client, db):
    response = client.get("/", headers={"accept-language": "ja"})
    assert response["Location"] == "/en/"


def test_language_switcher_links_point_to_the_same_page(client, db):
    html = client.get("/de/catalogue/?sector=farming").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code in LANGUAGE_CODES:
        assert f'href="/{code}/catalogue/?sector=farming" hreflang="{code}"' in switcher


def test_hreflang_alternates_on_every_page(client, db):
    html = client.get("/it/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))
    assert alternates == {
        **{code: f"http://testserver/{code}/" for code in LANGUAGE_CODES},
        "x-default": "http://testserver/en/",
    }


def test_the_language_read_last_is_remembered(client, db):
    response = client.get("/hr/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hr"
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/hr/"


def test_unknown_language_prefix_gives_the_404_page(client, db):
    response = client.get("/xx/")
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_404_page_is_translated(client, db):
    response = client.get("/fr/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


def test_main_navigation_and_footer(client, db):
    html = client.get("/en/").content.decode()
    for href in ["/en/catalogue/", "/en/courses/", "/en/articles/", "/en/mooc/"]:
        assert f'href="{href}"' in html
    assert "co-funded by the European Union" in html


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_security_headers(client, db):
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_make_no_third_party_requests(client, db):
    html = client.get("/en/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    external = [url for url in sources if url.startswith(("http:", "https:", "//"))]
    assert all(url.startswith("http://testserver/") for url in external), external


def test_server_error_page_in_the_visitors_language(client, db, settings):
    from django.utils import translation

    from wisebusiness.views import server_error

    with translation.override("it"):
        response = server_error(client.get("/it/").wsgi_request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "Qualcosa non ha funzionato da parte nostra" in html


def test_error_pages_have_no_alternates_or_canonical(client, db):
    html = client.get("/fr/no-such-page/").content.decode()
    assert 'rel="alternate"' not in html
    assert 'rel="canonical"' not in html


def test_dates_read_naturally_in_every_language(settings):
    import datetime

    from django.utils import formats, translation

    expected = {
        "en": "5 March 2026",
        "it": "5 marzo 2026",
        "de": "5. März 2026",
        "fr": "5 mars 2026",
        "sl": "5. marca 2026",
        "hr": "5. ožujka 2026.",
        "pl": "5 marca 2026",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert formats.date_format(datetime.date(2026, 3, 5), "DATE_FORMAT") == text
