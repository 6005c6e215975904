"""Optimistic locking for admin change forms, without a version column.

Why our own ~40 lines rather than django-concurrency: that package needs a version field
(and a migration) on every model and triggers on the tables; here the "version" is a hash
of the object's stored state (every concrete column, so every language, and its
many-to-many links). The change form carries the hash it was opened with in a hidden
field; saving compares it with the hash of the row *locked* with SELECT ... FOR UPDATE
inside the admin's transaction, so two simultaneous saves cannot both pass. A stale
form is refused with "changed by X at T since you opened it" and the editor's typed text
stays in the form, so nothing is overwritten and nothing is lost.
"""

from __future__ import annotations

import hashlib
import json

from django import forms
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext

from editorial.history import last_change

TOKEN_FIELD = "_wise_version"


def _hashed_fields(model: type[models.Model]):
    for field in model._meta.concrete_fields:
        # auto_now timestamps change on every save, a restore included; generated columns follow the rest.
        if getattr(field, "auto_now", False) or isinstance(field, models.GeneratedField):
            continue
        yield field


def _linked_ids(field: models.ManyToManyField) -> ArraySubquery:
    """The ids a many-to-many field links the outer row to, sorted, as one array column."""
    through = field.remote_field.through
    target = f"{field.m2m_reverse_field_name()}_id"
    return ArraySubquery(
        through._default_manager.filter(**{field.m2m_field_name(): OuterRef("pk")})
        .order_by(target)
        .values(target)
    )


def version_token(obj: models.Model, *, lock: bool = False) -> str:
    """A short hash of ``obj``'s stored state (read again from the database, in one query)."""
    model = type(obj)
    queryset = model._default_manager.filter(pk=obj.pk)
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    names = [field.attname for field in _hashed_fields(model)]
    links = {f"_linked_{field.name}": _linked_ids(field) for field in model._meta.many_to_many}
    row = queryset.values(*names, **links).first()
    if row is None:
        return ""
    payload = json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class OptimisticLockFormMixin:
    """Mixed into the partner admin's ModelForm (``editorial.admin.PartnerForm``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A bound form brings the token it was opened with; only a new form needs it computed.
        token = version_token(self.instance) if self.instance.pk and not self.is_bound else ""
        self.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=token)

    def clean(self):
        cleaned_data = super().clean()
        opened_with = self.data.get(self.add_prefix(TOKEN_FIELD), "")
        # A client that sends no token (a script, an old tab) is not checked; browsers always send it.
        if self.instance.pk and opened_with:
            current = version_token(self.instance, lock=True)
            if current and current != opened_with:
                who, when = last_change(self.instance)
                raise ValidationError(
                    gettext(
                        "This item was changed by %(who)s at %(when)s since you opened it. "
                        "Nothing was saved: copy what you typed, reload the page and apply it again."
                    )
                    % {"who": who, "when": when or "?"},
                    code="stale",
                )
        return cleaned_data
