from django.urls import reverse

from editorial.sitemaps import TranslatedSitemap
from help.models import Provider


class ProviderSitemap(TranslatedSitemap):
    """Every public provider (published and checked recently enough), in every language."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Provider.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, provider):
        return provider.updated


class HelpPagesSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["help:provider-list"]

    def location(self, item):
        return reverse(item)


sitemaps = {"providers": ProviderSitemap, "help-pages": HelpPagesSitemap}
