from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.views.generic import DetailView, ListView

from articles.filters import ArticleFilter
from articles.models import Article, Category
from catalogue.models import Sector, Tool
from editorial.filters import FilteredListMixin
from editorial.languages import shown_language
from editorial.pagination import ForgivingPaginationMixin
from editorial.preview import PreviewMixin


class ArticleListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """Published articles, newest first, filtered by ``?category=`` and ``?sector=`` slugs
    (``articles.filters.ArticleFilter``: unknown slugs are ignored with a notice, so a shared
    link with a stale filter still shows articles). Template: ``articles/article_list.html``.
    """

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 12
    filterset_class = ArticleFilter

    def get_unfiltered_queryset(self):
        return Article.objects.published().for_cards().newest_first()

    def get_filterset_kwargs(self):
        return {"categories": Category.objects.all(), "sectors": Sector.objects.all()}

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        return super().get_context_data(
            categories=filterset.categories,
            sectors=filterset.sectors,
            category=filterset.chosen("category"),
            sector=filterset.chosen("sector"),
            **kwargs,
        )


class ArticleDetailView(PreviewMixin, DetailView):
    """One published article (a draft or a future one with ``?preview=1``), its related tools
    and articles. Template: ``articles/article_detail.html``."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.select_related("category", "organisation").prefetch_related(
            Prefetch("tools", queryset=Tool.objects.published().for_list().order_by("name")),
            Prefetch("sectors", queryset=Sector.objects.all()),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = list(self.object.related_articles())
        context["structured_data"] = self.structured_data()
        return context

    def structured_data(self) -> dict:
        """schema.org ``Article`` for search engines."""
        article, request = self.object, self.request
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": article.summary,
            "datePublished": article.published_at.isoformat(),
            "dateModified": article.updated.isoformat(),
            "inLanguage": shown_language(article, "body"),
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
            "articleSection": article.category.name,
            "wordCount": len(strip_tags(article.body or "").split()),
        }
        if article.author_name:
            data["author"] = {"@type": "Person", "name": article.author_name}
        if article.organisation:
            organisation = {"@type": "Organization", "name": article.organisation.name}
            if article.organisation.website:
                organisation["url"] = article.organisation.website
            data["publisher"] = organisation
            data.setdefault("author", organisation)
        if article.hero_image:
            data["image"] = request.build_absolute_uri(article.hero_image.url)
        if tools := list(article.tools.all()):
            data["about"] = [{"@type": "SoftwareApplication", "name": tool.name} for tool in tools]
        return data
