"""The check-up on a 390 px phone, in Polish, with the keyboard only: start, the profile, seven
steps, the result with three next steps; zero serious axe violations on the way."""

import pytest

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.e2e


def tab_to(page, condition: str, limit: int = 300):
    """Press Tab until the focused element meets ``condition`` (a JS expression on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return
    raise AssertionError(f"Tab never reached {condition}")


def choose(page, name: str, index: int):
    """Reach the radio group ``name`` with Tab, tick its first answer with Space, then go down with arrows."""
    tab_to(page, f"el.name === {name!r}")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    checked = page.evaluate(f"() => [...document.getElementsByName({name!r})].findIndex(r => r.checked)")
    assert checked == index, name


def submit(page):
    tab_to(page, "el.tagName === 'BUTTON' && el.value === 'next'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_polish_recycling_cooperative_takes_the_check_up_on_a_phone_by_keyboard(phone_page):
    page = phone_page
    page.goto("/pl/check-up/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert axe_violations(page) == []

    tab_to(page, "el.tagName === 'BUTTON' && el.closest('.checkup-start__form')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The profile: recycling (third sector), Poland, 10-49 staff, 5-19 in integration, a small budget, phones.
    assert page.get_by_text("Krok 1 z 8").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "checkup-profile-phone")
    for name, index in [
        ("sector", 2),
        ("country", 6),
        ("staff", 1),
        ("integration_workers", 1),
        ("budget", 1),
        ("devices", 0),
        ("connectivity", 1),
    ]:
        choose(page, name, index)
    submit(page)

    for number in range(2, 9):
        assert page.get_by_text(f"Krok {number} z 8").is_visible()
        if number == 2:
            assert axe_violations(page) == []
            screenshot(page, "checkup-step-phone")
        radios = "[...document.querySelectorAll('fieldset.question input[type=radio]')]"
        groups = page.evaluate(f"() => [...new Set({radios}.map(r => r.name))]")
        for position, name in enumerate(groups):
            choose(
                page, name, 0 if position == 0 else 1
            )  # the first of each step "not started", then "some activity"
        submit(page)

    assert "/pl/check-up/r/" in page.url
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("h1").inner_text() == "Wynik twojej autodiagnozy"
    steps = page.locator("li.next-step")
    assert steps.count() == 3
    for index in range(3):
        step = steps.nth(index)
        assert 1 <= step.locator(".next-step__tools a").count() <= 3
    assert page.locator("li.next-step a[href*='/pl/courses/']").count() >= 1
    assert page.locator("svg.radar__svg[role=img] title").count() == 1
    assert page.locator(".result-flags li").count() >= 1  # no backups, shared passwords: "not started"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{width} px wide"
    assert axe_violations(page) == []
    screenshot(page, "checkup-result-phone")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("li.next-step").first.is_visible()
    screenshot(page, "checkup-result-print")
