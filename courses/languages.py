"""A language named inside a sentence, as each language says it: "in Croatian", "in croato",
"auf Kroatisch", "v hrvaščini", "na hrvatskom", "po chorwacku".

Whole phrases rather than "in %(language)s": the case and the preposition change with the language
named (Slovenian "v hrvaščini", locative), and Italian, French, Slovenian, Croatian and Polish write
language names in lowercase where a standalone name ("Croato" in a list) takes a capital. Adding a
language to LANGUAGES means adding its two phrases here (a test checks that none is missing).
"""

from django.utils.translation import pgettext_lazy

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

# The badge on a course card: the language the training was given in.
HELD_IN = {
    "en": pgettext_lazy("course language", "Held in English"),
    "it": pgettext_lazy("course language", "Held in Italian"),
    "de": pgettext_lazy("course language", "Held in German"),
    "fr": pgettext_lazy("course language", "Held in French"),
    "sl": pgettext_lazy("course language", "Held in Slovenian"),
    "hr": pgettext_lazy("course language", "Held in Croatian"),
    "pl": pgettext_lazy("course language", "Held in Polish"),
}


def in_language(code: str) -> str:
    return str(IN_LANGUAGE.get(code, ""))


def held_in(code: str) -> str:
    return str(HELD_IN.get(code, ""))
