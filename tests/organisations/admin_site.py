"""A test-only admin site: the organisation machinery on the Tool model, independent of the
catalogue's own admin, so the mixins are tested as the content apps will use them."""

from django.contrib.admin import AdminSite
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from catalogue.models import Tool
from catalogue.resources import ToolResource
from editorial.admin import PartnerContentAdmin, ScopedImportExportMixin

site = AdminSite(name="testadmin")


class ToolTestAdmin(ScopedImportExportMixin, ImportExportMixin, PartnerContentAdmin, TabbedTranslationAdmin):
    resource_classes = [ToolResource]
    list_display = ["name", "organisation", "status"]
    fields = [
        "name",
        "slug",
        "summary",
        "description",
        "licence",
        "status",
        "organisation",
        "sectors",
        "needs",
    ]


site.register(Tool, ToolTestAdmin)
