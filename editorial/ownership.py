"""Which organisation owns a piece of content, and whether a user may touch it.

The rule itself belongs to the organisations app (memberships and the site manager role),
which sits above this base: it hands its two answers to :func:`configure` when it is ready.
Everything here only asks those two questions, so a content app, the admin base, previews
and imports all apply one rule without importing the organisations app.

Until the rule is configured nobody but an active superuser is unrestricted, and nobody
belongs to an organisation: a missing configuration fails closed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model, QuerySet


def _superuser_only(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def _no_organisation(user):
    return None


_is_site_manager: Callable[[object], bool] = _superuser_only
_organisation_of: Callable[[object], object | None] = _no_organisation


def configure(
    *, is_site_manager: Callable[[object], bool], organisation_of: Callable[[object], object | None]
):
    """Called once by the organisations app: who is unrestricted, and which organisation a user edits for."""
    global _is_site_manager, _organisation_of
    _is_site_manager, _organisation_of = is_site_manager, organisation_of


def is_site_manager(user) -> bool:
    """May ``user`` see and change every organisation's content?"""
    return bool(user is not None and getattr(user, "is_authenticated", False) and _is_site_manager(user))


def organisation_of(user):
    """The organisation ``user`` edits for, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return _organisation_of(user)


def organisation_path(model: type[Model]) -> str | None:
    """The lookup from ``model`` to its owning organisation: ``organisation`` by default,
    ``course__organisation`` for a lesson (``organisation_lookup`` on the model), None for
    shared lists (sectors, needs) that no organisation owns."""
    path = getattr(model, "organisation_lookup", None)
    if path:
        return path
    names = {field.name for field in model._meta.get_fields()}
    return "organisation" if "organisation" in names else None


def organisation_id_of(obj: Model) -> int | None:
    """The id of the organisation owning ``obj`` (following ``organisation_path``)."""
    path = organisation_path(type(obj))
    if path is None:
        return None
    *hops, last = path.split("__")
    target = obj
    for hop in hops:
        target = getattr(target, hop, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


def scope_queryset(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` restricted to what ``user`` may see and change in the admin."""
    if is_site_manager(user):
        return queryset
    path = organisation_path(queryset.model)
    if path is None:
        return queryset
    organisation = organisation_of(user)
    if organisation is None:
        return queryset.none()
    return queryset.filter(**{path: organisation})


def can_access(user, obj: Model) -> bool:
    """May ``user`` see and change ``obj`` (the organisation check only, not model permissions)?"""
    if is_site_manager(user):
        return True
    if organisation_path(type(obj)) is None:
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation_id_of(obj) == organisation.pk
