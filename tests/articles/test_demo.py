from django.conf import settings

from articles import demo
from articles.models import Article, Category


def test_demo_loads_and_is_idempotent(db):
    first = demo.load()
    articles = Article.objects.count()
    images = {article.slug: article.hero_image.name for article in Article.objects.all()}

    second = demo.load()

    assert articles >= 8, first
    assert Article.objects.count() == articles
    assert Category.objects.count() == 4
    assert {a.slug: a.hero_image.name for a in Article.objects.all()} == images  # not drawn again
    assert "0 articles created" in second
    assert "0 hero images drawn" in second

    for category in Category.objects.all():
        for code, _name in settings.LANGUAGES:
            assert getattr(category, f"name_{code}"), (category.slug, code)
    for article in Article.objects.all():
        assert article.hero_image and article.hero_width == 1200
        for code, _name in settings.LANGUAGES:
            assert getattr(article, f"title_{code}"), (article.slug, code)
            assert getattr(article, f"body_{code}"), (article.slug, code)
    assert Article.objects.published().count() == articles
