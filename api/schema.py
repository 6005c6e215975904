"""How drf-spectacular describes the API's own field types in the OpenAPI schema, and what the
schema says of every text parameter."""

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
            "description": f"{kind} in the language asked for, else in English, else in the language "
            "the item was written in (text_languages says which); with ?lang=all, an object with the "
            "text in every language (empty where not translated).",
        }


class TextLanguagesFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "api.fields.TextLanguagesField"

    def map_serializer_field(self, auto_schema, direction):
        return {
            "type": "object",
            "nullable": True,
            "additionalProperties": {"type": "string", "enum": list(LANGUAGE_CODES)},
            "description": "The language each translated text of this object is given in (the one "
            "asked for, else English, else the language the item was written in). Null with ?lang=all.",
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


# editorial.middleware.MalformedRequestMiddleware refuses a NUL anywhere in the query string
# (PostgreSQL cannot store one): a text parameter says so, so a client knows it in advance.
NO_NUL = "^[^\\x00]*$"


def _text_schemas(schema: dict):
    if schema.get("type") == "string" and "enum" not in schema:
        yield schema
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        yield from _text_schemas(schema["items"])


def text_parameters_hold_no_nul(result, generator, request, public):
    """drf-spectacular postprocessing hook: every free-text query parameter gets NO_NUL."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                for schema in _text_schemas(parameter.get("schema", {})):
                    schema.setdefault("pattern", NO_NUL)
    return result
