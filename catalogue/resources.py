"""CSV/XLSX import and export of tools, with every translated field in every language.

Built on editorial.imports: sectors, needs and the organisation are named by slug
(several separated by "|"), an unknown one is an error in its column, a slug may appear
once per file, and a partner editor's rows are for their own organisation only.
"""

from catalogue.models import Need, Sector, Tool
from editorial.imports import (
    TranslatedModelResource,
    many_to_many,
    organisation_column,
    translated_columns,
)


class ToolResource(TranslatedModelResource):
    sectors = many_to_many("sectors", Sector)
    needs = many_to_many("needs", Need)
    organisation = organisation_column()

    class Meta:
        model = Tool
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "original_language",
            "status",
            "organisation",
            "website",
            "source_code",
            "licence",
            "price_model",
            "spdx_licence",
            "skill_level",
            "platforms",
            "interface_languages",
            "nonprofit_discount",
            "last_verified",
            "sectors",
            "needs",
            *translated_columns("summary", "description", "price_note", "discount_note"),
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
