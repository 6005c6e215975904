import re

import pytest
from django.utils.translation import ngettext

from catalogue.views import ToolListView
from tests.catalogue.factories import ToolFactory


def listed(response) -> list[str]:
    """The slugs of the tool cards, in order (each card's shortlist form names its tool)."""
    return re.findall(r'<input type="hidden" name="tool" value="([\w-]+)">', response.content.decode())


def facet(response, name: str) -> dict[str, dict]:
    """{value: {"count": n, "checked": bool, "disabled": bool}} of one facet, from the context."""
    for item in response.context["facets"]:
        if item["name"] == name:
            return {option["value"]: option for option in item["options"]}
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"gnucash", "invoicer", "sitebuilder", "bigerp"}),
        ("sector=farming", {"gnucash", "sitebuilder", "bigerp"}),
        ("sector=farming&sector=waste-recycling", {"gnucash", "invoicer", "sitebuilder", "bigerp"}),
        ("need=website", {"sitebuilder", "bigerp"}),
        # "Free" is a price: it includes the free open-source tool.
        ("price=free", {"gnucash", "invoicer"}),
        ("price=freemium&price=paid", {"sitebuilder", "bigerp"}),
        ("licence=open_source", {"gnucash"}),
        ("licence=proprietary", {"invoicer", "sitebuilder", "bigerp"}),
        ("licence=open_source&price=free", {"gnucash"}),
        # Links shared before licence and price were split still find what they found.
        ("licence=free", {"gnucash", "invoicer"}),
        ("licence=paid", {"bigerp"}),
        ("platform=android", {"sitebuilder"}),
        ("platform=linux&platform=android", {"gnucash", "sitebuilder"}),
        ("language=hr", {"gnucash", "invoicer"}),
        ("level=advanced", {"bigerp"}),
        ("level=starter&level=advanced", {"invoicer", "sitebuilder", "bigerp"}),
    ],
)
def test_each_facet_filters(client, catalogue, query, expected):
    response = client.get(f"/en/catalogue/?{query}")
    assert response.status_code == 200
    assert set(listed(response)) == expected


def test_facets_combine(client, catalogue):
    # The "done when" question: free tools for accounting, for waste recycling, in Croatian.
    query = "sector=waste-recycling&need=accounting-invoicing&price=free&language=hr"
    response = client.get(f"/hr/catalogue/?{query}")
    assert set(listed(response)) == {"gnucash", "invoicer"}
    response = client.get("/en/catalogue/?sector=farming&need=accounting-invoicing&platform=web")
    assert listed(response) == ["bigerp"]


def test_facet_counts_keep_the_other_filters(client, catalogue):
    response = client.get("/en/catalogue/?sector=farming&price=paid")
    assert listed(response) == ["bigerp"]
    sectors = facet(response, "sector")
    # Sector counts keep price=paid but not the sector filter itself.
    assert sectors["farming"]["count"] == 1
    assert sectors["waste-recycling"]["count"] == 0
    assert sectors["farming"]["checked"]
    assert sectors["waste-recycling"]["disabled"]
    prices = facet(response, "price")
    # Price counts keep sector=farming: the free open-source tool counts as free.
    assert {k: v["count"] for k, v in prices.items()} == {
        "free": 1,
        "freemium": 1,
        "paid": 1,
        "per_transaction": 0,
    }
    assert prices["per_transaction"]["disabled"] and not prices["paid"]["disabled"]
    licences = facet(response, "licence")
    # Licence counts keep sector=farming and price=paid.
    assert {k: v["count"] for k, v in licences.items()} == {"open_source": 0, "proprietary": 1}
    platforms = facet(response, "platform")
    assert platforms["web"]["count"] == 1
    assert platforms["windows"]["count"] == 0
    languages = facet(response, "language")
    assert languages["en"]["count"] == 1
    levels = facet(response, "level")
    assert levels["advanced"]["count"] == 1
    needs = facet(response, "need")
    assert needs["accounting-invoicing"]["count"] == 1
    assert needs["website"]["count"] == 1


