"""The API's list filters: the site's own filter sets (``catalogue.filters.ToolFilter``, the course
and article filters, all ``editorial.filters.LenientFilterSet``), plus ``?updated_since=``.

As on the site, an unknown filter value is dropped and named in the answer's ``notices``, and
an unknown parameter is ignored. ``updated_since`` is strict: a harvester that mistypes it
must not receive everything and believe it is a change set.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django_filters import ChoiceFilter, MultipleChoiceFilter
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from api.languages import LANGUAGE_CHOICES, LANGUAGE_PARAMETER
from api.pagination import max_page_size

UPDATED_SINCE = "updated_since"
# Longer than any date and time with an offset and microseconds: not worth parsing.
UPDATED_SINCE_MAX_LENGTH = 40


def updated_since(params) -> datetime.datetime | None:
    """The moment of ``?updated_since=`` (RFC 3339 / ISO 8601: a naive time is UTC; a date is its
    midnight, UTC), or None. Anything else is a 400, never "everything"."""
    raw = params.get(UPDATED_SINCE)
    if raw is None:
        return None
    text = raw.strip().upper()
    moment = None
    if 0 < len(text) <= UPDATED_SINCE_MAX_LENGTH:
        try:
            moment = parse_datetime(text)
            if moment is None and (day := parse_date(text)) is not None:
                moment = datetime.datetime.combine(day, datetime.time())
        except ValueError:
            moment = None
    if moment is None:
        raise ValidationError(
            {
                UPDATED_SINCE: [
                    gettext(
                        "Give a date (2026-01-31) or a date and time (2026-01-31T09:00:00Z); "
                        "write a + in an offset as %2B."
                    )
                ]
            }
        )
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=datetime.UTC)
    # In UTC before it reaches the database, which refuses offsets of 16 hours or more.
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # a moment just outside the years 1 to 9999 once in UTC
        if moment.year == 1:
            return datetime.datetime.min.replace(tzinfo=datetime.UTC)
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)


# OpenAPI descriptions of the parameters every endpoint or list shares.

LANGUAGE = OpenApiParameter(
    LANGUAGE_PARAMETER,
    OpenApiTypes.STR,
    enum=LANGUAGE_CHOICES,
    description=(
        "The language of translated fields; without it, the Accept-Language header decides, else English. "
        "An untranslated field falls back to English. `all`: every translated field is an object with one "
        "key per language. An unknown language is a 400."
    ),
)
UPDATED_SINCE_PARAMETER = OpenApiParameter(
    UPDATED_SINCE,
    {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]},
    description=(
        "Only items changed at or after this moment: a date (`2026-01-31`, midnight UTC) or a date and "
        "time (`2026-01-31T09:00:00Z`, `2026-01-31T10:00:00%2B01:00`); a time without offset is UTC. "
        "Malformed: 400."
    ),
)


def pagination_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            "page", {"type": "integer", "minimum": 1}, description="The page, from 1; past the last: 404."
        ),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": max_page_size()},
            description=f"Items per page, 1 to {max_page_size()} (default 20); more is a 400, not a cut.",
        ),
    ]


def filter_parameters(filterset_class, notes: dict[str, str] | None = None) -> list[OpenApiParameter]:
    """The filters of a site filter set, as OpenAPI query parameters.

    Values are plain strings, not enumerations: as on the site, an unknown value is ignored
    (and named in ``notices``), never an error.
    """
    notes = notes or {}
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        choices = filter_.extra.get("choices")
        values = [str(value) for value, _label in choices] if isinstance(choices, (list, tuple)) else []
        description = notes.get(name, "")
        if values:
            description = f"{description} One of: {', '.join(f'`{v}`' for v in values)}.".strip()
        if isinstance(filter_, MultipleChoiceFilter):
            description += " Repeat it for several values (any of them)."
            parameters.append(
                OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description=description)
            )
        elif isinstance(filter_, ChoiceFilter):
            parameters.append(OpenApiParameter(name, OpenApiTypes.STR, description=description))
        else:
            parameters.append(OpenApiParameter(name, OpenApiTypes.STR, description=description))
    return parameters
