"""Help from people: who can set up, teach and support a tool, and how a WISE reaches them.

- A **provider** (an ICT firm, a freelance, a volunteer-expert network or a partner's own help
  desk) publishes a service sheet; a partner organisation vouches for it and renews it yearly.
- A **help request** is a WISE's short brief. It is routed to the partner organisation of its
  country (``CountryDesk``), which forwards it to matching providers and follows it through
  new → forwarded → in progress → done / closed. Every step is kept (``RequestEvent``).
- A **peer use** is a WISE that says, with its consent, that it uses a tool; other WISEs can ask
  it a question through the site (``PeerQuestion``), never seeing its address, nor it theirs.
- A **pilot** is a living lab: a WISE, a provider and a tool trying out a solution to a need,
  followed by a partner; a finished one can become a case story (an article).
- Every email the app sends is kept as a ``SentEmail``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from catalogue.models import Need, Sector, Tool
from checkup.models import Response as CheckupResult
from courses.models import Country
from editorial.languages import columns_in_every_language
from editorial.models import VIEW_ONLY, Publishable, PublishableQuerySet, stale_before
from editorial.richtext import RichTextField
from editorial.search import SearchQuerySet, hidden_columns, searchable
from help.tokens import TokenMixin

# How many providers, peers and pilots a tool page shows.
TOOL_PAGE_PROVIDERS = 6
TOOL_PAGE_PEERS = 6
TOOL_PAGE_PILOTS = 4

# Paths below /help/ that are pages of their own, not providers.
RESERVED_SLUGS = frozenset({"request", "peers"})

validate_web_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address (http or https)."))


def grace_period() -> datetime.timedelta:
    """How long a provider not renewed for a year stays public (settings.HELP_PROVIDER_GRACE_DAYS)."""
    return datetime.timedelta(days=settings.HELP_PROVIDER_GRACE_DAYS)


def hidden_before(today: datetime.date | None = None) -> datetime.date:
    """Providers last verified before this day are no longer shown to the public."""
    return stale_before(today) - grace_period()


def retention_period() -> datetime.timedelta:
    """How long the personal data of a finished request is kept (settings.HELP_PERSONAL_DATA_DAYS)."""
    return datetime.timedelta(days=settings.HELP_PERSONAL_DATA_DAYS)


def language_field(verbose_name, **kwargs):
    return models.CharField(verbose_name, max_length=7, choices=settings.LANGUAGES, **kwargs)


def languages_field(verbose_name, **kwargs):
    return ArrayField(
        models.CharField(max_length=7, choices=settings.LANGUAGES),
        verbose_name=verbose_name,
        default=list,
        blank=True,
        **kwargs,
    )


# Providers


class ProviderKind(models.TextChoices):
    ICT_FIRM = "ict_firm", _("ICT firm")
    FREELANCE = "freelance", _("Freelance")
    VOLUNTEERS = "volunteers", _("Volunteer experts")
    HELP_DESK = "help_desk", _("Partner help desk")


class Service(models.TextChoices):
    SETUP = "setup", _("Set-up")
    TRAINING = "training", pgettext_lazy("a service", "Training")
    DEVELOPMENT = "development", _("Custom development")
    SUPPORT = "support", _("Support")
    HOSTING = "hosting", _("Hosting")


class ProviderQuerySet(PublishableQuerySet, SearchQuerySet):
    def published(self, today: datetime.date | None = None):
        """Published and renewed recently enough: a sheet nobody vouched for in a year plus the
        grace period disappears by itself, without a job flipping a flag."""
        return super().published().filter(verified_on__gte=hidden_before(today))

    def for_cards(self):
        """What a card shows: no search vectors, no long texts in seven languages, no contact."""
        return self.without_vectors().defer(
            "contact_name",
            "contact_email",
            *(
                column
                for field in ("description", "price_note", "nonprofit_terms")
                for column in (field, *columns_in_every_language(field))
            ),
        )

    def stale(self, today: datetime.date | None = None):
        """Not verified for twelve months (or never): their partner should renew them."""
        return self.filter(Q(verified_on__lt=stale_before(today)) | Q(verified_on__isnull=True))

    def hidden_as_stale(self, today: datetime.date | None = None):
        """So stale that the public no longer sees them."""
        return self.filter(Q(verified_on__lt=hidden_before(today)) | Q(verified_on__isnull=True))

    def recently_verified(self, today: datetime.date | None = None):
        return self.filter(verified_on__gte=stale_before(today))

    def nearest_first(self, country: str, language: str):
        """Providers working in ``country`` first, then those speaking ``language``, then by name."""
        in_country = (
            Case(When(countries__contains=[country], then=Value(1)), default=Value(0))
            if country
            else Value(0)
        )
        speaks = Case(When(languages__contains=[language], then=Value(1)), default=Value(0))
        return self.annotate(
            in_country=Value(0, output_field=IntegerField()) + in_country,
            speaks=Value(0, output_field=IntegerField()) + speaks,
        ).order_by("-in_country", "-speaks", "name", "pk")

    def best_for(self, help_request):
        """For the partner's forwarding choice: those who support the request's tool first, then
        those who serve its need, each nearest first (its country, then its language)."""
        through_tools = self.model.tools.through.objects.filter(provider_id=OuterRef("pk"))
        through_needs = self.model.needs.through.objects.filter(provider_id=OuterRef("pk"))
        return (
            self.nearest_first(help_request.country, help_request.language)
            .annotate(
                has_tool=Exists(through_tools.filter(tool_id=help_request.tool_id)),
                has_need=Exists(through_needs.filter(need_id=help_request.need_id)),
            )
            .order_by("-has_tool", "-has_need", "-in_country", "-speaks", "name", "pk")
        )

    def serving(self, *, country: str = "", need=None, tool=None, sector=None):
        """Providers who could take a request like this one (for the partner's forwarding choice)."""
        queryset = self
        if country:
            queryset = queryset.filter(countries__contains=[country])
        if tool is not None:
            queryset = queryset.filter(tools=tool)
        elif need is not None:
            queryset = queryset.filter(needs=need)
        if sector is not None:
            queryset = queryset.filter(Q(sectors=sector) | Q(sectors__isnull=True))
        return queryset.distinct()


ProviderSearchable = searchable(
    weights={"name": "A", "summary": "C", "description": "D"},
    translated={"summary", "description"},
    title="name",
)


class Provider(Publishable, ProviderSearchable):
    """Someone a WISE can turn to: an ICT firm, a freelance, a volunteer-expert network or a
    partner's help desk, with a service sheet saying what they do, for whom, where, in which
    languages and at what price. A partner organisation vouches for the sheet and renews it
    every year; a sheet not renewed is flagged to the partners, then hidden."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The same in every language.")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProviderKind.choices, default=ProviderKind.ICT_FIRM
    )
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One plain sentence: what they do."))
    description = RichTextField(
        _("service sheet"), blank=True, help_text=_("What they do for a WISE, how they work, what to expect.")
    )
    services = ArrayField(
        models.CharField(max_length=20, choices=Service.choices),
        verbose_name=_("services"),
        default=list,
        blank=True,
    )
    needs = models.ManyToManyField(Need, related_name="providers", blank=True, verbose_name=_("needs served"))
    sectors = models.ManyToManyField(
        Sector,
        related_name="providers",
        blank=True,
        verbose_name=_("sectors served"),
        help_text=_("Leave empty if they work with every sector."),
    )
    tools = models.ManyToManyField(
        Tool, related_name="providers", blank=True, verbose_name=_("tools they set up or support")
    )
    countries = ArrayField(
        models.CharField(max_length=2, choices=Country.choices),
        verbose_name=_("countries"),
        default=list,
        blank=True,
    )
    regions = models.CharField(
        _("regions"), max_length=200, blank=True, help_text=_("Where in those countries, if not everywhere.")
    )
    languages = languages_field(_("languages spoken"))
    price_note = models.TextField(
        _("prices"),
        max_length=1000,
        blank=True,
        help_text=_("An indication: a day rate, a package, a range."),
    )
    nonprofit_terms = models.TextField(
        _("terms for nonprofits"),
        max_length=1000,
        blank=True,
        help_text=_("Discounts, free hours or pro bono work for social enterprises."),
    )
    free_of_charge = models.BooleanField(
        _("free of charge for WISEs"),
        default=False,
        help_text=_("Volunteers and partner help desks, usually."),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_web_url])
    contact_name = models.CharField(
        _("contact person"), max_length=120, blank=True, help_text=_("Never shown on the site.")
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_(
            "Where forwarded help requests are sent. Never shown on the site: visitors write through it."
        ),
    )
    verified_by = models.ForeignKey(
        settings.ORGANISATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verified_providers",
        verbose_name=_("verified by"),
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("When a partner last checked this sheet with the provider. Renew it every year."),
    )
    objects = ProviderQuerySet.as_manager()

    publish_required = (
        "summary",
        "services",
        "countries",
        "languages",
        "contact_email",
        "verified_by",
        "verified_on",
    )

    class Meta(ProviderSearchable.Meta):
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        indexes = [
            *ProviderSearchable.Meta.indexes,
            # The directory and the tool pages: published providers renewed recently, by name.
            models.Index(fields=["status", "verified_on", "name"], name="help_provider_public"),
            models.Index(fields=["kind"], name="help_provider_kind"),
            # ?country= and ?language= filters (countries @> '{SI}').
            GinIndex(fields=["countries"], name="help_provider_countries"),
            GinIndex(fields=["languages"], name="help_provider_languages"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("help:provider-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": gettext("This address is taken by a page of the site: choose another.")}
            )

    @property
    def is_published(self) -> bool:
        return (
            self.is_being_published() and self.verified_on is not None and self.verified_on >= hidden_before()
        )

    @property
    def is_stale(self) -> bool:
        return self.verified_on is None or self.verified_on < stale_before()

    def service_labels(self) -> list[str]:
        labels = dict(Service.choices)
        return [labels[value] for value in self.services if value in labels]

    def country_names(self) -> list[str]:
        labels = dict(Country.choices)
        return [str(labels[code]) for code in self.countries if code in labels]

    def language_names(self) -> list[str]:
        codes = {code for code, _name in settings.LANGUAGES}
        return [get_language_info(code)["name_translated"] for code in self.languages if code in codes]

    def publish_requirements(self, values=None) -> dict[str, str]:
        missing = super().publish_requirements(values)
        values = values or {}
        verified_on = values.get("verified_on", self.verified_on)
        if "verified_on" not in missing and verified_on and verified_on < hidden_before():
            missing["verified_on"] = gettext("Check the sheet with the provider again before publishing it.")
        return missing


# Routing


class CountryDesk(models.Model):
    """The partner organisation that takes the help requests of a country."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices, unique=True)
    organisation = models.ForeignKey(
        settings.ORGANISATION_MODEL,
        on_delete=models.PROTECT,
        related_name="help_desks",
        verbose_name=_("partner organisation"),
    )
    partner_editor_actions = VIEW_ONLY

    class Meta:
        ordering = ["country"]
        verbose_name = _("country desk")
        verbose_name_plural = _("country desks")

    def __str__(self):
        return f"{self.get_country_display()} → {self.organisation}"


def partner_for_country(country: str):
    """The partner organisation that takes requests from ``country``: its desk, else the one
    partner based there; None when nobody covers it (the site managers then route it)."""
    from django.apps import apps

    desk = CountryDesk.objects.select_related("organisation").filter(country=country).first()
    if desk is not None:
        return desk.organisation
    organisation_model = apps.get_model(settings.ORGANISATION_MODEL)
    based_there = list(organisation_model.objects.filter(country__iexact=country)[:2])
    return based_there[0] if len(based_there) == 1 else None


# Help requests


class BudgetBand(models.TextChoices):
    NONE = "none", _("No budget: free help only")
    SMALL = "small", _("Up to €500")
    MEDIUM = "medium", _("€500 to €2,000")
    LARGE = "large", _("More than €2,000")
    UNSURE = "unsure", _("Not sure yet")


class State(models.TextChoices):
    NEW = "new", pgettext_lazy("state of a help request", "New")
    FORWARDED = "forwarded", _("Forwarded to providers")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("state of a help request", "Done")
    CLOSED = "closed", pgettext_lazy("state of a help request", "Closed")


#: Where a request may go from each state. Forwarding to more providers keeps a forwarded or
#: in-progress request where it is (see ``HelpRequest.forward``).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.NEW: (State.FORWARDED, State.IN_PROGRESS, State.CLOSED),
    State.FORWARDED: (State.IN_PROGRESS, State.DONE, State.CLOSED),
    State.IN_PROGRESS: (State.DONE, State.CLOSED),
    State.DONE: (),
    State.CLOSED: (),
}
FINISHED_STATES = (State.DONE, State.CLOSED)
FORWARDABLE_STATES = (State.NEW, State.FORWARDED, State.IN_PROGRESS)


