"""Rich text: the prose editor writes only allowed tags, and XSS payloads never survive a save."""

import pytest
from django_prose_editor.config import allowlist_from_extensions

from catalogue.models import Tool
from editorial.richtext import ALLOWED_TAGS, PROSE_EDITOR_EXTENSIONS
from tests.organisations.conftest import admin_url, make_tool
from tests.organisations.test_admin_scoping import change_data

PAYLOADS = [
    '<p>Hi</p><script>alert("x")</script>',
    '<p><img src="x.png" onerror="alert(1)"></p>',
    '<p><a href="javascript:alert(1)">click</a></p>',
    '<iframe src="https://evil.example/"></iframe><p>after</p>',
    '<p onclick="alert(1)" style="color:red">styled</p>',
]


def test_the_editor_allows_only_what_the_sanitizer_keeps():
    allowed = allowlist_from_extensions(PROSE_EDITOR_EXTENSIONS)
    assert set(allowed["tags"]) <= ALLOWED_TAGS


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_are_stripped_on_save(org_a, payload):
    tool = make_tool(org_a, "xss", description_en=payload, description_it=payload)
    tool.refresh_from_db()
    for html in (tool.description_en, tool.description_it):
        lowered = html.lower()
        for bad in ("<script", "onerror", "javascript:", "<iframe", "onclick", "style="):
            assert bad not in lowered


@pytest.mark.django_db
@pytest.mark.urls("tests.organisations.urls")
def test_admin_uses_the_prose_editor_and_strips_payloads(client, editor_a, tool_a):
    client.force_login(editor_a)
    page = client.get(admin_url("change", tool_a.pk)).content.decode()
    assert "data-django-prose-editor-configurable" in page
    assert 'id="id_description_it"' in page  # every language tab gets the editor
    payload = "".join(PAYLOADS)
    response = client.post(admin_url("change", tool_a.pk), change_data(tool_a, description_en=payload))
    assert response.status_code == 302
    saved = Tool.objects.get(pk=tool_a.pk).description_en.lower()
    assert "<script" not in saved and "onerror" not in saved and "javascript:" not in saved
    assert "<iframe" not in saved and "after" in saved


@pytest.mark.django_db
def test_the_admin_change_form_loads_only_this_sites_assets(client, editor_a, org_a):
    from django.urls import reverse

    from articles.models import Article, Category

    category = Category.objects.create(slug="guides", name_en="Guides")
    article = Article.objects.create(
        slug="a", title_en="A", summary_en="S", category=category, organisation=org_a
    )
    client.force_login(editor_a)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "editorial/vendor/jquery-ui.min.js" in html
    assert "editorial/admin/translation_tab.js" in html
    assert "data-django-prose-editor-configurable" in html
    assert "googleapis" not in html and "//cdn" not in html
    assert 'href="/en/articles/a/?preview=1"' in html
