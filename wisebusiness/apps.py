from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WiseBusinessConfig(AppConfig):
    """Site-wide pieces: search configuration, demo loading, template tags."""

    name = "wisebusiness"
    verbose_name = _("WISE Business")
