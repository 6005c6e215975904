"""Who may touch which content: memberships and the site manager role.

A *site manager* (the ``organisations.access_all_organisations`` permission, which the site
manager group holds and superusers have implicitly) sees everything. Anybody else sees the
content of the organisation their :class:`~organisations.models.Membership` names, and
nothing when they have none. The app hands these two answers to ``editorial.ownership``
when it is ready, so the base applies them everywhere without importing this app.
"""

from __future__ import annotations

from organisations.models import Membership

ALL_ORGANISATIONS_PERMISSION = "organisations.access_all_organisations"


def is_site_manager(user) -> bool:
    return bool(user and user.is_active and user.has_perm(ALL_ORGANISATIONS_PERMISSION))


def organisation_of(user):
    """The organisation ``user`` edits for, or None (cached on the user object for the request)."""
    if not hasattr(user, "_wise_organisation"):
        membership = (
            Membership.objects.select_related("organisation").filter(user=user).first() if user.pk else None
        )
        user._wise_organisation = membership.organisation if membership else None
    return user._wise_organisation
