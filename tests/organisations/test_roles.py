"""The two roles exist on a fresh database and hold exactly the rights the issue asks for."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from organisations.roles import PARTNER_EDITOR, SITE_MANAGER
from organisations.scoping import is_site_manager

pytestmark = pytest.mark.django_db


def codenames(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_groups_exist_after_migrate():
    editor = codenames(PARTNER_EDITOR)
    assert {"add_tool", "change_tool", "delete_tool", "view_tool", "view_sector"} <= editor
    assert not {"change_sector", "add_need", "change_organisation", "change_user"} & editor
    manager = codenames(SITE_MANAGER)
    assert {"change_sector", "change_need", "change_organisation", "access_all_organisations"} <= manager


def test_setup_roles_restores_a_tampered_group(capsys):
    group = Group.objects.get(name=PARTNER_EDITOR)
    group.permissions.clear()
    call_command("setup_roles")
    assert "change_tool" in codenames(PARTNER_EDITOR)
    assert "Partner editor" in capsys.readouterr().out


def test_site_manager_flag(editor_a, manager, admin_user):
    assert not is_site_manager(editor_a)
    assert is_site_manager(manager)
    assert is_site_manager(admin_user)


def test_a_partner_editor_cannot_change_taxonomies_or_users(client, editor_a):
    from catalogue.models import Sector

    sector = Sector.objects.create(name="Farming", slug="farming")
    client.force_login(editor_a)
    assert (
        client.get(reverse("admin:catalogue_sector_change", args=[sector.pk])).status_code == 200
    )  # view only
    response = client.post(
        reverse("admin:catalogue_sector_change", args=[sector.pk]), {"name_en": "Changed", "slug": "farming"}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
