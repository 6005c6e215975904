"""Reading the sitemap as a crawler does: the index at /sitemap.xml, then every page of every section."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def section_urls(client) -> list[str]:
    """The local paths (with their ?p=) of every sitemap page the index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    paths = []
    for location in index.findall("s:sitemap/s:loc", NS):
        parts = urlsplit(location.text)
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def full_sitemap(client) -> ET.Element:
    """One ``<urlset>`` with the entries of every section page, in the index's order."""
    urlset = ET.Element(f"{{{NS['s']}}}urlset")
    for path in section_urls(client):
        response = client.get(path)
        assert response.status_code == 200, path
        urlset.extend(ET.fromstring(response.content).findall("s:url", NS))
    return urlset


def full_sitemap_text(client) -> str:
    """The section pages' XML as served, one after the other (for text searches)."""
    return "\n".join(client.get(path).content.decode() for path in section_urls(client))
