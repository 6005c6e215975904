"""The read-only JSON API at /api/v1/: tools, sectors, needs, courses with lessons, articles,
the help directory's providers and the check-up's current questionnaire.

Every endpoint: published content only, anonymous and throttled, in the language asked for
(``api.languages``), errors as JSON (``api.errors``), cached with an ETag
(``api.middleware``). Lists use the site's own filter sets (``api.filters``) and bounded
pages (``api.pagination``).
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers
from api.filters import (
    LANGUAGE,
    UPDATED_SINCE_PARAMETER,
    filter_parameters,
    pagination_parameters,
    updated_since,
)
from api.languages import ALL, LANGUAGE_PARAMETER, UnknownLanguage, languages_of, requested_language
from api.licence import DATA_LICENCE, DATA_LICENCE_URL
from articles.filters import ArticleFilter
from articles.models import Article, Category
from catalogue.filters import ToolFilter
from catalogue.models import Need, Sector, Tool
from checkup.models import Dimension, Questionnaire
from courses.filters import CourseFilter
from courses.models import Course, Lesson
from editorial.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, columns_in_every_language
from help.filters import ProviderFilter
from help.models import Provider


class ErrorSerializer(drf_serializers.Serializer):
    """The one shape of every error answer."""

    status = drf_serializers.IntegerField()
    code = drf_serializers.CharField()
    detail = drf_serializers.CharField()
    errors = drf_serializers.DictField(
        child=drf_serializers.ListField(child=drf_serializers.CharField()),
        required=False,
        help_text="Invalid query parameters, each with its messages.",
    )


def error_responses(*statuses: int) -> dict:
    """The documented errors of an operation; every one may be a 400 (a request that is not text)."""
    descriptions = {
        400: (
            "Invalid query parameters (language, page, page size, updated_since), or a request "
            "whose address is not text (a NUL byte, a broken encoding)."
        ),
        404: "No such item, or a page past the last.",
        429: "Too many requests from this address: wait as long as Retry-After says.",
    }
    return {
        (status, "application/json"): OpenApiResponse(ErrorSerializer, description=descriptions[status])
        for status in sorted({400, *statuses})
    }


class OpenDataMixin:
    """What every API view shares: the language of the answer, JSON errors, Vary and Content-Language."""

    language = DEFAULT_LANGUAGE

    def dispatch(self, request, *args, **kwargs):
        try:
            self.language, self.language_error = requested_language(request), None
        except UnknownLanguage as error:
            self.language, self.language_error = DEFAULT_LANGUAGE, error
        active = DEFAULT_LANGUAGE if self.language == ALL else self.language
        # Rendered inside the language, so lazy texts (labels, messages) come out in it.
        with translation.override(active):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.language_error is not None:
            raise ValidationError(
                {
                    LANGUAGE_PARAMETER: [
                        gettext("Unknown language. Use one of: %(codes)s.")
                        % {"codes": ", ".join([*LANGUAGE_CODES, ALL])}
                    ]
                }
            )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": self.language}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and isinstance(response, Response):
            # Errors are JSON whatever the endpoint's own format (a YAML or CSV export).
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code < 400:
            response["Content-Language"] = ", ".join(languages_of(self.language))
        return response


class ListDetailViewSet(OpenDataMixin, viewsets.ReadOnlyModelViewSet):
    """A list (filtered, paginated) and a detail by slug."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = None
    notices: list[str] = []

    def filterset_kwargs(self) -> dict:
        return {}

    def since(self, queryset, moment):
        return queryset.filter(updated__gte=moment)

    def filter_list(self, queryset):
        moment = updated_since(self.request.query_params)
        if self.filterset_class is not None:
            filterset = self.filterset_class(
                self.request.query_params, queryset=queryset, request=self.request, **self.filterset_kwargs()
            )
            queryset = filterset.qs
            self.notices = filterset.notices
        if moment is not None:
            queryset = self.since(queryset, moment)
        # A total order, so that pages never overlap or skip an item.
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        return queryset.order_by(*ordering, "pk")

    def list(self, request, *args, **kwargs):
        queryset = self.filter_list(self.get_queryset())
        page = self.paginate_queryset(queryset)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


