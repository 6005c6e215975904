from django.urls import reverse

from articles.models import Article
from editorial.sitemaps import TranslatedSitemap


class ArticleSitemap(TranslatedSitemap):
    """Every published article, in every language (drafts and future articles never)."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().only("slug", "updated", "published_at").order_by("slug")

    def lastmod(self, article):
        return max(article.updated, article.published_at)


class ArticleListSitemap(TranslatedSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return ["articles:article-list"]

    def location(self, item):
        return reverse(item)


sitemaps = {"articles": ArticleSitemap, "article-list": ArticleListSitemap}
