import pytest
from django.utils import translation

from catalogue.models import Tool
from tests.catalogue.factories import ToolFactory
from tests.catalogue.test_filters import listed


def search(q: str, language: str) -> list[str]:
    with translation.override(language):
        return list(Tool.objects.published().search(q).values_list("slug", flat=True))


@pytest.fixture
def multilingual(db):
    return ToolFactory(
        name="Rota",
        slug="rota",
        summary_en="Plan the shifts of your team.",
        summary_it="Pianifica i turni della squadra e le fatture.",
        summary_de="Plant die Schichten und schreibt Rechnungen.",
        summary_hr="Planiranje smjena za službu čišćenja.",
        summary_pl="Planowanie zmian dla służby sprzątającej.",
        summary_sl="Načrtovanje izmen za službo čiščenja.",
        description_en="<p>Drivers and cleaners see their week on the phone.</p>",
    )


def test_stemmed_italian_and_german(multilingual):
    assert search("fattura", "it") == ["rota"]  # "fatture" stems to the same word
    assert search("Rechnung", "de") == ["rota"]  # "Rechnungen"
    assert search("Schicht", "de") == ["rota"]


@pytest.mark.parametrize(
    ("q", "language"), [("sluzbu", "hr"), ("sluzby", "pl"), ("sluzbo", "sl"), ("ciscenja", "hr")]
)
def test_accentless_queries_find_slavic_text(multilingual, q, language):
    ToolFactory(name="Other", slug="other", summary_hr="Nešto drugo.", summary_pl="Coś innego.")
    assert search(q, language) == ["rota"]


def test_sluzba_finds_sluzba(db):
    ToolFactory(name="Dispatch", slug="dispatch", summary_hr="Alat za komunalna služba.")
    assert search("sluzba", "hr") == ["dispatch"]


def test_falls_back_to_english_text(multilingual):
    # No French summary or description: French search reads the English text.
    assert search("drivers", "fr") == ["rota"]
    assert search("cleaners", "hr") == ["rota"]


def test_exact_name_ranks_first(db):
    ToolFactory(
        name="Planner Pro",
        slug="planner-pro",
        summary_en="Trello alternative: boards like Trello, Trello import, for Trello fans.",
    )
    ToolFactory(name="Trello", slug="trello", summary_en="Boards and cards for a team.")
    assert search("trello", "en")[0] == "trello"
    assert search("Trello", "en") == ["trello", "planner-pro"]


def test_misspelt_name_finds_the_tool(client, db):
    ToolFactory(name="Nextcloud", slug="nextcloud", summary_en="Files and calendars on your own server.")
    ToolFactory(name="Canva", slug="canva", summary_en="Design posters.")
    assert search("nextclod", "en") == ["nextcloud"]
    assert listed(client.get("/en/catalogue/?q=nextclod")) == ["nextcloud"]


def test_search_on_the_list_page_in_the_visitors_language(client, multilingual):
    ToolFactory(name="Other", slug="other")
    assert listed(client.get("/it/catalogue/?q=fattura")) == ["rota"]
    assert listed(client.get("/hr/catalogue/?q=sluzbu")) == ["rota"]
    html = client.get("/it/catalogue/?q=fattura").content.decode()
    assert 'value="relevance" selected' in html


def test_search_never_finds_drafts(client, db):
    ToolFactory(name="Hidden", slug="hidden", status="draft", summary_en="A secret ledger.")
    assert search("ledger", "en") == []
    assert search("hiden", "en") == []
    assert listed(client.get("/en/catalogue/?q=Hidden")) == []