def list_schema(filterset_class=None, notes=None, **kwargs):
    parameters = [LANGUAGE, UPDATED_SINCE_PARAMETER, *pagination_parameters()]
    if filterset_class is not None:
        parameters += filter_parameters(filterset_class, notes)
    return extend_schema(
        parameters=parameters, responses={200: None, **error_responses(400, 404, 429)}, **kwargs
    )


def detail_schema(**kwargs):
    return extend_schema(
        parameters=[LANGUAGE], responses={200: None, **error_responses(400, 404, 429)}, **kwargs
    )


def taxonomy_queryset(model):
    published = Q(tools__status__in=Tool.publishing_statuses)
    return model.objects.annotate(published_tools=Count("tools", filter=published))


def published_tools_prefetch(relation: str, to_attr: str = "published_tools") -> Prefetch:
    return Prefetch(
        relation,
        queryset=Tool.objects.published().only("pk", "slug", "name").order_by("name"),
        to_attr=to_attr,
    )


@extend_schema_view(
    list=list_schema(
        ToolFilter,
        notes={
            "q": "Search words in the language asked for (names, summaries, descriptions; misspelt names).",
            "sector": "A sector's slug (see /api/v1/sectors/).",
            "need": "A need's slug (see /api/v1/needs/).",
            "language": "A language the tool's own interface offers.",
            "sort": "The order; `relevance` needs `q`.",
        },
        summary="Published tools of the catalogue",
        tags=["catalogue"],
    ),
    retrieve=detail_schema(summary="One published tool", tags=["catalogue"]),
)
class ToolViewSet(ListDetailViewSet):
    """Tools of the catalogue, filtered as ``/<lang>/catalogue/`` filters them."""

    serializer_class = serializers.ToolSerializer
    filterset_class = ToolFilter

    def get_queryset(self):
        return (
            Tool.objects.published()
            .without_vectors()
            .select_related("organisation")
            .prefetch_related(
                "sectors", "needs", published_tools_prefetch("alternatives", "published_alternatives")
            )
        )

    def filterset_kwargs(self):
        return {"sectors": Sector.objects.all(), "needs": Need.objects.all()}


@extend_schema_view(
    list=list_schema(summary="Sectors WISEs work in", tags=["catalogue"]),
    retrieve=detail_schema(summary="One sector", tags=["catalogue"]),
)
class SectorViewSet(ListDetailViewSet):
    serializer_class = serializers.SectorSerializer

    def get_queryset(self):
        return taxonomy_queryset(Sector)


@extend_schema_view(
    list=list_schema(summary="Needs a tool serves", tags=["catalogue"]),
    retrieve=detail_schema(summary="One need", tags=["catalogue"]),
)
class NeedViewSet(ListDetailViewSet):
    serializer_class = serializers.NeedSerializer

    def get_queryset(self):
        return taxonomy_queryset(Need)


@extend_schema_view(
    list=list_schema(
        CourseFilter,
        notes={"language": "The language the course was held in."},
        summary="Published courses, each with its published lessons (titles)",
        tags=["courses"],
    ),
    retrieve=detail_schema(summary="One course with the text of its published lessons", tags=["courses"]),
)
class CourseViewSet(ListDetailViewSet):
    """Courses; a course's ``updated_since`` also counts changes to its lessons."""

    filterset_class = CourseFilter

    def get_serializer_class(self):
        return (
            serializers.CourseDetailSerializer if self.action == "retrieve" else serializers.CourseSerializer
        )

    def get_queryset(self):
        lessons = Lesson.objects.published().without_vectors().order_by("order", "pk")
        if self.action == "retrieve":
            lessons = lessons.prefetch_related("attachments", published_tools_prefetch("tools"))
        else:
            lessons = lessons.defer("body", *columns_in_every_language("body"))
        return (
            Course.objects.published()
            .select_related("organisation")
            .prefetch_related(Prefetch("lessons", queryset=lessons, to_attr="published_lessons"))
        )

    def since(self, queryset, moment):
        changed_lesson = Lesson.objects.published().filter(course=OuterRef("pk"), updated__gte=moment)
        return queryset.filter(Q(updated__gte=moment) | Exists(changed_lesson))


