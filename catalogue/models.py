"""The software catalogue: tools that WISEs use, sorted by their sector and by the need they serve."""

import contextlib
import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.validators import (
    LOGO_EXTENSIONS,
    normalize_spdx,
    validate_logo,
    validate_spdx,
    validate_tool_slug,
)
from editorial.languages import LANGUAGE_CODES, columns_in_every_language, current_language
from editorial.models import EDITOR_ACTIONS, VIEW_ONLY, Publishable, PublishableQuerySet, stale_before
from editorial.richtext import RichTextField
from editorial.search import (
    SearchQuerySet,
    Understood,
    searchable,
    understand,
    understood_query,
    vector_field_name,
)

# The icons shipped in catalogue/static/catalogue/icons/<name>.svg.
ICONS = [
    "sprout", "map", "recycle", "tree", "utensils", "sparkles",
    "folder", "calculator", "calendar", "megaphone", "users", "cart", "globe", "truck",
    "calendar-check", "credit-card", "graduation-cap", "shield",
]  # fmt: skip
ICON_CHOICES = [(name, name) for name in ICONS]


class Licence(models.TextChoices):
    """Whether anyone may read, change and share the code (what it costs is ``PriceModel``)."""

    OPEN_SOURCE = "open_source", _("Open source")
    PROPRIETARY = "proprietary", _("Proprietary")


class PriceModel(models.TextChoices):
    """How a WISE pays for a tool: an open-source tool is usually free, a proprietary one may be too."""

    FREE = "free", pgettext_lazy("costs nothing", "Free")
    FREEMIUM = "freemium", _("Free basic plan, paid extras")
    PAID = "paid", _("Paid")
    PER_TRANSACTION = "per_transaction", _("Pay per transaction")


#: Price models with which a WISE can start without paying anything.
NO_COST_PRICE_MODELS = (PriceModel.FREE, PriceModel.FREEMIUM)


class Platform(models.TextChoices):
    WEB = "web", _("Web browser")
    WINDOWS = "windows", "Windows"
    MACOS = "macos", "macOS"
    LINUX = "linux", "Linux"
    ANDROID = "android", "Android"
    IOS = "ios", _("iPhone and iPad (iOS)")


class WebsiteStatus(models.TextChoices):
    """What ``manage.py check_links`` found at a tool's website."""

    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("Works")
    BROKEN = "broken", _("Broken")


class WebsiteProblem(models.TextChoices):
    HTTP_ERROR = "http_error", _("The website answered with an error")
    REDIRECT_LOOP = "redirect_loop", _("It redirects in a circle")
    TOO_MANY_REDIRECTS = "too_many_redirects", _("Too many redirects")
    TIMEOUT = "timeout", _("No answer in time")
    CONNECTION = "connection", _("The website could not be reached")
    NOT_HTTP = "not_http", _("Not a web address")


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


# Texts of the tool page that lists never show.
LONG_TEXTS = ("description", "price_note", "free_plan", "typical_price", "fees", "discount_note")


