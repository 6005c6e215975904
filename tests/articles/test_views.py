import datetime
import json
import re

import pytest
import time_machine
from django.utils import timezone

from articles.models import Status
from editorial.models import Status as ToolStatus
from tests.articles.factories import ArticleFactory, CategoryFactory, SectorFactory, ToolFactory


def test_list_shows_published_articles_newest_first(client, db):
    older = ArticleFactory(title_en="Older story", published_at=timezone.now() - datetime.timedelta(days=9))
    newer = ArticleFactory(title_en="Newer story", published_at=timezone.now() - datetime.timedelta(days=1))
    ArticleFactory(title_en="Secret draft", status=Status.DRAFT)
    ArticleFactory(title_en="Future story", published_at=timezone.now() + datetime.timedelta(days=1))

    response = client.get("/en/articles/")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [newer, older]
    html = response.content.decode()
    assert html.index("Newer story") < html.index("Older story")
    assert "Secret draft" not in html
    assert "Future story" not in html
    assert html.count("<h1") == 1


def test_list_filters_by_category_and_sector(client, db):
    farming = SectorFactory(slug="farming")
    guide = ArticleFactory(category=CategoryFactory(slug="guide"), sectors=[farming])
    story = ArticleFactory(category=CategoryFactory(slug="case-story"), sectors=[farming])
    ArticleFactory(category=CategoryFactory(slug="case-story"))

    assert list(client.get("/en/articles/?category=guide").context["articles"]) == [guide]
    by_both = client.get("/en/articles/?category=case-story&sector=farming").context["articles"]
    assert list(by_both) == [story]


@pytest.mark.parametrize(
    "query",
    [
        "?category=no-such-thing",
        "?sector=%3Cscript%3E",
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?category=guide&category=news&sector=",
    ],
)
def test_list_ignores_bad_parameters(client, db, query):
    article = ArticleFactory()
    response = client.get(f"/en/articles/{query}")
    assert response.status_code == 200
    assert article in response.context["articles"]
    assert "<script>" not in response.content.decode()


def test_a_nul_byte_is_refused_before_the_list_reads_it(client, db):
    # editorial.middleware.MalformedRequestMiddleware (tests/security/test_bad_input.py).
    assert client.get("/en/articles/?category=%00").status_code == 400


def test_an_unknown_filter_says_it_was_ignored(client, db):
    ArticleFactory()
    html = client.get("/en/articles/?category=nope").content.decode()
    assert "not recognised and were ignored: “nope”" in html


def test_list_is_paginated(client, db):
    for day in range(14):
        ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=day + 1))
    first = client.get("/en/articles/")
    assert len(first.context["articles"]) == 12
    assert 'rel="next"' in first.content.decode()
    second = client.get("/en/articles/?page=2")
    assert len(second.context["articles"]) == 2


@pytest.mark.parametrize("count", [1, 15])
def test_list_query_count_is_fixed(client, db, django_assert_max_num_queries, count):
    sector = SectorFactory()
    for _ in range(count):
        ArticleFactory(sectors=[sector], tools=[ToolFactory()])
    # categories, sectors, count, page (+ session/language bookkeeping)
    with django_assert_max_num_queries(5):
        response = client.get(f"/en/articles/?sector={sector.slug}")
    assert response.status_code == 200


def test_list_links_the_atom_feed(client, db):
    html = client.get("/de/articles/").content.decode()
    feed_link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html).group(0)
    assert 'href="http://testserver/de/articles/feed/"' in feed_link


