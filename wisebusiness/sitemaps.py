from importlib import import_module

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

CONTENT_APPS = ["catalogue", "courses", "articles"]


class TranslatedSitemap(Sitemap):
    """Every page in every language, each entry with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # The article list has its own entry in articles.sitemaps.
        return ["home", "catalogue:tool-list", "courses:course-list", "mooc:index"]

    def location(self, item):
        return reverse(item)


def all_sitemaps() -> dict:
    """The static pages plus the ``sitemaps`` dict of each content app's ``sitemaps`` module."""
    sitemaps = {"pages": StaticPagesSitemap}
    for app in CONTENT_APPS:
        try:
            module = import_module(f"{app}.sitemaps")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.sitemaps":
                raise
            continue
        sitemaps.update(module.sitemaps)
    return sitemaps
