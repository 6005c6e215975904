"""The API shows what other apps own: their factories, and a helper for texts in every language."""

from editorial.languages import LANGUAGE_CODES, localized
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from tests.courses.factories import AttachmentFactory, CourseFactory, LessonFactory

__all__ = [
    "ArticleFactory",
    "AttachmentFactory",
    "CategoryFactory",
    "CourseFactory",
    "LessonFactory",
    "NeedFactory",
    "SectorFactory",
    "ToolFactory",
    "translated",
]


def translated(field: str, text: str) -> dict:
    """``{"name_en": "<text> en", "name_it": "<text> it", ...}``: a text in every language."""
    return {localized(field, code): f"{text} {code}" for code in LANGUAGE_CODES}