def test_detail_page(client, db):
    tool = ToolFactory(name="SumUp", slug="sumup")
    hidden_tool = ToolFactory(name="Hidden tool", status=ToolStatus.DRAFT)
    farming = SectorFactory(slug="farming", name_en="Farming")
    article = ArticleFactory(
        slug="selling-online",
        title_en="Selling vegetables online",
        summary_en="How a farm sells boxes of vegetables.",
        body_en="<h2>The start</h2><p>" + " ".join(["word"] * 450) + "</p>",
        published_at=datetime.datetime(2026, 3, 14, 9, 0, tzinfo=datetime.UTC),
        tools=[tool, hidden_tool],
        sectors=[farming],
    )

    response = client.get("/en/articles/selling-online/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Selling vegetables online" in html
    assert "3 minute read" in html
    assert '<time datetime="2026-03-14T10:00:00+01:00">14 March 2026</time>' in html
    assert '<div class="prose article__body" lang="en">' in html
    assert '<a href="/en/catalogue/sumup/">SumUp</a>' in html
    assert "Hidden tool" not in html
    assert 'href="/en/articles/?sector=farming"' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Selling vegetables online">' in html
    assert '<meta name="twitter:description" content="How a farm sells boxes of vegetables.">' in html
    assert 'type="application/atom+xml"' in html

    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "Article"
    assert ld["headline"] == "Selling vegetables online"
    assert ld["url"] == "http://testserver/en/articles/selling-online/"
    assert ld["author"] == {"@type": "Person", "name": "Ana Horvat"}
    assert ld["datePublished"].startswith("2026-03-14")
    assert article.pk


def test_detail_date_and_text_in_the_visitors_language(client, db):
    ArticleFactory(
        slug="story",
        title_en="A story",
        title_de="Eine Geschichte",
        body_en="<p>English only body.</p>",
        published_at=datetime.datetime(2026, 3, 14, 9, 0, tzinfo=datetime.UTC),
    )
    html = client.get("/de/articles/story/").content.decode()
    assert '<h1 lang="de">Eine Geschichte</h1>' in html
    assert "14. März 2026" in html
    # The body is not translated: shown in English, marked as English, with the note.
    assert '<div class="prose article__body" lang="en">' in html
    assert 'class="notice notice--warning fallback-note"' in html


def test_detail_has_no_fallback_note_when_translated(client, db):
    ArticleFactory(slug="story", title_it="Una storia", body_it="<p>Testo italiano.</p>")
    html = client.get("/it/articles/story/").content.decode()
    assert "fallback-note" not in html
    assert '<div class="prose article__body" lang="it">' in html


def test_detail_json_ld_cannot_close_the_script(client, db):
    ArticleFactory(slug="story", title_en="</script><script>alert(1)</script>")
    html = client.get("/en/articles/story/").content.decode()
    assert "<script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html


def test_related_articles_share_tools_or_sectors(client, db):
    tool = ToolFactory()
    article = ArticleFactory(slug="main", tools=[tool], category=CategoryFactory(slug="news"))
    related = ArticleFactory(title_en="Same tool", tools=[tool], category=CategoryFactory(slug="guide"))
    ArticleFactory(title_en="Unrelated", category=CategoryFactory(slug="interview"))
    ArticleFactory(title_en="Draft with same tool", tools=[tool], status=Status.DRAFT)

    response = client.get("/en/articles/main/")

    assert response.context["related_articles"] == [related]
    assert article not in response.context["related_articles"]


@pytest.mark.parametrize("count", [1, 6])
def test_detail_query_count_is_fixed(client, db, django_assert_max_num_queries, count):
    tools = [ToolFactory() for _ in range(count)]
    sectors = [SectorFactory() for _ in range(count)]
    ArticleFactory(slug="main", tools=tools, sectors=sectors)
    for _ in range(count):
        ArticleFactory(tools=tools[:1])
    # article, tools, sectors, related articles (+ session/language bookkeeping)
    with django_assert_max_num_queries(5):
        response = client.get("/en/articles/main/")
    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["no-such-article", "draft", "future"])
def test_unknown_draft_or_future_slug_gives_404(client, db, slug):
    ArticleFactory(slug="draft", status=Status.DRAFT)
    ArticleFactory(slug="future", published_at=timezone.now() + datetime.timedelta(hours=1))
    response = client.get(f"/en/articles/{slug}/")
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


def test_future_article_becomes_readable_at_its_time(client, db):
    now = timezone.now()
    ArticleFactory(slug="soon", status=Status.SCHEDULED, published_at=now + datetime.timedelta(hours=2))
    assert client.get("/en/articles/soon/").status_code == 404
    with time_machine.travel(now + datetime.timedelta(hours=3)):
        assert client.get("/en/articles/soon/").status_code == 200


def test_staff_can_preview_a_draft_visitors_cannot(client, admin_client, db):
    ArticleFactory(slug="draft", title_en="Work in progress", status=Status.DRAFT)
    assert client.get("/en/articles/draft/?preview=1").status_code == 404
    response = admin_client.get("/en/articles/draft/?preview=1")
    assert response.status_code == 200
    assert "Work in progress" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert admin_client.get("/en/articles/draft/").status_code == 404
