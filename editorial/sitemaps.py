from django.conf import settings
from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """Every page in every language, each entry with hreflang alternates and x-default.

    The x-default is the page in the default language, as the page's own ``<link
    rel="alternate" hreflang="x-default">`` says (base.html): Django's own would be the address
    without a language prefix, which only redirects, and search engines would read two answers.
    """

    i18n = True
    alternates = True
    x_default = True

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
