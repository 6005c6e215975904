from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from catalogue.models import Need, NonprofitOffer, OutdatedReport, Sector, Tool
from catalogue.resources import ToolResource
from editorial.admin import PartnerContentAdmin, PartnerInline, ScopedAdmin, ScopedImportExportMixin
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


class NonprofitOfferInline(PartnerInline, TranslationStackedInline):
    """Programmes that give this tool free or cheaper to nonprofits, per country."""

    model = NonprofitOffer
    extra = 0
    fields = ["country", "programme", "eligible", "gives", "link", "last_checked"]


@admin.register(Tool)
class ToolAdmin(ScopedImportExportMixin, ImportExportMixin, PartnerContentAdmin, TabbedTranslationAdmin):
    resource_classes = [ToolResource]

    list_display = [
        "logo_thumbnail",
        "name",
        "licence",
        "price_model",
        "skill_level",
        "status",
        "last_verified",
        "website_status",
        "organisation",
    ]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = [
        "status",
        "licence",
        "price_model",
        "sectors",
        "needs",
        StaleFilter,
        "website_status",
        "skill_level",
        "organisation",
    ]
    search_fields = ["name", "slug", *columns_in_every_language("summary")]
    autocomplete_fields = ["sectors", "needs", "alternatives"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "last_verified"
    readonly_fields = [
        "logo_preview",
        "website_status",
        "website_checked",
        "website_problem",
        "created",
        "updated",
    ]
    inlines = [NonprofitOfferInline]
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
        (
            _("Logo and website"),
            {
                "fields": [
                    "logo",
                    "logo_preview",
                    "website",
                    "source_code",
                    "website_status",
                    "website_checked",
                    "website_problem",
                ]
            },
        ),
        (
            _("Facts"),
            {
                "fields": [
                    "licence",
                    "price_model",
                    "spdx_licence",
                    "platforms",
                    "interface_languages",
                    "skill_level",
                    "last_verified",
                ]
            },
        ),
        (
            _("What it costs"),
            {
                "fields": [
                    "price_note",
                    "free_plan",
                    "typical_price",
                    "fees",
                    "nonprofit_discount",
                    "discount_note",
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


@admin.register(OutdatedReport)
class OutdatedReportAdmin(ScopedAdmin):
    """Visitors' reports about a tool page, for the tool's organisation to check: mark each one
    fixed or dismissed (a note says what was done). The visitor's words are read-only."""

    list_display = ["tool", "topic", "status", "language", "created"]
    list_filter = ["status", "topic", "language"]
    list_select_related = ["tool"]
    search_fields = ["tool__name", "message"]
    date_hierarchy = "created"
    fields = ["tool", "topic", "message", "email", "language", "created", "status", "partner_note"]
    readonly_fields = ["tool", "topic", "message", "email", "language", "created"]

    def has_add_permission(self, request, *args):
        return False  # reports come from the public form
