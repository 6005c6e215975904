"""Courses: the in-person trainings, the texts of their lessons, and the way on to the MOOC."""

import contextlib
import os
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.languages import held_in
from courses.validators import file_type_of, validate_attachment
from editorial.languages import columns_in_every_language, in_language
from editorial.models import EDITOR_ACTIONS, Publishable, PublishableQuerySet, Status
from editorial.richtext import RichTextField, reading_minutes
from editorial.search import SearchQuerySet, hidden_columns, searchable
from editorial.storage import private_storage, unguessable_name

# A MOOC module is a path below MOOC_URL ("module-2", "modules/shifts/"): plain path segments,
# nothing that could name another host or scheme ("//", ":", "\\", "..").
MOOC_MODULE_RE = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*/?$"
)
validate_mooc_module = RegexValidator(
    MOOC_MODULE_RE,
    _("Enter the module's path below the MOOC's address, for example “module-2”."),
    code="invalid_module",
)


class Kind(models.TextChoices):
    REGIONAL = "regional", _("Regional training")
    MASTERCLASS = "masterclass", _("International masterclass")
    WEBINAR = "webinar", _("Webinar")


class Country(models.TextChoices):
    """Countries trainings are held in (ISO 3166-1 alpha-2): the partners' and their neighbours'."""

    AUSTRIA = "AT", _("Austria")
    BELGIUM = "BE", _("Belgium")
    CROATIA = "HR", _("Croatia")
    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    ITALY = "IT", _("Italy")
    POLAND = "PL", _("Poland")
    SLOVENIA = "SI", _("Slovenia")
    SPAIN = "ES", _("Spain")


class AttachmentRole(models.TextChoices):
    SLIDES = "slides", _("Slides")
    WORKSHEET = "worksheet", _("Worksheet")
    OTHER = "other", pgettext_lazy("kind of attachment", "Other")


class CourseQuerySet(PublishableQuerySet):
    def for_list(self):
        """What a course card shows: its organiser and its number of published lessons, newest first."""
        return (
            self.select_related("organisation")
            .annotate(lesson_count=Count("lessons", filter=Q(lessons__status=Status.PUBLISHED)))
            .order_by("-start_date", "pk")
        )


class Course(Publishable):
    """One training as it was held: a regional course in a partner country and its language,
    or the international masterclass in English. Its lessons are what participants took home."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The same in every language.")
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("Two or three plain sentences: who it was for, what they learned."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGIONAL)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True, help_text=_("The town or city."))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Empty for a one-day course.")
    )
    language = models.CharField(
        _("language held in"), max_length=7, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    organiser_name = models.CharField(
        _("organiser's name"),
        max_length=200,
        blank=True,
        help_text=_("Used when the organiser is not one of the partner organisations."),
    )
    mooc_module = models.CharField(
        _("MOOC module"),
        max_length=200,
        blank=True,
        validators=[validate_mooc_module],
        help_text=_("The matching module's path below the MOOC's address, e.g. “module-2”. Optional."),
    )
    objects = CourseQuerySet.as_manager()

    # What partner editors must fill in before a course can be published (drafts may be incomplete).
    publish_required = ("title", "summary")

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [
            # The list page: published courses, newest first, filtered by country, kind, language.
            models.Index(fields=["status", "-start_date"], name="courses_course_status_date"),
            models.Index(fields=["country"], name="courses_course_country"),
            models.Index(fields=["kind"], name="courses_course_kind"),
            models.Index(fields=["language"], name="courses_course_language"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="courses_course_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:course-detail", kwargs={"slug": self.slug})

    @property
    def organiser(self) -> str:
        """Who held it: the partner organisation's name, else the name typed in."""
        if self.organisation_id:
            return self.organisation.name
        return self.organiser_name

    @property
    def held_in(self) -> str:
        """ "Held in Croatian", as the visitor's language says it (a badge on the course card)."""
        return held_in(self.language)

    @property
    def is_one_day(self) -> bool:
        return self.end_date is None or self.end_date == self.start_date

    @property
    def mooc_link(self) -> str:
        """The local link-out (counted) to this course's MOOC module; empty when it has none."""
        if not self.mooc_module:
            return ""
        return mooc_link(module=self.mooc_module, course=self.slug)


class LessonQuerySet(PublishableQuerySet, SearchQuerySet):
    def published(self):
        """Lessons a visitor may read: the lesson and its course are both published."""
        return super().published().filter(course__status__in=Course.publishing_statuses)

    def for_toc(self):
        """What a table of contents shows: no lesson text or search vectors in seven languages."""
        return (
            self.without_vectors().defer("body", *columns_in_every_language("body")).order_by("order", "id")
        )

    def for_tool_page(self):
        """Published lessons for a tool page's list, with their course, in the list's order."""
        return (
            self.published()
            .for_toc()
            .select_related("course")
            # The list shows the course's title: not its summary or place in every language.
            .defer(
                *(
                    f"course__{column}"
                    for field in ("summary", "place")
                    for column in (field, *columns_in_every_language(field))
                ),
                *hidden_columns(Course, "course__"),
            )
            .order_by("course__title", "order")
        )


LessonSearchable = searchable(
    weights={"title": "A", "body": "C"}, translated={"title", "body"}, title="title"
)


