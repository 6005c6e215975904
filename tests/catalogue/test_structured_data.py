"""What search engines and social networks read: JSON-LD that passes, Open Graph with an image."""

import json
import re

import pytest

from catalogue.demo import load
from catalogue.models import NonprofitOffer, PriceModel, Tool
from tests.catalogue.factories import ToolFactory


def json_ld(html: str) -> list[dict]:
    """Every JSON-LD block of a page, parsed (invalid JSON fails the test)."""
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_every_demo_tool_has_valid_software_application_data_with_offers(client, db):
    load()
    tools = list(Tool.objects.published())
    assert len(tools) >= 40
    for tool in tools:
        html = client.get(f"/en/catalogue/{tool.slug}/").content.decode()
        [data] = [block for block in json_ld(html) if block.get("@type") == "SoftwareApplication"]
        assert data["@context"] == "https://schema.org"
        assert data["name"] == tool.name
        offer = data["offers"]
        assert offer["@type"] == "Offer" and offer["priceCurrency"] == "EUR", tool.slug
        if tool.price_model in (PriceModel.FREE, PriceModel.FREEMIUM):
            assert offer["price"] == "0", tool.slug
        else:
            assert "price" not in offer and offer["category"], tool.slug


@pytest.mark.parametrize(
    ("price_model", "price", "category"),
    [
        ("free", "0", "Free"),
        ("freemium", "0", "Free basic plan, paid extras"),
        ("paid", None, "Paid"),
        ("per_transaction", None, "Pay per transaction"),
    ],
)
def test_offers_say_a_zero_price_or_the_price_model(client, db, price_model, price, category):
    ToolFactory(slug="tool", price_model=price_model, price_note_en="About 10 euros a month.")
    [data] = json_ld(client.get("/en/catalogue/tool/").content.decode())
    assert data["offers"].get("price") == price
    assert data["offers"]["category"] == category
    assert data["offers"]["description"] == "About 10 euros a month."


def test_tool_page_is_a_website_with_an_image(client, db):
    ToolFactory(name="GnuCash", slug="gnucash")
    html = client.get("/hr/catalogue/gnucash/").content.decode()
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:image") == "http://testserver/hr/catalogue/gnucash/card.png"
    assert meta(html, "og:locale") == "hr_HR"
    assert client.get("/hr/catalogue/gnucash/card.png").status_code == 200


def test_the_catalogue_is_an_item_list_of_its_page(client, catalogue):
    html = client.get("/en/catalogue/?sector=farming").content.decode()
    [data] = json_ld(html)
    assert data["@type"] == "ItemList"
    assert data["numberOfItems"] == 3
    assert [item["position"] for item in data["itemListElement"]] == [1, 2, 3]
    assert data["itemListElement"][0] == {
        "@type": "ListItem",
        "position": 1,
        "url": "http://testserver/en/catalogue/bigerp/",
        "name": "BigERP",
    }


def test_the_home_page_is_a_website_with_search_and_an_organisation(client, db):
    [data] = json_ld(client.get("/de/").content.decode())
    website, organisation = data["@graph"]
    assert website["@type"] == "WebSite"
    assert website["url"] == "http://testserver/de/"
    assert website["inLanguage"] == "de"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/de/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert organisation["@type"] == "Organization" and organisation["name"] == "WISE Business"
    assert website["publisher"] == {"@id": organisation["@id"]}


def test_the_tool_page_starts_with_its_actions_and_says_what_it_costs(client, db):
    tool = ToolFactory(
        name="Mailer",
        slug="mailer",
        website="https://mailer.example.org/",
        price_model="freemium",
        free_plan_en="Up to 500 contacts.",
        free_plan_hr="Do 500 kontakata.",
        typical_price_en="About 13 euros a month (as of June 2025).",
        fees_en="",
    )
    NonprofitOffer.objects.create(
        tool=tool,
        country="HR",
        programme="TechSoup Hrvatska (demo)",
        eligible_en="Registered associations.",
        gives_en="A discount.",
        link="https://example.org/techsoup",
    )
    NonprofitOffer.objects.create(
        tool=tool,
        country="IT",
        programme="TechSoup Italia (demo)",
        eligible_en="Nonprofits.",
        gives_en="Donated licences.",
        link="https://example.org/techsoup-it",
    )
    html = client.get("/hr/catalogue/mailer/").content.decode()
    main = html[html.index("<main") :]
    # The first actions come right after the name and summary, before the facts.
    visit = main.index('href="https://mailer.example.org/" rel="noopener noreferrer">')
    assert visit < main.index('class="shortlist-form"') < main.index('id="facts-heading"')
    assert "Do 500 kontakata." in main and '<dd lang="hr">Do 500 kontakata.</dd>' in main
    assert '<dd lang="en">About 13 euros a month (as of June 2025).</dd>' in main
    # The visitor's likely country first.
    assert main.index("TechSoup Hrvatska (demo)") < main.index("TechSoup Italia (demo)")
    assert 'href="https://example.org/techsoup" rel="noopener noreferrer"' in main


def test_the_print_sheet_has_the_site_and_the_address(client, db):
    ToolFactory(slug="gnucash")
    html = client.get("/en/catalogue/gnucash/").content.decode()
    assert (
        '<p class="print-only tool-detail__source">WISE Business — http://testserver/en/catalogue/gnucash/</p>'
        in html
    )
    assert 'href="/static/catalogue/print.css" media="print"' in html
    # One A4 page: the description, alternatives, the form and unprinted sections stay on screen.
    from django.contrib.staticfiles import finders

    with open(finders.find("catalogue/print.css"), encoding="utf-8") as handle:
        sheet = handle.read()
    assert "size: A4" in sheet
    hidden = sheet.split("{ display: none !important; }")[0].rsplit("\n", 1)[-1]
    for selector in (
        ".tool-detail__main",
        ".tool-detail__alternatives",
        ".tool-detail__report",
        "img:not(.mark)",
    ):
        assert selector in hidden
