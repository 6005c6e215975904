"""The facet index (catalogue.facets) counts what the SQL aggregates count, pages as SQL orders,
follows every change of the content, and keeps the pages' query counts small at any size."""

import pytest
from django.http import QueryDict
from django.utils import translation

from catalogue import cards
from catalogue.facets import facet_index
from catalogue.filters import ToolFilter
from catalogue.models import Need, NonprofitOffer, Sector, Tool
from catalogue.sections import tool_page_sections
from catalogue.views import ToolListView
from tests.catalogue.factories import ToolFactory

COMBINATIONS = [
    "",
    "sector=farming",
    "sector=farming&sector=waste-recycling",
    "need=accounting-invoicing&language=hr",
    "sector=farming&price=free&price=paid",
    "licence=open_source&platform=linux&platform=web",
    "level=intermediate&language=de&language=it",
    "sector=waste-recycling&need=accounting-invoicing&price=free&platform=web&language=hr&level=starter",
    "q=cash",
    "q=cooperative&sector=farming&price=free&price=paid",
    "licence=free",  # a legacy link: licence=free means price=free
    "price=gratis&sector=%3Cb%3E",  # unknown values are dropped
]


def filterset(querystring: str, *, index=None) -> ToolFilter:
    return ToolFilter(
        QueryDict(querystring),
        queryset=Tool.objects.published().for_list(),
        sectors=Sector.objects.all(),
        needs=Need.objects.all(),
        index=index,
    )


def listed(response) -> list[str]:
    return [tool.slug for tool in response.context["tools"]]


@pytest.mark.parametrize("language", ["en", "hr"])
@pytest.mark.parametrize("querystring", COMBINATIONS)
def test_index_counts_are_the_sql_counts(catalogue, querystring, language):
    with translation.override(language):
        fast = filterset(querystring, index=facet_index())
        plain = filterset(querystring)
        assert fast.facets() == plain.sql_facets()
        assert fast.count() == plain.qs.count()
        # Something is counted: the comparison is not of two lists of zeros.
        assert sum(option["count"] for facet in fast.facets() for option in facet["options"]) > 0


@pytest.mark.parametrize(
    "querystring",
    [
        "",
        "sector=farming",
        "price=free&platform=web",
        "sort=newest",
        "q=cooperative",
        "q=cooperative&sector=farming",
        "q=cooperative&sector=farming&price=free&price=paid",
        "q=cooperative&sort=name",
    ],
)
def test_pages_are_the_sql_pages(client, catalogue, monkeypatch, querystring):
    monkeypatch.setattr(ToolListView, "paginate_by", 2)
    for page in ("1", "2", "3"):
        response = client.get(f"/en/catalogue/?{querystring}&page={page}")
        plain = filterset(querystring).qs
        start = (response.context["page_obj"].number - 1) * 2
        assert listed(response) == [tool.slug for tool in plain[start : start + 2]]
        assert response.context["paginator"].count == plain.count()
    assert plain.count() > 0  # something is listed: the comparison is not of two empty pages


def test_the_index_follows_every_change(client, catalogue, taxonomy):
    def counts():
        return client.get("/en/catalogue/counts/?sector=farming").json()

    before = counts()
    assert before["count"] == 3
    gnucash = catalogue["gnucash"]
    gnucash.sectors.remove(taxonomy["farming"])  # m2m_changed
    assert counts()["count"] == 2
    gnucash.status = "draft"  # post_save
    gnucash.save()
    assert (
        counts()["facets"]["sector"]["waste-recycling"] == before["facets"]["sector"]["waste-recycling"] - 1
    )
    catalogue["sitebuilder"].delete()  # post_delete
    assert counts()["count"] == 1
    ToolFactory(name="Newcomer", sectors=[taxonomy["farming"]])
    assert counts()["count"] == 2
    taxonomy["farming"].name_en = "Agriculture"  # a sector renamed: the filter panel's label
    taxonomy["farming"].save()
    html = client.get("/en/catalogue/").content.decode()
    assert "Agriculture" in html
    # The cards' bodies, kept per content version, follow too.
    newcomer = Tool.objects.get(name="Newcomer")
    newcomer.summary_en = "Now with receipts."
    newcomer.save()
    assert "Now with receipts." in client.get("/en/catalogue/").content.decode()


def test_the_version_changes_on_commit_too(catalogue, django_capture_on_commit_callbacks):
    from editorial.cache import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalogue["gnucash"].save()
    middle = content_version()
    assert middle != before
    for callback in callbacks:
        callback()
    assert content_version() not in (before, middle)


def make_tools(taxonomy, size: int):
    for number in range(size):
        ToolFactory(
            name=f"Tool {number:03d}",
            slug=f"tool-{number:03d}",
            summary_en="Keeps the books",
            sectors=[taxonomy["farming"]],
            needs=[taxonomy["accounting"]],
            price_model="free",
            platforms=["web"],
            alternatives=[],
        )


