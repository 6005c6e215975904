"""Every kind of page, in every language, speaks the visitor's language: no English UI string is left.

The known English strings are the msgids of the .po files behind the public pages (see strings.py).
A non-English page may show English only inside an element marked ``lang="en"``: content that is
not translated yet, which the fallback note then explains.
"""

import pytest
from django.conf import settings

from tests.i18n.conftest import ENGLISH_MARK, LANGUAGES, OTHER_LANGUAGES, PAGE_KINDS
from tests.i18n.strings import english_strings_in, english_ui_strings

# The main navigation, as the header shows it in each language.
NAVIGATION = {
    "en": ["Catalogue", "Courses", "Articles", "MOOC", "Check-up"],
    "it": ["Catalogo", "Corsi", "Articoli", "MOOC", "Check-up"],
    "de": ["Katalog", "Kurse", "Artikel", "MOOC", "Digital-Check"],
    "fr": ["Catalogue", "Formations", "Articles", "MOOC", "Diagnostic"],
    "sl": ["Katalog", "Tečaji", "Članki", "MOOC", "Digitalni pregled"],
    "hr": ["Katalog", "Tečajevi", "Članci", "MOOC", "Digitalna provjera"],
    "pl": ["Katalog", "Kursy", "Artykuły", "MOOC", "Autodiagnoza"],
}


def navigation_labels(page) -> list[str]:
    """The link texts of the header's main navigation."""
    return [piece.text for piece in page.texts if piece.tag == "a" and "main-nav" in piece.classes.split()]


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_renders_in_the_language(db, pages, language, kind):
    response, page = pages(language, kind)

    assert response.status_code == (404 if kind == "404" else 200)
    assert page.html_lang == language
    assert navigation_labels(page) == NAVIGATION[language]


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_english_ui_string_outside_english_content(db, pages, language, kind):
    _response, page = pages(language, kind)

    found = english_strings_in(page.visible_text(outside_lang="en"), language)

    assert found == [], f"English UI text on {kind} in {language}"


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_untranslated_content_is_marked_as_english(db, pages, language, kind):
    _response, page = pages(language, kind)

    unmarked = [piece.text for piece in page.texts if ENGLISH_MARK in piece.text and piece.lang != "en"]

    assert unmarked == [], f"English content without lang=en on {kind} in {language}"


def test_the_english_strings_are_found_where_they_are(db, pages):
    """The check above is not empty: on the English pages it finds the very strings it looks for."""
    assert len(english_ui_strings("pl")) > 200
    found = set()
    for kind in PAGE_KINDS:
        _response, page = pages("en", kind)
        found.update(msgid for msgid, _text in english_strings_in(page.texts, "pl"))
    expected = {
        "Skip to main content",
        "Search tools, lessons and articles",
        "Software catalogue",
        "What it does",
    }
    assert expected <= found
    assert len(found) > 100


def test_every_language_is_checked():
    assert set(NAVIGATION) == {code for code, _name in settings.LANGUAGES}
