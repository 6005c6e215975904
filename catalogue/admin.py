from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from catalogue.models import Need, Sector, Tool
from catalogue.resources import ToolResource
from editorial.admin import PartnerContentAdmin, ScopedImportExportMixin
from editorial.languages import columns_in_every_language


class TaxonomyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "icon", "order", "tool_count"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(tool_total=Count("tools"))

    @admin.display(description=_("tools"), ordering="tool_total")
    def tool_count(self, obj):
        return obj.tool_total


@admin.register(Sector)
class SectorAdmin(TaxonomyAdmin):
    pass


@admin.register(Need)
class NeedAdmin(TaxonomyAdmin):
    pass


class StaleFilter(admin.SimpleListFilter):
    title = _("facts last checked")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [
            ("stale", _("Stale (not verified for 12 months)")),
            ("recent", _("Verified in the last 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale()
        if self.value() == "recent":
            return queryset.recently_verified()
        return queryset


@admin.register(Tool)
class ToolAdmin(ScopedImportExportMixin, ImportExportMixin, PartnerContentAdmin, TabbedTranslationAdmin):
    resource_classes = [ToolResource]

    list_display = [
        "logo_thumbnail",
        "name",
        "licence",
        "skill_level",
        "status",
        "last_verified",
        "organisation",
    ]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["status", "licence", "sectors", "needs", StaleFilter, "skill_level", "organisation"]
    search_fields = ["name", "slug", *columns_in_every_language("summary")]
    autocomplete_fields = ["sectors", "needs", "alternatives"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "last_verified"
    readonly_fields = ["logo_preview", "created", "updated"]
    list_select_related = ["organisation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "original_language",
                    "status",
                    "organisation",
                    "summary",
                    "description",
                ]
            },
        ),
        (_("Logo and website"), {"fields": ["logo", "logo_preview", "website", "source_code"]}),
        (
            _("Facts"),
            {
                "fields": [
                    "licence",
                    "spdx_licence",
                    "price_note",
                    "platforms",
                    "interface_languages",
                    "skill_level",
                    "nonprofit_discount",
                    "discount_note",
                    "last_verified",
                ]
            },
        ),
        (_("Where it fits"), {"fields": ["sectors", "needs", "alternatives"]}),
        (_("History"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, tool):
        if not tool.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="32" height="32" class="wise-logo-thumb">', tool.logo.url
        )

    @admin.display(description=_("preview"))
    def logo_preview(self, tool):
        if not tool.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="96" height="96" class="wise-logo-thumb">', tool.logo.url
        )
