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


def test_hero_alt_texts_describe_the_drawn_picture():
    """The demo heroes are drawings (hills and a sun): the alt text says so, not a photograph."""
    import json

    from articles.demo import DEMO_DIR, HERO_COLOUR_NAMES, sun_side

    sides = {"left": "on the left", "middle": "in the middle", "right": "on the right"}
    for path in sorted(DEMO_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        alt = data["hero_alt"]
        assert set(alt) == {"en", "it", "de", "fr", "sl", "hr", "pl"} and all(alt.values()), path.name
        assert alt["en"].startswith("Drawing: rolling hills"), path.name
        assert f"layers of {HERO_COLOUR_NAMES[data['category']]}" in alt["en"], path.name
        assert alt["en"].endswith(f"a pale sun {sides[sun_side(data['slug'])]}"), path.name
