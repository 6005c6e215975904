"""The include on the tool detail page: articles about a tool."""

from django.template.loader import render_to_string

from articles.models import Status
from tests.articles.factories import ArticleFactory, ToolFactory


def test_tool_articles_lists_published_articles_about_the_tool(
    db, django_assert_num_queries, with_tool_section
):
    tool = ToolFactory(name="SumUp")
    ArticleFactory(title_en="Card payments at the market", tools=[tool])
    ArticleFactory(title_en="A draft about SumUp", tools=[tool], status=Status.DRAFT)
    ArticleFactory(title_en="About something else", tools=[ToolFactory()])

    with django_assert_num_queries(1):
        tool = with_tool_section(tool, "articles/_tool_articles.html")
        html = render_to_string("articles/_tool_articles.html", {"tool": tool})

    assert "Articles about SumUp" in html
    assert "Card payments at the market" in html
    assert "A draft about SumUp" not in html
    assert "About something else" not in html


def test_tool_articles_is_empty_without_articles(db, with_tool_section):
    tool = with_tool_section(ToolFactory(), "articles/_tool_articles.html")
    assert render_to_string("articles/_tool_articles.html", {"tool": tool}).strip() == ""


def test_tool_detail_page_lists_the_articles(client, db):
    tool = ToolFactory(slug="sumup", name="SumUp")
    ArticleFactory(title_en="Card payments at the market", tools=[tool])
    response = client.get("/en/catalogue/sumup/")
    assert response.status_code == 200
    assert "Card payments at the market" in response.content.decode()
