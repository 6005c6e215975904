"""The sitemap: the site's own pages and each content app's sitemaps, in every language."""

from django.urls import reverse

from articles.sitemaps import sitemaps as article_sitemaps
from catalogue.sitemaps import sitemaps as catalogue_sitemaps
from courses.sitemaps import sitemaps as course_sitemaps
from editorial.sitemaps import TranslatedSitemap
from help.sitemaps import sitemaps as help_sitemaps


class StaticPagesSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # The article list has its own entry in articles.sitemaps.
        return [
            "home",
            "catalogue:tool-list",
            "courses:course-list",
            "mooc:index",
            "checkup:start",
            "open-data:index",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    **catalogue_sitemaps,
    **course_sitemaps,
    **article_sitemaps,
    **help_sitemaps,
}
