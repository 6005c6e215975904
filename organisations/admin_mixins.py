"""The partner admin, ready to inherit: each content app's admin only has to write

    @admin.register(Tool)
    class ToolAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
        ...

and gets organisation scoping (lists, object URLs, crafted POSTs, choices, history,
restore, import and export), history with comparison and restore (django-reversion and
django-reversion-compare), recovery of deleted items, optimistic locking, relaxed
drafts with publishing checks, a Preview link and the prose editor for rich text.
"""

from __future__ import annotations

import reversion
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

from organisations.concurrency import TOKEN_FIELD, OptimisticLockFormMixin
from organisations.models import Organisation
from organisations.preview import preview_url
from organisations.publishing import Publishable, PublishingFormMixin
from organisations.richtext import rich_text_widget
from organisations.scoping import (
    can_access,
    is_site_manager,
    organisation_of,
    organisation_path,
    scope_queryset,
)
from wisebusiness.richtext import RichTextField


class OrganisationScopedAdminMixin:
    """Partner editors see and change only their own organisation's objects.

    Enforced in ``get_queryset`` (lists, exports, object lookups) *and* in the object
    permission checks; an object URL of another organisation answers 403. The direct
    ``organisation`` field is filled in for editors and read-only to them.
    """

    def _is_manager(self, request) -> bool:
        return is_site_manager(request.user)

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
        if allowed and organisation_path(self.model) and not self._is_manager(request):
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
                # It exists, but belongs to another organisation.
                raise PermissionDenied
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
        if self._has_direct_organisation() and not self._is_manager(request) and "organisation" not in fields:
            fields.append("organisation")
        return fields

    def save_model(self, request, obj, form, change):
        if self._has_direct_organisation() and not self._is_manager(request):
            if not change:
                obj.organisation = organisation_of(request.user)
            elif not can_access(request.user, obj):
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _limit_choices(self, db_field, request, kwargs):
        if "queryset" in kwargs or self._is_manager(request):
            return
        related = db_field.remote_field.model
        user = request.user
        if related is Organisation:
            own = organisation_of(user)
            kwargs["queryset"] = Organisation.objects.filter(pk=own.pk if own else None)
            return
        if organisation_path(related) is None:
            return
        queryset = related._default_manager.all()
        own_path = organisation_path(self.model) or ""
        owner_hop = own_path.split("__")[0] if "__" in own_path else None
        status_names = {field.name for field in related._meta.concrete_fields}
        if db_field.name == owner_hop or "status" not in status_names:
            # The parent that decides ownership (a lesson's course): only one's own.
            kwargs["queryset"] = scope_queryset(queryset, user)
        else:
            # A link to other content (alternatives, related tools): one's own, or anything public.
            own_ids = scope_queryset(queryset, user).values("pk")
            kwargs["queryset"] = queryset.filter(Q(pk__in=own_ids) | Q(status="published"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedInlineMixin:
    """For inlines (a course's lessons, a lesson's attachments): choices limited the same way."""

    formfield_for_foreignkey = OrganisationScopedAdminMixin.formfield_for_foreignkey
    formfield_for_manytomany = OrganisationScopedAdminMixin.formfield_for_manytomany
    _limit_choices = OrganisationScopedAdminMixin._limit_choices
    _is_manager = OrganisationScopedAdminMixin._is_manager

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, RichTextField):
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ScopedHistoryAdminMixin:
    """django-reversion's history, revision, recover and compare views, checked like the change view.

    reversion's own views look objects and versions up without our queryset (compare_view
    checks no permission at all, and revision_view does not check that the version is of
    this model), so each is guarded here before it runs.
    """

    def _check_version(self, request, version):
        if version.content_type.model_class() is not self.model:
            raise Http404
        if is_site_manager(request.user):
            return
        try:
            old = version._object_version.object
        except Exception as error:  # an unreadable old version is nobody's to restore
            raise PermissionDenied from error
        if not can_access(request.user, old):
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

    def _deleted_versions(self, request):
        deleted = self._reversion_order_version_queryset(
            request, Version.objects.get_deleted(self.model).select_related("revision", "revision__user")
        )
        if is_site_manager(request.user):
            return list(deleted)
        visible = []
        for version in deleted:
            try:
                old = version._object_version.object
            except Exception:
                continue
            if can_access(request.user, old):
                visible.append(version)
        return visible

    def recoverlist_view(self, request, extra_context=None):
        context = {"deleted": self._deleted_versions(request), **(extra_context or {})}
        return super().recoverlist_view(request, context)


class PartnerFormMixin(OptimisticLockFormMixin, PublishingFormMixin):
    pass


class PublishingAdminMixin:
    """A "Publish" bulk action that runs each item's publishing checks."""

    actions = ["publish_selected", "unpublish_selected"]

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for obj in queryset:
            if not isinstance(obj, Publishable) or not self.has_change_permission(request, obj):
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
                    obj.status = "draft"
                    obj.save()
                count += 1
        messages.success(
            request,
            ngettext("%(count)d item is a draft again.", "%(count)d items are drafts again.", count)
            % {"count": count},
        )


# A website typed without a scheme is taken as https (Django 6.0's default; 5.2 warns otherwise).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PartnerContentAdmin(
    OrganisationScopedAdminMixin, ScopedHistoryAdminMixin, PublishingAdminMixin, CompareVersionAdmin
):
    """Everything above in one base class; put it first, before ``TabbedTranslationAdmin``."""

    change_form_template = "organisations/admin/change_form.html"
    change_list_template = "organisations/admin/change_list.html"
    history_latest_first = True
    formfield_overrides = HTTPS_URL_FIELDS
    view_on_site = False  # our change form shows a "Preview" link instead (drafts included)

    class Media:
        js = ("organisations/admin/translation_tab.js",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inline models are versioned too (a lesson's attachments), even when another admin
        # registered the parent first and reversion's own introspection skipped them.
        for inline in self.inlines:
            if not reversion.is_registered(inline.model):
                self._reversion_autoregister(inline.model, ())

    def _reversion_autoregister(self, model, follow):
        # No "follow": restoring an old course must not delete the lessons added since (reversion
        # deletes followed objects missing from the old revision). Inline rows saved with their
        # parent are in the same revision anyway, as every registered model saved in it is.
        super()._reversion_autoregister(model, ())

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, RichTextField):
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (PartnerFormMixin, form), {})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(
            {
                "wise_version_field": form[TOKEN_FIELD] if TOKEN_FIELD in form.fields else None,
                "preview_url": preview_url(obj)
                if obj is not None and self.has_view_permission(request, obj)
                else None,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


class ScopedImportExportMixin:
    """django-import-export, restricted like the rest: exports take the scoped queryset,
    imports pass the user to the resource (see ``organisations.imports``) and roll back
    entirely on any error or invalid row."""

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
