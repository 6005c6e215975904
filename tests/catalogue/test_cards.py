"""List cards' and tool pages' bodies are rendered once per content version, day, tool and
language (catalogue.cards), and a page whose bodies are kept reads only what is around them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import cards
from editorial.cache import bump_content_version


@pytest.fixture(autouse=True)
def no_kept_bodies():
    cards.CARD_BODIES.clear()
    cards.TOOL_PAGE_BODIES.clear()
    yield
    cards.CARD_BODIES.clear()
    cards.TOOL_PAGE_BODIES.clear()


def renderer(text):
    calls = []

    def render():
        calls.append(text)
        return f"{text} #{len(calls)}"

    return render, calls


def test_a_body_is_rendered_once_per_version_and_language(db):
    render, calls = renderer("card")
    assert cards.card_body(1, "en", render) == "card #1"
    assert cards.card_body(1, "en", render) == "card #1"
    assert cards.card_body(1, "hr", render) == "card #2"
    assert cards.all_kept([1], "en") and cards.all_kept([1], "hr")
    assert not cards.all_kept([1, 2], "en")
    bump_content_version()
    assert not cards.all_kept([1], "en")
    assert cards.card_body(1, "en", render) == "card #3"
    assert len(calls) == 3


def test_the_day_is_part_of_the_key(db, monkeypatch):
    render, _calls = renderer("card")
    cards.card_body(1, "en", render)
    monkeypatch.setattr(cards.timezone, "localdate", lambda: datetime.date(2031, 1, 1))
    assert not cards.all_kept([1], "en")
    assert cards.card_body(1, "en", render) == "card #2"


def test_without_a_content_version_nothing_is_kept(db, monkeypatch):
    monkeypatch.setattr("editorial.cache.content_version", lambda: None)
    render, calls = renderer("card")
    cards.card_body(1, "en", render)
    cards.card_body(1, "en", render)
    assert len(calls) == 2
    assert not cards.all_kept([1], "en")


def page_query(client, url: str) -> tuple[str, str]:
    """The page's HTML and the SQL of the query that read its tools."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    [sql] = [query["sql"] for query in queries if '"catalogue_tool"."slug"' in query["sql"]]
    return html, sql


@pytest.mark.parametrize("url", ["/hr/catalogue/", "/en/catalogue/?q=books&sector=farming"])
def test_a_page_of_kept_cards_reads_only_their_frame(client, settings, catalogue, url):
    settings.PAGE_CACHE_ENABLED = False
    catalogue["gnucash"].summary_en = catalogue["gnucash"].summary_hr = "Keeps the books of the farm."
    catalogue["gnucash"].save()
    first, first_sql = page_query(client, url)
    again, again_sql = page_query(client, url)
    assert '"summary' in first_sql
    assert '"summary' not in again_sql
    assert again == first
    assert "Keeps the books of the farm." in again
    # A change: every body is rendered again, from whole rows.
    catalogue["gnucash"].summary_en = catalogue["gnucash"].summary_hr = "Keeps the farm's books."
    catalogue["gnucash"].save()
    changed, changed_sql = page_query(client, url)
    assert '"summary' in changed_sql
    assert "Keeps the farm&#x27;s books." in changed


def tool_page_query(client, url: str) -> tuple[str, str]:
    """The tool page's HTML and the SQL of the query that read the tool."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    [sql] = [query["sql"] for query in queries if '"catalogue_tool"."slug" = ' in query["sql"]]
    return response.content.decode(), sql


def test_a_kept_tool_page_body_reads_only_the_frame_and_shows_the_same(client, settings, catalogue):
    settings.PAGE_CACHE_ENABLED = False
    gnucash = catalogue["gnucash"]
    gnucash.description_en = "<p>Double-entry books for the whole cooperative.</p>"
    gnucash.save()
    first, first_sql = tool_page_query(client, "/en/catalogue/gnucash/")
    again, again_sql = tool_page_query(client, "/en/catalogue/gnucash/")
    assert '"description_en"' in first_sql
    assert '"description_en"' not in again_sql
    assert again == first
    assert "Double-entry books for the whole cooperative." in again
    assert "Useful in these sectors" in again
    # Another language has its own body.
    croatian, croatian_sql = tool_page_query(client, "/hr/catalogue/gnucash/")
    assert '"description_en"' in croatian_sql
    assert croatian != first
    # A save: the body is rendered again, from the whole row.
    gnucash.description_en = "<p>Books, invoices and reports.</p>"
    gnucash.save()
    changed, changed_sql = tool_page_query(client, "/en/catalogue/gnucash/")
    assert '"description_en"' in changed_sql
    assert "Books, invoices and reports." in changed
    assert "Double-entry books" not in changed


def test_what_depends_on_the_visitor_stays_outside_the_kept_body(client, settings, catalogue):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/catalogue/gnucash/")
    client.post("/en/catalogue/shortlist/", {"action": "add", "tool": "gnucash"})
    html = client.get("/en/catalogue/gnucash/").content.decode()
    assert cards.TOOL_PAGE_BODIES.kept(("gnucash", "en")) is not None
    assert "Remove from my shortlist" in html
    assert "My shortlist (1)" in html


def test_a_preview_is_never_kept_nor_served_from_a_kept_body(client, settings, catalogue, admin_user):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/catalogue/gnucash/")
    kept = cards.TOOL_PAGE_BODIES.kept(("gnucash", "en"))
    client.force_login(admin_user)
    draft = catalogue["secret"]
    response = client.get(f"/en/catalogue/{draft.slug}/?preview=1")
    assert response.status_code == 200
    assert cards.TOOL_PAGE_BODIES.kept((draft.slug, "en")) is None
    _preview, preview_sql = tool_page_query(client, "/en/catalogue/gnucash/?preview=1")
    assert '"description_en"' in preview_sql
    assert cards.TOOL_PAGE_BODIES.kept(("gnucash", "en")) == kept