@pytest.mark.parametrize("size", [10, 50])
def test_query_budgets(client, taxonomy, django_assert_max_num_queries, size):
    """The same few queries whatever the number of tools (once the facet index is built): a list
    page one or two, and a search one more (``editorial.search.understand``), the tool page its
    own and one per section of the apps above, site search the understood query once, then a
    count and a page per kind of content."""
    make_tools(taxonomy, size)
    client.get("/en/catalogue/")  # builds the facet index
    pages = [
        "/en/catalogue/",
        "/hr/catalogue/?sector=farming&language=en",
        "/en/catalogue/?sector=farming&need=accounting-invoicing&price=free&platform=web",
        "/de/catalogue/?q=books",
        "/en/catalogue/counts/?sector=farming&q=books",
        "/en/catalogue/tool-001/",
        "/en/",
    ]
    for url in pages:
        budget = {"/en/catalogue/tool-001/": 1 + len(tool_page_sections())}.get(url, 3 if "q=" in url else 2)
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(1 + 8):  # the query understood, a count and a page per kind
        assert client.get("/it/search/?q=books").status_code == 200


# The tool page: sectors, needs, offers and alternatives off the index this process keeps


def relations_html(response) -> str:
    """The tool page from its sectors to the end of its alternatives."""
    html = response.content.decode()
    return html[html.index("Useful in these sectors") : html.index("Compare it with its alternatives")]


@pytest.fixture
def related(catalogue):
    gnucash = catalogue["gnucash"]
    gnucash.alternatives.set([catalogue["invoicer"], catalogue["bigerp"], catalogue["secret"]])
    NonprofitOffer.objects.create(
        tool=gnucash,
        country="HR",
        programme="TechSoup Hrvatska",
        eligible="Udruge.",
        gives="Popust.",
        link="https://example.org/hr",
    )
    return catalogue


def test_a_kept_index_spares_the_tool_page_its_relation_queries(
    client, settings, related, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    without_index = client.get("/en/catalogue/gnucash/")  # no list page yet since the change: queries
    client.get("/en/catalogue/")  # builds the index
    cards.TOOL_PAGE_BODIES.clear()  # the body kept by the first visit would spare them all
    # The tool, its offers and its alternatives (it has both); its sectors and needs are bits.
    with django_assert_num_queries(3):
        with_index = client.get("/en/catalogue/gnucash/")
    assert relations_html(with_index) == relations_html(without_index)
    context = with_index.context
    assert [sector.slug for sector in context["sectors"]] == ["farming", "waste-recycling"]
    assert [need.slug for need in context["needs"]] == ["accounting-invoicing"]
    assert [tool.slug for tool in context["alternatives"]] == ["bigerp", "invoicer"]  # not the draft
    assert [offer.programme for offer in context["offers_here"]] == ["TechSoup Hrvatska"]
    # A tool with neither: the tool alone.
    with django_assert_num_queries(1):
        page = client.get("/hr/catalogue/sitebuilder/")
    assert page.context["alternatives"] == page.context["offers_here"] == []
    assert [sector.slug for sector in page.context["sectors"]] == ["farming"]
    assert [need.slug for need in page.context["needs"]] == ["website"]


def test_after_a_change_the_tool_page_queries_until_the_index_is_built(
    client, settings, related, taxonomy, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/en/catalogue/")
    sitebuilder = related["sitebuilder"]
    sitebuilder.sectors.add(taxonomy["waste"])  # a new content version; the kept index is old
    sitebuilder.alternatives.set([related["gnucash"]])
    # The tool, sectors, needs, offers, alternatives, and which tools each section has rows for.
    with django_assert_num_queries(5 + len(tool_page_sections())):
        page = client.get("/en/catalogue/sitebuilder/")
    assert [sector.slug for sector in page.context["sectors"]] == ["farming", "waste-recycling"]
    assert [tool.slug for tool in page.context["alternatives"]] == ["gnucash"]
    client.get("/en/catalogue/")
    cards.TOOL_PAGE_BODIES.clear()
    with django_assert_num_queries(2):  # the tool and its alternatives
        again = client.get("/en/catalogue/sitebuilder/")
    assert relations_html(again) == relations_html(page)


def test_a_draft_preview_reads_its_relations_by_query(admin_client, settings, related, taxonomy):
    settings.PAGE_CACHE_ENABLED = False
    admin_client.get("/en/catalogue/")  # the index holds published tools only
    page = admin_client.get("/en/catalogue/secret-draft/?preview=1")
    assert page.status_code == 200
    assert [sector.slug for sector in page.context["sectors"]] == ["waste-recycling"]
    assert [need.slug for need in page.context["needs"]] == ["accounting-invoicing"]
