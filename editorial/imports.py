"""CSV/XLSX import and export of translated content (django-import-export), scoped by organisation.

:class:`TranslatedModelResource` exports every translated field in every language
(``summary_en`` ... ``summary_pl``) and refers to related rows by slug. Each row is validated
as the admin form validates it: the model's own validation (``full_clean``: URL schemes,
choices, slugs, constraints), relaxed for drafts exactly as the form relaxes them, and the
publishing checks for published rows. An import runs in one transaction
(``IMPORT_EXPORT_USE_TRANSACTIONS``; invalid rows roll it back too), so a file with one bad
row writes nothing. Errors name the row and the column, and never another organisation's
content: a partner editor's import sees only their organisation's rows, so another
partner's slug is simply taken.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from editorial.languages import columns_in_every_language
from editorial.models import translated_field_names
from editorial.ownership import is_site_manager, organisation_of, scope_queryset
from editorial.publishing import draft_optional_fields


def translated_columns(*names: str) -> list[str]:
    """``summary_en, summary_it, ...`` for each translated field name."""
    return [column for name in names for column in columns_in_every_language(name)]


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like ManyToManyWidget, but a name that matches nothing is an error, not silently dropped."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        wanted = [item.strip() for item in str(value).split(self.separator) if item.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": wanted})
        known = {str(getattr(obj, self.field)) for obj in found}
        unknown = [item for item in wanted if item not in known]
        if unknown:
            raise ValueError(gettext("Unknown values: %(names)s.") % {"names": ", ".join(unknown)})
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(item, self.field)) for item in value.all()))


class StrictForeignKeyWidget(widgets.ForeignKeyWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(gettext("Unknown value: %(name)s.") % {"name": value}) from None


def many_to_many(attribute: str, related_model, field: str = "slug") -> fields.Field:
    """A many-to-many column naming the related rows by ``field``, separated by "|"."""
    return fields.Field(
        attribute=attribute,
        column_name=attribute,
        widget=StrictManyToManyWidget(related_model, field=field, separator="|"),
    )


def organisation_column() -> fields.Field:
    """The owning organisation, named by its slug."""
    return fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=StrictForeignKeyWidget(apps.get_model(settings.ORGANISATION_MODEL), field="slug"),
    )


class TranslatedModelResource(resources.ModelResource):
    """Base resource for content with an ``organisation`` and a unique ``slug``.

    The admin passes the user (``get_import_resource_kwargs``/``import_data(user=...)``): a
    partner editor's rows are for their own organisation (an empty organisation cell means
    theirs), and rows are matched against their own content only.
    """

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._seen_keys: dict[str, int] = {}

    @property
    def restricted(self) -> bool:
        return self.user is not None and not is_site_manager(self.user)

    def get_queryset(self):
        queryset = super().get_queryset()
        return scope_queryset(queryset, self.user) if self.restricted else queryset

    def before_import(self, dataset, **kwargs):
        self._seen_keys = {}
        self.user = kwargs.get("user", self.user)
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, row_number=None, **kwargs):
        key_field = self.get_import_id_fields()[0]
        key = str(row.get(key_field) or "").strip()
        if key:
            first = self._seen_keys.setdefault(key, row_number)
            if first != row_number:
                raise ValidationError(
                    {
                        key_field: gettext(
                            "“%(value)s” is also in row %(row)s: each one may appear only once."
                        )
                        % {"value": key, "row": first}
                    }
                )
        super().before_import_row(row, row_number=row_number, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Fill the instance, then apply the organisation rules (errors name the column)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # import-export checks many-to-many cells only when saving them, as row errors without
        # a column; check them here so an unknown sector is a validation error in its column.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors.setdefault(field.column_name, []).append(str(error))
        if self.restricted and "organisation" not in errors:
            own = organisation_of(self.user)
            if own is None:
                errors["organisation"] = [gettext("Your account belongs to no organisation.")]
            elif instance.organisation_id is None:
                instance.organisation = own
            elif instance.organisation_id != own.pk:
                errors["organisation"] = [
                    gettext("You can only import content of your own organisation (%(own)s).")
                    % {"own": own.slug}
                ]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation, relaxed for drafts exactly as the admin form relaxes it."""
        errors = dict(import_validation_errors or {})
        exclude = {*errors, *translated_field_names(type(instance))}
        if not instance.is_being_published():
            exclude |= draft_optional_fields(type(instance))
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique)
        except ValidationError as error:
            for name, field_errors in error.error_dict.items():
                errors.setdefault(name, []).extend(
                    # Taken by any row, one's own or another partner's draft: say only that.
                    gettext("“%(value)s” is already taken: choose another.")
                    % {"value": getattr(instance, name, "")}
                    if field_error.code == "unique"
                    else field_error
                    for field_error in field_errors
                )
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if instance.is_being_published():
            missing = instance.publish_requirements()
            if missing:
                raise ValidationError(missing)
