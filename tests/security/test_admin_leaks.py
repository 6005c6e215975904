"""A partner editor sees nothing of another partner's content in the admin: not in list filters,
autocomplete, "View on site" redirects, history or messages."""

import re

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from catalogue.models import Tool
from editorial.admin import limited_choices
from editorial.models import Status
from tests.articles.factories import ArticleFactory
from tests.courses.factories import CourseFactory, LessonFactory
from tests.organisations.conftest import make_tool

pytestmark = pytest.mark.django_db

SECRET = "Secret draft of org B"


@pytest.fixture
def content(org_a, org_b):
    """Org A's course, lesson, tool and article; org B's the same, all drafts with telling names."""
    own_course = CourseFactory(slug="own-course", title_en="Own course", organisation=org_a)
    their_course = CourseFactory(
        slug="their-draft-course", title_en=SECRET, organisation=org_b, status=Status.DRAFT
    )
    return {
        "own_course": own_course,
        "their_course": their_course,
        "own_lesson": LessonFactory(course=own_course, slug="own-lesson"),
        # Two own courses, so the lesson list's "course" filter has something to offer.
        "other_own_course": CourseFactory(slug="other-own-course", organisation=org_a),
        "their_lesson": LessonFactory(course=their_course, slug="their-lesson", title_en=SECRET),
        "own_tool": make_tool(org_a, "own-tool"),
        "their_tool": make_tool(org_b, "their-draft-tool", name=SECRET, status=Status.DRAFT),
        "their_article": ArticleFactory(
            slug="their-draft-article", title_en=SECRET, organisation=org_b, status=Status.DRAFT
        ),
    }


def filter_panel(html: str) -> str:
    match = re.search(r'<nav id="changelist-filter".*?</nav>', html, re.S)
    assert match, "the changelist has its filter panel"
    return match.group(0)


@pytest.mark.parametrize(
    ("url", "own_name"),
    [
        ("/admin/courses/lesson/", "Own course"),
        ("/admin/catalogue/tool/", "Org A"),
        ("/admin/articles/article/", "Org A"),
        ("/admin/courses/moocclick/", None),
    ],
)
def test_list_filters_name_only_the_editors_own_related_objects(client, editor_a, content, url, own_name):
    from courses.models import MoocClick

    MoocClick.objects.record(language="en", course=content["their_course"], module="")
    MoocClick.objects.record(language="en", course=content["own_course"], module="")
    client.force_login(editor_a)
    response = client.get(url)
    if response.status_code == 403:  # no view permission on this list at all: nothing shown
        return
    panel = filter_panel(response.content.decode())
    assert SECRET not in panel
    assert "Org B" not in panel
    if own_name:
        assert own_name in panel


def test_every_related_list_filter_of_partner_content_is_scoped():
    from editorial.admin import OwnedObjectMixin, ScopedRelatedFieldListFilter

    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, OwnedObjectMixin):
            continue
        for entry in model_admin.get_list_filter(None):
            name = entry if isinstance(entry, str) else entry[0] if isinstance(entry, tuple) else None
            if isinstance(name, str) and "__" not in name:
                field = model._meta.get_field(name)
                if field.is_relation:
                    assert entry == (name, ScopedRelatedFieldListFilter), f"{model.__name__}.{name}"


def test_the_site_manager_filters_by_every_organisations_courses(client, manager, content):
    client.force_login(manager)
    assert SECRET in filter_panel(client.get("/admin/courses/lesson/").content.decode())


def relation_fields():
    """Every (model, field) whose related model has an admin with search fields: what an
    autocomplete request may name."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.remote_field):
                continue
            remote_admin = admin.site._registry.get(field.remote_field.model)
            if remote_admin and remote_admin.search_fields:
                yield model, field


def test_autocomplete_offers_only_what_the_form_would_for_every_field(client, editor_a, content):
    client.force_login(editor_a)
    for model, field in relation_fields():
        response = client.get(
            "/admin/autocomplete/",
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field.name,
            },
        )
        if response.status_code in (403, 404):
            continue
        assert response.status_code == 200, (model, field)
        results = response.json()["results"]
        assert SECRET not in str(results), f"{model.__name__}.{field.name}"
        allowed = limited_choices(field, model, editor_a)
        if allowed is not None:
            offered = {str(result["id"]) for result in results}
            assert offered <= {str(pk) for pk in allowed.values_list("pk", flat=True)}, (model, field)


def test_autocomplete_of_related_tools_offers_own_and_published_tools(client, editor_a, org_b, content):
    published_of_b = make_tool(org_b, "published-of-b", name="Published of B", status=Status.PUBLISHED)
    client.force_login(editor_a)
    response = client.get(
        "/admin/autocomplete/", {"app_label": "articles", "model_name": "article", "field_name": "tools"}
    )
    names = {result["text"] for result in response.json()["results"]}
    assert {"Own-Tool", published_of_b.name} <= names
    assert SECRET not in names


def shortcut_url(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.mark.parametrize("key", ["their_tool", "their_course", "their_lesson", "their_article"])
def test_view_on_site_does_not_redirect_to_another_partners_draft(client, editor_a, content, key):
    client.force_login(editor_a)
    response = client.get(shortcut_url(content[key]))
    assert response.status_code == 404
    assert content[key].slug not in response.content.decode()


def test_view_on_site_still_redirects_to_ones_own_objects(client, editor_a, manager, content):
    client.force_login(editor_a)
    response = client.get(shortcut_url(content["own_tool"]))
    assert response.status_code == 302
    assert response["Location"].endswith("/catalogue/own-tool/")
    client.force_login(manager)
    assert client.get(shortcut_url(content["their_tool"])).status_code == 302


def test_view_on_site_of_nonsense_is_404_and_anonymous_users_log_in_first(client, editor_a, content):
    assert client.get(shortcut_url(content["own_tool"])).status_code == 302  # to the login page
    assert "/admin/login/" in client.get(shortcut_url(content["own_tool"]))["Location"]
    client.force_login(editor_a)
    assert client.get("/admin/r/99999/1/").status_code == 404
    assert (
        client.get(f"/admin/r/{ContentType.objects.get_for_model(Tool).pk}/not-a-number/").status_code == 404
    )


def test_history_of_another_partners_object_shows_nothing_of_it(client, editor_a, content):
    tool = content["their_tool"]
    with reversion.create_revision():
        tool.summary_en = "A changed secret summary"
        tool.save()
    client.force_login(editor_a)
    for url in [
        f"/admin/catalogue/tool/{tool.pk}/history/",
        f"/admin/catalogue/tool/{tool.pk}/history/compare/",
        "/admin/catalogue/tool/recover/",
    ]:
        response = client.get(url)
        assert SECRET not in response.content.decode(), url
        assert "secret summary" not in response.content.decode(), url


def test_recent_actions_and_messages_name_only_ones_own_work(client, editor_a, editor_b, content):
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=editor_b.pk, queryset=[content["their_tool"]], action_flag=CHANGE, change_message="edited"
    )
    client.force_login(editor_a)
    assert SECRET not in client.get("/admin/").content.decode()
    # A bulk action over ids that include another partner's: it is neither changed nor named.
    response = client.post(
        "/admin/catalogue/tool/",
        {
            "action": "unpublish_selected",
            "_selected_action": [content["own_tool"].pk, content["their_tool"].pk],
        },
        follow=True,
    )
    assert SECRET not in response.content.decode()
    assert Tool.objects.get(pk=content["their_tool"].pk).status == Status.DRAFT
