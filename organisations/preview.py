"""Previewing drafts on the public pages: ``<page>?preview=1``, for the owning organisation's staff.

A content detail view that normally shows only published items calls
:func:`previewable_object` (or :func:`can_preview` itself) so a logged-in editor of the
item's organisation, or a site manager, sees the draft exactly as the public page would
show it; everybody else gets the usual 404. :func:`mark_preview` keeps such a response
out of caches and search engines.
"""

from __future__ import annotations

from django.http import Http404

from organisations.scoping import can_access

PREVIEW_PARAMETER = "preview"


def wants_preview(request) -> bool:
    return request.GET.get(PREVIEW_PARAMETER) == "1"


def can_preview(request, obj) -> bool:
    """May this request see ``obj`` even though it is not published?"""
    user = getattr(request, "user", None)
    if not wants_preview(request) or user is None or not user.is_authenticated:
        return False
    if not (user.is_active and user.is_staff):
        return False
    return can_access(user, obj)


def previewable_object(request, published_queryset, all_queryset, **lookup):
    """The object for a detail view: published, or a draft the request may preview; else 404."""
    obj = published_queryset.filter(**lookup).first()
    if obj is not None:
        return obj
    if wants_preview(request):
        obj = all_queryset.filter(**lookup).first()
        if obj is not None and can_preview(request, obj):
            request.wise_preview = True
            return obj
    raise Http404


def mark_preview(request, response):
    """A preview is private: never cached, never indexed."""
    if getattr(request, "wise_preview", False):
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_url(obj) -> str | None:
    get_url = getattr(obj, "get_absolute_url", None)
    if obj is None or obj.pk is None or get_url is None:
        return None
    return f"{get_url()}?{PREVIEW_PARAMETER}=1"
