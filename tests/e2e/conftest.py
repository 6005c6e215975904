"""Real-browser tests: Playwright driving Debian's Chromium against a live server on PostgreSQL.

The demo content is loaded once into the test database; the e2e tests run last
(see the root conftest) and the database is flushed after them.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ASSETS = Path(__file__).parent / "assets"
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    # This machine has no internet: keep Chromium from phoning home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def pytest_collection_modifyitems(items):
    """Every browser test needs the test database (pytest-django only creates it for tests that ask)."""
    for item in items:
        if item.get_closest_marker("e2e") is not None:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def session_media_root(tmp_path_factory):
    """One MEDIA_ROOT and PRIVATE_MEDIA_ROOT for the whole browser session: the demo's images and
    slides, never the developer's."""
    from django.conf import settings

    original = settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.SENDFILE_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("e2e-media")
    settings.PRIVATE_MEDIA_ROOT = settings.SENDFILE_ROOT = tmp_path_factory.mktemp("e2e-private")
    yield settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT, settings.SENDFILE_ROOT = original


@pytest.fixture(autouse=True)
def _media_root(settings, session_media_root):
    """Overrides the root conftest's per-test folders: the live server serves the session's files."""
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = session_media_root
    settings.SENDFILE_ROOT = settings.PRIVATE_MEDIA_ROOT


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser(site):
    # Depends on `site` so that it closes first: Chromium's keep-alive sockets keep the
    # live server's request threads, and their database connections, open until then.
    path = chromium_path()
    if path is None:
        message = "NO CHROMIUM FOUND: the real-browser tests did not run (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test code's
    # database access is synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker, session_media_root):
    """The base URL of a live server on the test database, with the demo content loaded once.

    Not pytest-django's `live_server`: that one makes every test transactional, so the
    database would be emptied after the first test and the demo loaded again for each.
    Depending on `django_db_setup` makes sure the test database exists and is the one in
    use before anything is written (never the development database).
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            _close_server_connections()


def _close_server_connections():
    """End the database sessions the live server's request threads left open.

    Each request runs in its own thread with its own connection; one may outlive the
    server, and PostgreSQL then refuses to drop the test database at the end of the run.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def desktop_context(browser, site):
    """One browser context for the whole run (a fresh tab per test): the suite stays fast."""
    # bypass_csp lets the tests inject axe-core; the site's own pages never need it.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True, base_url=site)
    yield context
    context.close()


@pytest.fixture
def page(desktop_context):
    desktop_context.clear_cookies()
    page = desktop_context.new_page()
    page.set_default_timeout(10_000)
    yield page
    page.close()


@pytest.fixture
def phone_page(browser, site):
    context = browser.new_context(
        viewport=PHONE, bypass_csp=True, base_url=site, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (vendored in tests/e2e/assets) on the page; return the violations of the given impacts."""
    page.evaluate((ASSETS / "axe.min.js").read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in results["violations"]
        if v["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
    return path


def look_at(page, path: str, name: str, *, status: int = 200, phone_axe: bool = False):
    """What a person sees on one page, at desktop and phone width; returns the response.

    Checks the language, exactly one visible h1, the landmarks, alt text on every image,
    zero serious or critical axe-core violations, and no sideways scrolling on a phone;
    takes a full-page screenshot at 1280 px and at 390 px (tests/e2e/screenshots/<name>-*.png).
    axe runs at desktop width, and also at phone width when phone_axe is set (target sizes differ).
    """
    page.set_viewport_size(DESKTOP)
    response = page.goto(path)
    assert response.status == status, f"{path}: HTTP {response.status}"
    language = path.strip("/").split("/")[0]
    assert page.locator("html").get_attribute("lang") == language
    h1 = page.locator("h1")
    assert h1.count() == 1, f"{path}: {h1.count()} h1 elements"
    assert h1.is_visible()
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, f"{path}: landmark {role}"
    assert page.locator("img:not([alt])").count() == 0, f"{path}: an image without alt text"
    assert axe_violations(page) == [], path
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: {width} px wide on a {PHONE['width']} px phone"
    if phone_axe:
        assert axe_violations(page) == [], f"{path} on a phone"
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    return response


def heading_texts(page, selector: str = "h2") -> list[str]:
    return [text.strip() for text in page.locator(f"main {selector}").all_inner_texts()]
