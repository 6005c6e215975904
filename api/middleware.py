"""Caching of the API's answers: an ETag, 304 Not Modified, and Cache-Control.

Every answer under /api/ is the same for every visitor (the API is anonymous and shows only
published content), so a successful GET may be kept by browsers and shared caches for
``API_CACHE_SECONDS`` and revalidated with its ETag; errors are never stored. Until the
site has a content version to build ETags from, the ETag is a hash of the body, so a 304
saves the transfer, not the work.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import gettext

from api.errors import error_body

API_PREFIX = "/api/"


class JsonErrorsMiddleware:
    """Errors answered before the API's views run are JSON under /api/ too.

    The site's MalformedRequestMiddleware (a NUL byte, a broken encoding: 400; a query string
    too long: 414) and Django's 500 page answer in HTML; a client of the API reads the same
    JSON error shape as from the API's own errors (``api.errors``). Placed above them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        status = response.status_code
        if status == 400:
            code, detail = (
                "malformed",
                gettext("The address or the request holds characters that are not text."),
            )
        elif status == 414:
            code, detail = "too_long", gettext("The query string is too long.")
        else:
            code, detail = "error", gettext("Something went wrong on our side. Please try again later.")
        json = JsonResponse(error_body(status, code, detail), status=status)
        json["Cache-Control"] = "no-store"
        return json


class OpenDataCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code != 200 or response.streaming:
            if response.status_code >= 400:
                response["Cache-Control"] = "no-store"
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
