from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.models import Article

FEED_LENGTH = 50


class ArticleFeed(Feed):
    """The newest published articles as an Atom feed, in the language of the URL (/<lang>/articles/feed/)."""

    feed_type = Atom1Feed

    def title(self):
        return _("%(site)s: articles") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("Guides, news and stories of social enterprises that went digital.")

    def link(self):
        return reverse("articles:article-list")

    def feed_url(self):
        return reverse("articles:feed")

    def items(self):
        return Article.objects.published().for_cards().newest_first()[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.updated, article.published_at)

    def item_author_name(self, article):
        return article.author_name or None

    def item_categories(self, article):
        return [article.category.name]
