from django.conf import settings
from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """Every page in every language, each entry with hreflang alternates and x-default.

    A section of the sitemap index: at most ``limit`` entries (an entry is one page in one
    language) per sitemap page, so the cost of one request is bounded however much content
    there is; the index lists the pages (``?p=2``).

    The x-default is the page in the default language, as the page's own ``<link
    rel="alternate" hreflang="x-default">`` says (base.html): Django's own would be the address
    without a language prefix, which only redirects, and search engines would read two answers.
    """

    i18n = True
    alternates = True
    x_default = True
    limit = 500

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = next(
                (alt["location"] for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE),
                None,
            )
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls
