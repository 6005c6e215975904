from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from editorial.admin import FORMFIELD_OVERRIDES
from editorial.ownership import is_site_manager, organisation_of
from editorial.translation_status import translation_status
from organisations.models import Membership, Organisation, TranslationStatus


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Site managers manage organisations and their editors; an editor sees their own organisation."""

    list_display = ["name", "country", "website"]
    formfield_overrides = FORMFIELD_OVERRIDES
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_site_manager(request.user):
            return queryset
        own = organisation_of(request.user)
        return queryset.filter(pk=own.pk) if own else queryset.none()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and str(object_id).isdigit() and Organisation.objects.filter(pk=object_id).exists():
            raise PermissionDenied  # another partner's organisation
        return obj


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user"]
    search_fields = ["user__username", "user__email", "organisation__name"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user", "organisation")
        if is_site_manager(request.user):
            return queryset
        own = organisation_of(request.user)
        return queryset.filter(organisation=own) if own else queryset.none()


@admin.register(TranslationStatus)
class TranslationStatusAdmin(admin.ModelAdmin):
    """The translation status page: per content type and language, what is translated and what is missing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        languages = [(code, get_language_info(code)["name_translated"]) for code, _name in settings.LANGUAGES]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translation status"),
            "statuses": translation_status(request, self.admin_site),
            "languages": languages,
            "own_organisation": organisation_of(request.user),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/organisations/translation_status.html", context)
