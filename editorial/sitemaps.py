from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """Every page in every language, each entry with hreflang alternates and x-default.

    A section of the sitemap index: at most ``limit`` entries (an entry is one page in one
    language) per sitemap page, so the cost of one request is bounded however much content
    there is; the index lists the pages (``?p=2``).
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 500
