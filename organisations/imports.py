"""CSV/XLSX import and export of translated content (django-import-export), scoped by organisation.

:class:`TranslatedModelResource` exports every translated field in every language
(``summary_en`` ... ``summary_pl``) and refers to related rows by slug. An import runs in
one transaction (``IMPORT_EXPORT_USE_TRANSACTIONS``; invalid rows roll it back too), so
a file with one bad row writes nothing. Errors name the row and the column: an unknown
sector, a slug that appears twice in the file, a row for another organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from organisations.models import Organisation
from organisations.scoping import can_access, is_site_manager, organisation_of

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def translated_columns(model, *names: str) -> list[str]:
    """``summary_en, summary_it, ...`` for each translated field name."""
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


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


def many_to_many(model, attribute: str, related_model, field: str = "slug") -> fields.Field:
    return fields.Field(
        attribute=attribute,
        column_name=attribute,
        widget=StrictManyToManyWidget(related_model, field=field, separator="|"),
    )


def organisation_column() -> fields.Field:
    return fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=StrictForeignKeyWidget(Organisation, field="slug"),
    )


class TranslatedModelResource(resources.ModelResource):
    """Base resource for content with an ``organisation`` and a unique ``slug``.

    The admin passes the user (``get_import_resource_kwargs``/``import_data(user=...)``):
    a partner editor's rows are for their own organisation (an empty organisation cell
    means theirs), and an existing row of another organisation is refused, never updated.
    """

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._seen_keys: dict[str, int] = {}

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
        user = self.user
        restricted = user is not None and not is_site_manager(user)
        if restricted and instance.pk and not can_access(user, instance):
            raise ValidationError(
                {
                    "organisation": gettext(
                        "“%(object)s” belongs to another organisation; you can only import your own."
                    )
                    % {"object": instance}
                }
            )
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
        if errors:
            raise ValidationError(errors)
        if restricted:
            own = organisation_of(user)
            if own is None:
                raise ValidationError({"organisation": gettext("Your account belongs to no organisation.")})
            if instance.organisation_id is None:
                instance.organisation = own
            elif instance.organisation_id != own.pk:
                raise ValidationError(
                    {
                        "organisation": gettext(
                            "You can only import content of your own organisation (%(own)s)."
                        )
                        % {"own": own.slug}
                    }
                )

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        requirements = getattr(instance, "publish_requirements", None)
        status = getattr(instance, "status", None)
        if requirements and instance.is_being_published(status):
            missing = requirements()
            if missing:
                raise ValidationError(missing)
