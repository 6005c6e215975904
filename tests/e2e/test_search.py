"""The one site search in a real browser: from the header box, in three languages."""

import pytest

from tests.e2e.conftest import look_at

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "it", "pl"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results(page, language):
    look_at(page, f"/{language}/search/?q=invoice", f"search-{language}", phone_axe=language == "en")
    assert page.locator("main h2").count() >= 1
    assert page.locator("#search-page-q").input_value() == "invoice"


def test_search_from_the_header_by_keyboard(page):
    page.goto("/en/")
    box = page.locator("#header-search-q")
    box.focus()
    page.keyboard.type("accounting")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=accounting")
    assert page.locator("main h2").count() >= 1
    assert page.locator("main a").count() > 0


def test_hostile_search_is_shown_as_text(page):
    page.goto("/en/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert page.locator("main script").count() == 0
    assert page.locator("#search-page-q").input_value() == "<script>alert(1)</script>"
    assert page.locator("h1").count() == 1
