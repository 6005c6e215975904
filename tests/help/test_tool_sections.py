"""On every tool page: who can help with it (nearest first), the WISEs that use it, and its pilots."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from catalogue.models import Tool
from catalogue.sections import tool_page_sections
from help.models import TOOL_PAGE_PEERS, TOOL_PAGE_PILOTS
from tests.articles.factories import ArticleFactory
from tests.catalogue.factories import ToolFactory
from tests.help.factories import PeerUseFactory, PilotFactory, ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def helpers(partners, dolibarr):
    make = lambda name, countries, languages: ProviderFactory(  # noqa: E731
        name=name, countries=countries, languages=languages, tools=[dolibarr], organisation=partners["SI"]
    )
    return {
        "it-it": make("A Italian in Italy", ["IT"], ["it"]),
        "hr-sl": make("B Croatian speaking Slovenian", ["HR"], ["hr", "sl"]),
        "si-sl": make("C Slovenian in Slovenia", ["SI"], ["sl", "en"]),
        "si-de": make("D German speaker in Slovenia", ["SI", "AT"], ["de"]),
        "pl-en": make("E Polish speaking English", ["PL"], ["pl", "en"]),
    }


def order(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return [provider.name[0] for provider in response.context["tool"].published_providers]


def test_nearest_first_same_country_then_language(client, helpers, dolibarr):
    # A Slovenian reader: Slovenia first (by name), then those who speak Slovenian, then the rest.
    assert order(client, "/sl/catalogue/dolibarr/") == ["C", "D", "B", "A", "E"]
    assert order(client, "/hr/catalogue/dolibarr/") == ["B", "A", "C", "D", "E"]


def test_a_chosen_country_wins_and_is_remembered_in_the_session(client, helpers):
    assert order(client, "/sl/catalogue/dolibarr/?country=HR") == ["B", "C", "A", "D", "E"]
    assert client.session["help_country"] == "HR"
    assert order(client, "/sl/catalogue/dolibarr/") == ["B", "C", "A", "D", "E"]
    assert order(client, "/pl/catalogue/dolibarr/")[0] == "B"  # the choice outlives the language
    order(client, "/sl/catalogue/dolibarr/?country=XX")  # unknown: ignored, the choice stays
    assert client.session["help_country"] == "HR"


def test_english_names_no_country_so_language_decides(client, helpers):
    assert order(client, "/en/catalogue/dolibarr/") == ["C", "E", "A", "B", "D"]


def test_the_section_offers_the_choice_and_a_request_for_this_tool(client, helpers):
    html = client.get("/sl/catalogue/dolibarr/").content.decode()
    assert 'id="who-can-help"' in html
    assert '<option value="SI" selected>' in html
    assert "/sl/help/request/?tool=dolibarr" in html
    assert "/static/help/help.css" in html
    assert all(provider.contact_email not in html for provider in helpers.values())


def test_a_tool_nobody_supports_still_offers_to_ask(client, partners):
    tool = ToolFactory(slug="orphan")
    html = client.get("/en/catalogue/orphan/").content.decode()
    assert "/en/help/request/?tool=orphan" in html
    assert tool.slug in html


def test_hidden_providers_are_not_shown(client, partners, dolibarr):
    ProviderFactory(name="Draft", tools=[dolibarr], status="draft")
    assert order(client, "/en/catalogue/dolibarr/") == []


def test_peers_and_finished_pilots_on_the_tool_page(client, partners, dolibarr, accounting):
    PeerUseFactory(wise_name="Zeleni vrt", tool=dolibarr, quote_en="Invoices in minutes.")
    PeerUseFactory(wise_name="Secret", tool=dolibarr, consent=False)
    story = ArticleFactory(title_en="From paper to Dolibarr", slug="paper-to-dolibarr")
    PilotFactory(title_en="Farm shop invoices", tool=dolibarr, need=accounting, case_story=story)
    PilotFactory(title_en="Still running", tool=dolibarr, need=accounting, phase="running")
    html = client.get("/en/catalogue/dolibarr/").content.decode()
    assert "Zeleni vrt" in html and "Invoices in minutes." in html
    assert "Secret" not in html
    assert "Farm shop invoices" in html and "/en/articles/paper-to-dolibarr/" in html
    assert "Still running" not in html


def test_each_section_loads_in_one_query(dolibarr, helpers, with_tool_section, django_assert_num_queries):
    request = RequestFactory().get("/sl/catalogue/dolibarr/")
    request.session = {}
    PeerUseFactory(tool=dolibarr)
    for section in tool_page_sections():
        if not section.template.startswith("help/"):
            continue
        tool = ToolFactory.build(pk=dolibarr.pk, slug="dolibarr", name="Dolibarr")
        with django_assert_num_queries(1):
            with_tool_section(tool, section.template, request)
        render_to_string(section.template, {"tool": tool, "request": request})


@pytest.mark.parametrize("count", [1, 8])
def test_the_tool_page_query_count_does_not_grow(
    client, settings, partners, dolibarr, accounting, django_assert_num_queries, count
):
    for n in range(count):
        ProviderFactory(tools=[dolibarr], countries=["SI", "HR"][n % 2 :])
        PeerUseFactory(tool=dolibarr)
        PilotFactory(tool=dolibarr, need=accounting, provider=ProviderFactory(), case_story=ArticleFactory())
    settings.PAGE_CACHE_ENABLED = False  # the second request is rendered too
    # The first request after a change also reads which tools each section has rows for.
    with django_assert_num_queries(5 + len(tool_page_sections()) + 3):
        assert client.get("/sl/catalogue/dolibarr/").status_code == 200
    # Then, its body kept (catalogue.cards): the tool, and a query for each section with rows for
    # it (the three of the help app; no lesson or article is about it).
    with django_assert_num_queries(1 + 3):
        response = client.get("/sl/catalogue/dolibarr/")
    assert len(response.context["tool"].published_pilots) == min(count, TOOL_PAGE_PILOTS)
    assert len(response.context["tool"].published_peer_uses) == min(count, TOOL_PAGE_PEERS)


def test_a_tool_with_nothing_in_its_sections_costs_no_section_query(
    client, settings, partners, dolibarr, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/sl/catalogue/dolibarr/")
    with django_assert_num_queries(1):  # the tool: its body is kept (catalogue.cards)
        response = client.get("/sl/catalogue/dolibarr/")
    assert response.context["tool"].published_pilots == []
    # A saved row moves the content version on: the next page queries that section and shows it.
    PeerUseFactory(tool=dolibarr, wise_name="Zadruga Prva")
    with django_assert_num_queries(5 + len(tool_page_sections()) + 1):
        response = client.get("/sl/catalogue/dolibarr/")
    assert [use.wise_name for use in response.context["tool"].published_peer_uses] == ["Zadruga Prva"]


def test_a_section_loads_for_one_tool_the_rows_its_prefetch_loads(partners, dolibarr, accounting):
    """The tool page loads each section for its one tool (``load``), without the prefetch's
    window function: the same rows in the same order, within each section's limit."""
    other = ToolFactory(slug="other-tool")
    for n in range(8):
        ProviderFactory(name=f"Provider {n}", tools=[dolibarr, other], countries=["SI", "HR"][n % 2 :])
        PeerUseFactory(tool=[dolibarr, other][n % 2], wise_name=f"WISE {n}")
        PilotFactory(tool=dolibarr, need=accounting, provider=ProviderFactory(), case_story=ArticleFactory())
    request = RequestFactory().get("/sl/catalogue/dolibarr/")
    request.session = {}
    for section in tool_page_sections():
        prefetched = Tool.objects.prefetch_related(section.prefetch(request)).get(pk=dolibarr.pk)
        loaded = Tool.objects.get(pk=dolibarr.pk)
        section.load(loaded, request)
        expected = getattr(prefetched, section.to_attr)
        assert expected or not section.template.startswith("help/")
        assert [row.pk for row in getattr(loaded, section.to_attr)] == [row.pk for row in expected]
    pilots = Tool.objects.get(pk=dolibarr.pk)
    next(section for section in tool_page_sections() if section.relation == "pilots").load(pilots, request)
    assert pilots.published_pilots and all(pilot.tool is pilots for pilot in pilots.published_pilots)


def test_without_a_content_version_every_section_is_queried(
    client, settings, partners, dolibarr, django_assert_num_queries, monkeypatch
):
    """Redis down: nothing kept per version is trusted, so no section is skipped."""
    settings.PAGE_CACHE_ENABLED = False
    client.get("/sl/catalogue/dolibarr/")
    monkeypatch.setattr("editorial.cache.content_version", lambda: None)
    with django_assert_num_queries(5 + len(tool_page_sections())):
        assert client.get("/sl/catalogue/dolibarr/").status_code == 200
