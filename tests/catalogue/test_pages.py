import json
import re

import pytest

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


@pytest.mark.parametrize(
    ("query", "expected_status", "message"),
    [
        ("tools=gnucash,invoicer", 200, None),
        ("tools=gnucash&tools=invoicer&tools=bigerp", 200, None),
        ("tools=gnucash,invoicer,bigerp,sitebuilder", 200, None),
        ("tools=gnucash", 400, "Choose at least two tools to compare."),
        ("", 400, "Choose at least two tools to compare."),
        ("tools=gnucash,gnucash", 400, "Choose at least two tools to compare."),
        ("tools=a,b,c,d,e", 400, "You can compare at most 4 tools at a time."),
        ("tools=gnucash,nope", 400, "We could not find these tools: “nope”."),
        ("tools=gnucash,secret-draft", 400, "We could not find these tools: “secret-draft”."),
        ("tools=gnucash,%3Cscript%3E", 400, "We could not find these tools: “&lt;script&gt;”."),
    ],
)
def test_compare(client, catalogue, query, expected_status, message):
    response = client.get(f"/en/catalogue/compare/?{query}")
    assert response.status_code == expected_status
    html = response.content.decode()
    if message:
        assert message in html
        assert 'href="/en/catalogue/"' in html
    else:
        assert "<table" in html
        assert html.count('<th scope="col">') == len(response.context["tools"])
        for row in [
            "Licence",
            "Price",
            "Works on",
            "Its screens are in",
            "Skill level",
            "Sectors",
            "Helps with",
        ]:
            assert f'<th scope="row">{row}</th>' in html


def test_compare_keeps_the_order_asked(client, catalogue):
    response = client.get("/en/catalogue/compare/?tools=invoicer,gnucash")
    assert [tool.slug for tool in response.context["tools"]] == ["invoicer", "gnucash"]


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


def test_compare_and_detail_query_counts(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert (
            client.get("/en/catalogue/compare/?tools=gnucash,invoicer,bigerp,sitebuilder").status_code == 200
        )
    with django_assert_max_num_queries(8):
        assert client.get("/en/catalogue/gnucash/").status_code == 200


def test_filter_panel_is_open_on_phones_only_when_filters_are_set(client, catalogue):
    closed = client.get("/en/catalogue/").content.decode()
    assert '<details class="filter-panel" data-open-wide>' in closed
    opened = client.get("/en/catalogue/?sector=farming").content.decode()
    assert '<details class="filter-panel" data-open-wide open>' in opened
