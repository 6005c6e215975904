"""Every link a page builds from the request path stays on this site, error pages included."""

import re

import pytest

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""\s(?:href|src|content|action)="([^"]*)\"""")


def off_site_links(html: str) -> list[str]:
    links = []
    for link in LINK.findall(html):
        if link.startswith(("//", "/\\", "\\")) or re.match(r"^[a-z][a-z0-9+.-]*://(?!testserver[/:])", link):
            links.append(link)
    return links


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/en/",
        "///evil.example/en/",
        "/\\evil.example/en/",
        "//evil.example/en/catalogue/",
        "/en//evil.example/",
        "//evil.example/it/no-such-page/?q=1",
    ],
)
def test_links_built_from_a_hostile_path_stay_on_the_site(client, path):
    response = client.get("/", PATH_INFO=path.split("?")[0], QUERY_STRING=path.partition("?")[2])
    assert response.status_code in (200, 301, 302, 404)
    html = response.content.decode()
    assert off_site_links(html) == []
    if response.status_code in (301, 302):
        assert not response["Location"].startswith(("//", "/\\"))


def test_the_404_switcher_links_are_paths_of_this_site(client):
    response = client.get("/", PATH_INFO="//evil.example/en/")
    assert response.status_code == 404
    switcher = re.findall(r'href="([^"]*)" hreflang="(\w+)"', response.content.decode())
    assert switcher, "the language switcher is on the 404 page"
    assert all(href.startswith("/") and not href.startswith("//") for href, _language in switcher)


def test_alternates_of_a_real_page_are_absolute_on_this_host(client):
    response = client.get("/en/catalogue/")
    alternates = re.findall(
        r'<link rel="alternate" hreflang="[\w-]+" href="([^"]*)"', response.content.decode()
    )
    assert alternates and all(link.startswith("http://testserver/") for link in alternates)
