from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The ground floor: what every content app builds on (publishing, preview, history, search, ...)."""

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from editorial.languages import end_fallbacks_in_the_original_language

        # django-modeltranslation (first in INSTALLED_APPS) has registered every app's fields by now.
        end_fallbacks_in_the_original_language()
