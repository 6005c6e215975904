"""Organisations and memberships: site managers manage them, an editor only sees their own."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_editor_sees_only_their_organisation(client, editor_a, editor_b, org_a, org_b):
    client.force_login(editor_a)
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert [org.slug for org in response.context["cl"].result_list] == ["org-a"]
    assert client.get(reverse("admin:organisations_organisation_change", args=[org_b.pk])).status_code == 403
    response = client.post(
        reverse("admin:organisations_organisation_change", args=[org_a.pk]),
        {"name": "Renamed", "slug": "org-a", "country": "IT"},
    )
    assert response.status_code == 403
    memberships = client.get(reverse("admin:organisations_membership_changelist")).context["cl"].result_list
    assert [m.user.username for m in memberships] == ["editor-a"]


def test_site_manager_manages_organisations(client, manager, org_a, org_b):
    client.force_login(manager)
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert {org.slug for org in response.context["cl"].result_list} == {"org-a", "org-b"}
    response = client.post(
        reverse("admin:organisations_organisation_change", args=[org_b.pk]),
        {
            "name": "Org B renamed",
            "slug": "org-b",
            "country": "HR",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    org_b.refresh_from_db()
    assert org_b.name == "Org B renamed"
