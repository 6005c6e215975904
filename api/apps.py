from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Open data: the read-only API at /api/v1/, its exports, and import from publiccode.yml."""

    name = "api"
    verbose_name = _("Open data")

    def ready(self):
        # The OpenAPI description of the API's own field types (drf-spectacular extensions).
        from api import schema  # noqa: F401
