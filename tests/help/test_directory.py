"""/<lang>/help/: the provider directory, its filters and facet counts, what the public sees."""

import datetime

import pytest
from django.utils import timezone

from tests.catalogue.factories import NeedFactory, ToolFactory
from tests.help.factories import ProviderFactory
from tests.sitemaps import full_sitemap_text

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def directory(partners, accounting, dolibarr):
    shop = NeedFactory(slug="e-commerce", name_en="Selling online")
    woocommerce = ToolFactory(name="WooCommerce", slug="woocommerce", needs=[shop])
    return {
        "drava": ProviderFactory(
            name="Drava",
            slug="drava",
            countries=["SI", "AT"],
            languages=["sl", "en"],
            services=["setup", "hosting"],
            tools=[dolibarr],
            needs=[accounting],
            organisation=partners["SI"],
        ),
        "zagreb": ProviderFactory(
            name="Zagreb",
            slug="zagreb",
            countries=["HR"],
            languages=["hr", "en", "sl"],
            services=["setup", "development"],
            tools=[woocommerce],
            needs=[shop],
            organisation=partners["HR"],
        ),
        "bologna": ProviderFactory(
            name="Bologna",
            slug="bologna",
            countries=["IT"],
            languages=["it"],
            services=["training"],
            tools=[dolibarr],
            needs=[accounting],
            kind="volunteers",
            organisation=partners["IT"],
        ),
        "draft": ProviderFactory(name="Draft", slug="draft", countries=["SI"], status="draft"),
        "forgotten": ProviderFactory(
            name="Forgotten", slug="forgotten", countries=["SI"], verified_on=days_ago(500)
        ),
        "overdue": ProviderFactory(
            name="Overdue", slug="overdue", countries=["PL"], verified_on=days_ago(400)
        ),
    }


def names(response):
    return [provider.name for provider in response.context["providers"]]


def facet(response, name):
    [found] = [item for item in response.context["facets"] if item["name"] == name]
    return {option["value"]: option["count"] for option in found["options"]}


def test_the_public_sees_published_providers_checked_within_the_year_and_grace(client, directory):
    shown = set(names(client.get("/en/help/")))
    assert shown == {"Drava", "Zagreb", "Bologna", "Overdue"}
    assert client.get("/en/help/forgotten/").status_code == 404
    assert client.get("/en/help/draft/").status_code == 404
    overdue = client.get("/en/help/overdue/").content.decode()
    assert "May be out of date" in overdue


def test_nearest_first_by_the_visitors_country_then_language(client, directory):
    assert names(client.get("/sl/help/"))[:2] == ["Drava", "Zagreb"]  # in Slovenia, then speaks Slovenian
    assert names(client.get("/hr/help/"))[0] == "Zagreb"
    assert names(client.get("/it/help/"))[0] == "Bologna"
    # No country for English: English speakers first, by name.
    assert names(client.get("/en/help/")) == ["Drava", "Overdue", "Zagreb", "Bologna"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tool=dolibarr", {"Drava", "Bologna"}),
        ("tool=dolibarr&tool=woocommerce", {"Drava", "Bologna", "Zagreb"}),
        ("country=AT", {"Drava"}),
        ("country=SI&country=HR", {"Drava", "Zagreb"}),
        ("language=sl", {"Drava", "Zagreb"}),
        ("need=accounting-invoicing", {"Drava", "Bologna"}),
        ("service=hosting", {"Drava"}),
        ("kind=volunteers", {"Bologna"}),
        ("tool=dolibarr&language=sl", {"Drava"}),
        ("q=Zagreb", {"Zagreb"}),
    ],
)
def test_each_filter(client, directory, query, expected):
    response = client.get(f"/en/help/?{query}")
    assert response.status_code == 200
    assert set(names(response)) == expected


def test_facet_counts_keep_the_other_filters(client, directory):
    response = client.get("/en/help/?tool=dolibarr")
    assert facet(response, "country")["SI"] == 1 and facet(response, "country")["IT"] == 1
    assert facet(response, "country")["HR"] == 0
    assert facet(response, "tool") == {"dolibarr": 2, "woocommerce": 1}  # its own facet ignores itself
    assert facet(response, "language")["sl"] == 1
    assert facet(response, "service")["hosting"] == 1 and facet(response, "service")["development"] == 0
    assert facet(response, "need")["accounting-invoicing"] == 2
    assert facet(response, "kind") == {"ict_firm": 1, "freelance": 0, "volunteers": 1, "help_desk": 0}