def test_facet_counts_ignore_drafts(client, catalogue):
    response = client.get("/en/catalogue/")
    assert facet(response, "sector")["waste-recycling"]["count"] == 2
    assert facet(response, "language")["hr"]["count"] == 2
    assert facet(response, "price")["free"]["count"] == 2


def test_croatian_free_counts_free_open_source_tools(client, catalogue):
    """The issue's report: "Besplatno" gave 0 while two free tools existed, one of them open source."""
    response = client.get("/hr/catalogue/?sector=waste-recycling&need=accounting-invoicing&language=hr")
    free = facet(response, "price")["free"]
    assert free["label"] == "Besplatno"
    assert free["count"] == 2


def test_zero_count_options_are_shown_disabled_with_readable_counts(client, catalogue):
    html = client.get("/en/catalogue/?sector=farming&price=paid").content.decode()
    assert re.search(r'id="f-sector-waste-recycling" disabled>', html)
    assert "(0 tools)" in html
    assert '<span class="visually-hidden">(1 tool)</span>' in html
    assert "<legend>Sector</legend>" in html
    assert '<label for="f-sector-farming">' in html


def test_filter_state_is_in_the_form_and_the_pagination(client, catalogue, monkeypatch):
    monkeypatch.setattr(ToolListView, "paginate_by", 2)
    response = client.get("/en/catalogue/?sector=farming&sort=name")
    html = response.content.decode()
    assert 'value="farming" id="f-sector-farming" checked' in html
    assert 'href="?sector=farming&amp;sort=name&amp;page=2"' in html
    assert listed(response) == ["bigerp", "gnucash"]
    assert listed(client.get("/en/catalogue/?sector=farming&sort=name&page=2")) == ["sitebuilder"]


def test_sort_newest(client, catalogue):
    newest = ToolFactory(name="Aaa newest", slug="aaa-newest")
    assert listed(client.get("/en/catalogue/?sort=newest"))[0] == newest.slug
    assert listed(client.get("/en/catalogue/?sort=name"))[0] == newest.slug  # "Aaa" first by name too
    assert listed(client.get("/en/catalogue/"))[:2] == ["aaa-newest", "bigerp"]


def test_empty_result_offers_to_clear_filters(client, catalogue):
    response = client.get("/en/catalogue/?sector=waste-recycling&platform=android")
    html = response.content.decode()
    assert response.status_code == 200
    assert listed(response) == []
    assert "No tool matches all of these choices." in html
    assert 'href="/en/catalogue/">Clear all filters</a>' in html


def test_every_card_has_a_shortlist_form(client, catalogue):
    html = client.get("/en/catalogue/?sector=farming").content.decode()
    assert html.count('<form class="shortlist-form" method="post" action="/en/catalogue/shortlist/"') == 3
    assert "csrfmiddlewaretoken" not in html, "token-free: the page cache keeps this page for everyone"
    assert '<input type="hidden" name="next" value="/en/catalogue/?sector=farming#name-gnucash">' in html


@pytest.mark.parametrize("page_size", [10, 50])
def test_list_page_query_count_is_fixed(client, taxonomy, django_assert_num_queries, monkeypatch, page_size):
    monkeypatch.setattr(ToolListView, "paginate_by", page_size)
    for number in range(page_size):
        ToolFactory(
            sectors=[taxonomy["farming"]],
            needs=[taxonomy["accounting"], taxonomy["website"]],
            alternatives=[],
            name=f"Tool {number:03d}",
        )
    # The first page after a change builds the facet index (catalogue.facets): sectors, needs
    # and one statement for the tools and their links; then the page.
    with django_assert_num_queries(3 + 1):
        client.get("/en/catalogue/")
    # A search: its words as the content's (editorial.search.understand), the ids it matches
    # (the counts are popcounts of the index) and the page.
    with django_assert_num_queries(3):
        response = client.get("/en/catalogue/?sector=farming&q=tool&price=free&platform=web")
    assert len(listed(response)) == page_size
    with django_assert_num_queries(1):
        response = client.get("/en/catalogue/?sector=farming&need=accounting-invoicing")
    assert len(listed(response)) == page_size
    with django_assert_num_queries(1):
        response = client.get("/en/catalogue/?sort=newest")
    assert len(listed(response)) == page_size
    # A visitor with a shortlist: one more, the session (and the index is built again: a tool was added).
    tool = ToolFactory(name="Zzz last")
    client.post("/en/catalogue/shortlist/", {"action": "add", "tool": tool.slug})
    client.get("/en/catalogue/")
    with django_assert_num_queries(2):
        response = client.get("/en/catalogue/")
    assert len(listed(response)) == page_size


