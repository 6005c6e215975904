import pytest

from tests.articles.factories import ArticleFactory


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/category/",
        "/admin/articles/article/?status__exact=draft",
    ],
)
def test_admin_pages(admin_client, db, url):
    ArticleFactory()
    assert admin_client.get(url).status_code == 200


def test_admin_change_page_has_translation_tabs(admin_client, db):
    article = ArticleFactory()
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "tabbed_translation_fields.js" in html
    assert 'name="title_pl"' in html


def test_publishing_needs_the_english_text(db):
    from articles.models import Status

    article = ArticleFactory(status=Status.DRAFT, body_en="")
    assert set(article.publish_requirements()) == {"body_en"}
    assert article.is_being_published(Status.SCHEDULED)
