"""Publishable content: the fields and rules every content app shares.

A tool, a course, a lesson, an article (and later a provider or a questionnaire) is written
by a partner organisation, saved as a draft, and published when it is complete. This module
holds that once: the abstract :class:`Publishable` model with its fields, the
``published()`` queryset that apps extend (articles add their date, lessons their course),
and the publishing check that names what is still missing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from editorial.languages import localized

#: Everything: a partner editor's rights on their own organisation's content.
EDITOR_ACTIONS = ("add", "change", "delete", "view")
#: Shared lists a partner editor picks from but does not change (sectors, needs, categories).
VIEW_ONLY = ("view",)


class Status(models.TextChoices):
    """Draft or published (articles add "scheduled")."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# Facts not checked for this long are "stale": prices, plans and services change.
STALE_AFTER = datetime.timedelta(days=365)


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Facts last checked before this day are stale."""
    return (today or timezone.localdate()) - STALE_AFTER


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see. Models with more conditions (a date, a parent) extend it."""
        return self.filter(status__in=self.model.publishing_statuses)

    def next_publication(self):
        """When the next item appears by itself (a scheduled article), or None: what visitors
        see changes then without a save (the page cache's content version moves on)."""
        return None


def translated_field_names(model) -> set[str]:
    """``{"summary", "description"}``: the fields django-modeltranslation keeps per language."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def field_label(model, name: str) -> str:
    """'Summary (English)' for modeltranslation's summary_en, else the field's verbose name."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    translated = getattr(field, "translated_field", None)
    language = getattr(field, "language", None)
    if translated is not None and language:
        return "{} ({})".format(
            capfirst(translated.verbose_name), get_language_info(language)["name_translated"]
        )
    return capfirst(getattr(field, "verbose_name", name))


def _is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if hasattr(value, "exists"):
        return not value.exists()
    try:
        return len(value) == 0
    except TypeError:
        return False


class Publishable(models.Model):
    """Content a partner organisation writes, keeps as a draft and publishes when it is complete.

    A model owned through its parent (a lesson through its course) removes the field with
    ``organisation = None`` and names the path in ``organisation_lookup``.
    """

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    organisation = models.ForeignKey(
        settings.ORGANISATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("organisation"),
    )
    original_language = models.CharField(
        _("written in"),
        max_length=7,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language it was first written in: it can be published in that language alone."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    #: Status values that make an item public (articles add "scheduled").
    publishing_statuses: tuple[str, ...] = (Status.PUBLISHED,)
    #: Fields a published item must have filled: ``("summary", "sectors", "needs")``; a translated
    #: field is needed in the item's original language only.
    publish_required: tuple[str, ...] = ()
    #: What a partner editor may do with their own organisation's items (organisations.roles).
    partner_editor_actions: tuple[str, ...] = EDITOR_ACTIONS

    class Meta:
        abstract = True

    def scheduled_for(self):
        """When this item appears by itself without a save (a scheduled article), or None."""
        return None

    def is_being_published(self, status: str | None = None) -> bool:
        return (status if status is not None else self.status) in self.publishing_statuses

    @property
    def is_published(self) -> bool:
        """Whether the public sees it; models with more conditions (a date, a parent) extend it."""
        return self.is_being_published()

    def required_column(self, name: str, values: Mapping | None = None) -> str:
        """``summary`` → ``summary_it`` for an item written in Italian; other fields as they are."""
        if name not in translated_field_names(type(self)):
            return name
        language = (values or {}).get("original_language") or self.original_language
        return localized(name, language)

    def _publish_value(self, name: str, values: Mapping):
        if name in values:
            return values[name]
        field = self._meta.get_field(name)
        if field.many_to_many:
            return getattr(self, name).all() if self.pk else []
        return getattr(self, field.attname, None)

    def publish_requirements(self, values: Mapping | None = None) -> dict[str, str]:
        """What is missing before this item can be published: {field name: message}.

        ``values`` (a form's cleaned_data) wins over the instance's own values, so the check
        sees what is about to be saved, many-to-many choices included.
        """
        values = values or {}
        columns = [self.required_column(name, values) for name in self.publish_required]
        return {
            column: gettext("%(field)s is needed to publish.") % {"field": field_label(type(self), column)}
            for column in columns
            if _is_empty(self._publish_value(column, values))
        }


class SearchWord(models.Model):
    """A word of the site's search index in one language: the lexicon that search widens queries with.

    Every lexeme of every stored search vector lands here (by a trigger, editorial.search_triggers),
    so a query word can be matched to the words the content really uses: "Bauernhof" to
    "Sozialbauernhof", "shoify" to "Shopify", "blagajna" to "blagajne". Words of deleted content
    stay until the lexicon is rebuilt; they match nothing, so they cost a little and mislead no one.
    """

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="editorial_searchword_unique")
        ]
        indexes = [
            # Compound parts (word LIKE '%bauernhof%'), inflections (LIKE 'blagajn%') and typo
            # candidates (word % 'shoifi') all read this one trigram index.
            GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="editorial_searchword_trgm"),
        ]

    def __str__(self):
        return f"{self.language}: {self.word}"