def test_live_counts_are_the_ones_the_list_will_show(client, catalogue, django_assert_max_num_queries):
    query = "sector=farming&price=free&price=paid&q=e"
    with django_assert_max_num_queries(10):
        data = client.get(f"/en/catalogue/counts/?{query}").json()
    page = client.get(f"/en/catalogue/?{query}")
    assert data["count"] == page.context["paginator"].count
    assert data["label"] == ngettext("Show %(count)d tool", "Show %(count)d tools", data["count"]) % {
        "count": data["count"]
    }
    for item in page.context["facets"]:
        assert data["facets"][item["name"]] == {
            option["value"]: option["count"] for option in item["options"]
        }
    counts = {count for options in data["facets"].values() for count in options.values()}
    assert set(data["texts"]) == {str(count) for count in counts}
    assert data["texts"]["0"] == "(0 tools)"
    assert f'<button class="button button--block" type="submit" data-show-label>{data["label"]}</button>' in (
        page.content.decode()
    )


def test_live_counts_forgive_bad_values(client, catalogue):
    data = client.get("/hr/catalogue/counts/?price=gratis&sector=%3Cb%3E&page=x").json()
    assert data["count"] == 4
    assert data["label"] == "Prikažite 4 alata"


def test_active_filters_are_chips_that_remove_themselves(client, catalogue):
    response = client.get("/en/catalogue/?sector=farming&price=free&price=paid&q=cash&sort=name")
    chips = {(chip["legend"], str(chip["label"])): chip["query"] for chip in response.context["chips"]}
    assert chips[("Search", "cash")] == "sector=farming&price=free&price=paid&sort=name"
    assert chips[("Sector", "Farming")] == "price=free&price=paid&sort=name&q=cash"
    assert chips[("Price", "Free")] == "sector=farming&price=paid&sort=name&q=cash"
    html = response.content.decode()
    assert 'href="?sector=farming&amp;price=paid&amp;sort=name&amp;q=cash"' in html
    assert '<a class="chip chip--clear" href="/en/catalogue/">' in html


def test_one_tap_refinements_narrow_the_list(client, catalogue):
    response = client.get("/hr/catalogue/?sector=waste-recycling")
    suggestions = {str(s["label"]): (s["count"], s["query"]) for s in response.context["suggestions"]}
    # Waste and recycling has two tools, both for accounting: "accounting" would not narrow it down.
    assert "Accounting" not in suggestions
    assert suggestions == {}
    response = client.get("/hr/catalogue/?sector=farming")
    suggestions = {str(s["label"]): (s["count"], s["query"]) for s in response.context["suggestions"]}
    assert suggestions["Accounting"] == (2, "sector=farming&need=accounting-invoicing")
    assert suggestions["Website"] == (2, "sector=farming&need=website")
    assert suggestions["Besplatno"] == (1, "sector=farming&price=free")
    assert suggestions["Hrvatski"] == (1, "sector=farming&language=hr")
    # Once chosen, a refinement is a chip, not a suggestion.
    response = client.get("/hr/catalogue/?sector=farming&price=free")
    assert "Besplatno" not in {str(s["label"]) for s in response.context["suggestions"]}
