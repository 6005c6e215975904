"""Articles in a real browser, in three languages."""

import pytest

from tests.e2e.conftest import look_at

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "it", "pl"]


@pytest.fixture
def article():
    from articles.models import Article

    article = Article.objects.published().order_by("-published_at").first()
    assert article is not None, "the demo content has a published article"
    return article


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_list(page, language):
    look_at(page, f"/{language}/articles/", f"articles-{language}", phone_axe=language == "en")
    assert page.locator("main .card").count() > 0


def test_filtering_articles_by_keyboard(page):
    page.goto("/en/articles/")
    cards = page.locator("main .card").count()
    select = page.locator("#filter-category")
    options = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    values = [value for value in options if value]
    select.select_option(values[0])
    page.locator(".article-filters button[type=submit]").press("Enter")
    page.wait_for_url(f"**category={values[0]}*")
    assert 0 < page.locator("main .card").count() <= cards


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_page(page, article, language):
    look_at(page, f"/{language}/articles/{article.slug}/", f"article-{language}", phone_axe=language == "en")
    assert page.locator(".article__body").inner_text().strip()


def test_language_switcher_keeps_the_article(page, article):
    page.goto(f"/en/articles/{article.slug}/")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[hreflang="pl"]').click()
    page.wait_for_url(f"**/pl/articles/{article.slug}/")
    assert page.locator("html").get_attribute("lang") == "pl"
