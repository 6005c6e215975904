"""Drafts and publishing in the admin: a draft always saves; publishing checks what matters.

Content models list what a published item needs in ``publish_required`` (or extend
``publish_requirements()``, see ``editorial.models.Publishable``). The partner admin's form
relaxes those fields while the item is a draft, so an editor never loses typed text to a
validation error, and runs the checks when the item is being published, naming each missing
thing.
"""

from __future__ import annotations

from modeltranslation.translator import NotRegistered, translator

from editorial.languages import localized
from editorial.models import Publishable


def draft_optional_fields(model) -> set[str]:
    """The fields a draft may leave empty: every translated field in every language, and the
    many-to-many choices named in ``publish_required``."""
    publish_required = set(getattr(model, "publish_required", ()))
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return publish_required
    names = set()
    for translation_fields in options.all_fields.values():
        names.update(field.name for field in translation_fields)
    # What a model's TranslationOptions.required_languages asks for stays required even in a
    # draft (a lesson needs an English title to be listed at all).
    required = getattr(options, "required_languages", None) or {}
    if isinstance(required, dict):
        for language, fields in required.items():
            if language != "default":
                names.difference_update(localized(name, language) for name in fields)
    else:
        for language in required:
            names.difference_update(localized(name, language) for name in options.all_fields)
    return names | publish_required


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
            status = cleaned_data.get("status", instance.status)
            if instance.is_being_published(status):
                for name, message in instance.publish_requirements(cleaned_data).items():
                    self.add_error(name if name in self.fields else None, message)
        return cleaned_data
