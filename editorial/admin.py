"""The partner admin, ready to inherit. A content app's admin writes

    @admin.register(Tool)
    class ToolAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
        ...

and gets organisation scoping (lists, object URLs, crafted POSTs, choices, history, restore,
import and export), history with comparison and restore, recovery of deleted items,
optimistic locking, relaxed drafts with publishing checks, a Preview link and the prose
editor for rich text. Inlines use :class:`PartnerInline` for the same choices and widgets.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from editorial import history
from editorial.concurrency import TOKEN_FIELD, OptimisticLockFormMixin
from editorial.models import Publishable, Status
from editorial.ownership import (
    can_access,
    is_site_manager,
    organisation_of,
    organisation_path,
    scope_queryset,
)
from editorial.preview import preview_url
from editorial.publishing import PublishingFormMixin
from editorial.richtext import RichTextField, rich_text_widget

# A website typed without a scheme is taken as https (Django 6.0's default; 5.2 warns otherwise),
# and rich text gets the prose editor, in every partner admin form and inline.
FORMFIELD_OVERRIDES = {
    models.URLField: {"assume_scheme": "https"},
    RichTextField: {"widget": rich_text_widget()},
}


def limited_choices(db_field, model, user):
    """The queryset a partner editor may pick from for ``db_field`` of ``model``; None: no limit.

    The rule, explicitly: their own organisation; for the parent that decides who owns the
    object (a lesson's course), their own parents only; for a link to other publishable content
    (alternatives, related tools), their own items or published ones; for anything else another
    organisation owns, their own only; shared lists (sectors, needs) unrestricted.
    """
    if is_site_manager(user):
        return None
    related = db_field.remote_field.model
    if related._meta.label == settings.ORGANISATION_MODEL:
        own = organisation_of(user)
        return related._default_manager.filter(pk=own.pk if own else None)
    if organisation_path(related) is None:
        return None
    everything = related._default_manager.all()
    own = scope_queryset(everything, user)
    owner_hop = (organisation_path(model) or "").split("__")[0]
    if db_field.name != owner_hop and issubclass(related, Publishable):
        return everything.filter(Q(pk__in=own.values("pk")) | Q(pk__in=everything.published().values("pk")))
    return own


class PartnerChoicesMixin:
    """Foreign keys and many-to-many choices limited by :func:`limited_choices`."""

    formfield_overrides = FORMFIELD_OVERRIDES

    def _limit(self, db_field, request, kwargs):
        if "queryset" not in kwargs:
            queryset = limited_choices(db_field, self.model, request.user)
            if queryset is not None:
                kwargs["queryset"] = queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PartnerInline(PartnerChoicesMixin):
    """Mix into inlines of partner content (a course's lessons, a lesson's attachments)."""


class PartnerForm(OptimisticLockFormMixin, PublishingFormMixin, forms.ModelForm):
    """The change form of partner content: refused when stale, relaxed while a draft."""

    def _save_m2m(self):
        # Only the many-to-many choices that changed are written (each one rewritten costs a
        # query even when it is the same); a new object has all of them to write.
        if self.instance._state.adding or not self.initial:
            return super()._save_m2m()
        unchanged = {field.name for field in self.instance._meta.many_to_many} - set(self.changed_data)
        cleaned_data = self.cleaned_data
        self.cleaned_data = {name: value for name, value in cleaned_data.items() if name not in unchanged}
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data = cleaned_data


class OwnedObjectMixin:
    """Partner editors see and change only their own organisation's objects.

    Enforced in ``get_queryset`` (lists, exports, object lookups) *and* in the object
    permission checks; an object URL of another organisation answers 403. The direct
    ``organisation`` field is filled in for editors and read-only to them.
    """

    def _has_direct_organisation(self) -> bool:
        return organisation_path(self.model) == "organisation"

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user)

    def _may(self, request, obj) -> bool:
        return obj is None or can_access(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def has_add_permission(self, request, *args):
        allowed = super().has_add_permission(request, *args)
        if allowed and organisation_path(self.model) and not is_site_manager(request.user):
            return organisation_of(request.user) is not None
        return allowed

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            try:
                key = field.to_python(object_id)
            except ValidationError:
                return None
            if self.model._default_manager.filter(**{field.name: key}).exists():
                raise PermissionDenied  # it exists, but belongs to another organisation
        return obj

    def check_object_access(self, request, object_id):
        """403 for another organisation's object, 404 for none (used by the history views)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            self._has_direct_organisation()
            and not is_site_manager(request.user)
            and "organisation" not in fields
        ):
            fields.append("organisation")
        return fields

    def save_model(self, request, obj, form, change):
        if self._has_direct_organisation() and not is_site_manager(request.user):
            if not change:
                obj.organisation = organisation_of(request.user)
            elif not can_access(request.user, obj):
                raise PermissionDenied
        super().save_model(request, obj, form, change)