class Lesson(Publishable, LessonSearchable):
    """The text of one lesson of a training, as a trainer hands it out afterwards: someone who
    missed the day must be able to learn from it. It names the catalogue tools it teaches."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("course")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1, help_text=_("Lesson 1, 2, 3 ..."))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("The same in every language; unique within the course.")
    )
    body = RichTextField(_("text"), blank=True)
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False, help_text=_("Computed from the English text.")
    )
    tools = models.ManyToManyField(
        "catalogue.Tool", related_name="lessons", blank=True, verbose_name=_("tools it covers")
    )
    mooc_module = models.CharField(
        _("MOOC module"),
        max_length=200,
        blank=True,
        validators=[validate_mooc_module],
        help_text=_("Optional; when empty, the course's module is used."),
    )
    # A lesson belongs to the organisation that organised its course (admin scoping, previews).
    organisation = None
    organisation_lookup = "course__organisation"

    objects = LessonQuerySet.as_manager()
    publish_required = ("title", "body")

    class Meta(LessonSearchable.Meta):
        ordering = ["course", "order", "id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [
            *LessonSearchable.Meta.indexes,
            models.Index(fields=["course", "status", "order"], name="courses_lesson_course_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "slug"],
                name="courses_lesson_unique_slug_per_course",
                violation_error_message=_("This course already has a lesson with this slug."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(getattr(self, "body_en", None) or self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body_en" in update_fields:
            kwargs["update_fields"] = {*update_fields, "reading_minutes"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("courses:lesson-detail", kwargs={"course_slug": self.course.slug, "slug": self.slug})

    def publish_requirements(self, values=None) -> dict[str, str]:
        missing = super().publish_requirements(values)
        # Lesson slugs are unique within their course (a database constraint the form checks),
        # not site-wide: two courses may both have a "data-protection" lesson.
        missing.pop("slug", None)
        return missing

    @property
    def is_published(self) -> bool:
        return self.is_being_published() and self.course.is_published

    @property
    def mooc_link(self) -> str:
        module = self.mooc_module or self.course.mooc_module
        return mooc_link(module=module, course=self.course.slug) if module else ""

    def neighbours(self, lessons) -> tuple["Lesson | None", "Lesson | None"]:
        """The lessons before and after this one in ``lessons`` (the course's visible lessons, in order)."""
        lessons = list(lessons)
        ids = [lesson.pk for lesson in lessons]
        if self.pk not in ids:
            return None, None
        index = ids.index(self.pk)
        previous = lessons[index - 1] if index > 0 else None
        following = lessons[index + 1] if index + 1 < len(lessons) else None
        return previous, following


def attachment_path(instance, filename):
    """``attachments/<random token>/<file>`` in the private storage: a draft lesson's slides are
    never at a public address, nor at one that could be guessed (``editorial.storage``)."""
    return unguessable_name("attachments", filename)


class Attachment(models.Model):
    """A file handed out with a lesson: the slides as PDF, a worksheet, a checklist."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("lesson")
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        # Out of the public media tree: read only through the permission-checked download view.
        storage=private_storage,
        max_length=255,
        validators=[validate_attachment],
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the file's name is shown.")
    )
    role = models.CharField(
        _("kind"), max_length=20, choices=AttachmentRole.choices, default=AttachmentRole.OTHER
    )
    # Slides from the Zagreb training are in Croatian on every page of the site: the page says so.
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the file is written in. Empty: the language of the course."),
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    organisation_lookup = "lesson__course__organisation"
    partner_editor_actions = EDITOR_ACTIONS

    class Meta:
        ordering = ["lesson", "order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if not self.language:
            self.language = self.lesson.course.language
        if self.file:
            # If the stored file went missing, keep the size we knew.
            with contextlib.suppress(OSError):
                self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        lesson = self.lesson
        return reverse(
            "courses:attachment-download",
            kwargs={
                "course_slug": lesson.course.slug,
                "lesson_slug": lesson.slug,
                "pk": self.pk,
                "filename": self.filename,
            },
        )

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name or "")

    @property
    def display_title(self) -> str:
        return self.title or self.filename

    @property
    def in_language(self) -> str:
        """ "in Croatian": the file's language named in the visitor's language."""
        return in_language(self.language)

    @property
    def file_type(self):
        return file_type_of(self.file.name)

    @property
    def type_label(self) -> str:
        file_type = self.file_type
        return file_type.label if file_type else ""

    @property
    def content_type(self) -> str:
        file_type = self.file_type
        return file_type.content_type if file_type else "application/octet-stream"


class MoocClickQuerySet(models.QuerySet):
    def record(self, *, language: str, course: Course | None, module: str) -> None:
        """Add one click to the counter of this language, course and module (race-safe)."""
        counter, _created = self.get_or_create(language=language, course=course, module=module)
        self.filter(pk=counter.pk).update(count=F("count") + 1, last_clicked=timezone.now())


class MoocClick(models.Model):
    """How many visitors followed a link to the MOOC, per language of the page and per course
    (no course: the MOOC page's general link). Counted by the local redirect view."""

    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    course = models.ForeignKey(
        Course,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mooc_clicks",
        verbose_name=_("course"),
    )
    module = models.CharField(_("MOOC module"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("clicks"), default=0)
    last_clicked = models.DateTimeField(_("last click"), null=True, blank=True)

    objects = MoocClickQuerySet.as_manager()

    organisation_lookup = "course__organisation"
    # Written by the redirect view only; site managers read them.
    partner_editor_actions = ()

    class Meta:
        ordering = ["course", "language", "module"]
        verbose_name = _("MOOC click count")
        verbose_name_plural = _("MOOC click counts")
        constraints = [
            # One counter per language, course and module; "no course" counts as one value.
            models.UniqueConstraint(
                fields=["language", "course", "module"],
                name="courses_moocclick_unique_counter",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.course or '—'} · {self.language} · {self.module or '/'}: {self.count}"


def mooc_link(*, module: str = "", course: str = "") -> str:
    """The local, counted address that redirects to the MOOC (or one of its modules)."""
    params = {key: value for key, value in (("module", module), ("course", course)) if value}
    url = reverse("mooc:go")
    return f"{url}?{urlencode(params)}" if params else url
