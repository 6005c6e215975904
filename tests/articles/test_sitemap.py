import datetime

from django.conf import settings
from django.utils import timezone

from articles.models import Status
from tests.articles.factories import ArticleFactory
from tests.sitemaps import full_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_urls(client):
    return {url.find("s:loc", NS).text: url for url in full_sitemap(client).findall("s:url", NS)}


def test_sitemap_lists_published_articles_in_every_language(client, db):
    ArticleFactory(slug="public")
    ArticleFactory(slug="draft", status=Status.DRAFT)
    ArticleFactory(slug="future", published_at=timezone.now() + datetime.timedelta(days=1))

    urls = sitemap_urls(client)

    for code, _name in settings.LANGUAGES:
        assert f"http://testserver/{code}/articles/public/" in urls
        assert f"http://testserver/{code}/articles/" in urls
    assert not [url for url in urls if "/draft/" in url or "/future/" in url]
    alternates = urls["http://testserver/it/articles/public/"].findall("x:link", NS)
    hreflangs = {link.get("hreflang") for link in alternates}
    assert hreflangs == {code for code, _name in settings.LANGUAGES} | {"x-default"}
