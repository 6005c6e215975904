"""The language a course was held in, named inside a badge as each language says it ("Held in
Croatian", "Tečaj na hrvatskom"); for "in Croatian" in general see ``editorial.languages``.

Whole phrases rather than "in %(language)s": the case and the preposition change with the language
named (Slovenian "v hrvaščini", locative), and Italian, French, Slovenian, Croatian and Polish write
language names in lowercase where a standalone name ("Croato" in a list) takes a capital. Adding a
language to LANGUAGES means adding its two phrases here (a test checks that none is missing).
"""

from django.utils.translation import pgettext_lazy

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


def held_in(code: str) -> str:
    return str(HELD_IN.get(code, ""))
