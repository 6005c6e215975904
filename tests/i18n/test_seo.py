"""What search engines read: hreflang alternates, canonical addresses, translated titles and descriptions."""

from urllib.parse import urlsplit

import pytest

from tests.i18n.conftest import LANGUAGES, OTHER_LANGUAGES, PAGE_KINDS
from tests.i18n.html import Text
from tests.i18n.strings import english_strings_in

INDEXED_KINDS = [kind for kind in PAGE_KINDS if kind != "404"]


@pytest.mark.parametrize("kind", INDEXED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_alternates_for_all_seven_languages_and_x_default(db, pages, language, kind):
    _response, page = pages(language, kind)
    alternates = page.alternates()

    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert alternates["x-default"] == alternates["en"]
    for code in LANGUAGES:
        assert urlsplit(alternates[code]).path.startswith(f"/{code}/")
        assert alternates[code].startswith("http://testserver/")


@pytest.mark.parametrize("kind", INDEXED_KINDS)
def test_every_alternate_answers_200(client, db, pages, kind):
    _response, page = pages("hr", kind)

    for code, url in page.alternates().items():
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, (code, url)


@pytest.mark.parametrize("kind", INDEXED_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_canonical_is_absolute_without_query(db, pages, language, kind):
    _response, page = pages(language, kind)
    canonical = page.canonical()

    if kind == "compare":
        # Not indexed, and defined by its query: no canonical at all rather than a wrong one.
        assert canonical is None
        assert page.meta["robots"] == "noindex"
        return
    if kind == "checkup-result":
        # A private page behind a token: never indexed, no canonical address.
        assert canonical is None
        assert page.meta["robots"] == "noindex, nofollow"
        return
    parts = urlsplit(canonical)
    assert parts.scheme == "http" and parts.netloc == "testserver"
    assert parts.query == "" and parts.fragment == ""
    assert parts.path.startswith(f"/{language}/")
    assert canonical == page.alternates()[language]


def test_search_results_keep_their_query_out_of_the_canonical(db, pages):
    _response, page = pages("de", "search")

    assert page.canonical() == "http://testserver/de/search/"
    assert page.meta["robots"] == "noindex, follow"


def test_compare_alternates_compare_the_same_tools(db, pages, site):
    _response, page = pages("sl", "compare")

    assert page.alternates()["pl"] == (
        f"http://testserver/pl/catalogue/compare/?tools={site['tool'].slug}%2C{site['english_tool'].slug}"
    )


def test_the_404_page_has_no_canonical(db, pages):
    response, page = pages("pl", "404")

    assert response.status_code == 404
    assert page.canonical() is None


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_title_and_description_are_translated(db, pages, language, kind):
    _english_response, english = pages("en", kind)
    _response, page = pages(language, kind)

    assert page.title and page.meta["description"]
    # Each part of the title ("Software catalogue — WISE Business") in the language, or the same
    # word in both ("Articles" in French); the description never the English one.
    title_parts = [Text(part, language, "title") for part in page.title.split(" — ")]
    assert english_strings_in(title_parts, language) == []
    description = Text(page.meta["description"], language, "meta")
    assert english_strings_in([description], language) == []
    assert page.meta["description"] != english.meta["description"]
    assert page.meta["og:locale"] == language
