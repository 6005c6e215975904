"""Help from people in a real browser: the directory, a provider, and a help request sent on a phone."""

import pytest

from tests.e2e.conftest import axe_violations, look_at, screenshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/sl/help/", "help-directory-sl"),
        ("/sl/help/racunalniska-delavnica-drava-demo/", "help-provider-sl"),
        ("/hr/help/request/?tool=dolibarr", "help-request-hr"),
    ],
)
def test_help_pages(page, path, name):
    look_at(page, path, name, phone_axe=True)


def test_a_help_request_from_a_tool_page_on_a_phone(phone_page):
    from help.models import HelpRequest

    page = phone_page
    page.goto("/sl/catalogue/dolibarr/")
    section = page.locator("#who-can-help")
    section.scroll_into_view_if_needed()
    assert section.locator(".provider-card").first.is_visible()
    assert "Drava" in section.locator(".provider-card").first.inner_text()  # in Slovenia: nearest first
    section.locator("a.button[href*='/help/request/']").click()
    page.wait_for_url("**/sl/help/request/?tool=dolibarr")

    assert page.locator("#id_tool").input_value() == "dolibarr"
    assert page.locator("#id_need").input_value() == "accounting-invoicing"
    assert page.locator("#id_country").input_value() == "SI"
    trap = page.locator("input[name=homepage]").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot is out of sight (and off the tab order)
    assert page.locator("input[name=homepage]").get_attribute("tabindex") == "-1"
    page.locator("#id_brief").fill("Radi bi začeli izdajati račune v Dolibarrju.")
    page.locator("#id_email").fill("e2e-zadruga@wises.example.org")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/sl/help/request/*/")
    assert page.locator("h1").inner_text() == "Vaša prošnja za pomoč"
    assert "Social Enterprise Lab Maribor" in page.locator("main").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert axe_violations(page) == []
    screenshot(page, "help-request-sent-phone")
    help_request = HelpRequest.objects.get(email="e2e-zadruga@wises.example.org")
    assert page.url.endswith(f"/sl/help/request/{help_request.token}/")
    assert help_request.organisation.slug == "social-enterprise-lab-maribor"


def test_a_help_request_from_a_check_up_result_on_a_phone(phone_page):
    """The check-up in Slovenian, its result's "who can help nearby", the form with the result
    attached, the status page: what the issue's browser test asks for."""
    from help.models import HelpRequest

    page = phone_page
    page.goto("/sl/check-up/")
    with page.expect_navigation():
        page.locator(".checkup-start__form button").click()
    page.locator("input[name=sector]").first.check()
    page.locator("input[name=country][value=SI]").check()
    for name in ("staff", "integration_workers", "budget", "devices", "connectivity"):
        page.locator(f"input[name={name}]").first.check()
    with page.expect_navigation():
        page.locator("button[value=next]").click()
    while "/check-up/step/" in page.url:
        names = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('fieldset.question input[type=radio]')]"
            ".map(r => r.name))]"
        )
        for name in names:
            page.locator(f"input[name='{name}']").first.check()  # "not started": steps to take
        with page.expect_navigation():
            page.locator("button[value=next]").click()

    assert "/sl/check-up/r/" in page.url
    helper = page.locator(".next-step__helpers a", has_text="Social Enterprise Lab Maribor").first
    helper.scroll_into_view_if_needed()
    with page.expect_navigation():
        helper.click()
    assert "/sl/help/request/?" in page.url
    assert page.locator("#id_country").input_value() == "SI"
    assert page.locator("#id_need").input_value() != ""  # the need of that next step
    attach = page.locator("#id_attach_checkup")
    assert attach.is_visible() and not attach.is_checked()  # attaching is the WISE's choice
    attach.check()
    page.locator("#id_brief").fill("Po digitalnem pregledu bi radi uredili račune in varnostne kopije.")
    page.locator("#id_email").fill("e2e-pregled@wises.example.org")
    page.locator("#id_consent").check()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{width} px wide"
    assert axe_violations(page) == []
    screenshot(page, "help-request-from-checkup-phone")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/sl/help/request/*/")
    assert "Social Enterprise Lab Maribor" in page.locator("main").inner_text()
    help_request = HelpRequest.objects.select_related("checkup_result").get(
        email="e2e-pregled@wises.example.org"
    )
    assert help_request.checkup_result is not None and help_request.checkup_result.country == "SI"
    assert help_request.organisation.slug == "social-enterprise-lab-maribor"
