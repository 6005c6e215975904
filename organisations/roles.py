"""The two editing roles, as Django groups with permissions.

Kept in code, not set by hand: a data migration, a ``post_migrate`` handler and
``manage.py setup_roles`` all call :func:`sync_roles`, so a fresh database gets the
groups and a later content model gets its permissions on the next ``migrate``.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy as _

PARTNER_EDITOR = "Partner editor"
SITE_MANAGER = "Site manager"
ROLE_LABELS = {PARTNER_EDITOR: _("Partner editor"), SITE_MANAGER: _("Site manager")}

ALL_ACTIONS = ("add", "change", "delete", "view")

# Content a partner editor writes: every action, on their own organisation's objects only
# (the admin mixins scope querysets and object checks).
EDITOR_CONTENT = [
    "catalogue.tool",
    "courses.course",
    "courses.lesson",
    "courses.attachment",
    "articles.article",
]
# Shared lists a partner editor picks from but does not change.
EDITOR_VIEW_ONLY = [
    "catalogue.sector",
    "catalogue.need",
    "articles.category",
    "organisations.organisation",
    "organisations.membership",
]
# Apps whose every model a site manager manages.
SITE_MANAGER_APPS = ["catalogue", "courses", "articles", "organisations"]
EXTRA = {
    PARTNER_EDITOR: ["organisations.view_translationstatus"],
    SITE_MANAGER: ["organisations.access_all_organisations", "auth.view_user"],
}


def _codenames(label: str, actions) -> list[tuple[str, str]]:
    app_label, model_name = label.split(".")
    return [(app_label, f"{action}_{model_name}") for action in actions]


def wanted_permissions(apps=global_apps) -> dict[str, set[tuple[str, str]]]:
    """Role name -> {(app_label, codename)} for the models installed now."""

    def installed(label: str) -> bool:
        app_label, model_name = label.split(".")
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            return False
        return True

    editor = set()
    for label in EDITOR_CONTENT:
        if installed(label):
            editor.update(_codenames(label, ALL_ACTIONS))
    for label in EDITOR_VIEW_ONLY:
        if installed(label):
            editor.update(_codenames(label, ["view"]))
    manager = set()
    for app_label in SITE_MANAGER_APPS:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in app_config.get_models():
            manager.update(
                _codenames(f"{app_label}.{model._meta.model_name}", model._meta.default_permissions)
            )
    for role, extra in ((PARTNER_EDITOR, editor), (SITE_MANAGER, manager)):
        extra.update(tuple(name.split(".")) for name in EXTRA[role])
    return {PARTNER_EDITOR: editor, SITE_MANAGER: manager}


def sync_roles(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Create both groups and set exactly their permissions. Returns role -> number of permissions."""
    # Permissions are normally created after *all* migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        # Historical app configs (in a migration) have no models module; create_permissions
        # skips those, so mark them as having one for the call (Django's documented recipe).
        stub = getattr(app_config, "models_module", None) is None
        if stub:
            app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            if stub:
                app_config.models_module = None
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
    """``post_migrate`` handler: a content model added after the roles migration gets its permissions too."""
    sync_roles(using=using)
