"""The digital check-up: a versioned questionnaire a WISE answers, and the responses it gives.

A questionnaire has seven scored dimensions (after the EU Digital Maturity Assessment), each
with a few questions; every question has four plain answer statements (level 0 to 3) and
points at the catalogue needs, tools and lessons that help to improve it. A response keeps
the version it answered, so editing or replacing the questionnaire never changes an old
result. Responses hold no name, e-mail or IP address: the WISE's profile is a few bands
(sector, country, size, budget, devices), and the private result is reached by a token whose
hash alone is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Need, Tool
from courses.models import Country, Lesson
from editorial.models import VIEW_ONLY, Publishable, PublishableQuerySet

# 32 bytes: 256 bits, well above the 128 the site asks of private URLs.
TOKEN_BYTES = 32


def hash_token(token: str) -> str:
    """What the database keeps of a token: its SHA-256, so the token itself is never stored and
    a lookup by hash cannot be timed to learn the token byte by byte."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Level(models.IntegerChoices):
    """The four steps of every answer, as the NCVO Digital Maturity Matrix has them."""

    NOT_STARTED = 0, _("Not started")
    SOME = 1, _("Some activity")
    WORKING = 2, _("Working well")
    TEACH = 3, _("We could teach others")


#: The answer "don't know", stored as a missing level (None).
DONT_KNOW = "dk"


class QuestionnaireQuerySet(PublishableQuerySet):
    def current(self) -> Questionnaire | None:
        """The version visitors answer today: the published one with the highest number."""
        return self.published().order_by("-version").first()


class Questionnaire(Publishable):
    """One version of the check-up's questions. Publishing a new version makes it current for
    new visitors; results already given keep pointing at the version they answered."""

    # Written by the site managers for everyone: no owning organisation, partners only read it.
    organisation = None
    partner_editor_actions = VIEW_ONLY

    version = models.PositiveSmallIntegerField(
        _("version"), unique=True, help_text=_("The highest published version is the one visitors answer.")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown on the start page."))

    objects = QuestionnaireQuerySet.as_manager()
    publish_required = ("title_en",)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return f"{self.title} (v{self.version})"


class DimensionQuerySet(models.QuerySet):
    def for_checkup(self, questionnaire):
        """A questionnaire's dimensions with everything a step or a result reads: questions, their
        statements and the ids of their needs, tools and lessons. Six queries, whatever the size."""
        questions = Question.objects.order_by("order", "id").prefetch_related(
            "options",
            Prefetch("needs", queryset=Need.objects.order_by("order", "slug")),
            Prefetch("tools", queryset=Tool.objects.only("id")),
            Prefetch("lessons", queryset=Lesson.objects.only("id")),
        )
        return (
            self.filter(questionnaire=questionnaire)
            .order_by("order", "id")
            .prefetch_related(Prefetch("questions", queryset=questions))
        )


class Dimension(models.Model):
    """One scored area of digital maturity (strategy, tools, people, data, ...): one step of the
    check-up, one axis of the radar chart."""

    partner_editor_actions = VIEW_ONLY

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions", verbose_name=_("questionnaire")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    slug = models.SlugField(
        _("slug"), max_length=50, help_text=_("The same in every version: results are compared by it.")
    )
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=30, help_text=_("For the chart's labels."))
    description = models.TextField(_("description"), blank=True)

    objects = DimensionQuerySet.as_manager()

    class Meta:
        ordering = ["questionnaire", "order", "id"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "slug"],
                name="checkup_dimension_unique_slug",
                violation_error_message=_("This questionnaire already has a dimension with this slug."),
            )
        ]

    def __str__(self):
        return self.name


class Question(models.Model):
    """One question of a dimension, answered with one of four statements, and what helps to
    improve it: the needs whose tools are recommended, and tools and lessons picked by hand."""

    partner_editor_actions = VIEW_ONLY

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dimension")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=300)
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    advice = models.CharField(
        _("next step"),
        max_length=300,
        help_text=_("What to do to improve, shown as a next step: one plain sentence."),
    )
    needs = models.ManyToManyField(
        "catalogue.Need", related_name="checkup_questions", blank=True, verbose_name=_("needs")
    )
    tools = models.ManyToManyField(
        "catalogue.Tool", related_name="checkup_questions", blank=True, verbose_name=_("tools")
    )
    lessons = models.ManyToManyField(
        "courses.Lesson", related_name="checkup_questions", blank=True, verbose_name=_("lessons")
    )

    class Meta:
        ordering = ["dimension", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class AnswerOption(models.Model):
    """One of a question's four statements. Some raise a risk flag (no backups, shared passwords)."""

    partner_editor_actions = VIEW_ONLY

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    text = models.CharField(_("statement"), max_length=300)
    flag = models.SlugField(
        _("risk flag"),
        max_length=50,
        blank=True,
        help_text=_(
            "A short code, e.g. “no-backups”, when this answer is a risk. The same code in every version."
        ),
    )
    flag_text = models.CharField(
        _("risk explained"), max_length=300, blank=True, help_text=_("Why it is a risk, in one sentence.")
    )

    class Meta:
        ordering = ["question", "level"]
        verbose_name = _("answer statement")
        verbose_name_plural = _("answer statements")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "level"],
                name="checkup_option_unique_level",
                violation_error_message=_("This question already has a statement for this level."),
            )
        ]

    def __str__(self):
        return self.text


# The WISE's profile: bands, never exact figures, so a response says nothing about a person.

OTHER_COUNTRY = "ZZ"
COUNTRY_CHOICES = [*Country.choices, (OTHER_COUNTRY, _("Another country"))]


