"""List cards' bodies are rendered once per content version, day, tool and language
(catalogue.cards), and a page whose cards are all kept reads only what is around them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue import cards
from editorial.cache import bump_content_version


@pytest.fixture(autouse=True)
def no_kept_bodies():
    cards._bodies.clear()
    yield
    cards._bodies.clear()


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
