"""The software catalogue: tools that WISEs use, sorted by their sector and by the need they serve."""

import contextlib
import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.validators import LOGO_EXTENSIONS, normalize_spdx, validate_logo, validate_spdx
from editorial.languages import LANGUAGE_CODES, columns_in_every_language, current_language
from editorial.models import VIEW_ONLY, Publishable, PublishableQuerySet, stale_before
from editorial.richtext import RichTextField
from editorial.search import SearchQuerySet, search_query, searchable, vector_field_name

# The icons shipped in catalogue/static/catalogue/icons/<name>.svg.
ICONS = [
    "sprout", "map", "recycle", "tree", "utensils", "sparkles",
    "folder", "calculator", "calendar", "megaphone", "users", "cart", "globe", "truck",
    "calendar-check", "credit-card", "graduation-cap", "shield",
]  # fmt: skip
ICON_CHOICES = [(name, name) for name in ICONS]


class Licence(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open source")
    FREE = "free", pgettext_lazy("costs nothing", "Free")
    FREEMIUM = "freemium", _("Free basic plan, paid extras")
    PAID = "paid", _("Paid")


class Platform(models.TextChoices):
    WEB = "web", _("Web browser")
    WINDOWS = "windows", "Windows"
    MACOS = "macos", "macOS"
    LINUX = "linux", "Linux"
    ANDROID = "android", "Android"
    IOS = "ios", _("iPhone and iPad (iOS)")


class SkillLevel(models.TextChoices):
    STARTER = "starter", _("Starter")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


# The badge on a tool: a whole phrase per level rather than "Level: %(level)s", so each language
# can write the level as it reads after the label ("Zahtevnost: nizka", lowercase and feminine).
SKILL_LEVEL_BADGES = {
    SkillLevel.STARTER: _("Level: starter"),
    SkillLevel.INTERMEDIATE: _("Level: intermediate"),
    SkillLevel.ADVANCED: _("Level: advanced"),
}


class Taxonomy(models.Model):
    """Shared fields of sectors and needs: a short translated name and a plain description."""

    partner_editor_actions = VIEW_ONLY

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, choices=ICON_CHOICES, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # When its names or description last changed: open-data harvesters sync from it.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The catalogue filtered by this sector or need."""
        return f"{reverse('catalogue:tool-list')}?{self.list_parameter}={self.slug}"


class Sector(Taxonomy):
    """The work a WISE does (farming, waste and recycling, catering, ...): visitors start from it."""

    list_parameter = "sector"

    class Meta(Taxonomy.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Need(Taxonomy):
    """The area a WISE wants to grow in (accounting, shift planning, selling online, ...)."""

    list_parameter = "need"

    class Meta(Taxonomy.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")


class ToolQuerySet(PublishableQuerySet, SearchQuerySet):
    def for_list(self):
        """What a card shows: no search vectors, no long texts in seven languages."""
        return self.without_vectors().defer(
            *(
                column
                for field in ("description", "price_note", "discount_note")
                for column in (field, *columns_in_every_language(field))
            )
        )

    def stale(self, today: datetime.date | None = None):
        """Entries whose facts were last checked more than a year ago (or never)."""
        return self.filter(Q(last_verified__lt=stale_before(today)) | Q(last_verified__isnull=True))

    def recently_verified(self, today: datetime.date | None = None):
        return self.filter(last_verified__gte=stale_before(today))

    def matching(self, q: str, language: str | None = None):
        """Tools whose text matches ``q`` in the visitor's language, or whose name looks like ``q``.

        Full text (stemmed, English fallback) finds words in names, summaries and descriptions;
        trigram word similarity on the name finds a misspelt tool ("nextclod"). Each side has
        its own GIN index, so PostgreSQL answers the OR with a BitmapOr of the two.
        """
        language = language or current_language()
        query = search_query(q, language)
        return self.filter(Q(**{vector_field_name(language): query}) | Q(name__trigram_word_similar=q))

    def with_rank(self, q: str, language: str | None = None):
        """Annotate ``exact`` (1 when the name is exactly ``q``) and ``rank``, and order by them."""
        language = language or current_language()
        query = search_query(q, language)
        return self.annotate(
            exact=Case(When(name__iexact=q, then=Value(1)), default=Value(0), output_field=IntegerField()),
            rank=SearchRank(F(vector_field_name(language)), query) + TrigramWordSimilarity(q, "name"),
        ).order_by("-exact", "-rank", "name")

    def search(self, q: str, language: str | None = None):
        """Tools matching ``q`` (see ``matching``), an exact name first, then by relevance."""
        return self.matching(q, language).with_rank(q, language)


Searchable = searchable(
    weights={"name": "A", "summary": "B", "description": "C"},
    translated={"summary", "description"},
)


class Tool(Publishable, Searchable):
    """A piece of software a WISE can use, with the honest facts staff ask about first:
    what it costs, whether it exists in their language, and how hard it is to learn."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The same in every language.")
    )
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One plain sentence."))
    description = RichTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    source_code = models.URLField(
        _("source code"),
        blank=True,
        help_text=_("Where an open-source tool's code is published (its repository)."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="catalogue/logos/",
        blank=True,
        validators=[FileExtensionValidator(LOGO_EXTENSIONS), validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 1 MB."),
    )
    # Blank only while a draft: publishing requires it (publish_required).
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, blank=True)
    spdx_licence = models.CharField(
        _("SPDX licence"),
        max_length=100,
        blank=True,
        validators=[validate_spdx],
        help_text=_(
            "An open-source tool's licence as an SPDX identifier, for example AGPL-3.0-or-later or MIT."
        ),
    )
    price_note = models.TextField(
        _("price"), blank=True, help_text=_("What it costs, in one or two sentences.")
    )
    platforms = ArrayField(
        models.CharField(max_length=10, choices=Platform.choices),
        verbose_name=_("platforms"),
        default=list,
        blank=True,
    )
    interface_languages = ArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("interface languages"),
        default=list,
        blank=True,
        help_text=_("The languages the tool's own screens are available in."),
    )
    skill_level = models.CharField(
        _("skill level"), max_length=20, choices=SkillLevel.choices, default=SkillLevel.STARTER
    )
    nonprofit_discount = models.BooleanField(
        _("discount for nonprofits"),
        default=False,
        help_text=_("A discount or free plan for nonprofits or social enterprises."),
    )
    discount_note = models.TextField(_("about the discount"), blank=True)
    sectors = models.ManyToManyField(Sector, related_name="tools", blank=True, verbose_name=_("sectors"))
    needs = models.ManyToManyField(Need, related_name="tools", blank=True, verbose_name=_("needs"))
    # Not symmetrical: each entry's list of alternatives is curated on its own.
    alternatives = models.ManyToManyField(
        "self", symmetrical=False, related_name="alternative_to", blank=True, verbose_name=_("alternatives")
    )
    last_verified = models.DateField(
        _("last verified"),
        default=timezone.localdate,
        help_text=_("When its facts (price, platforms, languages) were last checked."),
    )
    objects = ToolQuerySet.as_manager()

    # Drafts may leave these empty; publishing asks for them (editorial.publishing).
    publish_required = ("summary", "licence", "sectors", "needs")

    class Meta(Searchable.Meta):
        ordering = ["name"]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        indexes = [
            *Searchable.Meta.indexes,
            # The list's two orders, over published tools.
            models.Index(fields=["status", "name"], name="catalogue_tool_status_name"),
            models.Index(fields=["status", "-created"], name="catalogue_tool_status_created"),
            # The facet counts read only these columns: with this covering index they are
            # index-only scans instead of reads of the wide rows (seven descriptions and vectors).
            models.Index(
                fields=["status", "licence", "skill_level"],
                include=["id", "platforms", "interface_languages"],
                name="catalogue_tool_facets",
            ),
            models.Index(fields=["skill_level"], name="catalogue_tool_skill_level"),
            models.Index(fields=["last_verified"], name="catalogue_tool_last_verified"),
            GinIndex(fields=["platforms"], name="catalogue_tool_platforms"),
            GinIndex(fields=["interface_languages"], name="catalogue_tool_languages"),
            # Misspelt names: "nextclod" finds Nextcloud through name %> q.
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="catalogue_tool_name_trgm"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:tool-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.spdx_licence:
            # An invalid one stays as typed: the field's own validator reports it.
            with contextlib.suppress(ValidationError):
                self.spdx_licence = normalize_spdx(self.spdx_licence)

    def publish_requirements(self, values=None) -> dict[str, str]:
        """An open-source tool also needs its SPDX licence and the address of its code: the
        open-data exports (publiccode.yml, DCAT-AP) promise both."""
        missing = super().publish_requirements(values)
        values = values or {}
        licence = values.get("licence", self.licence)
        if licence == Licence.OPEN_SOURCE:
            for name in ("spdx_licence", "source_code"):
                if not (values.get(name, getattr(self, name)) or "").strip():
                    missing[name] = gettext("%(field)s is needed to publish an open-source tool.") % {
                        "field": capfirst(self._meta.get_field(name).verbose_name)
                    }
        return missing

    @property
    def is_open_source(self) -> bool:
        return self.licence == Licence.OPEN_SOURCE

    @property
    def is_stale(self) -> bool:
        return self.last_verified is None or self.last_verified < stale_before()

    def platform_labels(self) -> list[str]:
        labels = dict(Platform.choices)
        return [labels[p] for p in self.platforms if p in labels]

    def skill_level_badge(self) -> str:
        return str(SKILL_LEVEL_BADGES.get(self.skill_level, ""))

    @property
    def language_names(self) -> list[str]:
        return [
            get_language_info(code)["name_translated"]
            for code in self.interface_languages
            if code in LANGUAGE_CODES
        ]

    def is_available_in(self, language: str) -> bool:
        return language in self.interface_languages
