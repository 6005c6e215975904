"""The documentation page of the API and its schema view.

The page is Swagger UI from drf-spectacular-sidecar's files, served by this site (no CDN),
started by a script of our own (``api/docs.js``, no inline script or style), so it works
under the site's Content-Security-Policy of ``'self'`` only.
"""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.negotiation import DefaultContentNegotiation

from api.throttling import AnonymousRateThrottle


class SchemaView(SpectacularAPIView):
    """``/api/v1/schema/``: OpenAPI 3 as YAML, or JSON with ``?format=json``."""

    content_negotiation_class = DefaultContentNegotiation
    throttle_classes = [AnonymousRateThrottle]


@method_decorator(cache_control(public=True, max_age=3600), name="dispatch")
class DocsView(TemplateView):
    """``/api/v1/docs/``: every endpoint, browsable and tried out in the browser."""

    template_name = "api/docs.html"
