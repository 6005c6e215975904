"""Caching of the API's answers: an ETag, 304 Not Modified, and Cache-Control.

Every answer under /api/ is the same for every visitor (the API is anonymous and shows only
published content), so a successful GET may be kept by browsers and shared caches for
``API_CACHE_SECONDS`` and revalidated with its ETag; errors are never stored. Until the
site has a content version to build ETags from, the ETag is a hash of the body, so a 304
saves the transfer, not the work.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

API_PREFIX = "/api/"


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
