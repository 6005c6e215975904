"""Dates, numbers and plural forms in the visitor's language."""

# ruff: noqa: RUF001 (the en dash of a date range is what these tests read)

import pytest
from django.db import transaction

from tests.catalogue.factories import SectorFactory, ToolFactory
from tests.i18n.html import parse

COURSE_DATES = {
    # 10 to 12 March 2026: the month and year once (compared in lower case).
    "en": "10–12 March 2026",
    "it": "10–12 marzo 2026",
    "de": "10.–12. März 2026",
    "fr": "10–12 mars 2026",
    "sl": "10.–12. marca 2026",
    "hr": "10.–12. ožujka 2026.",
    "pl": "10–12 marca 2026",
}
ARTICLE_DATES = {
    "en": "5 March 2026",
    "it": "5 marzo 2026",
    "sl": "5. marca 2026",
    "de": "5. März 2026",
    "fr": "5 mars 2026",
    "hr": "5. ožujka 2026.",
    "pl": "5 marca 2026",
}


def texts(page) -> list[str]:
    return [piece.text.lower() for piece in page.texts]


@pytest.mark.parametrize("language", COURSE_DATES)
def test_course_dates_in_the_visitors_format(db, pages, language):
    for kind in ["course", "courses"]:
        _response, page = pages(language, kind)
        # Each end of the range is its own <time>: read the text as it runs on.
        assert COURSE_DATES[language].lower() in "".join(texts(page)), kind


@pytest.mark.parametrize("language", ARTICLE_DATES)
def test_article_dates_in_the_visitors_format(db, pages, language):
    for kind in ["article", "articles"]:
        _response, page = pages(language, kind)
        dates = [piece for piece in page.texts if piece.tag == "time"]
        assert ARTICLE_DATES[language].lower() in [piece.text.lower() for piece in dates], kind


def test_file_sizes_in_the_visitors_language(db, pages):
    _response, page = pages("pl", "lesson")
    # The slides are in the course's language (Italian), which the label names.
    assert any(text.endswith("pdf, 45 bajtów · po włosku") for text in texts(page))
    _response, page = pages("de", "lesson")
    assert any(text.endswith("pdf, 45 bytes · auf italienisch") for text in texts(page))


TOOL_COUNTS = {
    "pl": {1: "1 narzędzie", 2: "2 narzędzia", 5: "5 narzędzi", 12: "12 narzędzi", 22: "22 narzędzia"},
    "sl": {1: "1 orodje", 2: "2 orodji", 3: "3 orodja", 5: "5 orodij", 12: "12 orodij"},
    "hr": {1: "1 alat", 2: "2 alata", 5: "5 alata", 12: "12 alata", 22: "22 alata"},
}


@pytest.fixture(scope="module")
def sectors_with_tools(django_db_setup, django_db_blocker):
    """A sector with n published tools for each count used below (made once, rolled back after)."""
    counts = sorted({count for forms in TOOL_COUNTS.values() for count in forms})
    with django_db_blocker.unblock(), transaction.atomic():
        for count in counts:
            sector = SectorFactory(slug=f"count-{count}")
            for index in range(count):
                ToolFactory(
                    name=f"Counted {count}-{index}", slug=f"counted-{count}-{index}", sectors=[sector]
                )
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("language", TOOL_COUNTS)
def test_tool_count_takes_the_right_plural_form(client, db, sectors_with_tools, language):
    for count, expected in TOOL_COUNTS[language].items():
        page = parse(client.get(f"/{language}/catalogue/?sector=count-{count}").content)
        heading = [piece.text for piece in page.texts if "catalogue__count" in piece.classes.split()]
        assert heading == [expected]
