"""Every change to content is kept and can be restored: django-reversion, behind one module.

Only reversion's public API is used here (``register``, ``create_revision``, ``Version``'s
``field_dict`` and queryset methods). Models are registered without ``follow``: restoring an
old course must not delete the lessons added since (reversion deletes followed objects that
are missing from the old revision); inline rows saved with their parent are in the same
revision anyway, as every registered model saved in it is.
"""

from __future__ import annotations

import contextlib

import reversion
from django.utils import formats, timezone
from django.utils.translation import gettext
from reversion.errors import RevertError
from reversion.models import Version

from editorial.ownership import is_site_manager, organisation_of, organisation_path


def register(model) -> None:
    """Keep the history of ``model`` (idempotent)."""
    if not reversion.is_registered(model):
        reversion.register(model)


@contextlib.contextmanager
def revision(user=None, comment: str = ""):
    """Everything saved inside is one revision, by ``user``."""
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def organisation_id_of_version(version: Version) -> int | None:
    """The organisation that owned the object when this version was saved (None: unknown).

    Follows ``organisation_path`` from the stored fields: the version's own organisation, or
    that of its parent (a lesson's course) as it is now.
    """
    model = version.content_type.model_class()
    path = organisation_path(model) if model is not None else None
    if path is None:
        return None
    first, *rest = path.split("__")
    field = model._meta.get_field(first)
    try:
        value = version.field_dict.get(field.attname)
    except RevertError:  # stored by an older version of the model that no longer loads
        return None
    if not rest or value is None:
        return value
    return (
        field.related_model._default_manager.filter(pk=value).values_list("__".join(rest), flat=True).first()
    )


def may_restore(user, version: Version) -> bool:
    """May ``user`` see and restore this version (of an object of their organisation)?"""
    if is_site_manager(user):
        return True
    model = version.content_type.model_class()
    if model is None or organisation_path(model) is None:
        return True
    own = organisation_of(user)
    return own is not None and organisation_id_of_version(version) == own.pk


def deleted_versions(model, user, ordering=("-pk",)) -> list[Version]:
    """The last versions of deleted ``model`` objects that ``user`` may recover."""
    deleted = (
        Version.objects.get_deleted(model).select_related("revision", "revision__user").order_by(*ordering)
    )
    if is_site_manager(user):
        return list(deleted)
    return [version for version in deleted if may_restore(user, version)]


def last_change(obj) -> tuple[str, str]:
    """Who changed ``obj`` last and when, from its history (for the concurrency refusal)."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None:
        return gettext("another editor"), ""
    user = version.revision.user
    who = (user.get_full_name() or user.get_username()) if user else gettext("another editor")
    when = formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
    return who, when
