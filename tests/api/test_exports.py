"""The standard exports: publiccode.yml, DCAT-AP / ADMS-AP JSON-LD, SKOS, CSV."""

import csv
import io

import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef, namespace

from api.publiccode import NEED_CATEGORIES
from catalogue import demo
from catalogue.models import Licence, Tool
from editorial.languages import LANGUAGE_CODES
from tests.api.publiccode_standard import CATEGORIES, problems

ADMS = Namespace("http://www.w3.org/ns/adms#")
# rdflib parses JSON-LD through a graph class it has deprecated itself.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
BASE = "http://testserver/api/v1/"


def publiccode(client, slug):
    response = client.get(f"/api/v1/tools/{slug}/publiccode.yml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    return yaml.safe_load(response.content)


def test_the_mapping_table_uses_only_the_standards_categories():
    assert {c for categories in NEED_CATEGORIES.values() for c in categories} <= CATEGORIES


def test_every_demo_need_has_categories(db):
    demo.load_taxonomy()
    from catalogue.models import Need

    assert set(Need.objects.values_list("slug", flat=True)) <= set(NEED_CATEGORIES)


def test_an_open_source_tool_follows_the_standard(data, client):
    data_ = publiccode(client, "gnucash")
    assert problems(data_) == []
    assert data_["name"] == "GnuCash"
    assert data_["url"] == "https://github.com/Gnucash/gnucash"
    assert data_["landingURL"] == "https://www.gnucash.org/"
    assert data_["legal"]["license"] == "GPL-2.0-or-later"
    assert data_["platforms"] == ["windows", "mac", "linux"]
    assert data_["softwareType"] == "standalone/desktop"
    assert set(data_["categories"]) == {
        *NEED_CATEGORIES["accounting-invoicing"],
        *NEED_CATEGORIES["office-collaboration"],
    }
    assert set(data_["description"]) == set(LANGUAGE_CODES)
    assert data_["description"]["hr"]["shortDescription"] == "Bookkeeping hr"
    assert data_["description"]["en"]["longDescription"].startswith("GnuCash keeps the books")
    assert data_["description"]["en"]["features"] == ["Accounting en", "Office en"]
    assert data_["localisation"] == {"localisationReady": True, "availableLanguages": ["en", "hr", "it"]}


def test_every_open_source_demo_tool_follows_the_standard(db, client):
    from organisations import demo as organisations_demo

    organisations_demo.load()
    demo.load()
    open_source = Tool.objects.published().filter(licence=Licence.OPEN_SOURCE)
    assert open_source.count() >= 15
    for tool in open_source:
        assert problems(publiccode(client, tool.slug)) == [], tool.slug


def test_a_long_summary_is_cut_and_a_thin_description_completed(data, client):
    tool = data["gnucash"]
    tool.summary_en = "A sentence about bookkeeping that goes on and on. " * 5
    tool.description_en = tool.description_hr = "<p>Short.</p>"
    tool.save()
    exported = publiccode(client, "gnucash")
    assert problems(exported) == []
    assert len(exported["description"]["en"]["shortDescription"]) <= 150
    assert exported["description"]["en"]["shortDescription"].endswith("…")
    assert "http://testserver/en/catalogue/gnucash/" in exported["description"]["en"]["longDescription"]


@pytest.mark.parametrize("slug", ["invoicer", "secret-draft"])
def test_no_publiccode_for_other_tools(data, client, slug):
    assert client.get(f"/api/v1/tools/{slug}/publiccode.yml").status_code == 404


def catalogue_graph(client) -> Graph:
    response = client.get("/api/v1/catalogue.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return Graph().parse(data=response.content, format="json-ld")


def test_the_catalogue_as_dcat_ap(data, client):
    graph = catalogue_graph(client)
    catalogue = URIRef(f"{BASE}catalogue.jsonld")
    tool = URIRef(f"{BASE}tools/gnucash/")
    assert (catalogue, namespace.RDF.type, namespace.DCAT.Catalog) in graph
    assert (
        catalogue,
        namespace.DCTERMS.license,
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in graph
    assets = set(graph.objects(catalogue, namespace.DCAT.dataset))
    assert assets == {URIRef(f"{BASE}tools/{slug}/") for slug in ("gnucash", "invoicer", "sitebuilder")}
    assert (tool, namespace.RDF.type, ADMS.Asset) in graph and (
        tool,
        namespace.RDF.type,
        namespace.DCAT.Dataset,
    ) in graph
    assert (tool, namespace.DCTERMS.title, Literal("GnuCash")) in graph
    assert (tool, namespace.DCTERMS.identifier, Literal("gnucash")) in graph
    assert (tool, namespace.DCTERMS.description, Literal("Bookkeeping hr", lang="hr")) in graph
    assert (tool, namespace.DCAT.keyword, Literal("Accounting pl", lang="pl")) in graph
    assert (tool, namespace.DCAT.theme, URIRef(f"{BASE}needs/accounting-invoicing/")) in graph
    assert (tool, namespace.DCAT.theme, URIRef(f"{BASE}sectors/farming/")) in graph
    assert (tool, namespace.DCAT.landingPage, URIRef("http://testserver/hr/catalogue/gnucash/")) in graph
    languages = set(graph.objects(tool, namespace.DCTERMS.language))
    authority = "http://publications.europa.eu/resource/authority/language/"
    assert languages == {URIRef(f"{authority}{code}") for code in ("ENG", "HRV", "ITA")}
    assert (tool, namespace.DCTERMS.license, URIRef("http://spdx.org/licenses/GPL-2.0-or-later")) in graph
    assert (tool, ADMS.status, URIRef("http://purl.org/adms/status/Completed")) in graph
    assert next(graph.objects(tool, namespace.DCTERMS.issued)).toPython().year >= 2026
    assert next(graph.objects(tool, namespace.DCTERMS.modified)) is not None
    assert set(graph.objects(tool, namespace.DCTERMS.relation)) == {URIRef(f"{BASE}tools/invoicer/")}
    publisher = next(graph.objects(tool, namespace.DCTERMS.publisher))
    assert (publisher, namespace.FOAF.name, Literal("WISE Business")) in graph
    # A proprietary tool has no licence in the export; a draft is not there at all.
    assert next(graph.objects(URIRef(f"{BASE}tools/invoicer/"), namespace.DCTERMS.license), None) is None
    assert not list(graph.triples((URIRef(f"{BASE}tools/secret-draft/"), None, None)))


@pytest.mark.parametrize(("scheme", "slug"), [("sectors", "farming"), ("needs", "office-collaboration")])
def test_sectors_and_needs_as_skos_in_seven_languages(data, client, scheme, slug):
    graph = Graph().parse(data=client.get(f"/api/v1/skos/{scheme}.jsonld").content, format="json-ld")
    scheme_uri = URIRef(f"{BASE}skos/{scheme}.jsonld")
    concept = URIRef(f"{BASE}{scheme}/{slug}/")
    assert (scheme_uri, namespace.RDF.type, namespace.SKOS.ConceptScheme) in graph
    assert (concept, namespace.RDF.type, namespace.SKOS.Concept) in graph
    assert (concept, namespace.SKOS.inScheme, scheme_uri) in graph
    assert (scheme_uri, namespace.SKOS.hasTopConcept, concept) in graph
    labels = {label.language: str(label) for label in graph.objects(concept, namespace.SKOS.prefLabel)}
    assert set(labels) == set(LANGUAGE_CODES)
    scheme_labels = {label.language for label in graph.objects(scheme_uri, namespace.SKOS.prefLabel)}
    assert scheme_labels == set(LANGUAGE_CODES)


def test_demo_taxonomy_labels_are_in_seven_languages(db, client):
    demo.load_taxonomy()
    for scheme in ("sectors", "needs"):
        graph = Graph().parse(data=client.get(f"/api/v1/skos/{scheme}.jsonld").content, format="json-ld")
        for concept in graph.subjects(namespace.RDF.type, namespace.SKOS.Concept):
            assert {label.language for label in graph.objects(concept, namespace.SKOS.prefLabel)} == set(
                LANGUAGE_CODES
            )
            assert {d.language for d in graph.objects(concept, namespace.SKOS.definition)} == set(
                LANGUAGE_CODES
            )


def test_the_catalogue_as_csv(data, client):
    response = client.get("/api/v1/catalogue.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["gnucash", "invoicer", "sitebuilder"]
    gnucash = rows[0]
    assert gnucash["summary_hr"] == "Bookkeeping hr"
    assert gnucash["spdx_licence"] == "GPL-2.0-or-later"
    assert gnucash["sectors"] == "farming|waste-recycling"
    assert gnucash["alternatives"] == "invoicer"


def test_csv_cells_never_run_as_spreadsheet_formulas(data, client):
    Tool.objects.filter(slug="invoicer").update(summary_en='=HYPERLINK("http://evil.example","x")')
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/catalogue.csv").content.decode("utf-8-sig"))))
    assert rows[1]["summary_en"].startswith("'=")
