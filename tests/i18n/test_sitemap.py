"""/sitemap.xml: valid XML, every published tool, course, lesson and article once per language, with
hreflang alternates, and no draft."""

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from tests.i18n.conftest import LANGUAGES
from tests.sitemaps import full_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def sitemap(client, db, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    ET.fromstring(response.content)  # raises on invalid XML
    return full_sitemap(client)  # the index's sections, each page parsed the same way


def published_paths(site) -> list[str]:
    """Every published object's path without the language prefix."""
    course = site["course"]
    return [
        f"/catalogue/{site['tool'].slug}/",
        f"/catalogue/{site['english_tool'].slug}/",
        f"/courses/{course.slug}/",
        f"/courses/{course.slug}/{site['lesson'].slug}/",
        f"/courses/{course.slug}/{site['english_lesson'].slug}/",
        f"/articles/{site['article'].slug}/",
        f"/articles/{site['english_article'].slug}/",
    ]


def test_every_published_object_once_per_language(sitemap, site):
    locations = Counter(url.find("s:loc", NS).text for url in sitemap.findall("s:url", NS))

    for path in published_paths(site):
        for code in LANGUAGES:
            assert locations[f"http://testserver/{code}{path}"] == 1, (code, path)
    assert set(locations.values()) == {1}, "no address is listed twice"


def test_every_entry_has_its_alternates(sitemap, site):
    for url in sitemap.findall("s:url", NS):
        location = url.find("s:loc", NS).text
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(links) == {*LANGUAGES, "x-default"}, location
        language = location.removeprefix("http://testserver/").split("/")[0]
        assert links[language] == location
        path = location.removeprefix(f"http://testserver/{language}")
        assert links == {
            **{code: f"http://testserver/{code}{path}" for code in LANGUAGES},
            "x-default": f"http://testserver{path}",
        }


def test_no_draft(sitemap, site):
    text = ET.tostring(sitemap, encoding="unicode")
    drafts = site["drafts"]
    for slug in [drafts["tool"].slug, drafts["course"].slug, drafts["lesson"].slug, drafts["article"].slug]:
        assert f"/{slug}/" not in text
    assert "lesson-of-a-draft-course" not in text


def test_the_x_default_leads_to_the_visitors_language(client, sitemap):
    """x-default is the address without a language: it redirects by the visitor's language."""
    for url in sitemap.findall("s:url", NS)[:: len(LANGUAGES)]:
        x_default = next(
            link.get("href") for link in url.findall("x:link", NS) if link.get("hreflang") == "x-default"
        )
        response = client.get(
            x_default.removeprefix("http://testserver"), headers={"accept-language": "hr"}, follow=True
        )
        assert response.status_code == 200, x_default
        assert response.redirect_chain[-1][0].startswith("/hr/")


def test_the_section_pages_in_every_language(sitemap):
    locations = Counter(url.find("s:loc", NS).text for url in sitemap.findall("s:url", NS))

    for path in ["/", "/catalogue/", "/courses/", "/mooc/", "/articles/"]:
        for code in LANGUAGES:
            assert locations[f"http://testserver/{code}{path}"] == 1, (code, path)