def test_the_tool_facet_lists_only_tools_someone_supports(client, directory):
    ToolFactory(name="Nobody Supports Me", slug="lonely")
    assert "lonely" not in facet(client.get("/en/help/"), "tool")


def test_unknown_filter_values_are_dropped_with_a_notice(client, directory):
    response = client.get("/en/help/?tool=dolibarr&country=XX&language=<script>&service=teleport")
    assert response.status_code == 200
    assert set(names(response)) == {"Drava", "Bologna"}
    [notice] = response.context["notices"]
    assert "XX" in notice and "teleport" in notice
    assert "<script>" not in response.content.decode()


def test_a_country_chosen_here_is_remembered(client, directory):
    client.get("/en/help/?country=HR")
    assert names(client.get("/en/help/"))[0] == "Zagreb"


@pytest.mark.parametrize("count", [3, 25])
def test_the_query_count_does_not_grow_with_the_directory(
    client, partners, dolibarr, django_assert_num_queries, count
):
    tools = [dolibarr, *(ToolFactory() for _n in range(3))]
    for n in range(count):
        ProviderFactory(
            countries=["SI", "HR"][n % 2 :], tools=tools[: 1 + n % 4], organisation=partners["SI"]
        )
    # needs, sectors, tools, seven facets, the count, the page and its tools
    with django_assert_num_queries(13):
        response = client.get("/sl/help/")
    assert len(response.context["providers"]) == min(count, 20)


def test_a_provider_page_shows_its_sheet_but_never_its_address(client, directory):
    response = client.get("/en/help/drava/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dolibarr" in html and "/en/help/request/?provider=drava" in html
    assert directory["drava"].contact_email not in html
    assert "mailto:" not in html


def test_a_draft_can_be_previewed_by_its_partner_only(client, directory, editors, partners):
    draft = directory["draft"]
    draft.organisation = partners["SI"]
    draft.save()
    client.force_login(editors["SI"])
    assert client.get("/en/help/draft/?preview=1").status_code == 200
    client.force_login(editors["HR"])
    assert client.get("/en/help/draft/?preview=1").status_code == 404


def test_the_sitemap_lists_public_providers_only(client, directory):
    sitemap = full_sitemap_text(client)
    assert "/sl/help/drava/" in sitemap and "/en/help/" in sitemap
    assert "/help/draft/" not in sitemap and "/help/forgotten/" not in sitemap
    assert "/help/request/" not in sitemap


def test_site_search_finds_providers(client, directory):
    response = client.get("/en/search/?q=Zagreb")
    groups = {group.kind: group for group in response.context["groups"]}
    assert [provider.name for provider in groups["providers"].results] == ["Zagreb"]
    assert "/en/help/zagreb/" in response.content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_a_provider_page_query_count_does_not_grow(
    client, partners, accounting, farming, django_assert_num_queries, count
):
    from tests.help.factories import PilotFactory

    provider = ProviderFactory(slug="busy", organisation=partners["SI"])
    provider.tools.set([ToolFactory() for _n in range(count)])
    provider.needs.set([accounting])
    provider.sectors.set([farming])
    for _n in range(count):
        PilotFactory(provider=provider, need=accounting, tool=ToolFactory())
    # the provider, its needs, sectors, tools and finished pilots
    with django_assert_num_queries(5):
        assert client.get("/en/help/busy/").status_code == 200


@pytest.mark.parametrize("steps", [0, 3])
def test_a_status_page_query_count_does_not_grow(client, partners, django_assert_num_queries, steps):
    from help.models import State
    from tests.help.factories import HelpRequestFactory

    help_request = HelpRequestFactory(country="SI")
    if steps:
        help_request.forward([ProviderFactory(), ProviderFactory()])
        help_request.move_to(State.IN_PROGRESS)
        help_request.move_to(State.DONE)
    # the request (with need, sector, tool, partner, provider), its history, the history's forwardings
    with django_assert_num_queries(3):
        assert client.get(f"/en/help/request/{help_request.token}/").status_code == 200
