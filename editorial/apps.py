from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The ground floor: what every content app builds on (publishing, preview, history, search, ...)."""

    name = "editorial"
    verbose_name = _("Editorial")
