"""Who may touch which content: the one place that knows about organisations and roles.

A *site manager* (the ``organisations.access_all_organisations`` permission, which the
site manager group holds and superusers have implicitly) sees everything. Anybody else
sees the content of the organisation their :class:`~organisations.models.Membership`
names, and nothing when they have none.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

ALL_ORGANISATIONS_PERMISSION = "organisations.access_all_organisations"


def is_site_manager(user) -> bool:
    return bool(user and user.is_active and user.has_perm(ALL_ORGANISATIONS_PERMISSION))


def organisation_of(user):
    """The organisation ``user`` edits for, or None."""
    if not user or not user.is_authenticated:
        return None
    if not hasattr(user, "_wise_organisation"):
        membership = getattr(user, "membership", None) if user.pk else None
        user._wise_organisation = membership.organisation if membership else None
    return user._wise_organisation


def organisation_path(model: type[Model]) -> str | None:
    """The lookup from ``model`` to its owning organisation: ``organisation`` by default,
    ``course__organisation`` for a lesson (``organisation_lookup`` on the model)."""
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
    """``queryset`` restricted to what ``user`` may see in the admin."""
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
