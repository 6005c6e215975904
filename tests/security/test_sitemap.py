"""/sitemap.xml is an index of bounded sections: no request renders the whole site."""

import xml.etree.ElementTree as ET

import pytest

from editorial.sitemaps import TranslatedSitemap
from tests.catalogue.factories import ToolFactory
from tests.sitemaps import NS, full_sitemap, section_urls
from wisebusiness.sitemaps import SITEMAPS

pytestmark = pytest.mark.django_db


def test_the_sitemap_is_an_index_of_one_section_per_kind(client):
    ToolFactory(slug="odoo")
    paths = section_urls(client)
    assert {path.split("?")[0] for path in paths} == {f"/sitemap-{section}.xml" for section in SITEMAPS}


def test_every_section_is_bounded_and_paged(client, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(TranslatedSitemap, "limit", 14)  # two tools in seven languages per page
    for number in range(5):
        ToolFactory(slug=f"tool-{number}")
    tool_pages = [path for path in section_urls(client) if path.startswith("/sitemap-tools.xml")]
    assert tool_pages == ["/sitemap-tools.xml", "/sitemap-tools.xml?p=2", "/sitemap-tools.xml?p=3"]
    for path in tool_pages:
        with django_assert_max_num_queries(3):
            entries = ET.fromstring(client.get(path).content).findall("s:url", NS)
        assert len(entries) <= 14
    locations = [url.find("s:loc", NS).text for url in full_sitemap(client).findall("s:url", NS)]
    assert sum("/en/catalogue/tool-" in location for location in locations) == 5


@pytest.mark.parametrize(
    "path", ["/sitemap-nothing.xml", "/sitemap-tools.xml?p=99", "/sitemap-tools.xml?p=abc"]
)
def test_unknown_sections_and_pages_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_every_sitemap_of_the_index_is_bounded():
    for section, sitemap in SITEMAPS.items():
        assert issubclass(sitemap, TranslatedSitemap), section
        assert 0 < sitemap.limit <= 1000, section
