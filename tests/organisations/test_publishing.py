"""Drafts save whatever is missing; publishing names exactly what is missing (articles' admin)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    from articles.models import Category

    return Category.objects.create(slug="guides", name_en="Guides")


def article_data(category, **fields):
    data = {
        "slug": "una-guida",
        "status": "draft",
        "published_at_0": "2026-01-10",
        "published_at_1": "10:00:00",
        "category": category.pk,
        "title_it": "Una guida",
        "summary_it": "Solo in italiano",
        "body_it": "<p>Testo</p>",
    }
    data.update(fields)
    return data


def test_a_draft_in_italian_only_saves(client, editor_a, org_a, category):
    from articles.models import Article

    client.force_login(editor_a)
    response = client.post(reverse("admin:articles_article_add"), article_data(category))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="una-guida")
    assert article.title_it == "Una guida" and not article.title_en
    assert article.organisation == org_a


def test_publishing_names_every_missing_english_field(client, editor_a, category):
    from articles.models import Article

    client.force_login(editor_a)
    response = client.post(reverse("admin:articles_article_add"), article_data(category, status="published"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"title_en", "summary_en", "body_en"}
    assert "Title (English) is needed to publish." in errors["title_en"][0]
    assert not Article.objects.exists()

    complete = article_data(
        category, status="published", title_en="A guide", summary_en="In English", body_en="<p>Text</p>"
    )
    response = client.post(reverse("admin:articles_article_add"), complete)
    assert response.status_code == 302
    assert Article.objects.get().status == "published"


def test_the_publish_action_reports_what_is_missing(client, editor_a, org_a, category):
    from articles.models import Article

    article = Article.objects.create(
        slug="draft", title_it="Bozza", summary_it="x", category=category, organisation=org_a
    )
    client.force_login(editor_a)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
        follow=True,
    )
    text = " ".join(str(message) for message in response.context["messages"])
    assert "was not published" in text and "Title (English)" in text
    article.refresh_from_db()
    assert article.status == "draft"
