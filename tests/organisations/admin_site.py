"""A test-only admin site: the organisation machinery on the Tool model, independent of the
catalogue's own admin, so the mixins are tested as the content apps will use them."""

from django.contrib.admin import AdminSite
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TabbedTranslationAdmin

from catalogue.models import Need, Sector, Tool
from organisations.admin_mixins import PartnerContentAdmin, ScopedImportExportMixin
from organisations.imports import (
    TranslatedModelResource,
    many_to_many,
    organisation_column,
    translated_columns,
)

site = AdminSite(name="testadmin")


class ToolResource(TranslatedModelResource):
    sectors = many_to_many(Tool, "sectors", Sector)
    needs = many_to_many(Tool, "needs", Need)
    organisation = organisation_column()

    class Meta:
        model = Tool
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "licence",
            "status",
            "organisation",
            "sectors",
            "needs",
            *translated_columns(Tool, "summary", "description"),
        ]
        skip_unchanged = True


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
