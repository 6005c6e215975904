"""The partner admin, ready to inherit. A content app's admin writes

    @admin.register(Tool)
    class ToolAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
        ...

and gets organisation scoping (lists, object URLs, crafted POSTs, choices, history, restore,
import and export), history with comparison and restore, recovery of deleted items,
optimistic locking, relaxed drafts with publishing checks, a Preview link and the prose
editor for rich text. Inlines use :class:`PartnerInline` for the same choices and widgets.
"""

from __future__ import annotations

import os

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from editorial import history
from editorial.concurrency import TOKEN_FIELD, OptimisticLockFormMixin
from editorial.languages import LANGUAGE_CODES, current_language
from editorial.models import Publishable, Status, field_label
from editorial.ownership import (
    can_access,
    is_site_manager,
    organisation_of,
    organisation_path,
    scope_queryset,
)
from editorial.preview import preview_url
from editorial.publishing import PublishingFormMixin
from editorial.richtext import RichTextField, rich_text_widget

# A website typed without a scheme is taken as https (Django 6.0's default; 5.2 warns otherwise),
# and rich text gets the prose editor, in every partner admin form and inline.
FORMFIELD_OVERRIDES = {
    models.URLField: {"assume_scheme": "https"},
    RichTextField: {"widget": rich_text_widget()},
}


def limited_choices(db_field, model, user):
    """The queryset a partner editor may pick from for ``db_field`` of ``model``; None: no limit.

    The rule, explicitly: their own organisation; for the parent that decides who owns the
    object (a lesson's course), their own parents only; for a link to other publishable content
    (alternatives, related tools), their own items or published ones; for anything else another
    organisation owns, their own only; shared lists (sectors, needs) unrestricted.
    """
    if is_site_manager(user):
        return None
    related = db_field.remote_field.model
    if related._meta.label == settings.ORGANISATION_MODEL:
        own = organisation_of(user)
        return related._default_manager.filter(pk=own.pk if own else None)
    if organisation_path(related) is None:
        return None
    everything = related._default_manager.all()
    own = scope_queryset(everything, user)
    owner_hop = (organisation_path(model) or "").split("__")[0]
    if db_field.name != owner_hop and issubclass(related, Publishable):
        return everything.filter(Q(pk__in=own.values("pk")) | Q(pk__in=everything.published().values("pk")))
    return own


def choice_list_formfield(db_field):
    """Ticks for a list of choices (platforms, interface languages) instead of raw codes in a box."""
    return forms.TypedMultipleChoiceField(
        choices=db_field.base_field.choices,
        widget=forms.CheckboxSelectMultiple,
        required=not db_field.blank,
        label=capfirst(db_field.verbose_name),
        help_text=db_field.help_text,
    )


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a related field that names only what the editor may pick for it
    (:func:`limited_choices`): the lesson list's "course" filter lists their own courses, not
    every organisation's titles, drafts included."""

    def field_choices(self, field, request, model_admin):
        queryset = limited_choices(field, model_admin.model, request.user)
        if queryset is None:
            return super().field_choices(field, request, model_admin)
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]


