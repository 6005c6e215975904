from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """Every page in every language, each entry with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True
