"""The site's languages and the columns django-modeltranslation keeps for each translated field.

One place for "which language is this request in" and "which column holds this field in
that language", so no module splits language codes or builds ``f"{field}_{code}"`` itself.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as _modeltranslation_language

LANGUAGE_CODES: list[str] = [code for code, _name in settings.LANGUAGES]
#: The language every fallback ends in, and the one untranslated content is written in by default.
DEFAULT_LANGUAGE: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def current_language() -> str:
    """The active language as one of LANGUAGE_CODES ("hr" for "hr-hr", the default when none is active)."""
    return _modeltranslation_language()


def localized(field: str, language: str) -> str:
    """``localized("summary", "hr")`` → ``"summary_hr"``: the column of one language."""
    return build_localized_fieldname(field, language)


def columns_in_every_language(field: str) -> list[str]:
    """``["title_en", "title_it", ...]``: the field's column in every language of settings.

    For admin ``search_fields``, imports and the like, so adding a language needs no edit here.
    """
    return [localized(field, code) for code in LANGUAGE_CODES]


def localized_values(field: str, texts: dict | None) -> dict[str, str]:
    """``{"en": "Farming", "it": "Agricoltura"}`` → ``{"name_en": "Farming", "name_it": "Agricoltura", ...}``,
    every language of settings (a missing one empty): texts per language, as demo files hold them."""
    texts = texts or {}
    return {localized(field, code): (texts.get(code) or "").strip() for code in LANGUAGE_CODES}


def shown_language(instance, field: str, language: str | None = None) -> str:
    """The language ``instance.<field>`` is displayed in: the active one if translated, else the fallback."""
    language = language or current_language()
    if getattr(instance, localized(field, language), None):
        return language
    return DEFAULT_LANGUAGE


def is_fallback(instance, field: str, language: str | None = None) -> bool:
    """Whether ``field`` is shown in another language than ``language`` (the active one), untranslated."""
    language = language or current_language()
    return shown_language(instance, field, language) != language
