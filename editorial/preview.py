"""Previewing drafts on the public pages: ``<page>?preview=1``, for the owning organisation's staff.

One rule for every detail view, every file of a draft and every admin "Preview" link: a
request may preview an object when it asks for it (``?preview=1``) and comes from an active
staff user who may access that object (its organisation's editors, site managers). Everybody
else gets the usual 404, so a draft's address reveals nothing. A preview is private: never
cached, never indexed.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from editorial.ownership import can_access

PREVIEW_PARAMETER = "preview"


def wants_preview(request) -> bool:
    return request.GET.get(PREVIEW_PARAMETER) == "1"


def may_preview(request, obj) -> bool:
    """May this request see ``obj`` whatever its status?"""
    user = getattr(request, "user", None)
    if not wants_preview(request) or user is None or not user.is_authenticated:
        return False
    return user.is_active and user.is_staff and can_access(user, obj)


def published_or_preview(request, queryset, **lookup):
    """The object for a detail view: published, or one the request may preview; else 404.

    ``queryset`` holds every object (with what the page needs joined); its ``published()``
    decides what the public sees.
    """
    obj = queryset.published().filter(**lookup).first()
    if obj is not None:
        return obj
    if wants_preview(request):
        obj = get_object_or_404(queryset, **lookup)
        if may_preview(request, obj):
            return obj
    raise Http404


def mark_private(response):
    """A page only its editors may see: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_url(obj) -> str | None:
    """The admin's "Preview" link: the public page with ``?preview=1``."""
    get_url = getattr(obj, "get_absolute_url", None)
    if obj is None or obj.pk is None or get_url is None:
        return None
    try:
        url = get_url()
    except NoReverseMatch:  # the form shows values not saved yet (an old version being restored)
        return None
    return f"{url}?{PREVIEW_PARAMETER}=1"


def preview_state(obj) -> str:
    """What the preview banner says of an item that is not public: "Draft", "Scheduled for 5 May 2027"."""
    when = getattr(obj, "published_at", None)
    if obj.is_being_published() and when is not None and when > timezone.now():
        return gettext("Scheduled for %(date)s") % {
            "date": date_format(timezone.localtime(when), "DATE_FORMAT")
        }
    return obj.get_status_display()


class PreviewMixin:
    """For the detail view of a publishable model: ``get_queryset()`` returns every object, the
    public sees its ``published()`` ones, and a request that may preview sees the rest.

    Sets ``is_preview`` (the request previews this page: drafts inside it are shown too, links
    keep ``?preview=1``) and ``is_draft`` (the object itself is not public) in the context,
    which the base template turns into the preview banner; a preview response is private.
    """

    slug_url_kwarg = "slug"
    is_preview = False

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        obj = published_or_preview(self.request, queryset, slug=self.kwargs[self.slug_url_kwarg])
        self.is_preview = may_preview(self.request, obj)
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            is_preview=self.is_preview,
            is_draft=not self.object.is_published,
            preview_state=preview_state(self.object),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_private(response) if self.is_preview else response
