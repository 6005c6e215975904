"""The catalogue in a real browser: list, filters, tool page, comparison, in four languages."""

import re

import pytest

from tests.e2e.conftest import PHONE, look_at

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "it", "pl", "hr"]


def results_count(page) -> int:
    """The number in the results heading ("22 tools", "22 strumenti", ...)."""
    return int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group())


def facet_counts(page, facet: str) -> dict[str, int]:
    counts = {}
    for option in page.locator(f".facet--{facet} .facet__option").all():
        value = option.locator("input").get_attribute("value")
        counts[value] = int(option.locator(".facet__count [aria-hidden]").inner_text())
    return counts


@pytest.fixture
def tools():
    from catalogue.models import Tool

    return list(Tool.objects.published().order_by("name").values_list("slug", "name")[:3])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_list(page, language):
    look_at(page, f"/{language}/catalogue/", f"catalogue-{language}", phone_axe=language == "en")
    assert results_count(page) > 0
    assert page.locator(".tool-card").count() > 0
    # Each card says its licence, level and language availability in words.
    first_card_badges = page.locator(".tool-card").first.locator(".badge")
    assert first_card_badges.count() >= 3
    assert all(text.strip() for text in first_card_badges.all_inner_texts())


def test_ticking_a_filter_changes_the_counts_by_keyboard(page):
    page.goto("/en/catalogue/")
    total = results_count(page)
    sectors_before = facet_counts(page, "sector")
    needs_before = facet_counts(page, "need")
    sector, expected = next((value, count) for value, count in sectors_before.items() if 0 < count < total)

    checkbox = page.locator(f"#f-sector-{sector}")
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    page.locator(".filters button[type=submit]").first.press("Enter")
    page.wait_for_url(re.compile(rf"sector={sector}"))

    assert page.locator(f"#f-sector-{sector}").is_checked()
    assert results_count(page) == expected
    assert page.locator(".tool-card").count() == min(expected, 20)
    assert facet_counts(page, "need") != needs_before
    assert sum(facet_counts(page, "need").values()) <= sum(needs_before.values())


def test_filters_are_a_collapsible_panel_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/en/catalogue/")
    panel = page.locator(".filter-panel")
    summary = panel.locator("summary")
    assert summary.is_visible()
    search = page.locator("#catalogue-q")
    assert not search.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert search.is_visible()


def test_filters_are_a_sidebar_on_a_wide_screen(page):
    page.goto("/en/catalogue/")
    panel = page.locator(".filter-panel").bounding_box()
    results = page.locator("#results-heading").bounding_box()
    assert page.locator("#catalogue-q").is_visible()
    assert panel["x"] + panel["width"] <= results["x"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_tool_page(page, tools, language):
    slug, name = tools[0]
    look_at(page, f"/{language}/catalogue/{slug}/", f"tool-{language}")
    assert page.locator("h1").inner_text().strip() == name
    assert page.locator("main .badge").count() >= 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_page(page, tools, language):
    slugs = ",".join(slug for slug, _name in tools)
    look_at(page, f"/{language}/catalogue/compare/?tools={slugs}", f"compare-{language}")
    assert page.locator("table thead th").count() == 3


def test_language_switcher_keeps_the_tool_page(page, tools):
    slug, _name = tools[0]
    page.goto(f"/en/catalogue/{slug}/")
    page.locator(".language-switcher summary").click()
    page.locator('.language-switcher a[hreflang="pl"]').click()
    page.wait_for_url(f"**/pl/catalogue/{slug}/")
    assert page.locator("html").get_attribute("lang") == "pl"
