"""Site search: /<lang>/search/?q= over tools, lessons and articles."""

import datetime
import re

import pytest

from articles.models import Status
from tests.articles.factories import ArticleFactory, ToolFactory
from wisebusiness.site_search import MAX_QUERY_LENGTH, clean_query, highlight, search_groups


def search(client, q, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def groups_of(response):
    return {group.kind: group for group in response.context["groups"]}


def make_lesson(**fields):
    from courses.models import Course, Lesson

    course = Course.objects.create(
        title_en="Digital basics",
        slug="digital-basics",
        start_date=datetime.date(2026, 3, 1),
        status="published",
    )
    return Lesson.objects.create(course=course, slug="lesson-one", status="published", **fields)


def test_finds_a_stemmed_italian_word_in_an_article_body(client, db):
    article = ArticleFactory(
        title_it="Come organizzarsi",
        body_it="<p>Abbiamo smesso di perdere le fatture dei clienti.</p>",
    )
    groups = groups_of(search(client, "fattura", language="it"))
    assert groups["articles"].results == [article]
    snippet = str(groups["articles"].results[0].snippet_html)
    assert "<mark>fatture</mark>" in snippet


def test_finds_polish_text_with_an_accentless_query(client, db):
    article = ArticleFactory(body_pl="<p>Nasza spółdzielnia prowadzi księgowość w chmurze.</p>")
    groups = groups_of(search(client, "spoldzielnia ksiegowosc", language="pl"))
    assert groups["articles"].results == [article]
    assert "<mark>spółdzielnia</mark>" in str(groups["articles"].results[0].snippet_html)


def test_falls_back_to_english_content(client, db):
    article = ArticleFactory(title_en="Composting with a spreadsheet", body_en="<p>Plain text.</p>")
    assert groups_of(search(client, "composting", language="de"))["articles"].results == [article]


def test_a_title_hit_ranks_above_a_body_hit(client, db):
    in_body = ArticleFactory(title_en="A year at the farm", body_en="<p>We tried a compost tracker.</p>")
    in_title = ArticleFactory(title_en="Compost tracking made simple", body_en="<p>Plain words.</p>")
    results = groups_of(search(client, "compost"))["articles"].results
    assert results == [in_title, in_body]


def test_results_are_grouped_by_kind_with_counts(client, db):
    for number in range(7):
        ToolFactory(name=f"Invoice helper {number}", summary_en="Send invoices from your phone.")
    ArticleFactory(title_en="Invoices without tears")
    ArticleFactory(title_en="Invoices, the draft", status=Status.DRAFT)
    ArticleFactory(title_en="Nothing to see")

    response = search(client, "invoices")

    groups = groups_of(response)
    assert groups["tools"].count == 7
    assert len(groups["tools"].results) == 5
    assert groups["articles"].count == 1
    assert response.context["total"] == 8
    html = response.content.decode()
    assert 'href="/en/catalogue/?q=invoices"' in html
    assert "Show all 7 tools" in html
    assert "Invoices without tears" in html
    assert "Invoices, the draft" not in html
    assert html.index('id="results-tools"') < html.index('id="results-articles"')


def test_lessons_are_searched_too(client, db):
    lesson = make_lesson(title_en="Planning shifts", body_en="<p>Roster the cleaning teams weekly.</p>")
    groups = groups_of(search(client, "roster"))
    assert groups["lessons"].results == [lesson]
    assert groups["lessons"].count == 1
    assert "Digital basics" in search(client, "roster").content.decode()


def test_one_kind_on_its_own_is_paginated(client, db):
    for number in range(25):
        ArticleFactory(title_en=f"Compost story {number}")
    response = search(client, "compost", kind="articles", page="2")
    groups = response.context["groups"]
    assert [group.kind for group in groups] == ["articles"]
    assert groups[0].count == 25
    assert len(groups[0].results) == 5


def test_search_query_count_is_fixed(client, db, django_assert_max_num_queries):
    for number in range(8):
        ArticleFactory(title_en=f"Compost story {number}", tools=[ToolFactory(summary_en="compost")])
    # a count and a page per kind (+ session/language bookkeeping)
    with django_assert_max_num_queries(8):
        search(client, "compost")


def test_empty_query_gives_a_friendly_page(client, db):
    response = search(client, "")
    html = response.content.decode()
    assert response.context["groups"] == []
    assert "Type a word or two" in html
    assert 'id="search-page-q"' in html


def test_editor_html_never_leaks_through_snippets(client, db):
    ArticleFactory(
        title_en="Safe",
        body_en=(
            '<p>The compost <a href="https://example.org">guide</a> &lt;script&gt;alert(1)&lt;/script&gt;</p>'
        ),
    )
    html = search(client, "compost").content.decode()
    snippet = re.search(r'<p class="site-search__snippet"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "<mark>compost</mark>" in snippet
    assert "<a " not in snippet
    assert "<script" not in snippet
    assert "&lt;script&gt;" in snippet


HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1; DROP TABLE articles_article; --",
    '"unbalanced quote',
    "a & b | !c",
    "!!! ||| &&& :*",
    "(((",
    "compost:*",
    "\\",
    "%",
    "   ",
]


def test_a_nul_byte_in_the_query_is_refused_before_the_search(client, db):
    # editorial.middleware.MalformedRequestMiddleware (tests/security/test_bad_input.py).
    assert client.get("/en/search/", {"q": "\x00compost"}).status_code == 400


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_a_normal_page(client, db, q):
    ArticleFactory(title_en="Compost guide")
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("<h1") == 1


def test_hostile_query_is_shown_escaped(client, db):
    html = search(client, "<b>bold</b>").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_a_very_long_query_is_cut_and_the_page_says_so(client, db):
    ArticleFactory(title_en="Compost guide")
    response = search(client, "compost " * 1000)
    assert response.context["truncated"] is True
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "Your search was very long" in response.content.decode()
    assert response.context["groups"][-1].count == 1


def test_drafts_and_future_articles_are_not_found(client, db):
    ArticleFactory(title_en="Compost draft", status=Status.DRAFT)
    ArticleFactory(
        title_en="Compost future",
        published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    assert groups_of(search(client, "compost"))["articles"].count == 0


def test_the_header_search_box_is_on_every_page(client, db):
    for path in ["/de/", "/de/articles/", "/de/search/?q=x"]:
        html = client.get(path).content.decode()
        assert 'action="/de/search/"' in html
        assert '<label class="visually-hidden" for="header-search-q">' in html
        assert 'type="search" id="header-search-q" name="q"' in html


def test_clean_query():
    assert clean_query("  a\x00b\n  c ") == ("a b c", False)
    query, truncated = clean_query("word " * 100)
    assert truncated and len(query) <= MAX_QUERY_LENGTH and not query.endswith(" ")


def test_highlight_escapes_everything_but_marks():
    raw = "\ue000a\ue001 &lt;b&gt; <i>x</i> \ue000open"
    assert str(highlight(raw)) == "<mark>a</mark> &lt;b&gt; &lt;i&gt;x&lt;/i&gt; <mark>open</mark>"


def test_search_groups_without_a_request(db):
    ArticleFactory(title_en="Compost guide")
    groups = {group.kind: group for group in search_groups("compost", "en")}
    assert groups["articles"].count == 1
