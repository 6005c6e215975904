"""A partner editor of organisation A cannot reach organisation B's content through any admin door."""

import pytest
from reversion.models import Version

from catalogue.models import Tool
from tests.organisations.conftest import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisations.urls")]


def change_data(tool, **overrides):
    data = {
        "name": tool.name,
        "slug": tool.slug,
        "summary_en": tool.summary_en,
        "summary_it": tool.summary_it or "",
        "description_en": "",
        "licence": tool.licence,
        "price_model": tool.price_model,
        "status": tool.status,
    }
    data.update(overrides)
    return data


def test_changelist_lists_only_own_organisation(client, editor_a, tool_a, tool_b):
    client.force_login(editor_a)
    response = client.get(admin_url("changelist"))
    assert response.status_code == 200
    shown = {tool.slug for tool in response.context["cl"].result_list}
    assert shown == {"tool-a"}


def test_site_manager_lists_everything(client, manager, tool_a, tool_b):
    client.force_login(manager)
    response = client.get(admin_url("changelist"))
    assert {tool.slug for tool in response.context["cl"].result_list} == {"tool-a", "tool-b"}


def test_other_organisations_change_url_is_forbidden(client, editor_a, tool_b):
    client.force_login(editor_a)
    assert client.get(admin_url("change", tool_b.pk)).status_code == 403


def test_crafted_post_for_another_organisation_saves_nothing(client, editor_a, tool_b):
    client.force_login(editor_a)
    response = client.post(admin_url("change", tool_b.pk), change_data(tool_b, summary_en="Hijacked"))
    assert response.status_code == 403
    tool_b.refresh_from_db()
    assert tool_b.summary_en == "tool-b in English"


def test_delete_of_another_organisations_object_is_forbidden(client, editor_a, tool_b):
    client.force_login(editor_a)
    assert client.get(admin_url("delete", tool_b.pk)).status_code == 403
    assert client.post(admin_url("delete", tool_b.pk), {"post": "yes"}).status_code == 403
    assert Tool.objects.filter(pk=tool_b.pk).exists()


def test_bulk_delete_action_cannot_reach_another_organisation(client, editor_a, tool_a, tool_b):
    client.force_login(editor_a)
    client.post(
        admin_url("changelist"),
        {"action": "delete_selected", "_selected_action": [tool_b.pk], "post": "yes"},
    )
    assert Tool.objects.filter(pk=tool_b.pk).exists()


def test_history_compare_and_revision_views_are_forbidden(client, editor_a, tool_b):
    version = Version.objects.get_for_object(tool_b).first()
    client.force_login(editor_a)
    assert client.get(admin_url("history", tool_b.pk)).status_code == 403
    compare = admin_url("compare", tool_b.pk) + f"?version_id1={version.pk}&version_id2={version.pk}"
    assert client.get(compare).status_code == 403
    assert client.get(admin_url("revision", tool_b.pk, version.pk)).status_code == 403
    assert client.post(admin_url("revision", tool_b.pk, version.pk), change_data(tool_b)).status_code == 403


def test_a_version_of_another_object_cannot_be_smuggled_through_ones_own(client, editor_a, tool_a, tool_b):
    foreign = Version.objects.get_for_object(tool_b).first()
    client.force_login(editor_a)
    assert client.get(admin_url("revision", tool_a.pk, foreign.pk)).status_code == 404


def test_recover_list_and_recover_view_hide_other_organisations(client, editor_a, manager, tool_a, tool_b):
    client.force_login(manager)
    for tool in (tool_a, tool_b):
        assert client.post(admin_url("delete", tool.pk), {"post": "yes"}).status_code == 302
    deleted_b = Version.objects.get_deleted(Tool).get(object_id=str(tool_b.pk))

    client.force_login(editor_a)
    response = client.get(admin_url("recoverlist"))
    assert response.status_code == 200
    assert {v.object_repr for v in response.context["deleted"]} == {"Tool-A"}
    assert client.get(admin_url("recover", deleted_b.pk)).status_code == 403
    assert client.post(admin_url("recover", deleted_b.pk), change_data(tool_b)).status_code == 403
    assert not Tool.objects.filter(slug="tool-b").exists()


def test_site_manager_can_view_change_and_see_history(client, manager, tool_b):
    client.force_login(manager)
    assert client.get(admin_url("change", tool_b.pk)).status_code == 200
    assert client.get(admin_url("history", tool_b.pk)).status_code == 200
    response = client.post(
        admin_url("change", tool_b.pk), change_data(tool_b, summary_en="Edited by manager")
    )
    assert response.status_code == 302
    tool_b.refresh_from_db()
    assert tool_b.summary_en == "Edited by manager"


def test_editor_cannot_reassign_the_organisation(client, editor_a, tool_a, org_b):
    client.force_login(editor_a)
    response = client.post(admin_url("change", tool_a.pk), change_data(tool_a, organisation=org_b.pk))
    assert response.status_code == 302
    tool_a.refresh_from_db()
    assert tool_a.organisation.slug == "org-a"


def test_new_tool_of_an_editor_belongs_to_their_organisation(client, editor_a, org_a):
    client.force_login(editor_a)
    data = change_data(
        Tool(
            name="New",
            slug="new-tool",
            summary_en="Short",
            licence="proprietary",
            price_model="free",
            status="draft",
        )
    )
    response = client.post(admin_url("add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Tool.objects.get(slug="new-tool").organisation == org_a


def test_export_contains_only_own_organisation(rf, editor_a, tool_a, tool_b):
    from tests.organisations.admin_site import site

    model_admin = site._registry[Tool]
    request = rf.get(admin_url("export"))
    request.user = editor_a
    assert {tool.slug for tool in model_admin.get_export_queryset(request)} == {"tool-a"}


def test_export_download_contains_only_own_organisation(client, editor_a, tool_a, tool_b):
    client.force_login(editor_a)
    response = client.post(
        admin_url("export"),
        {"format": "0", "resource": "0", "toolresource_slug": "on", "toolresource_name": "on"},
    )
    assert response.status_code == 200, response.content[:500]
    body = response.content.decode()
    assert "tool-a" in body
    assert "tool-b" not in body


@pytest.mark.parametrize("model_name", ["catalogue.tool", "organisations.organisation"])
def test_a_website_typed_without_scheme_is_taken_as_https(rf, model_name):
    from django.apps import apps
    from django.contrib import admin as django_admin
    from django.contrib.auth.models import AnonymousUser

    model = apps.get_model(model_name)
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    model_admin = django_admin.site._registry[model]
    field = model_admin.formfield_for_dbfield(model._meta.get_field("website"), request)
    assert field.clean("www.example.org") == "https://www.example.org"
