"""The two editing roles, as Django groups with permissions.

Kept in code, not set by hand: a ``post_migrate`` handler and ``manage.py setup_roles`` both
call :func:`sync_roles`, so a fresh database gets the groups and a later content model gets
its permissions on the next ``migrate``.

Which models they cover is said by the models themselves: every model with a
``partner_editor_actions`` attribute (``editorial.models.Publishable`` has all four; shared
lists such as sectors say ``("view",)``) is managed by site managers, and partner editors
get the actions it names, on their own organisation's objects only (``editorial.ownership``).
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy as _

PARTNER_EDITOR = "Partner editor"
SITE_MANAGER = "Site manager"
ROLE_LABELS = {PARTNER_EDITOR: _("Partner editor"), SITE_MANAGER: _("Site manager")}

# This app's own models: partner editors see their organisation and its editors.
OWN_MODELS_EDITOR_ACTIONS = {"organisation": ("view",), "membership": ("view",)}
EXTRA = {
    PARTNER_EDITOR: [("organisations", "view_translationstatus")],
    SITE_MANAGER: [("organisations", "access_all_organisations"), ("auth", "view_user")],
}


def _codenames(model, actions) -> set[tuple[str, str]]:
    return {(model._meta.app_label, f"{action}_{model._meta.model_name}") for action in actions}


def wanted_permissions(apps=global_apps) -> dict[str, set[tuple[str, str]]]:
    """Role name -> {(app_label, codename)} for the models installed now."""
    editor = {*EXTRA[PARTNER_EDITOR]}
    manager = {*EXTRA[SITE_MANAGER]}
    for model in apps.get_models():
        if model._meta.app_label == "organisations":
            actions = OWN_MODELS_EDITOR_ACTIONS.get(model._meta.model_name)
        else:
            actions = getattr(model, "partner_editor_actions", None)
        if actions is None:
            continue
        editor |= _codenames(model, actions)
        manager |= _codenames(model, model._meta.default_permissions)
    return {PARTNER_EDITOR: editor, SITE_MANAGER: manager}


def sync_roles(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Create both groups and set exactly their permissions. Returns role -> number of permissions."""
    # post_migrate reaches this app before the apps after it in INSTALLED_APPS have had their
    # permissions created: create them all now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    counts = {}
    for role, wanted in wanted_permissions(apps).items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = [
            permission
            for permission in Permission.objects.using(using).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)
        counts[role] = len(permissions)
    return counts


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` handler: a content model added later gets its permissions on the next migrate."""
    sync_roles(using=using)
