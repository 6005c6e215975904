"""The site's languages and the columns django-modeltranslation keeps for each translated field.

One place for "which language is this request in", "which column holds this field in that
language" and "which language is a text shown in": no module splits language codes or builds
``f"{field}_{code}"`` itself.

The fallback chain, everywhere: the visitor's language, then English, then the language the
item was written in (``original_language``), so an item written and published in Italian
alone shows its Italian text, with a note, to a visitor reading in Polish.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled
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


def fallback_chain(instance, language: str | None = None) -> list[str]:
    """The languages a text of ``instance`` is looked for in, in order (see the module's docstring)."""
    chain = [language or current_language(), DEFAULT_LANGUAGE]
    original = getattr(instance, "original_language", None)
    if original:
        chain.append(original)
    return list(dict.fromkeys(chain))


def shown_language(instance, field: str, language: str | None = None) -> str:
    """The language ``instance.<field>`` is displayed in: the first of its fallback chain that has text."""
    chain = fallback_chain(instance, language)
    return next((code for code in chain if getattr(instance, localized(field, code), None)), chain[0])


def is_fallback(instance, field: str, language: str | None = None) -> bool:
    """Whether ``field`` is shown in another language than ``language`` (the active one), untranslated."""
    language = language or current_language()
    return shown_language(instance, field, language) != language


class OriginalLanguageFallbackDescriptor(TranslationFieldDescriptor):
    """django-modeltranslation's descriptor (visitor's language, then English), ending the chain
    in the item's own original language, which modeltranslation's per-model settings cannot say."""

    def __get__(self, instance, owner):
        value = super().__get__(instance, owner)
        if instance is None or not fallbacks_enabled():
            return value
        undefined = self.field.get_default() if self.fallback_undefined is NONE else self.fallback_undefined
        if self.meaningful_value(value, undefined):
            return value
        original = getattr(instance, localized(self.field.name, instance.original_language), None)
        return original if self.meaningful_value(original, undefined) else value


def end_fallbacks_in_the_original_language() -> None:
    """Called once the translations are registered: every model with an ``original_language``."""
    for model in translator.get_registered_models(abstract=False):
        if not any(field.name == "original_language" for field in model._meta.get_fields()):
            continue
        for name in translator.get_options_for_model(model).all_fields:
            descriptor = model.__dict__.get(name)
            if type(descriptor) is TranslationFieldDescriptor:
                descriptor.__class__ = OriginalLanguageFallbackDescriptor


# "… so it is shown in Italian.": a whole sentence per shown language (the preposition and the
# case of a language's name change with the language a sentence is written in).
FALLBACK_NOTES = {
    "en": _("This text is not yet available in your language, so it is shown in English."),
    "it": _("This text is not yet available in your language, so it is shown in Italian."),
    "de": _("This text is not yet available in your language, so it is shown in German."),
    "fr": _("This text is not yet available in your language, so it is shown in French."),
    "sl": _("This text is not yet available in your language, so it is shown in Slovenian."),
    "hr": _("This text is not yet available in your language, so it is shown in Croatian."),
    "pl": _("This text is not yet available in your language, so it is shown in Polish."),
}

# "Slides · PDF · in Croatian": the language a file or a text is written in.
IN_LANGUAGE = {
    "en": pgettext_lazy("written in a language", "in English"),
    "it": pgettext_lazy("written in a language", "in Italian"),
    "de": pgettext_lazy("written in a language", "in German"),
    "fr": pgettext_lazy("written in a language", "in French"),
    "sl": pgettext_lazy("written in a language", "in Slovenian"),
    "hr": pgettext_lazy("written in a language", "in Croatian"),
    "pl": pgettext_lazy("written in a language", "in Polish"),
}


def in_language(code: str) -> str:
    return str(IN_LANGUAGE.get(code, ""))
