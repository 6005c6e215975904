"""Which language a translated field is actually shown in (django-modeltranslation falls back to English)."""

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def shown_language(instance, field: str, language: str | None = None) -> str:
    """The language ``instance.<field>`` is displayed in: the active one if translated, else English."""
    language = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]
    if getattr(instance, f"{field}_{language}", None):
        return language
    return FALLBACK_LANGUAGE


def is_fallback(instance, field: str, language: str | None = None) -> bool:
    language = (language or get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return shown_language(instance, field, language) != language


def columns_in_every_language(field: str) -> list[str]:
    """``["title_en", "title_it", ...]``: one of modeltranslation's columns per language in settings.

    For admin ``search_fields`` and the like, so adding a language needs no edit here.
    """
    return [f"{field}_{code}" for code, _name in settings.LANGUAGES]
