"""Which language an API answer is in: ``?lang=``, else the ``Accept-Language`` header, else English.

``?lang=all`` asks for every language at once: each translated field is then an object
``{"en": …, "it": …, …}`` with one key per language of settings (empty where not translated).
In one language, an untranslated field falls back as the pages do (the language asked for,
English, then the language the item was written in: ``editorial.languages.fallback_chain``),
and each object's ``text_languages`` names the language each of its texts came out in.
"""

from __future__ import annotations

from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

#: ``?lang=all``: every language, each translated field an object keyed by language code.
ALL = "all"
LANGUAGE_PARAMETER = "lang"
LANGUAGE_CHOICES = [*LANGUAGE_CODES, ALL]


class UnknownLanguage(ValueError):
    pass


def requested_language(request) -> str:
    """The language code (or ``ALL``) a request asks for; UnknownLanguage for an unknown ``?lang=``."""
    value = request.GET.get(LANGUAGE_PARAMETER)
    if value is not None:
        code = value.strip().lower()
        if code in LANGUAGE_CHOICES:
            return code
        raise UnknownLanguage(value)
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            continue
        try:
            variant = get_supported_language_variant(code)
        except LookupError:
            continue
        if variant in LANGUAGE_CODES:
            return variant
    return DEFAULT_LANGUAGE


def languages_of(language: str) -> list[str]:
    """The languages an answer in ``language`` holds: all of them for ``ALL``."""
    return list(LANGUAGE_CODES) if language == ALL else [language]
