"""Site-wide pieces in a real browser: home, navigation, language switcher, 404 page, page weight."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import DESKTOP, look_at

pytestmark = pytest.mark.e2e

LANGUAGES = ["en", "it", "pl"]
HOME_HEADINGS = {
    "en": "Digital tools for social enterprises, in your language",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page(page, language):
    look_at(page, f"/{language}/", f"home-{language}", phone_axe=language == "en")
    assert page.get_by_role("navigation", name=None).first.is_visible()
    # "What is this and where do I start": pick a sector, pick a need, or search.
    assert page.locator("main a[href*='sector=']").count() > 0
    assert page.locator("main a[href*='need=']").count() > 0
    assert page.locator("main input[type=search]").count() >= 1
    if language == "en":
        assert page.locator("h1").inner_text() == HOME_HEADINGS["en"]


def test_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").is_visible()


def test_language_switcher_keeps_the_page_and_works_by_keyboard(page):
    page.goto("/en/catalogue/")
    summary = page.locator(".language-switcher summary")
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator('.language-switcher a[hreflang="hr"]')
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/hr/catalogue/")
    assert page.locator("html").get_attribute("lang") == "hr"


@pytest.mark.parametrize("language", ["de", "it", "pl"])
def test_unknown_page_shows_the_friendly_404(page, language):
    look_at(page, f"/{language}/this-page-does-not-exist/", f"404-{language}", status=404)
    assert page.locator(f"main a[href='/{language}/']").count() >= 1


@pytest.mark.parametrize("path", ["/en/", "/en/catalogue/"])
def test_page_weight_and_no_third_party_requests(browser, site, path):
    context = browser.new_context(viewport=DESKTOP, base_url=site)
    page = context.new_page()
    hosts, weights = set(), {}
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    def record(response):
        if response.request.resource_type in {"document", "stylesheet", "script"}:
            weights[response.url] = len(response.body())

    page.on("response", record)
    page.goto(path, wait_until="networkidle")
    context.close()
    assert hosts == {urlsplit(site).netloc}
    total = sum(weights.values())
    print(f"page weight {path}: {total} bytes of HTML+CSS+JS in {len(weights)} files")
    assert total < 100_000, weights
