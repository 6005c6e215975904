import json
import re

from catalogue.sections import tool_page_sections
from tests.catalogue.factories import ToolFactory
from tests.sitemaps import full_sitemap_text


def test_detail_page_says_everything_in_plain_words(client, catalogue):
    gnucash = catalogue["gnucash"]
    gnucash.alternatives.set([catalogue["invoicer"], catalogue["secret"]])
    response = client.get("/hr/catalogue/gnucash/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "GnuCash" in html
    # Sectors and needs link back into the filtered list.
    assert 'href="/hr/catalogue/?sector=farming"' in html
    assert 'href="/hr/catalogue/?need=accounting-invoicing"' in html
    assert "Poljoprivreda" in html
    # Alternatives: published ones only.
    assert 'href="/hr/catalogue/invoicer/"' in html
    assert "secret-draft" not in html
    assert '<time datetime="2026-01-01">' in html
    assert 'media="print"' in html


def test_available_in_your_language_badge(client, catalogue):
    assert "badge--accent" in client.get("/hr/catalogue/invoicer/").content.decode()
    html = client.get("/de/catalogue/invoicer/").content.decode()
    assert "badge--warning" in html


def test_detail_has_json_ld_and_social_meta(client, catalogue):
    html = client.get("/en/catalogue/gnucash/").content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "SoftwareApplication"
    assert data["name"] == "GnuCash"
    assert data["url"] == "http://testserver/en/catalogue/gnucash/"
    assert '<meta property="og:title" content="GnuCash">' in html


def test_json_ld_cannot_close_the_script(client, db):
    ToolFactory(name="</script><script>alert(1)</script>", slug="evil")
    html = client.get("/en/catalogue/evil/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_fallback_note_when_not_translated(client, catalogue):
    html = client.get("/fr/catalogue/gnucash/").content.decode()
    assert 'class="notice notice--warning fallback-note"' in html
    assert '<div class="prose" lang="en">' in html


def test_unknown_slug_is_a_404_page(client, db):
    response = client.get("/en/catalogue/no-such-tool/")
    assert response.status_code == 404


def test_rich_text_is_sanitized(client, db):
    tool = ToolFactory(
        slug="rich",
        description_en='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">y</a></p>',
    )
    tool.refresh_from_db()
    assert "script" not in tool.description_en
    assert "onclick" not in tool.description_en
    assert "javascript:" not in tool.description_en
    html = client.get("/en/catalogue/rich/").content.decode()
    assert "<script>alert(1)" not in html


def test_drafts_are_never_public(client, catalogue):
    assert client.get("/en/catalogue/secret-draft/").status_code == 404
    assert "secret-draft" not in client.get("/en/catalogue/").content.decode()
    assert "secret-draft" not in client.get("/en/catalogue/?sector=waste-recycling").content.decode()
    sitemap = full_sitemap_text(client)
    assert "/en/catalogue/gnucash/" in sitemap
    assert "/hr/catalogue/gnucash/" in sitemap
    assert "secret-draft" not in sitemap


def test_home_page_offers_sectors_needs_and_search(client, catalogue):
    html = client.get("/hr/").content.decode()
    assert 'href="/hr/catalogue/?sector=farming"' in html
    assert "Poljoprivreda" in html
    assert "/static/catalogue/icons/sprout.svg" in html
    assert 'href="/hr/catalogue/?need=website"' in html
    assert 'action="/hr/catalogue/"' in html
    assert 'href="/hr/courses/"' in html


def test_the_home_page_reads_sectors_and_needs_once_per_content_version(
    client, settings, catalogue, taxonomy, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    with django_assert_num_queries(2):  # the sectors and the needs, once
        client.get("/hr/")
    with django_assert_num_queries(0):
        client.get("/it/")
    farming = taxonomy["farming"]
    farming.name_hr = "Ekološka poljoprivreda"
    farming.save()  # a new content version: the next page reads them again
    with django_assert_num_queries(2):
        html = client.get("/hr/").content.decode()
    assert "Ekološka poljoprivreda" in html
    with django_assert_num_queries(0):
        assert "Ekološka poljoprivreda" in client.get("/hr/").content.decode()


def test_detail_query_count(client, catalogue, django_assert_max_num_queries):
    # The tool, its sectors, needs, offers, alternatives, the shortlist, then one prefetch per section.
    with django_assert_max_num_queries(7 + len(tool_page_sections())):
        assert client.get("/en/catalogue/gnucash/").status_code == 200


def test_filter_panel_opens_on_demand_only(client, catalogue):
    """Closed when the page comes back with results, filtered or not: the results come first."""
    for query in ("", "?sector=farming", "?sector=farming&price=free&q=cash"):
        html = client.get(f"/en/catalogue/{query}").content.decode()
        assert '<details class="filter-panel" data-open-wide>' in html
        assert html.index('id="results-heading"') < html.index('class="card tool-card"')


def test_offers_of_other_countries_stay_on_screen_but_off_the_printed_sheet(client, catalogue):
    from catalogue.models import NonprofitOffer

    gnucash = catalogue["gnucash"]
    for country, programme in (
        ("HR", "TechSoup Hrvatska"),
        ("PL", "TechSoup Polska"),
        ("", "Everywhere plan"),
    ):
        NonprofitOffer.objects.create(
            tool=gnucash,
            country=country,
            programme=programme,
            eligible="Nonprofits",
            gives="A discount",
            link="https://example.org/",
        )
    html = client.get("/hr/catalogue/gnucash/").content.decode()
    offers = re.findall(r'<li class="(offer[^"]*)">\s*<p class="offer__title"><strong>([^<]+)</strong>', html)
    assert offers == [
        ("offer", "TechSoup Hrvatska"),
        ("offer", "Everywhere plan"),
        ("offer offer--elsewhere", "TechSoup Polska"),
    ]