@extend_schema_view(
    list=list_schema(
        ArticleFilter,
        notes={"category": "An article category's slug.", "sector": "A sector's slug."},
        summary="Published articles, newest first",
        tags=["articles"],
    ),
    retrieve=detail_schema(summary="One published article", tags=["articles"]),
)
class ArticleViewSet(ListDetailViewSet):
    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter

    def get_queryset(self):
        return (
            Article.objects.published()
            .without_vectors()
            .newest_first()
            .select_related("category")
            .prefetch_related("sectors", published_tools_prefetch("tools"))
        )

    def filterset_kwargs(self):
        return {"categories": Category.objects.all(), "sectors": Sector.objects.all()}


@extend_schema_view(
    list=list_schema(
        ProviderFilter,
        notes={
            "q": "Search words in the language asked for (names, summaries, service sheets).",
            "need": "A need's slug (see /api/v1/needs/).",
            "sector": "A sector's slug (see /api/v1/sectors/).",
            "tool": "A published tool's slug (see /api/v1/tools/).",
            "country": "A country they work in.",
            "language": "A language they speak.",
        },
        summary="Published providers of the help directory",
        tags=["help"],
    ),
    retrieve=detail_schema(summary="One published provider's service sheet", tags=["help"]),
)
class ProviderViewSet(ListDetailViewSet):
    """Providers as ``/<lang>/help/`` lists them: published and renewed recently enough
    (``ProviderQuerySet.published``), filtered by the directory's filter set. Never their
    contact person or address, never a help request."""

    serializer_class = serializers.ProviderSerializer
    filterset_class = ProviderFilter

    def get_queryset(self):
        return (
            Provider.objects.published()
            .without_vectors()
            .defer("contact_name", "contact_email")
            .select_related("verified_by")
            .prefetch_related("needs", "sectors", published_tools_prefetch("tools"))
        )

    def filterset_kwargs(self):
        tools = Tool.objects.published().only("pk", "slug", "name").order_by("name")
        return {"needs": Need.objects.all(), "sectors": Sector.objects.all(), "tools": tools}


class QuestionnaireView(OpenDataMixin, APIView):
    """``/api/v1/checkup/questionnaire/``: the version of the check-up visitors answer today
    (``QuestionnaireQuerySet.current``), with its dimensions, questions and statements. Never a
    response: those are the WISEs' own."""

    @extend_schema(
        summary="The check-up's current questionnaire: dimensions, questions, answer statements",
        parameters=[LANGUAGE],
        responses={200: serializers.QuestionnaireSerializer, **error_responses(400, 404, 429)},
        tags=["checkup"],
    )
    def get(self, request):
        questionnaire = Questionnaire.objects.current()
        if questionnaire is None:
            raise NotFound(gettext("No version of the check-up is published."))
        questionnaire.checkup_dimensions = list(Dimension.objects.for_checkup(questionnaire))
        context = {"request": request, "language": self.language}
        return Response(serializers.QuestionnaireSerializer(questionnaire, context=context).data)


class RootView(OpenDataMixin, APIView):
    """``/api/v1/``: where everything is."""

    @extend_schema(
        summary="The addresses of every endpoint and export",
        responses={200: OpenApiTypes.OBJECT, **error_responses(400, 429)},
        parameters=[LANGUAGE],
        tags=["about"],
    )
    def get(self, request):
        def url(name, **kwargs):
            return request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))

        return Response(
            {
                "name": gettext("WISE Business open data"),
                "licence": DATA_LICENCE,
                "licence_url": DATA_LICENCE_URL,
                "endpoints": {
                    "tools": url("tool-list"),
                    "sectors": url("sector-list"),
                    "needs": url("need-list"),
                    "courses": url("course-list"),
                    "articles": url("article-list"),
                    "providers": url("provider-list"),
                    "checkup_questionnaire": url("checkup-questionnaire"),
                },
                "exports": {
                    "dcat": url("export-dcat"),
                    "csv": url("export-csv"),
                    "skos_sectors": url("export-skos", scheme="sectors"),
                    "skos_needs": url("export-skos", scheme="needs"),
                },
                "schema": url("schema"),
                "docs": url("docs"),
            }
        )
