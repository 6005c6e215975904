"""Content not translated into the visitor's language is shown in English, marked ``lang="en"``,
with a note in the visitor's language; translated content has neither the note nor the English mark."""

import pytest
from django.utils import translation

from tests.articles.factories import ArticleFactory
from tests.catalogue.factories import ToolFactory
from tests.courses.factories import LessonFactory
from tests.i18n.conftest import LANGUAGES
from tests.i18n.html import parse

# Each kind of content: how to make one translated into English and Italian only, its URL, its long text.
CONTENT = {
    "tool": (
        lambda: ToolFactory(
            slug="duo",
            summary_en="Duo summary",
            summary_it="Sommario di Duo",
            description_en="<p>English body</p>",
            description_it="<p>Testo italiano</p>",
        ),
        lambda tool, language: f"/{language}/catalogue/{tool.slug}/",
    ),
    "lesson": (
        lambda: LessonFactory(
            slug="duo",
            title_en="Duo lesson",
            title_it="Lezione duo",
            body_en="<p>English body</p>",
            body_it="<p>Testo italiano</p>",
        ),
        lambda lesson, language: f"/{language}/courses/{lesson.course.slug}/{lesson.slug}/",
    ),
    "article": (
        lambda: ArticleFactory(
            slug="duo",
            title_en="Duo article",
            title_it="Articolo duo",
            summary_en="Duo summary",
            summary_it="Sommario duo",
            body_en="<p>English body</p>",
            body_it="<p>Testo italiano</p>",
        ),
        lambda article, language: f"/{language}/articles/{article.slug}/",
    ),
}
BODY = {"en": "English body", "it": "Testo italiano"}
# The note names the visitor's language.
NOTE = {
    "de": "Dieser Text liegt noch nicht auf Deutsch vor",
    "pl": "Ten tekst nie jest jeszcze dostępny po polsku",
}


def fallback_notes(page):
    return [piece for piece in page.texts if "fallback-note" in piece.classes.split()]


@pytest.mark.parametrize("kind", CONTENT)
@pytest.mark.parametrize("language", LANGUAGES)
def test_note_only_when_falling_back_and_lang_of_the_text_shown(client, db, kind, language):
    make, url = CONTENT[kind]
    obj = make()

    response = client.get(url(obj, language))

    assert response.status_code == 200
    page = parse(response.content)
    shown = language if language in BODY else "en"
    body = [piece for piece in page.texts if piece.text in BODY.values()]
    assert [piece.text for piece in body] == [BODY[shown]]
    assert body[0].lang == shown
    notes = fallback_notes(page)
    if shown == language:
        assert notes == []
    else:
        assert len(notes) == 1
        # The note is in the visitor's language, and says so.
        assert notes[0].lang == language
        if language in NOTE:
            assert NOTE[language] in notes[0].text


@pytest.mark.parametrize("kind", CONTENT)
def test_an_english_only_summary_or_title_is_marked_english_too(client, db, kind):
    make, url = CONTENT[kind]
    obj = make()

    page = parse(client.get(url(obj, "pl")).content)

    english = [piece for piece in page.texts if piece.text.startswith("Duo")]
    assert english, "the English title or summary is shown"
    assert {piece.lang for piece in english} == {"en"}
    italian = [piece for piece in page.texts if "duo" in piece.text.lower() and piece.lang == "it"]
    assert italian == []


@pytest.mark.parametrize("kind", CONTENT)
def test_saving_in_another_language_does_not_copy_the_english_text_into_it(db, kind):
    """A Croatian editor (or any code running in Croatian) saving English-only content leaves it untranslated.

    Rich text is sanitized on save; through a translated field's own name that once read the
    English fallback and wrote it into the active language's column, so the page then claimed
    ``lang="hr"`` for English text and showed no fallback note.
    """
    make, _url = CONTENT[kind]
    with translation.override("hr"):
        obj = make()
        obj.save()
    obj.refresh_from_db()

    long_text = "description" if kind == "tool" else "body"
    assert getattr(obj, f"{long_text}_hr") in ("", None)
    assert getattr(obj, f"{long_text}_en") == "<p>English body</p>"
    assert getattr(obj, f"{long_text}_it") == "<p>Testo italiano</p>"
