"""An Italian partner editor, on a phone, writes a tool in Italian alone, publishes it, and sees it
live in Italian, and in Polish with the note that it is shown in Italian."""

import pytest

from tests.e2e.conftest import PHONE, screenshot

pytestmark = pytest.mark.e2e


def test_an_italian_editor_publishes_an_italian_only_tool_on_a_phone(phone_page):
    page = phone_page
    page.set_extra_http_headers({"Accept-Language": "it"})
    page.goto("/admin/login/?next=/admin/catalogue/tool/add/")
    page.get_by_label("Nome utente").fill("editor-it")
    page.get_by_label("Password").fill("wise-demo-2026")
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url("**/admin/catalogue/tool/add/")
    assert "WISE Business — area partner" in page.title()
    assert page.locator("#id_original_language").input_value() == "it"
    # The tabs' language menu is labelled and names the languages (not a bare "EN" in the title).
    switch = page.get_by_label("Mostra i campi in:")
    assert "Italiano" in switch.locator("option").all_inner_texts()
    assert page.locator("h1 select").count() == 0

    page.locator("#id_name").fill("Orto Condiviso (demo)")
    page.locator("#id_name").dispatch_event("change")  # the address follows the name
    assert page.locator("#id_slug").input_value() == "orto-condiviso-demo"
    page.locator("#id_summary_it").fill("Un calendario semplice per organizzare i turni nell'orto sociale.")
    page.locator("#id_licence").select_option("free")
    page.get_by_label("Browser web").check()
    page.get_by_label("Android").check()
    for field, term in (("sectors", "Agri"), ("needs", "Personale")):
        search = page.locator(f'.select2-search__field[aria-controls="select2-id_{field}-results"]')
        if not search.count():
            search = page.locator(f"#id_{field} + .select2 .select2-search__field")
        search.click()
        search.fill(term)
        page.locator(f"#select2-id_{field}-results .select2-results__option", has_text=term).first.click()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the change form is {width} px wide on a {PHONE['width']} px phone"
    screenshot(page, "admin-tool-form-italian-phone")
    page.get_by_role("button", name="Pubblica").click()

    message = page.locator(".messagelist .success")
    assert "è pubblicato sul sito" in message.inner_text()
    screenshot(page, "admin-published-in-italian-phone")
    message.get_by_role("link").click()
    page.wait_for_url("**/catalogue/orto-condiviso-demo/")

    page.goto("/it/catalogue/orto-condiviso-demo/")
    assert "organizzare i turni" in page.locator("main").inner_text()
    assert page.locator(".fallback-note").count() == 0
    page.goto("/pl/catalogue/orto-condiviso-demo/")
    assert page.locator(".lead").get_attribute("lang") == "it"
    assert "po włosku" in page.locator(".fallback-note").inner_text()
    screenshot(page, "tool-in-polish-shown-in-italian-phone")
