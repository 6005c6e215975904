"""Articles: guides, news, interviews and case stories of WISEs that went digital."""

from django.db import models
from django.db.models import Count, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.languages import columns_in_every_language
from editorial.models import VIEW_ONLY, Publishable, PublishableQuerySet
from editorial.richtext import RichTextField, reading_minutes
from editorial.search import SearchQuerySet, searchable

# How many articles a tool page lists ("Articles about <tool>"), newest first.
TOOL_PAGE_ARTICLES = 6


class Category(models.Model):
    """The kind of article (guide, case story, news, interview): a small, fixed taxonomy."""

    partner_editor_actions = VIEW_ONLY

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=50, unique=True, help_text=_("The same in every language."))
    order = models.PositiveSmallIntegerField(pgettext_lazy("position in a list", "order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('articles:article-list')}?category={self.slug}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class ArticleQuerySet(PublishableQuerySet, SearchQuerySet):
    def published(self):
        """What visitors see: published or scheduled articles whose time has come.

        Comparing with now() in the query is what makes a scheduled article appear by
        itself at its time, with no job flipping a flag.
        """
        return super().published().filter(published_at__lte=timezone.now())

    def next_publication(self):
        return (
            super()
            .published()
            .filter(published_at__gt=timezone.now())
            .aggregate(next=models.Min("published_at"))["next"]
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """Everything an article card shows, in one query."""
        return self.select_related("category")

    def for_tool_page(self):
        """ "Articles about <tool>": the newest published ones."""
        # A card shows no body and no hero's alt text (its image is decorative there): not in any language.
        return (
            self.published()
            .for_cards()
            .without_vectors()
            .defer(
                *(
                    column
                    for field in ("body", "hero_alt")
                    for column in (field, *columns_in_every_language(field))
                )
            )
            .newest_first()[:TOOL_PAGE_ARTICLES]
        )


Searchable = searchable(
    weights={"title": "A", "filed_under": "B", "summary": "C", "body": "D"},
    translated={"title", "summary", "body"},
    title="title",
    filed_under=("category", "sectors"),
)


class Article(Publishable, Searchable):
    """An in-depth text written by a partner: a guide with steps, news, an interview, or the
    story of a cooperative that adopted a tool and what changed for it."""

    # Publishing checks in the admin (editorial.publishing): a scheduled article is public too.
    publishing_statuses = (Status.PUBLISHED, Status.SCHEDULED)
    publish_required = ("title", "summary", "body")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The same in every language.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists and to search engines."),
    )
    body = RichTextField(_("body"), blank=True)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A scheduled article appears by itself at this time."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    hero_image = models.ImageField(
        _("hero image"),
        upload_to="articles/heroes/",
        blank=True,
        width_field="hero_width",
        height_field="hero_height",
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        _("hero image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    tools = models.ManyToManyField(
        "catalogue.Tool", related_name="articles", blank=True, verbose_name=_("related tools")
    )
    sectors = models.ManyToManyField(
        "catalogue.Sector", related_name="articles", blank=True, verbose_name=_("related sectors")
    )
    objects = ArticleQuerySet.as_manager()

    class Meta(Searchable.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            *Searchable.Meta.indexes,
            # The list, the feed and the sitemap: published articles, newest first.
            models.Index(fields=["status", "-published_at"], name="articles_status_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article-detail", kwargs={"slug": self.slug})

    def scheduled_for(self):
        if self.is_being_published() and self.published_at and self.published_at > timezone.now():
            return self.published_at
        return None

    @property
    def is_published(self) -> bool:
        return self.is_being_published() and self.published_at <= timezone.now()

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the body in the visitor's language (at least one)."""
        return reading_minutes(self.body)

    def related_articles(self, limit: int = 3):
        """Other published articles sharing the most tools and sectors with this one, newest first.

        Uses ids already prefetched by the detail view, so it costs one query.
        """
        tool_ids = [tool.pk for tool in self.tools.all()]
        sector_ids = [sector.pk for sector in self.sectors.all()]
        # An empty "IN ()" would make the whole aggregate empty: count only what there is.
        shared = Value(0)
        if tool_ids:
            shared += Count("tools", filter=Q(tools__in=tool_ids), distinct=True)
        if sector_ids:
            shared += Count("sectors", filter=Q(sectors__in=sector_ids), distinct=True)
        return (
            Article.objects.published()
            .exclude(pk=self.pk)
            .for_cards()
            .annotate(shared=shared)
            .filter(Q(shared__gt=0) | Q(category_id=self.category_id))
            .order_by("-shared", "-published_at", "-pk")[:limit]
        )
