from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.views.generic import DetailView, ListView

from articles.models import Article, Category
from catalogue.models import Sector, Tool
from organisations.preview import mark_preview, previewable_object
from wisebusiness.pagination import ForgivingPaginationMixin
from wisebusiness.translated import shown_language


class ArticleListView(ForgivingPaginationMixin, ListView):
    """Published articles, newest first, filtered by ``?category=`` and ``?sector=`` slugs.

    Unknown slugs and malformed page numbers are ignored rather than answered with an
    error: a shared link with a stale filter still shows articles.
    Template: ``articles/article_list.html``.
    """

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get(self, request, *args, **kwargs):
        self.categories = list(Category.objects.all())
        self.sectors = list(Sector.objects.all())
        self.category = self._choice(self.categories, "category")
        self.sector = self._choice(self.sectors, "sector")
        return super().get(request, *args, **kwargs)

    def _choice(self, options, parameter):
        value = self.request.GET.get(parameter, "")
        return next((option for option in options if option.slug == value), None)

    def get_queryset(self):
        articles = Article.objects.published().for_cards().newest_first()
        if self.category:
            articles = articles.filter(category=self.category)
        if self.sector:
            articles = articles.filter(sectors=self.sector)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ignored = [
            parameter
            for parameter, chosen in (("category", self.category), ("sector", self.sector))
            if self.request.GET.get(parameter) and chosen is None
        ]
        filters = {}
        if self.category:
            filters["category"] = self.category.slug
        if self.sector:
            filters["sector"] = self.sector.slug
        context.update(
            categories=self.categories,
            sectors=self.sectors,
            category=self.category,
            sector=self.sector,
            ignored_filters=ignored,
            filter_query="&".join(f"{key}={value}" for key, value in filters.items()),
        )
        return context


class ArticleDetailView(DetailView):
    """One published article, its related tools and articles. Template: ``articles/article_detail.html``."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self._with_relations(Article.objects.published())

    def _with_relations(self, articles):
        return articles.select_related("category", "organisation").prefetch_related(
            Prefetch("tools", queryset=Tool.objects.published().order_by("name")),
            Prefetch("sectors", queryset=Sector.objects.all()),
        )

    def get_object(self, queryset=None):
        # A draft or a future article: only its organisation's editors, with ?preview=1.
        return previewable_object(
            self.request,
            self.get_queryset(),
            self._with_relations(Article.objects.all()),
            slug=self.kwargs["slug"],
        )

    def render_to_response(self, context, **response_kwargs):
        return mark_preview(self.request, super().render_to_response(context, **response_kwargs))

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