class InvalidTransition(ValidationError):
    """A state change the state machine does not allow (or a forward without providers)."""


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state__in=FINISHED_STATES)

    def finished_before(self, moment: datetime.datetime):
        return self.filter(state__in=FINISHED_STATES, finished_at__lt=moment)

    def to_erase(self, now: datetime.datetime | None = None):
        """Finished requests whose personal data is past its keeping time and still there."""
        return self.finished_before((now or timezone.now()) - retention_period()).filter(
            erased_at__isnull=True
        )


class HelpRequest(TokenMixin, models.Model):
    """A WISE asking for help: a short brief, routed to the partner of its country, which
    forwards it to providers and follows it until it is done or closed. The WISE follows it on
    a private page (its token) and by email if it left an address."""

    # The brief
    need = models.ForeignKey(
        Need,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        verbose_name=_("need"),
    )
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        verbose_name=_("sector"),
    )
    tool = models.ForeignKey(
        Tool,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        verbose_name=_("tool"),
    )
    provider = models.ForeignKey(
        Provider,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="asked_requests",
        verbose_name=_("provider asked for"),
        help_text=_("The provider whose page the request was sent from, if any."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = language_field(_("language"), default=settings.LANGUAGE_CODE)
    budget_band = models.CharField(
        _("budget"), max_length=10, choices=BudgetBand.choices, default=BudgetBand.UNSURE
    )
    brief = models.TextField(_("what they need"), max_length=1500)
    tried = models.TextField(_("what they tried"), max_length=1000, blank=True)
    # The WISE's check-up result, if it chose to attach it (a link to the result, never its
    # token: the partner reads a summary in the admin). Gone with the result's own deletion.
    checkup_result = models.ForeignKey(
        CheckupResult,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
        editable=False,
        verbose_name=_("check-up result"),
    )
    # Personal data: erased after HELP_PERSONAL_DATA_DAYS once the request is finished.
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent = models.BooleanField(_("consent to share with the partner and providers"), default=False)

    # Handling
    organisation = models.ForeignKey(
        settings.ORGANISATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("routed to"),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.NEW)
    providers = models.ManyToManyField(
        Provider, through="Forwarding", related_name="forwarded_requests", verbose_name=_("forwarded to")
    )
    created = models.DateTimeField(_("sent"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(pgettext_lazy("help request", "finished"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # One request per form, however often it is sent (a double tap, a reload): the digest of
    # the form's private key (help.tokens), never the key itself.
    idempotency_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    objects = HelpRequestQuerySet.as_manager()
    partner_editor_actions = ("view", "change")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [
            # The partner's triage list: its requests by state, newest first.
            models.Index(fields=["organisation", "state", "-created"], name="help_request_triage"),
            # The erase command: finished requests by date.
            models.Index(fields=["state", "finished_at"], name="help_request_finished"),
        ]

    def __str__(self):
        return gettext("Help request of %(date)s") % {
            "date": timezone.localtime(self.created).strftime("%Y-%m-%d")
        }

    # Deliberately not get_absolute_url(): the admin's generic "view on site" redirect
    # (/admin/r/<type>/<id>/) would hand the private link to any staff member who guesses an id.
    def status_url(self):
        return reverse("help:request-status", kwargs={"token": self.token})

    # Routing

    def route(self):
        """Set the partner that takes this request, from its country."""
        self.organisation = partner_for_country(self.country)
        return self.organisation

    # The state machine

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.state, ())

    def may_move_to(self, state: str) -> bool:
        return state in self.allowed_transitions()

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def _locked(self) -> HelpRequest:
        """The row as it is now, locked until the end of the transaction (two editors at once)."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    def _record(self, from_state: str, to_state: str, by, message: str) -> RequestEvent:
        return RequestEvent.objects.create(
            help_request=self, from_state=from_state, to_state=to_state, by=by, message=message
        )

    @transaction.atomic
    def move_to(self, state: str, *, by=None, message: str = "") -> RequestEvent:
        """Change the state, if the state machine allows it, and record the change."""
        current = self._locked()
        if state == State.FORWARDED:
            raise InvalidTransition(
                gettext("Choose the providers to forward the request to."), code="no_providers"
            )
        if not current.may_move_to(state):
            raise InvalidTransition(
                gettext("A request that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": current.get_state_display(),
                    "to": State(state).label if state in State.values else state,
                },
                code="invalid_transition",
            )
        return self._apply(current.state, state, by, message)

    def _apply(self, from_state: str, to_state: str, by, message: str) -> RequestEvent:
        self.state = to_state
        fields = ["state", "updated"]
        if to_state in FINISHED_STATES:
            self.finished_at = timezone.now()
            fields.append("finished_at")
        self.save(update_fields=fields)
        return self._record(from_state, to_state, by, message)

    @transaction.atomic
    def forward(self, providers, *, by=None, message: str = "") -> RequestEvent:
        """Forward the request to providers (a new request becomes "forwarded"); records which."""
        current = self._locked()
        providers = [provider for provider in providers if provider is not None]
        if not providers:
            raise InvalidTransition(
                gettext("Choose the providers to forward the request to."), code="no_providers"
            )
        if current.state not in FORWARDABLE_STATES:
            raise InvalidTransition(
                gettext("A request that is “%(state)s” cannot be forwarded any more.")
                % {"state": current.get_state_display()},
                code="invalid_transition",
            )
        already = set(current.forwardings.values_list("provider_id", flat=True))
        new = [provider for provider in providers if provider.pk not in already]
        if not new:
            raise InvalidTransition(
                gettext("The request was already forwarded to these providers."), code="already_forwarded"
            )
        to_state = State.FORWARDED if current.state == State.NEW else current.state
        event = self._apply(current.state, to_state, by, message)
        Forwarding.objects.bulk_create(
            [Forwarding(help_request=self, provider=provider, event=event, by=by) for provider in new]
        )
        return event

    # Personal data

    @transaction.atomic
    def erase_personal_data(self) -> None:
        """Blank what could identify the WISE; keep what the needs map counts (need, sector,
        country, language, budget, state, dates). Its emails lose their address and text, and the
        link to the WISE's check-up result goes."""
        self.contact_name = ""
        self.email = ""
        self.brief = ""
        self.tried = ""
        self.checkup_result = None
        self.erased_at = timezone.now()
        self.save(
            update_fields=[
                "contact_name",
                "email",
                "brief",
                "tried",
                "checkup_result",
                "erased_at",
                "updated",
            ]
        )
        RequestEvent.objects.filter(help_request=self).update(message="")
        RequestNote.objects.filter(help_request=self).update(text="")
        SentEmail.objects.filter(help_request=self).update(to="", body="", subject="")


class RequestEvent(models.Model):
    """One step in a help request's life: sent, forwarded, taken on, done or closed, by whom,
    with the word said to the WISE (shown on its status page)."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("help request")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    message = models.TextField(_("message to the WISE"), max_length=1000, blank=True)

    organisation_lookup = "help_request__organisation"
    partner_editor_actions = VIEW_ONLY

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_from_state_display() or '—'} → {self.get_to_state_display()}"


class RequestNote(models.Model):
    """An internal note of the partner on a request: never shown to the WISE."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("help request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=2000)
    created = models.DateTimeField(_("written"), auto_now_add=True)

    organisation_lookup = "help_request__organisation"
    partner_editor_actions = ("add", "view")

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.text[:60]


class Forwarding(models.Model):
    """A help request sent on to one provider."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="forwardings", verbose_name=_("help request")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="forwardings", verbose_name=_("provider")
    )
    event = models.ForeignKey(
        RequestEvent, null=True, on_delete=models.SET_NULL, related_name="forwardings", verbose_name=_("step")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    organisation_lookup = "help_request__organisation"
    partner_editor_actions = VIEW_ONLY

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        constraints = [
            models.UniqueConstraint(fields=["help_request", "provider"], name="help_forwarding_once"),
        ]

    def __str__(self):
        return str(self.provider)


# Peers


class PeerUseQuerySet(PublishableQuerySet):
    def published(self):
        return super().published().filter(consent=True)

    def for_tool_page(self):
        return self.published().select_related("sector").order_by("since", "wise_name")


class PeerUse(Publishable):
    """A WISE that uses a tool and agreed to say so: other WISEs can read its words and ask it
    a question through the site. Its address is never shown."""

    wise_name = models.CharField(_("WISE"), max_length=200)
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="peer_uses", verbose_name=_("tool"))
    sector = models.ForeignKey(
        Sector,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="peer_uses",
        verbose_name=_("sector"),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    since = models.PositiveSmallIntegerField(
        _("using it since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year."),
    )
    quote = models.CharField(
        _("in their words"), max_length=300, blank=True, help_text=_("One or two sentences, optional.")
    )
    consent = models.BooleanField(
        _("the WISE agreed"),
        default=False,
        help_text=_("The WISE agreed to be named here and to receive questions from other WISEs."),
    )
    contact_email = models.EmailField(
        _("email for questions"),
        blank=True,
        help_text=_("Questions from other WISEs are sent here. Never shown; without it, nobody can ask."),
    )
    objects = PeerUseQuerySet.as_manager()

    # Its consent is checked in publish_requirements (a False box is not "empty").
    publish_required = ("wise_name",)

    class Meta:
        ordering = ["tool", "wise_name"]
        verbose_name = _("WISE using a tool")
        verbose_name_plural = _("WISEs using a tool")

    def __str__(self):
        return f"{self.wise_name} — {self.tool}"

    @property
    def is_published(self) -> bool:
        return self.is_being_published() and self.consent

    @property
    def may_be_asked(self) -> bool:
        return bool(self.contact_email) and self.is_published

    def get_ask_url(self):
        return reverse("help:peer-ask", kwargs={"pk": self.pk})

    def publish_requirements(self, values=None) -> dict[str, str]:
        missing = super().publish_requirements(values)
        values = values or {}
        if not values.get("consent", self.consent):
            missing["consent"] = gettext("The WISE must agree before it is named on the site.")
        return missing


class PeerQuestion(TokenMixin, models.Model):
    """A question a visitor asks a peer WISE. The peer gets it by email with a private link to
    answer on the site; the answer goes to the asker. Neither sees the other's address."""

    peer_use = models.ForeignKey(
        PeerUse, on_delete=models.CASCADE, related_name="questions", verbose_name=_("peer")
    )
    asker_name = models.CharField(_("asker's name"), max_length=120)
    asker_email = models.EmailField(_("asker's email"))
    question = models.TextField(_("question"), max_length=1500)
    answer = models.TextField(_("answer"), max_length=3000, blank=True)
    created = models.DateTimeField(_("asked"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=7, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    idempotency_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    organisation_lookup = "peer_use__organisation"
    partner_editor_actions = VIEW_ONLY

    class Meta:
        ordering = ["-created"]
        verbose_name = _("question to a peer")
        verbose_name_plural = _("questions to peers")

    def __str__(self):
        return gettext("Question to %(peer)s") % {"peer": self.peer_use.wise_name}

    def get_answer_url(self):
        return reverse("help:peer-answer", kwargs={"token": self.token})

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def erase_personal_data(self) -> None:
        self.asker_name = ""
        self.asker_email = ""
        self.question = ""
        self.answer = ""
        self.erased_at = timezone.now()
        self.save(update_fields=["asker_name", "asker_email", "question", "answer", "erased_at"])
        SentEmail.objects.filter(peer_question=self).update(to="", body="", subject="")


# Living labs


class Phase(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", pgettext_lazy("pilot phase", "Finished")


class PilotQuerySet(PublishableQuerySet):
    def finished(self):
        return self.published().filter(phase=Phase.FINISHED)

    def for_cards(self):
        return self.select_related("provider", "tool", "need", "case_story").order_by("-ended_on", "pk")

    def for_tool_page(self):
        """A tool page's pilot cards (``help/_pilot_card.html``): the provider's name and the case
        story's title joined, not their long texts in every language. No tool (the page's own: the
        prefetch sets it) and no need (the card does not show it)."""
        return (
            self.select_related("provider", "case_story")
            .defer(
                *(
                    f"{relation}__{column}"
                    for relation, fields in (
                        ("provider", ("description", "regions", "price_note", "nonprofit_terms")),
                        ("case_story", ("summary", "body", "hero_alt")),
                    )
                    for field in fields
                    for column in (field, *columns_in_every_language(field))
                ),
                "provider__contact_name",
                "provider__contact_email",
                *hidden_columns(Provider, "provider__"),
                *hidden_columns(Article, "case_story__"),
            )
            .order_by("-ended_on", "pk")
        )


class Pilot(Publishable):
    """A living lab: a WISE, a provider and a tool try out an answer to one need, followed by a
    partner. When it ends, its outcome is told and, often, written up as a case story."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The same in every language.")
    )
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("need"))
    wise_name = models.CharField(_("WISE"), max_length=200)
    provider = models.ForeignKey(
        Provider,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilots",
        verbose_name=_("provider"),
    )
    tool = models.ForeignKey(
        Tool, null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots", verbose_name=_("tool")
    )
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.PLANNED)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.TextField(
        _("outcome"),
        max_length=2000,
        blank=True,
        help_text=_("What changed for the WISE, in a few sentences."),
    )
    case_story = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilots",
        verbose_name=_("case story"),
    )
    objects = PilotQuerySet.as_manager()

    publish_required = ("title", "wise_name")

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots (living labs)")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": gettext("A pilot cannot end before it starts.")})

    def publish_requirements(self, values=None) -> dict[str, str]:
        missing = super().publish_requirements(values)
        values = values or {}
        phase = values.get("phase", self.phase)
        column = self.required_column("outcome", values)
        outcome = values.get(column, getattr(self, column, ""))
        if phase == Phase.FINISHED and not (outcome or "").strip():
            missing[column] = gettext("A finished pilot needs its outcome to be published.")
        return missing

    @property
    def published_case_story(self):
        story = self.case_story
        return story if story is not None and story.is_published else None


# Emails


class EmailKind(models.TextChoices):
    RECEIVED = "received", _("Request received (to the WISE)")
    ROUTED = "routed", _("New request (to the partner)")
    UPDATE = "update", _("Request update (to the WISE)")
    FORWARDED = "forwarded", _("Request forwarded (to a provider)")
    PEER_QUESTION = "peer_question", _("Question (to a peer)")
    PEER_ANSWER = "peer_answer", _("Answer (to the asker)")


class SentEmail(models.Model):
    """A copy of every email the help app sent (or tried to), for the partner who handles it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=EmailKind.choices)
    to = models.EmailField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    organisation = models.ForeignKey(
        settings.ORGANISATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_emails",
        verbose_name=_("partner organisation"),
    )
    help_request = models.ForeignKey(
        HelpRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("help request"),
    )
    peer_question = models.ForeignKey(
        PeerQuestion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("question to a peer"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    partner_editor_actions = VIEW_ONLY

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self):
        return self.subject or self.get_kind_display()
