"""The API documentation page in a real browser, under the site's own Content-Security-Policy."""

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e


def test_the_documentation_lists_every_endpoint_under_the_csp(browser, site):
    # No bypass_csp here: the page must work with 'self' only, as visitors get it.
    context = browser.new_context(viewport=DESKTOP, base_url=site)
    page = context.new_page()
    problems, hosts = [], set()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', "
        "e => console.error('CSP ' + e.violatedDirective))"
    )
    try:
        page.goto("/api/v1/docs/")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        paths = set(page.locator(".opblock-summary-path").all_inner_texts())
        assert {"/api/v1/tools/", "/api/v1/tools/{slug}/publiccode.yml", "/api/v1/catalogue.jsonld"} <= {
            path.replace("\u200b", "") for path in paths
        }
        schema = page.request.get("/api/v1/schema/?format=json").json()
        assert len(paths) == len(schema["paths"])
        assert problems == []
        assert hosts == {urlsplit(site).netloc}
    finally:
        context.close()


def test_the_done_when_request_in_the_browser(browser, site):
    """The demo catalogue through the API: tools for waste and recycling, in Croatian."""
    context = browser.new_context(base_url=site)
    try:
        response = context.request.get("/api/v1/tools/?sector=waste-recycling&lang=hr")
        body = response.json()
        assert response.status == 200 and body["count"] > 0
        nextcloud = next(tool for tool in body["results"] if tool["slug"] == "nextcloud")
        assert nextcloud["summary"].startswith("Vlastiti oblak")
    finally:
        context.close()
