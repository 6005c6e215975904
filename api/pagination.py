"""Pages of a list: ``?page=`` (from 1) and ``?page_size=`` (1 to API_MAX_PAGE_SIZE).

Page numbers rather than cursors: the lists are small (hundreds of items), a harvester pages
through them once and then asks only for ``?updated_since=``; numbered pages can be linked
and cached. A page size over the limit is refused with 400 rather than cut silently, so a
client never believes it got everything when it did not; a page past the last is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


def max_page_size() -> int:
    return settings.API_MAX_PAGE_SIZE


def _positive_integer(raw: str, name: str, maximum: int | None = None) -> int:
    text = raw.strip()
    digits = text.isascii() and text.isdigit()
    # A number too long to be a page is simply past the last page (a 404), never an error of ours.
    value = (int(text) if len(text) <= 18 else 10**18) if digits else 0
    if value < 1 or (maximum is not None and value > maximum):
        if maximum is None:
            message = gettext("Give a whole number from 1.")
        else:
            message = gettext("Give a whole number from 1 to %(max)d.") % {"max": maximum}
        raise ValidationError({name: [message]})
    return value


class BoundedPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return max_page_size()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return _positive_integer(raw, self.page_size_query_param, self.max_page_size)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        return 1 if raw is None else _positive_integer(raw, self.page_query_param)

    def paginate_queryset(self, queryset, request, view=None):
        self.notices = list(getattr(view, "notices", []))
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "page_size": self.page.paginator.per_page,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "notices": self.notices,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "page", "pages", "page_size", "next", "previous", "notices", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "description": "Items in the whole list."},
                "page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "next": link,
                "previous": link,
                "notices": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Filter values that were not recognised and so were ignored.",
                },
                "results": schema,
            },
        }