class ToolQuerySet(PublishableQuerySet, SearchQuerySet):
    def for_list(self):
        """What a card shows: no search vectors, no long texts in seven languages."""
        return self.without_vectors().defer(
            *(column for field in LONG_TEXTS for column in (field, *columns_in_every_language(field)))
        )

    def stale(self, today: datetime.date | None = None):
        """Entries whose facts were last checked more than a year ago (or never)."""
        return self.filter(Q(last_verified__lt=stale_before(today)) | Q(last_verified__isnull=True))

    def recently_verified(self, today: datetime.date | None = None):
        return self.filter(last_verified__gte=stale_before(today))

    def matching(self, q: "str | Understood", language: str | None = None):
        """Tools whose text matches ``q`` in the visitor's language, or whose name looks like ``q``.

        Full text (``editorial.search.understood_query``: stemmed, accents folded, English fallback,
        need and sector names, compounds, typos) finds words in names, what a tool is filed under,
        summaries and descriptions; trigram word similarity on the name finds a name typed in part
        or glued ("simplybook"). Each side has its own GIN index, so PostgreSQL answers the OR
        with a BitmapOr of the two.
        """
        understood = understand(q, language)
        matches = Q(**{vector_field_name(understood.language): understood_query(understood)})
        if understood.tsquery is not None:  # not "a phrase" or -a-word, which are taken as written
            matches |= Q(name__trigram_word_similar=understood.q)
        return self.filter(matches)

    def with_rank(self, q: "str | Understood", language: str | None = None):
        """Annotate ``rank`` (``editorial.search.search_rank``) and order by it, then by name."""
        return super().with_rank(q, language, name_similar=True).order_by("-rank", "name")

    def search(self, q: "str | Understood", language: str | None = None):
        """Tools matching ``q`` (see ``matching``), an exact name first, then by relevance."""
        understood = understand(q, language)
        return self.matching(understood).with_rank(understood)

    def best_fit(
        self,
        *,
        need: Need | None = None,
        sector: Sector | None = None,
        price_models: dict[str, int] | None = None,
        platforms: dict[str, int] | None = None,
        levels: dict[str, int] | None = None,
        language: str | None = None,
    ):
        """Tools for ``need`` (all when None), best fit first: annotated ``fit``, a sum of points.

        Nothing else is required: a tool outside the sector or above the skill level asked for
        still comes, after those that fit, so a question never ends on an empty answer.
        ``price_models`` and ``levels`` give points per value; ``platforms`` per platform the tool
        runs on (the best one counts). The answer's language adds a point to tools whose screens
        are in it. ``catalogue.finder`` turns a visitor's answers into these points.
        """
        queryset = self
        if need is not None:
            queryset = queryset.filter(needs=need)
        points = []
        if sector is not None:
            in_sector = Tool.sectors.through.objects.filter(tool_id=OuterRef("pk"), sector=sector)
            points.append(Case(When(Exists(in_sector), then=Value(4)), default=Value(0)))
        for column, table in (("price_model", price_models), ("skill_level", levels)):
            if table:
                whens = [When(**{column: value}, then=Value(score)) for value, score in table.items()]
                points.append(Case(*whens, default=Value(0)))
        if platforms:
            ranked = sorted(platforms.items(), key=lambda item: -item[1])
            whens = [When(platforms__contains=[value], then=Value(score)) for value, score in ranked]
            points.append(Case(*whens, default=Value(min(0, *platforms.values()) - 1)))
        if language:
            points.append(
                Case(When(interface_languages__contains=[language], then=Value(2)), default=Value(0))
            )
        fit = sum(points[1:], points[0]) if points else Value(0)
        return queryset.annotate(fit=fit).order_by("-fit", "name")


Searchable = searchable(
    weights={"name": "A", "filed_under": "B", "summary": "C", "description": "D"},
    translated={"summary", "description"},
    title="name",
    filed_under=("sectors", "needs"),
)


class Tool(Publishable, Searchable):
    """A piece of software a WISE can use, with the honest facts staff ask about first:
    what it costs, whether it exists in their language, and how hard it is to learn."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[validate_tool_slug],
        help_text=_("The same in every language."),
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
    # Both blank only while a draft: publishing requires them (publish_required).
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, blank=True)
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices, blank=True)
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
    # The cost block of the tool page: what a WISE asks before it signs up. Prices change:
    # write "as of <month year>" next to an amount.
    free_plan = models.TextField(
        _("what the free plan allows"),
        blank=True,
        help_text=_("Its limits (users, contacts, storage), or what a free open-source tool needs to run."),
    )
    typical_price = models.TextField(
        _("typical price"),
        blank=True,
        help_text=_("What a small WISE usually pays, with “as of <month year>”."),
    )
    fees = models.TextField(
        _("fees"),
        blank=True,
        help_text=_("Fees per payment or booking, set-up costs, hardware to buy."),
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
    # Written by ``manage.py check_links``, shown to partners in the admin.
    website_status = models.CharField(
        _("website check"), max_length=10, choices=WebsiteStatus.choices, default=WebsiteStatus.UNCHECKED
    )
    website_checked = models.DateTimeField(_("website checked"), null=True, blank=True)
    website_problem = models.CharField(
        _("website problem"), max_length=20, choices=WebsiteProblem.choices, blank=True
    )
    website_http_status = models.PositiveSmallIntegerField(
        _("HTTP status of the website"), null=True, blank=True
    )
    objects = ToolQuerySet.as_manager()

    # Drafts may leave these empty; publishing asks for them (editorial.publishing).
    publish_required = ("summary", "licence", "price_model", "sectors", "needs")

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
                fields=["status", "licence", "price_model", "skill_level"],
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

    def nonprofit_offers_for(self, language: str | None = None) -> list["NonprofitOffer"]:
        """The prefetched offers, those of the visitor's likely country first, then those open everywhere."""
        country = LANGUAGE_COUNTRIES.get(language or current_language(), "")
        return sorted(
            self.nonprofit_offers.all(),
            key=lambda offer: (offer.country != country, offer.country != "", offer.country, offer.programme),
        )

    @property
    def costs_nothing_to_start(self) -> bool:
        """Free, or with a free plan: a WISE can try it without paying."""
        return self.price_model in NO_COST_PRICE_MODELS


