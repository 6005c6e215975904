"""The language switcher keeps the visitor on the same page, query included, and remembers the choice."""

import pytest
from django.conf import settings

from tests.i18n.conftest import LANGUAGES, PAGE_KINDS, page_urls
from tests.i18n.html import parse

# List pages with a query: a filtered list stays filtered in the other language.
QUERIES = {
    "catalogue": "?sector=farming&licence=open_source&sort=name",
    "courses": "?country=IT&kind=regional",
    "articles": "?category=story&sector=farming",
    "search": "?q=zebra&kind=articles",
}


def switcher_links(page) -> dict[str, str]:
    return {
        attributes["hreflang"]: attributes["href"]
        for attributes, _text in page.anchors
        if "hreflang" in attributes and attributes.get("lang") == attributes["hreflang"]
    }


@pytest.mark.parametrize("kind", [kind for kind in PAGE_KINDS if kind != "404"])
def test_switcher_keeps_the_same_object(client, db, site, kind):
    urls = {code: page_urls(site, code)[kind] for code in LANGUAGES}
    page = parse(client.get(urls["sl"]).content)

    assert switcher_links(page) == urls
    for url in urls.values():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("kind", QUERIES)
def test_switcher_keeps_the_query_string(client, db, site, kind):
    path = page_urls(site, "hr")[kind].split("?")[0]
    page = parse(client.get(path + QUERIES[kind]).content)

    links = switcher_links(page)
    for code in LANGUAGES:
        assert links[code] == f"/{code}{path.removeprefix('/hr')}{QUERIES[kind]}"


@pytest.mark.parametrize("kind", ["tool", "lesson", "article", "catalogue"])
def test_the_choice_is_remembered(client, db, site, kind):
    response = client.get(page_urls(site, "pl")[kind])

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    assert client.get("/", headers={"accept-language": "de"})["Location"] == "/pl/"
    client.get(page_urls(site, "sl")[kind])
    assert client.get("/", headers={"accept-language": "de"})["Location"] == "/sl/"


def test_a_404_page_does_not_change_the_choice(client, db, site):
    client.get("/hr/")
    client.get(page_urls(site, "pl")["404"])

    assert client.get("/")["Location"] == "/hr/"
