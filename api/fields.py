"""Serializer fields of the API: translated texts and addresses of the site's pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from api.languages import ALL
from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, localized, shown_language
from editorial.richtext import sanitize_html


def language_of(context) -> str:
    return context.get("language") or DEFAULT_LANGUAGE


def absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def is_translated(obj, name: str) -> bool:
    return hasattr(obj, localized(name, DEFAULT_LANGUAGE))


class TranslatedField(serializers.Field):
    """A field translated with django-modeltranslation, in the answer's language (else English,
    else the language the item was written in, as the pages do), or ``{"en": …, "it": …}`` with
    ``?lang=all``. ``TextLanguagesField`` says which language each one came out in.

    ``rich=True`` for rich text: its HTML is sanitized again on output, as the pages do.
    A field that is not (or no longer) translated is read as it is.
    """

    def __init__(self, *, rich: bool = False, **kwargs):
        self.rich = rich
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def _text(self, obj, name: str, code: str) -> str:
        value = getattr(obj, localized(name, code), None) or ""
        return sanitize_html(value) if self.rich else value

    def to_representation(self, obj):
        name = self.field_name
        if not is_translated(obj, name):
            value = getattr(obj, name, "") or ""
            return sanitize_html(value) if self.rich else value
        language = language_of(self.context)
        if language == ALL:
            return {code: self._text(obj, name, code) for code in LANGUAGE_CODES}
        return self._text(obj, name, shown_language(obj, name, language))


class TextLanguagesField(serializers.Field):
    """``{"summary": "hr", "description": "en"}``: the language each TranslatedField of the
    serializer came out in (null with ``?lang=all``, where every language is given as it is).

    A text empty in every language of the chain is said to be in the language asked for.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        language = language_of(self.context)
        if language == ALL:
            return None
        names = [
            name
            for name, field in self.parent.fields.items()
            if isinstance(field, TranslatedField) and is_translated(obj, name)
        ]
        return {name: shown_language(obj, name, language) for name in names}


class PageField(serializers.Field):
    """The address of the object's page on the site, in the answer's language (every language
    with ``?lang=all``): its ``get_absolute_url()``, or the page named ``url_name``."""

    def __init__(self, *, url_name: str = "", **kwargs):
        self.url_name = url_name
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def _url(self, obj, code: str) -> str:
        with translation.override(code):
            path = reverse(self.url_name) if self.url_name else obj.get_absolute_url()
            return absolute(self.context, path)

    def to_representation(self, obj):
        language = language_of(self.context)
        if language == ALL:
            return {code: self._url(obj, code) for code in LANGUAGE_CODES}
        return self._url(obj, language)


class ApiLinkField(serializers.Field):
    """The object's own address in the API (``api:<view_name>`` by slug)."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        return absolute(self.context, reverse(f"api:{self.view_name}", kwargs={"slug": obj.slug}))


class FileUrlField(serializers.Field):
    """The absolute address of an uploaded file (a logo, a hero image), or null."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context, value.url) if value else None

    def get_attribute(self, instance):
        return super().get_attribute(instance) or None
