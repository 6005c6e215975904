"""How complete each content type's translations are, per language.

The fields come from django-modeltranslation's registry. An item counts as translated
into a language when every translated field that has text in its original language has
text in that one too: a tool written only in Italian is "missing in 6 languages", English
included. (Shared lists without an original language count against any language.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_info
from modeltranslation.translator import translator

from editorial.languages import LANGUAGE_CODES, columns_in_every_language, localized
from editorial.models import translated_field_names
from editorial.ownership import organisation_of, organisation_path, scope_queryset

MAX_LISTED = 200


@dataclass
class Gap:
    pk: int
    label: str
    organisation_id: int | None
    # language -> first field missing in it
    missing: dict[str, str]
    own: bool = False
    change_url: str | None = None

    def links(self):
        """(language code, language name, url of the first missing field's tab), in LANGUAGES order."""
        return [
            (
                code,
                get_language_info(code)["name_translated"],
                f"{self.change_url}#tab_id_{localized(name, code)}" if self.change_url else None,
            )
            for code, name in self.missing.items()
        ]


@dataclass
class ModelStatus:
    model: type
    fields: list[str]
    total: int = 0
    complete: dict[str, int] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"missing-{self.model._meta.app_label}-{self.model._meta.model_name}"

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    def cells(self):
        return [(code, self.complete.get(code, 0)) for code in LANGUAGE_CODES]

    @property
    def listed_gaps(self):
        return self.gaps[:MAX_LISTED]


def translated_fields(model) -> list[str]:
    return sorted(translated_field_names(model))


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def missing_by_language(row: dict, names: list[str]) -> dict[str, str]:
    """Language -> the first translated field that has text in the item's original language (or,
    for content without one, in any language) but not in this one."""
    original = row.get("original_language")
    relevant = [name for name in names if original and _filled(row[localized(name, original)])]
    if not relevant:  # nothing in its original language (or none): whatever it has, in any language
        relevant = [
            name for name in names if any(_filled(row[localized(name, code)]) for code in LANGUAGE_CODES)
        ]
    missing = {}
    for code in LANGUAGE_CODES:
        absent = next((name for name in relevant if not _filled(row[localized(name, code)])), None)
        if absent:
            missing[code] = absent
    return missing


def _label(row: dict, names: list[str], name_field: str | None) -> str:
    """A model named by an untranslated field (a tool's name) is listed by it, else by its first text."""
    if name_field and row[name_field]:
        return row[name_field]
    texts = (row[localized(name, code)] for code in LANGUAGE_CODES for name in names)
    return next((str(text) for text in texts if _filled(text)), str(row["pk"]))


def model_status(model, queryset, *, own_organisation_id=None, change_url_name=None) -> ModelStatus:
    names = translated_fields(model)
    path = organisation_path(model)
    name_field = "name" if "name" not in names and _has_field(model, "name") else None
    values = ["pk", *(column for name in names for column in columns_in_every_language(name))]
    original = "original_language" if _has_field(model, "original_language") else None
    values += [extra for extra in (name_field, path, original) if extra]
    status = ModelStatus(model=model, fields=names, complete=dict.fromkeys(LANGUAGE_CODES, 0))
    for row in queryset.order_by("pk").values(*values):
        status.total += 1
        missing = missing_by_language(row, names)
        for code in LANGUAGE_CODES:
            status.complete[code] += code not in missing
        if not missing:
            continue
        organisation_id = row.get(path) if path else None
        status.gaps.append(
            Gap(
                pk=row["pk"],
                label=_label(row, names, name_field)[:80],
                organisation_id=organisation_id,
                missing=missing,
                own=own_organisation_id is not None and organisation_id == own_organisation_id,
                change_url=reverse(change_url_name, args=[row["pk"]]) if change_url_name else None,
            )
        )
    # The editor's own organisation first, then the most incomplete.
    status.gaps.sort(key=lambda gap: (not gap.own, -len(gap.missing), gap.label.lower()))
    return status


def translation_status(request, admin_site=admin.site) -> list[ModelStatus]:
    """One ModelStatus per translated model the user may view in the admin, their own content first."""
    user = request.user
    own = organisation_of(user)
    results = []
    for model in translator.get_registered_models(abstract=False):
        model_admin = admin_site._registry.get(model)
        if model_admin is None or not model_admin.has_view_permission(request):
            continue
        queryset = scope_queryset(model._default_manager.all(), user)
        url_name = None
        if model_admin.has_change_permission(request):
            url_name = f"{admin_site.name}:{model._meta.app_label}_{model._meta.model_name}_change"
            try:
                reverse(url_name, args=[0])
            except NoReverseMatch:
                url_name = None
        results.append(
            model_status(
                model, queryset, own_organisation_id=own.pk if own else None, change_url_name=url_name
            )
        )
    # Content owned by organisations before shared lists (sectors, needs, categories).
    results.sort(
        key=lambda status: (organisation_path(status.model) is None, str(status.verbose_name_plural))
    )
    return results


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)