def _is_relation(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except Exception:  # a lookup path ("course__kind") or not a field: left as it is
        return False
    return bool(field.is_relation and field.remote_field and not field.auto_created)


def _autocomplete_source_field(request):
    """The field an admin autocomplete request fills in (``?app_label=&model_name=&field_name=``)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "autocomplete":
        return None, None
    try:
        model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        return model, model._meta.get_field(request.GET["field_name"])
    except (KeyError, LookupError, FieldDoesNotExist):
        return None, None


class PartnerChoicesMixin:
    """Foreign keys and many-to-many choices limited by :func:`limited_choices`; lists of choices as ticks."""

    formfield_overrides = FORMFIELD_OVERRIDES

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ArrayField) and db_field.base_field.choices:
            return choice_list_formfield(db_field)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _limit(self, db_field, request, kwargs):
        if "queryset" not in kwargs:
            queryset = limited_choices(db_field, self.model, request.user)
            if queryset is not None:
                kwargs["queryset"] = queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PartnerInline(PartnerChoicesMixin):
    """Mix into inlines of partner content (a course's lessons, a lesson's attachments)."""


# The change form's buttons that say what they do: the status follows the button pressed.
STATUS_BUTTONS = {"_publish": Status.PUBLISHED, "_unpublish": Status.DRAFT}


class PartnerForm(OptimisticLockFormMixin, PublishingFormMixin, forms.ModelForm):
    """The change form of partner content: refused when stale, relaxed while a draft, published
    by its *Publish* button (the status is not a menu to find)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "original_language" in self.fields:
            # A partner writes in the admin's language first; a form sent without it keeps what was there.
            self.fields["original_language"].required = False
            if self.instance._state.adding and not self.is_bound:
                self.initial.setdefault("original_language", current_language())
        if "status" in self.fields:
            self.fields["status"].widget = forms.HiddenInput()
            pressed = next((status for button, status in STATUS_BUTTONS.items() if button in self.data), None)
            if self.is_bound and pressed:
                self.data = self.data.copy()
                self.data[self.add_prefix("status")] = pressed

    def clean_original_language(self):
        return self.cleaned_data.get("original_language") or self.instance.original_language

    def _save_m2m(self):
        # Only the many-to-many choices that changed are written (each one rewritten costs a
        # query even when it is the same); a new object has all of them to write.
        if self.instance._state.adding or not self.initial:
            return super()._save_m2m()
        unchanged = {field.name for field in self.instance._meta.many_to_many} - set(self.changed_data)
        cleaned_data = self.cleaned_data
        self.cleaned_data = {name: value for name, value in cleaned_data.items() if name not in unchanged}
        try:
            super()._save_m2m()
        finally:
            self.cleaned_data = cleaned_data


class SavedMessagesMixin:
    """Messages after a save or a delete that say what happened and where to see it.

    Django's own ("Il strumento … è stato modificato") glue a model's name into one sentence for
    all, which cannot agree in gender or case in Italian, Slovenian, Croatian or Polish; these name
    only the item, and say whether the public can see it.
    """

    def response_add(self, request, obj, post_url_continue=None):
        request.wise_saved = obj
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.wise_saved = obj
        return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        request.wise_deleted = obj_display
        return super().response_delete(request, obj_display, obj_id)

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        if level == messages.SUCCESS:
            message = self.saved_message(request) or message
        super().message_user(request, message, level, extra_tags, fail_silently)

    def saved_message(self, request) -> str | None:
        obj, deleted = getattr(request, "wise_saved", None), getattr(request, "wise_deleted", None)
        request.wise_saved = request.wise_deleted = None
        if deleted is not None:
            return gettext("“%(object)s” was deleted.") % {"object": deleted}
        if obj is None:
            return None
        if not isinstance(obj, Publishable):
            return gettext("“%(object)s” was saved.") % {"object": obj}
        url = preview_url(obj)
        if obj.is_published:
            message = gettext("“%(object)s” was saved and is live on the site.")
            link = gettext("See it on the site")
            url = url and obj.get_absolute_url()
        else:
            message = gettext("“%(object)s” was saved as a draft: visitors cannot see it yet.")
            link = gettext("Preview it")
        if not url:
            return message % {"object": obj}
        return format_html('{} <a href="{}">{}</a>', message % {"object": obj}, url, link)


class OwnedObjectMixin:
    """Partner editors see and change only their own organisation's objects.

    Enforced in ``get_queryset`` (lists, exports, object lookups) *and* in the object
    permission checks; an object URL of another organisation answers 403. The direct
    ``organisation`` field is filled in for editors and read-only to them.
    """

    def _has_direct_organisation(self) -> bool:
        return organisation_path(self.model) == "organisation"

    def get_queryset(self, request):
        queryset = scope_queryset(super().get_queryset(request), request.user)
        # An autocomplete offers exactly what the form would let the editor pick for that field.
        source_model, source_field = _autocomplete_source_field(request)
        if source_field is not None and getattr(source_field, "remote_field", None):
            limited = limited_choices(source_field, source_model, request.user)
            if limited is not None and limited.model is self.model:
                return super().get_queryset(request).filter(pk__in=limited.values("pk"))
        return queryset

    def get_list_filter(self, request):
        """Every plain related-field filter is scoped (:class:`ScopedRelatedFieldListFilter`)."""
        return [
            (name, ScopedRelatedFieldListFilter)
            if isinstance(name, str) and _is_relation(self.model, name)
            else name
            for name in super().get_list_filter(request)
        ]

    def _may(self, request, obj) -> bool:
        return obj is None or can_access(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def has_add_permission(self, request, *args):
        allowed = super().has_add_permission(request, *args)
        if allowed and organisation_path(self.model) and not is_site_manager(request.user):
            return organisation_of(request.user) is not None
        return allowed

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            try:
                key = field.to_python(object_id)
            except ValidationError:
                return None
            if self.model._default_manager.filter(**{field.name: key}).exists():
                raise PermissionDenied  # it exists, but belongs to another organisation
        return obj

    def check_object_access(self, request, object_id):
        """403 for another organisation's object, 404 for none (used by the history views)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if (
            self._has_direct_organisation()
            and not is_site_manager(request.user)
            and "organisation" not in fields
        ):
            fields.append("organisation")
        return fields

    def save_model(self, request, obj, form, change):
        if self._has_direct_organisation() and not is_site_manager(request.user):
            if not change:
                obj.organisation = organisation_of(request.user)
            elif not can_access(request.user, obj):
                raise PermissionDenied
        super().save_model(request, obj, form, change)


class ScopedAdmin(SavedMessagesMixin, OwnedObjectMixin, PartnerChoicesMixin, admin.ModelAdmin):
    """A plain admin of owned rows that have no history or publishing (counters, logs)."""


class PartnerContentAdmin(SavedMessagesMixin, OwnedObjectMixin, PartnerChoicesMixin, CompareVersionAdmin):
    """Everything above for publishable content; put it first, before ``TabbedTranslationAdmin``.

    History: reversion's history, revision, recover and compare views look objects and
    versions up without our queryset (compare_view checks no permission at all, and
    revision_view does not check that the version is of this model), so each is guarded here.
    """

    form = PartnerForm
    change_form_template = "editorial/admin/change_form.html"
    change_list_template = "editorial/admin/change_list.html"
    history_latest_first = True
    view_on_site = False  # the change form shows a "Preview" link instead (drafts included)
    actions = ["publish_selected", "unpublish_selected"]

    # Our styles live in a file: the admin's Content-Security-Policy allows no inline style.
    compare_raw_template = "editorial/admin/compare_raw.html"

    class Media:
        js = ("editorial/admin/translation_tab.js",)
        css = {"all": ("editorial/admin/admin.css",)}

    def __init__(self, model, admin_site):
        # Registered before reversion's VersionAdmin would register them itself (with "follow",
        # see editorial.history); inline models are kept too.
        history.register(model)
        for inline in self.inlines:
            history.register(inline.model)
        super().__init__(model, admin_site)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        may_view = obj is not None and self.has_view_permission(request, obj)
        live = obj is not None and obj.pk is not None and obj.is_published
        publishing = "status" in form.fields and self.has_change_permission(request, obj)
        context.update(
            wise_version_field=form[TOKEN_FIELD] if TOKEN_FIELD in form.fields else None,
            preview_url=preview_url(obj) if may_view else None,
            # The publishing row replaces Django's "Save" with buttons that say what they do.
            show_save=not publishing,
            wise_publishing=publishing,
            wise_is_live=live,
            wise_state=obj.get_status_display() if obj is not None and obj.pk else Status.DRAFT.label,
            wise_error_summary=error_summary(form),
            wise_language_names={
                "label": gettext("Show the fields in:"),
                "names": {code: get_language_info(code)["name_translated"] for code in LANGUAGE_CODES},
            },
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # History, guarded like the change view

    def _check_version(self, request, version):
        if version.content_type.model_class() is not self.model:
            raise Http404
        if not history.may_restore(request.user, version):
            raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        self.check_object_access(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.check_object_access(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(
            Version.objects.get_for_model(self.model), pk=version_id, object_id=unquote(object_id)
        )
        self._check_version(request, version)
        self.check_object_access(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_deleted(self.model), pk=version_id)
        self._check_version(request, version)
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        deleted = history.deleted_versions(self.model, request.user, self.get_version_ordering(request))
        return super().recoverlist_view(request, {"deleted": deleted, **(extra_context or {})})

    # Publishing in bulk

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for obj in queryset:
            if not self.has_change_permission(request, obj):
                continue
            problems = obj.publish_requirements()
            if problems:
                messages.error(
                    request,
                    gettext("“%(object)s” was not published: %(problems)s")
                    % {"object": obj, "problems": " ".join(problems.values())},
                )
                continue
            with transaction.atomic(), self.create_revision(request):
                obj.status = obj.publishing_statuses[0]
                obj.save()
            published += 1
        if published:
            messages.success(
                request,
                ngettext("%(count)d item published.", "%(count)d items published.", published)
                % {"count": published},
            )

    @admin.action(description=_("Turn the selected items back into drafts"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for obj in queryset:
            if self.has_change_permission(request, obj):
                with transaction.atomic(), self.create_revision(request):
                    obj.status = Status.DRAFT
                    obj.save()
                count += 1
        messages.success(
            request,
            ngettext("%(count)d item is a draft again.", "%(count)d items are drafts again.", count)
            % {"count": count},
        )


def error_summary(form) -> list[dict]:
    """Each field with an error, by its label (with the language of a translation field) and the
    address of its translation tab, for the summary at the top of a refused form."""
    summary = []
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        try:
            language = getattr(form._meta.model._meta.get_field(name), "language", None)
        except FieldDoesNotExist:
            language = None
        summary.append(
            {
                "label": field_label(form._meta.model, name),
                "anchor": f"#tab_id_{name}" if language else f"#id_{name}",
                "message": " ".join(str(error) for error in errors),
            }
        )
    return summary


def view_on_site(request, content_type_id, object_id):
    """``/admin/r/<content type>/<id>/`` (Django's "View on site" shortcut), guarded.

    Django's own view redirects any staff user to any object's public address, so a partner
    editor could learn the slug of another partner's draft by trying ids. This one redirects
    only to an object the user may view in the admin; anything else is the same 404.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        obj = model._default_manager.get(pk=object_id)
    except (ContentType.DoesNotExist, AttributeError, ObjectDoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    opts, user = model._meta, request.user
    may_view = user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )
    if not (may_view and can_access(user, obj)):
        raise Http404
    return shortcut(request, content_type_id, object_id)


#: The session key of the import files this session uploaded and may still confirm.
ISSUED_IMPORTS_SESSION_KEY = "editorial_import_files"
ISSUED_IMPORTS_KEPT = 10


class ScopedImportExportMixin:
    """django-import-export, restricted like the rest: exports take the scoped queryset,
    imports pass the user to the resource (see ``editorial.imports``) and roll back entirely
    on any error or invalid row. Put it before ``ImportExportMixin``."""

    # No change_list_template here: import-export's own template extends the one
    # PartnerContentAdmin sets (with the "Recover deleted" link), keeping both.

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    # The uploaded file waits between the dry run and the confirmation in import-export's
    # temporary storage (IMPORT_EXPORT_TMP_STORAGE_CLASS: the private storage, never the
    # system temp folder). The confirmation names it; only a name issued to this session is
    # accepted, so nobody imports (and deletes) a file that is not their own upload.

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        name = initial.get("import_file_name")
        if name:
            issued = [*request.session.get(ISSUED_IMPORTS_SESSION_KEY, []), name]
            request.session[ISSUED_IMPORTS_SESSION_KEY] = issued[-ISSUED_IMPORTS_KEPT:]
        return initial

    def process_import(self, request, **kwargs):
        name = os.path.basename(str(request.POST.get("import_file_name", "")))
        issued = request.session.get(ISSUED_IMPORTS_SESSION_KEY, [])
        if not self.has_import_permission(request):
            raise PermissionDenied
        if not name or name not in issued:
            return self._import_expired(request)
        try:
            response = super().process_import(request, **kwargs)
        except FileNotFoundError:
            response = self._import_expired(request)
        request.session[ISSUED_IMPORTS_SESSION_KEY] = [other for other in issued if other != name]
        return response

    def _import_expired(self, request):
        messages.error(request, gettext("This import is no longer available. Please upload the file again."))
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")
        )

    def has_import_permission(self, request):
        return super().has_import_permission(request) and self.has_add_permission(request)

    def has_export_permission(self, request):
        return super().has_export_permission(request) and self.has_view_permission(request)
