"""Exports of the help app (CSV/XLSX), scoped like the admin lists they come from: a partner
exports its own providers and the requests routed to it, nothing else."""

from import_export import fields, resources, widgets

from catalogue.models import Need, Sector, Tool
from editorial.imports import TranslatedModelResource, many_to_many, organisation_column, translated_columns
from editorial.ownership import scope_queryset
from help.models import HelpRequest, Provider


class ProviderResource(TranslatedModelResource):
    needs = many_to_many("needs", Need)
    sectors = many_to_many("sectors", Sector)
    tools = many_to_many("tools", Tool)
    organisation = organisation_column()
    verified_by = fields.Field(
        attribute="verified_by",
        column_name="verified_by",
        widget=widgets.ForeignKeyWidget(Provider._meta.get_field("verified_by").related_model, field="slug"),
    )

    class Meta:
        model = Provider
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "kind",
            "status",
            "organisation",
            "services",
            "needs",
            "sectors",
            "tools",
            "countries",
            "languages",
            "free_of_charge",
            "website",
            "contact_name",
            "contact_email",
            "verified_by",
            "verified_on",
            *translated_columns("summary", "description", "regions", "price_note", "nonprofit_terms"),
        ]
        export_order = fields


class HelpRequestResource(resources.ModelResource):
    """The partner's requests, with their personal data (the export is scoped to the partner)."""

    need = fields.Field(
        attribute="need", column_name="need", widget=widgets.ForeignKeyWidget(Need, field="slug")
    )
    sector = fields.Field(
        attribute="sector", column_name="sector", widget=widgets.ForeignKeyWidget(Sector, field="slug")
    )
    tool = fields.Field(
        attribute="tool", column_name="tool", widget=widgets.ForeignKeyWidget(Tool, field="slug")
    )
    organisation = organisation_column()

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.user)

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "created",
            "state",
            "organisation",
            "country",
            "language",
            "need",
            "sector",
            "tool",
            "budget_band",
            "brief",
            "tried",
            "contact_name",
            "email",
            "finished_at",
            "erased_at",
        ]
        export_order = fields
