"""Drafts and publishing: a draft always saves; publishing checks what matters.

Content models inherit :class:`Publishable` (a plain mixin, no fields) and list what a
published item needs in ``publish_required`` (or override ``publish_requirements()``
for anything more). Admin forms (``PublishingFormMixin``) relax those fields while the
item is a draft, so an editor never loses typed text to a validation error, and run the
checks when the status is set to a published one, naming each missing thing.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Draft or published: the status of tools, courses and lessons (articles add "scheduled")."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


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


class Publishable:
    """Mixin for content models with a ``status`` field."""

    #: Status values that make an item public (articles add "scheduled").
    publishing_statuses: tuple[str, ...] = ("published",)
    #: Field names a published item must have filled: ``("summary_en", "sectors", "needs")``.
    publish_required: tuple[str, ...] = ()

    def is_being_published(self, status: str | None = None) -> bool:
        return (status if status is not None else self.status) in self.publishing_statuses

    @property
    def is_published(self) -> bool:
        """Whether the public sees it; models with more conditions (a date, a parent) extend it."""
        return self.is_being_published()

    def _publish_value(self, name: str, values: Mapping):
        if name in values:
            return values[name]
        field = self._meta.get_field(name)
        if field.many_to_many:
            return getattr(self, name).all() if self.pk else []
        return getattr(self, field.attname, None)

    def publish_requirements(self, values: Mapping | None = None) -> dict[str, str]:
        """What is missing before this item can be published: {field name: message}.

        ``values`` (a form's cleaned_data) wins over the instance's own values, so the
        check sees what is about to be saved, many-to-many choices included. Models
        extend it with ``missing = super().publish_requirements(values)``.
        """
        values = values or {}
        missing = {}
        for name in self.publish_required:
            if _is_empty(self._publish_value(name, values)):
                missing[name] = gettext("%(field)s is needed to publish.") % {
                    "field": field_label(type(self), name)
                }
        slug_names = {field.name for field in self._meta.concrete_fields}
        if "slug" in slug_names:
            slug = self._publish_value("slug", values)
            others = type(self)._default_manager.filter(slug=slug).exclude(pk=self.pk)
            if slug and others.exists():
                message = gettext("Another item already uses the address “%(slug)s”.")
                missing["slug"] = message % {"slug": slug}
        return missing

    def publish_problems_text(self, values: Mapping | None = None) -> str:
        return " ".join(self.publish_requirements(values).values())


def draft_optional_fields(model) -> set[str]:
    """The fields a draft may leave empty: every translated field in every language, and the
    many-to-many choices named in ``publish_required``."""
    from modeltranslation.translator import NotRegistered, translator

    names = set()
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        options = None
    if options is not None:
        for translation_fields in options.all_fields.values():
            names.update(field.name for field in translation_fields)
        # What a model's TranslationOptions.required_languages asks for stays required even in a
        # draft (a lesson needs an English title to be listed at all).
        required = getattr(options, "required_languages", None) or {}
        if isinstance(required, dict):
            for language, fields in required.items():
                if language != "default":
                    names.difference_update(f"{name}_{language}" for name in fields)
        else:
            for language in required:
                names.difference_update(f"{name}_{language}" for name in options.all_fields)
    for name in getattr(model, "publish_required", ()):
        names.add(name)
    return names


class PublishingFormMixin:
    """Mixed into an admin ModelForm: relaxed drafts, strict publishing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, Publishable):
            for name in draft_optional_fields(type(self.instance)):
                if name in self.fields:
                    self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if isinstance(instance, Publishable):
            status = cleaned_data.get("status", getattr(instance, "status", None))
            if instance.is_being_published(status):
                for name, message in instance.publish_requirements(cleaned_data).items():
                    self.add_error(name if name in self.fields else None, message)
        return cleaned_data