class Staff(models.TextChoices):
    MICRO = "1-9", _("1 to 9 people")
    SMALL = "10-49", _("10 to 49 people")
    MEDIUM = "50-249", _("50 to 249 people")
    LARGE = "250+", _("250 people or more")


class IntegrationWorkers(models.TextChoices):
    FEW = "1-4", _("1 to 4 people")
    SOME = "5-19", _("5 to 19 people")
    MANY = "20-49", _("20 to 49 people")
    MOST = "50+", _("50 people or more")


class Budget(models.TextChoices):
    NONE = "none", _("Nothing set aside: free tools only")
    SMALL = "small", _("Up to €500 a year")
    MEDIUM = "medium", _("€500 to €5,000 a year")
    LARGE = "large", _("More than €5,000 a year")


class Devices(models.TextChoices):
    PHONES = "phones", _("Mostly phones and tablets")
    COMPUTERS = "computers", _("Mostly computers")
    BOTH = "both", _("Both, about equally")


class Connectivity(models.TextChoices):
    GOOD = "good", _("Fast and reliable internet at work")
    PATCHY = "patchy", _("Slow or patchy internet")
    MOBILE = "mobile", _("Mobile data only")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Being answered")
    FINISHED = "finished", _("Finished")


class ResponseQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=ResponseStatus.DRAFT)

    def finished(self):
        return self.filter(status=ResponseStatus.FINISHED)

    def by_token(self, token: str):
        """The response a token opens, or None. Looked up by the token's hash: the database never
        sees the token, and comparing hashes leaks nothing an attacker could build on."""
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        wanted = hash_token(token)
        response = self.filter(token_hash=wanted).first()
        # The index found it by equality; confirm in constant time all the same.
        if response is None or not hmac.compare_digest(response.token_hash, wanted):
            return None
        return response

    def for_statistics(self):
        """Finished responses, each WISE counted once: a result replaced by a finished retake is left out."""
        replaced = self.model.objects.filter(previous=OuterRef("pk"), status=ResponseStatus.FINISHED)
        return self.finished().filter(~Exists(replaced))

    def abandoned(self, days: int):
        """Drafts nobody touched for ``days`` days."""
        return self.drafts().filter(updated__lt=timezone.now() - datetime.timedelta(days=days))

    def expired(self, days: int):
        """Finished results older than ``days`` days (the privacy note promises their end)."""
        return self.finished().filter(finished__lt=timezone.now() - datetime.timedelta(days=days))


class Response(models.Model):
    """One WISE's answers to one questionnaire version: a draft saved step by step while it is
    being answered, then a finished result with its scores. Anonymous: a profile of bands and
    the answers, no name, e-mail or IP address. ``previous`` links a retake to the result it
    retakes, so the new result can show progress."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses", verbose_name=_("questionnaire")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    sector = models.ForeignKey(
        "catalogue.Sector",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkup_responses",
        verbose_name=_("sector"),
    )
    sector_other = models.CharField(_("other sector"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    staff = models.CharField(_("staff"), max_length=10, choices=Staff.choices, blank=True)
    integration_workers = models.CharField(
        _("workers in integration"), max_length=10, choices=IntegrationWorkers.choices, blank=True
    )
    budget = models.CharField(
        _("budget for digital tools"), max_length=10, choices=Budget.choices, blank=True
    )
    devices = models.CharField(_("devices mostly used"), max_length=10, choices=Devices.choices, blank=True)
    connectivity = models.CharField(
        _("internet connection"), max_length=10, choices=Connectivity.choices, blank=True
    )

    # {"<question id>": {"level": 0..3 or None for "don't know", "target": 1..3 or None}}
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    #: The step numbers saved so far (0 is the profile, 1.. the dimensions).
    steps_done = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)

    # Written once, when the response is finished: what the needs map aggregates.
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # {"<dimension slug>": 0-100 or None}
    overall = models.FloatField(_("overall score"), null=True, blank=True)
    flags = ArrayField(
        models.CharField(max_length=50), verbose_name=_("risk flags"), default=list, blank=True
    )
    next_steps = ArrayField(
        models.CharField(max_length=100), verbose_name=_("next steps (needs)"), default=list, blank=True
    )

    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retakes",
        verbose_name=_("previous result"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("check-up response")
        verbose_name_plural = _("check-up responses")
        indexes = [
            # The needs map groups finished responses by country and sector.
            models.Index(fields=["status", "country", "sector"], name="checkup_response_groups"),
            # The purge of abandoned drafts.
            models.Index(fields=["status", "updated"], name="checkup_response_updated"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.created:%Y-%m-%d}"

    @classmethod
    def start(cls, questionnaire: Questionnaire, language: str, previous: Response | None = None):
        """A new draft and its token (returned once: only its hash is kept). A retake copies the
        profile of the result it retakes, so the WISE does not type it again."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        response = cls(questionnaire=questionnaire, token_hash=hash_token(token), language=language)
        if previous is not None:
            response.previous = previous
            for name in PROFILE_FIELDS:
                setattr(response, name, getattr(previous, name))
        response.save()
        return response, token

    @property
    def is_finished(self) -> bool:
        return self.status == ResponseStatus.FINISHED

    def result_url(self, token: str) -> str:
        return reverse("checkup:result-detail", kwargs={"token": token})


PROFILE_FIELDS = (
    "sector",
    "sector_other",
    "country",
    "staff",
    "integration_workers",
    "budget",
    "devices",
    "connectivity",
)


class NeedsMap(Response):
    """Not data: the admin entry of the needs map, anonymous aggregated check-up results for
    partners (a proxy, so it has a place in the admin index and a view permission)."""

    partner_editor_actions = VIEW_ONLY

    class Meta:
        proxy = True
        verbose_name = _("needs map")
        verbose_name_plural = _("needs map")
        default_permissions = ("view",)
