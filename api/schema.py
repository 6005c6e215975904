"""How drf-spectacular describes the API's own field types in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes

from editorial.languages import LANGUAGE_CODES


def per_language(item: dict) -> dict:
    return {
        "type": "object",
        "properties": dict.fromkeys(LANGUAGE_CODES, item),
        "required": list(LANGUAGE_CODES),
        "additionalProperties": False,
    }


class TranslatedFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.fields.TranslatedField"

    def map_serializer_field(self, auto_schema, direction):
        text = build_basic_type(OpenApiTypes.STR)
        kind = "HTML (sanitized)" if self.target.rich else "Text"
        return {
            "oneOf": [text, per_language(text)],
            "description": f"{kind} in the language asked for (English where it is not translated); "
            "with ?lang=all, an object with the text in every language (empty where not translated).",
        }


class PageFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.fields.PageField"

    def map_serializer_field(self, auto_schema, direction):
        url = {"type": "string", "format": "uri"}
        return {
            "oneOf": [url, per_language(url)],
            "description": "The page on the site, in the language asked for (every language with ?lang=all).",
        }


class ApiLinkFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.fields.ApiLinkField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "uri", "description": "This item's address in the API."}


class FileUrlFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.fields.FileUrlField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "uri", "nullable": True}