class ScopedAdmin(OwnedObjectMixin, PartnerChoicesMixin, admin.ModelAdmin):
    """A plain admin of owned rows that have no history or publishing (counters, logs)."""


class PartnerContentAdmin(OwnedObjectMixin, PartnerChoicesMixin, CompareVersionAdmin):
    """Everything above for publishable content; put it first, before ``TabbedTranslationAdmin``.

    History: reversion's history, revision, recover and compare views look objects and
    versions up without our queryset (compare_view checks no permission at all, and
    revision_view does not check that the version is of this model), so each is guarded here.
    """

    form = PartnerForm
    change_form_template = "editorial/admin/change_form.html"
    change_list_template = "editorial/admin/change_list.html"
    history_latest_first = True
    view_on_site = False  # the change form shows a "Preview" link instead (drafts included)
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        js = ("editorial/admin/translation_tab.js",)

    def __init__(self, model, admin_site):
        # Registered before reversion's VersionAdmin would register them itself (with "follow",
        # see editorial.history); inline models are kept too.
        history.register(model)
        for inline in self.inlines:
            history.register(inline.model)
        super().__init__(model, admin_site)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        may_view = obj is not None and self.has_view_permission(request, obj)
        context.update(
            wise_version_field=form[TOKEN_FIELD] if TOKEN_FIELD in form.fields else None,
            preview_url=preview_url(obj) if may_view else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # History, guarded like the change view

    def _check_version(self, request, version):
        if version.content_type.model_class() is not self.model:
            raise Http404
        if not history.may_restore(request.user, version):
            raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        self.check_object_access(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.check_object_access(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(
            Version.objects.get_for_model(self.model), pk=version_id, object_id=unquote(object_id)
        )
        self._check_version(request, version)
        self.check_object_access(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        self._check_version(request, version)
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        deleted = history.deleted_versions(self.model, request.user, self.get_version_ordering(request))
        return super().recoverlist_view(request, {"deleted": deleted, **(extra_context or {})})

    # Publishing in bulk

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for obj in queryset:
            if not self.has_change_permission(request, obj):
                continue
            problems = obj.publish_requirements()
            if problems:
                messages.error(
                    request,
                    gettext("“%(object)s” was not published: %(problems)s")
                    % {"object": obj, "problems": " ".join(problems.values())},
                )
                continue
            with transaction.atomic(), self.create_revision(request):
                obj.status = obj.publishing_statuses[0]
                obj.save()
            published += 1
        if published:
            messages.success(
                request,
                ngettext("%(count)d item published.", "%(count)d items published.", published)
                % {"count": published},
            )

    @admin.action(description=_("Turn the selected items back into drafts"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for obj in queryset:
            if self.has_change_permission(request, obj):
                with transaction.atomic(), self.create_revision(request):
                    obj.status = Status.DRAFT
                    obj.save()
                count += 1
        messages.success(
            request,
            ngettext("%(count)d item is a draft again.", "%(count)d items are drafts again.", count)
            % {"count": count},
        )


class ScopedImportExportMixin:
    """django-import-export, restricted like the rest: exports take the scoped queryset,
    imports pass the user to the resource (see ``editorial.imports``) and roll back entirely
    on any error or invalid row. Put it before ``ImportExportMixin``."""

    # No change_list_template here: import-export's own template extends the one
    # PartnerContentAdmin sets (with the "Recover deleted" link), keeping both.

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def has_import_permission(self, request):
        return super().has_import_permission(request) and self.has_add_permission(request)

    def has_export_permission(self, request):
        return super().has_export_permission(request) and self.has_view_permission(request)