class Country(models.TextChoices):
    """Countries a nonprofit programme works in (ISO 3166-1 alpha-2): the partners' and their neighbours'."""

    AUSTRIA = "AT", _("Austria")
    BELGIUM = "BE", _("Belgium")
    CROATIA = "HR", _("Croatia")
    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    ITALY = "IT", _("Italy")
    POLAND = "PL", _("Poland")
    SLOVENIA = "SI", _("Slovenia")
    SPAIN = "ES", _("Spain")


# The country a visitor reading in a language most likely works in: their offers come first.
LANGUAGE_COUNTRIES = {"it": "IT", "de": "DE", "fr": "FR", "sl": "SI", "hr": "HR", "pl": "PL"}


class NonprofitOffer(models.Model):
    """A programme that gives a tool free or cheaper to nonprofits, in one country or everywhere:
    TechSoup's national partners (donated or discounted licences), a vendor's own nonprofit plan.

    Whether a social cooperative counts as a nonprofit differs by programme and country, so the
    offer says who is eligible in the programme's own terms, links to its page and says when a
    partner last checked it. Edited with its tool, by the tool's organisation.
    """

    organisation = None
    organisation_lookup = "tool__organisation"
    partner_editor_actions = EDITOR_ACTIONS

    tool = models.ForeignKey(
        Tool, on_delete=models.CASCADE, related_name="nonprofit_offers", verbose_name=_("tool")
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_("Leave empty when the programme is open in every country."),
    )
    programme = models.CharField(_("programme"), max_length=200, help_text=_("Its name, as it calls itself."))
    eligible = models.TextField(_("who is eligible"), max_length=1000)
    gives = models.TextField(_("what it gives"), max_length=1000)
    link = models.URLField(_("link"), help_text=_("The programme's own page."))
    last_checked = models.DateField(_("last checked"), default=timezone.localdate)

    class Meta:
        ordering = ["tool", "country", "programme"]
        verbose_name = _("nonprofit offer")
        verbose_name_plural = _("nonprofit offers")

    def __str__(self):
        return f"{self.programme} ({self.get_country_display() or _('every country')})"

    @property
    def is_stale(self) -> bool:
        return self.last_checked < stale_before()


class OutdatedReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.NEW)


class ReportTopic(models.TextChoices):
    PRICE = "price", _("The price or the free plan")
    WEBSITE = "website", _("The website address")
    LANGUAGES = "languages", _("The languages or devices")
    DESCRIPTION = "description", _("What it does")
    OTHER = "other", pgettext_lazy("topic of a report", "Something else")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    FIXED = "fixed", _("Fixed")
    DISMISSED = "dismissed", _("Dismissed")


class OutdatedReport(models.Model):
    """A visitor's note that something on a tool's page is no longer true (a new price, a dead
    link). It goes to the partner organisation that owns the tool, who checks it in the admin;
    it is never shown on the site."""

    organisation = None
    organisation_lookup = "tool__organisation"
    # Written by visitors through the public form; partners read, settle and delete them.
    partner_editor_actions = ("view", "change", "delete")

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="reports", verbose_name=_("tool"))
    topic = models.CharField(_("what is out of date"), max_length=20, choices=ReportTopic.choices)
    message = models.TextField(_("message"), max_length=2000)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language of the page"), max_length=7, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    partner_note = models.TextField(_("note of the partner"), blank=True)
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OutdatedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("report of outdated information")
        verbose_name_plural = _("reports of outdated information")
        indexes = [models.Index(fields=["status", "-created"], name="catalogue_report_status")]

    def __str__(self):
        return f"{self.tool} — {self.get_topic_display()}"
