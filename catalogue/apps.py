from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Software catalogue")

    def ready(self):
        from catalogue.models import Need, NonprofitOffer, Sector, Tool
        from editorial.cache import bump_on_change

        # The facet index (catalogue.facets) is keyed by the content version.
        bump_on_change(Tool, Sector, Need, NonprofitOffer)
