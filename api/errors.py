"""Every error of the API is JSON of one shape, never an HTML page and never a 500 for bad input:

    {"status": 400, "code": "invalid", "detail": "…", "errors": {"page_size": ["…"]}}

``errors`` is there for invalid query parameters (one list of messages per parameter).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def error_body(status: int, code: str, detail: str, errors: dict | None = None) -> dict:
    body = {"status": status, "code": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else None
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = {
            name: [str(message) for message in (messages if isinstance(messages, list) else [messages])]
            for name, messages in (detail.items() if isinstance(detail, dict) else [("", detail)])
        }
        message = gettext("Some query parameters are not valid.")
        code = "invalid"
    else:
        message = str(detail) if detail is not None else ""
        code = getattr(detail, "code", None) or exc.default_code
    response.data = error_body(response.status_code, str(code), message, errors)
    return response


def json_not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint (one without its final slash is redirected)."""
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not json_not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
    message = gettext("There is no such address in the API. The list of endpoints is at /api/v1/.")
    return JsonResponse(error_body(404, "not_found", message), status=404)
