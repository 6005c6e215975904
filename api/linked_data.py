"""The catalogue as linked data: DCAT-AP / ADMS-AP JSON-LD, and sectors and needs as SKOS.

One graph for the catalogue: a ``dcat:Catalog`` with one ``adms:Asset`` (a ``dcat:Dataset``)
per published tool, each with its title, descriptions per language, identifier, keywords,
themes (the SKOS concepts of its needs and sectors), publisher, landing pages, interface
languages (the EU's language authority), licence (SPDX, for open-source tools), status,
issued/modified and its alternatives as ``dct:relation``. The addresses of the API are the
identifiers: a tool is ``/api/v1/tools/<slug>/``, a sector ``/api/v1/sectors/<slug>/``.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from api.licence import DATA_LICENCE_URL
from api.text import html_to_text
from catalogue.models import Licence
from editorial.languages import LANGUAGE_CODES, localized

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "adms": "http://www.w3.org/ns/adms#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# The EU Publications Office's language authority (what DCAT-AP asks for dct:language).
EU_LANGUAGES = {"en": "ENG", "it": "ITA", "de": "DEU", "fr": "FRA", "sl": "SLV", "hr": "HRV", "pl": "POL"}
EU_LANGUAGE_URI = "http://publications.europa.eu/resource/authority/language/{}"
# ADMS's status vocabulary: a tool in the catalogue is in use, so "Completed".
ADMS_COMPLETED = "http://purl.org/adms/status/Completed"
SPDX_LICENCE_URI = "http://spdx.org/licenses/{}"
SCHEMES = ("sectors", "needs")


def _literals(obj, field: str) -> list[dict]:
    """One language-tagged literal per language the field is written in."""
    return [
        {"@value": text, "@language": code}
        for code in LANGUAGE_CODES
        if (text := (getattr(obj, localized(field, code), "") or "").strip())
    ]


def _translations(message, **params) -> list[dict]:
    """A UI string (marked lazily at module level) as one literal per language."""
    values = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            values.append({"@value": str(message) % params if params else str(message), "@language": code})
    return values


def _datetime(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def language_uri(code: str) -> str:
    return EU_LANGUAGE_URI.format(EU_LANGUAGES[code])


def licence_node(expression: str) -> dict:
    """One SPDX licence is its SPDX address; an expression ("A OR B") a licence document with that label."""
    if expression and " " not in expression:
        return {"@id": SPDX_LICENCE_URI.format(expression)}
    return {"@type": "dct:LicenseDocument", "rdfs:label": expression}


class Addresses:
    """Absolute addresses of API items and pages, for one request."""

    def __init__(self, request):
        self.request = request

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def api(self, name: str, **kwargs) -> str:
        return self.absolute(reverse(f"api:{name}", kwargs=kwargs))

    def page(self, obj, code: str) -> str:
        with translation.override(code):
            return self.absolute(obj.get_absolute_url())

    def home(self) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return self.absolute(reverse("home"))


def catalogue_graph(tools, addresses: Addresses) -> dict:
    """The DCAT-AP / ADMS-AP JSON-LD of published ``tools`` (prefetch sectors, needs, alternatives)."""
    catalogue_id = addresses.api("export-dcat")
    site_publisher = f"{catalogue_id}#publisher"
    publishers = {
        site_publisher: {"@id": site_publisher, "@type": "foaf:Agent", "foaf:name": settings.SITE_NAME}
    }
    assets = []
    for tool in tools:
        publisher = site_publisher
        if tool.organisation_id:
            publisher = f"{catalogue_id}#publisher-{tool.organisation.slug}"
            publishers.setdefault(
                publisher, {"@id": publisher, "@type": "foaf:Agent", "foaf:name": tool.organisation.name}
            )
        sectors, needs = list(tool.sectors.all()), list(tool.needs.all())
        asset = {
            "@id": addresses.api("tool-detail", slug=tool.slug),
            "@type": ["dcat:Dataset", "adms:Asset"],
            "dct:title": tool.name,
            "dct:description": _literals(tool, "summary"),
            "dct:identifier": tool.slug,
            "dcat:keyword": [literal for item in [*needs, *sectors] for literal in _literals(item, "name")],
            "dcat:theme": [{"@id": addresses.api("need-detail", slug=n.slug)} for n in needs]
            + [{"@id": addresses.api("sector-detail", slug=s.slug)} for s in sectors],
            "dct:publisher": {"@id": publisher},
            "dcat:landingPage": [{"@id": addresses.page(tool, code)} for code in LANGUAGE_CODES],
            "dct:language": [{"@id": language_uri(c)} for c in tool.interface_languages if c in EU_LANGUAGES],
            "adms:status": {"@id": ADMS_COMPLETED},
            "dct:issued": _datetime(tool.created),
            "dct:modified": _datetime(tool.updated),
            "dct:relation": [
                {"@id": addresses.api("tool-detail", slug=other.slug)}
                for other in tool.published_alternatives
            ],
        }
        if tool.website:
            asset["foaf:homepage"] = {"@id": tool.website}
        if tool.licence == Licence.OPEN_SOURCE and tool.spdx_licence:
            asset["dct:license"] = licence_node(tool.spdx_licence)
            if tool.source_code:
                asset["dcat:distribution"] = {
                    "@type": ["dcat:Distribution", "adms:AssetDistribution"],
                    "dcat:accessURL": {"@id": tool.source_code},
                    "dct:license": licence_node(tool.spdx_licence),
                }
        assets.append(asset)
    modified = max((tool.updated for tool in tools), default=None)
    catalogue = {
        "@id": catalogue_id,
        "@type": "dcat:Catalog",
        "dct:title": _translations(CATALOGUE_TITLE, site=settings.SITE_NAME),
        "dct:description": _translations(CATALOGUE_DESCRIPTION),
        "dct:publisher": {"@id": site_publisher},
        "foaf:homepage": {"@id": addresses.home()},
        "dct:license": {"@id": DATA_LICENCE_URL},
        "dct:language": [{"@id": language_uri(code)} for code in LANGUAGE_CODES],
        "dcat:themeTaxonomy": [{"@id": addresses.api("export-skos", scheme=scheme)} for scheme in SCHEMES],
        "dcat:dataset": [{"@id": asset["@id"]} for asset in assets],
    }
    if modified:
        catalogue["dct:modified"] = _datetime(modified)
    return {"@context": CONTEXT, "@graph": [catalogue, *publishers.values(), *assets]}


CATALOGUE_TITLE = _("%(site)s: software catalogue for social enterprises")
CATALOGUE_DESCRIPTION = _(
    "Software tools for work integration social enterprises, by sector and by need, "
    "with honest facts: price, licence, platforms and languages."
)
SCHEME_TITLES = {
    "sectors": _("Sectors of work integration social enterprises"),
    "needs": _("Needs a digital tool can serve in a social enterprise"),
}


def concept_scheme(scheme: str, items, addresses: Addresses) -> dict:
    """SKOS: sectors or needs as a concept scheme, with labels and definitions in every language."""
    scheme_id = addresses.api("export-skos", scheme=scheme)
    detail = "sector-detail" if scheme == "sectors" else "need-detail"
    concepts = []
    for item in items:
        concept = {
            "@id": addresses.api(detail, slug=item.slug),
            "@type": "skos:Concept",
            "skos:prefLabel": _literals(item, "name"),
            "skos:notation": item.slug,
            "skos:inScheme": {"@id": scheme_id},
            "skos:topConceptOf": {"@id": scheme_id},
            "dct:modified": _datetime(item.updated),
        }
        if definitions := _literals(item, "description"):
            concept["skos:definition"] = definitions
        concepts.append(concept)
    scheme_node = {
        "@id": scheme_id,
        "@type": "skos:ConceptScheme",
        "skos:prefLabel": _translations(SCHEME_TITLES[scheme]),
        "dct:publisher": {"@id": f"{addresses.api('export-dcat')}#publisher"},
        "dct:license": {"@id": DATA_LICENCE_URL},
        "skos:hasTopConcept": [{"@id": concept["@id"]} for concept in concepts],
    }
    return {"@context": CONTEXT, "@graph": [scheme_node, *concepts]}


CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    # A text a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection).
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_START) else text


def catalogue_rows(tools, addresses: Addresses) -> list[list[str]]:
    """The catalogue as rows of a CSV: one header row, then one row per published tool."""
    header = [
        "slug", "name", *[localized("summary", code) for code in LANGUAGE_CODES], "website", "source_code",
        "licence", "spdx_licence", "platforms", "interface_languages", "skill_level", "nonprofit_discount",
        "sectors", "needs", "alternatives", "last_verified", "updated", "page", "api",
    ]  # fmt: skip
    rows = [header]
    for tool in tools:
        rows.append(
            [
                _cell(value)
                for value in [
                    tool.slug,
                    tool.name,
                    *[html_to_text(getattr(tool, localized("summary", code), "")) for code in LANGUAGE_CODES],
                    tool.website,
                    tool.source_code,
                    tool.licence,
                    tool.spdx_licence,
                    "|".join(tool.platforms),
                    "|".join(tool.interface_languages),
                    tool.skill_level,
                    "yes" if tool.nonprofit_discount else "no",
                    "|".join(sector.slug for sector in tool.sectors.all()),
                    "|".join(need.slug for need in tool.needs.all()),
                    "|".join(other.slug for other in tool.published_alternatives),
                    tool.last_verified.isoformat() if tool.last_verified else "",
                    tool.updated.isoformat(),
                    addresses.page(tool, settings.LANGUAGE_CODE),
                    addresses.api("tool-detail", slug=tool.slug),
                ]
            ]
        )
    return rows
