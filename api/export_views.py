"""The standard exports: publiccode.yml per open-source tool, DCAT-AP JSON-LD, SKOS, CSV.

Each is an API view like the others (throttled, cached with an ETag, errors as JSON), in the
one format its address names.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from api.linked_data import SCHEMES, Addresses, catalogue_graph, catalogue_rows, concept_scheme
from api.publiccode import publiccode_tools, tool_publiccode
from api.renderers import CSVRenderer, JSONLDRenderer, YAMLRenderer
from api.views import OpenDataMixin, error_responses, published_tools_prefetch
from catalogue.models import Need, Sector, Tool


def catalogue_tools():
    """Every published tool with what the exports show of it, in a fixed number of queries."""
    return (
        Tool.objects.published()
        .without_vectors()
        .select_related("organisation")
        .prefetch_related(
            "sectors", "needs", published_tools_prefetch("alternatives", "published_alternatives")
        )
        .order_by("slug")
    )


def attachment(response, filename: str):
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class ToolPubliccodeView(OpenDataMixin, APIView):
    """``/api/v1/tools/<slug>/publiccode.yml``: a published open-source tool as publiccode.yml."""

    renderer_classes = [YAMLRenderer]

    @extend_schema(
        summary="An open-source tool as publiccode.yml",
        description="The publiccode.yml standard (version 0.4) for a published open-source tool; "
        "404 for any other tool.",
        responses={
            (200, "application/yaml"): OpenApiResponse(OpenApiTypes.STR, description="publiccode.yml"),
            **error_responses(404, 429),
        },
        tags=["exports"],
    )
    def get(self, request, slug):
        tool = (
            publiccode_tools(Tool.objects.without_vectors().prefetch_related("needs"))
            .filter(slug=slug)
            .first()
        )
        if tool is None:
            raise NotFound(
                gettext(
                    "No publiccode.yml for this address: there is no published open-source tool "
                    "with this slug and a known licence and code address."
                )
            )
        addresses = Addresses(request)
        data = tool_publiccode(
            tool,
            page_url=addresses.page(tool, settings.LANGUAGE_CODE),
            logo_url=addresses.absolute(tool.logo.url) if tool.logo else "",
        )
        return attachment(Response(data), "publiccode.yml")


class CatalogueDcatView(OpenDataMixin, APIView):
    """``/api/v1/catalogue.jsonld``: the whole catalogue as DCAT-AP / ADMS-AP JSON-LD."""

    renderer_classes = [JSONLDRenderer]

    @extend_schema(
        summary="The catalogue as DCAT-AP / ADMS-AP (JSON-LD)",
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT, **error_responses(429)},
        tags=["exports"],
    )
    def get(self, request):
        return Response(catalogue_graph(list(catalogue_tools()), Addresses(request)))


class ConceptSchemeView(OpenDataMixin, APIView):
    """``/api/v1/skos/<sectors|needs>.jsonld``: sectors or needs as a SKOS concept scheme."""

    renderer_classes = [JSONLDRenderer]

    @extend_schema(
        summary="Sectors or needs as a SKOS concept scheme (JSON-LD), labelled in seven languages",
        parameters=[OpenApiParameter("scheme", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(SCHEMES))],
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT, **error_responses(404, 429)},
        tags=["exports"],
    )
    def get(self, request, scheme):
        if scheme not in SCHEMES:
            raise NotFound(gettext("There are two concept schemes: sectors and needs."))
        items = (Sector if scheme == "sectors" else Need).objects.all()
        return Response(concept_scheme(scheme, items, Addresses(request)))


class CatalogueCsvView(OpenDataMixin, APIView):
    """``/api/v1/catalogue.csv``: one row per published tool, summaries in every language."""

    renderer_classes = [CSVRenderer]

    @extend_schema(
        summary="The catalogue as CSV",
        responses={(200, "text/csv"): OpenApiTypes.STR, **error_responses(429)},
        tags=["exports"],
    )
    def get(self, request):
        return attachment(Response(catalogue_rows(catalogue_tools(), Addresses(request))), "catalogue.csv")
