"""The check-up in the admin: the questionnaire (site managers edit, partner editors read) and
the needs map, the partners' anonymous dashboard of check-up results.

The questionnaire is edited top-down: a version and its dimensions, each dimension's
questions, each question's four statements. A version that has been answered should not be
rewritten: "Copy as a new draft version" starts the next one, and publishing it makes it the
one visitors answer, while old results keep the version they answered.
"""

from __future__ import annotations

import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from catalogue.models import Need, Sector
from checkup import stats
from checkup.models import (
    COUNTRY_CHOICES,
    AnswerOption,
    Dimension,
    NeedsMap,
    Question,
    Questionnaire,
    Response,
)
from checkup.scoring import BANDS
from editorial.admin import FORMFIELD_OVERRIDES, PartnerContentAdmin
from editorial.models import Status
from editorial.ownership import is_site_manager, organisation_of


class DimensionInline(TranslationStackedInline):
    model = Dimension
    extra = 0
    fields = ["order", "slug", "name", "short_name", "description"]
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    """Versions of the check-up; the highest published one is what visitors answer."""

    list_display = ["title", "version", "status", "dimension_count", "response_count", "updated"]
    list_filter = ["status"]
    fields = ["version", "status", "title", "intro"]
    inlines = [DimensionInline]
    actions = [*PartnerContentAdmin.actions, "copy_as_new_version"]

    @admin.display(description=_("dimensions"))
    def dimension_count(self, obj):
        return obj.dimensions.count()

    @admin.display(description=_("finished responses"))
    def response_count(self, obj):
        return obj.responses.finished().count()

    @admin.action(description=_("Copy as a new draft version"), permissions=["add"])
    def copy_as_new_version(self, request, queryset):
        for questionnaire in queryset:
            copy = copy_questionnaire(questionnaire)
            messages.success(
                request, gettext("Version %(version)s was created as a draft.") % {"version": copy.version}
            )


def copy_questionnaire(questionnaire: Questionnaire) -> Questionnaire:
    """A draft copy of ``questionnaire`` with the next version number: dimensions, questions,
    statements and their links, in one transaction."""
    with transaction.atomic():
        top = Questionnaire.objects.aggregate(top=Max("version"))["top"] or 0
        dimensions = list(Dimension.objects.for_checkup(questionnaire))
        copy = Questionnaire.objects.get(pk=questionnaire.pk)
        copy.pk = None
        copy.version = top + 1
        copy.status = Status.DRAFT
        copy.save()
        for dimension in dimensions:
            questions = list(dimension.questions.all())
            dimension.pk = None
            dimension.questionnaire = copy
            dimension.save()
            for question in questions:
                options = list(question.options.all())
                needs, tools, lessons = (
                    list(question.needs.all()),
                    list(question.tools.all()),
                    list(question.lessons.all()),
                )
                question.pk = None
                question.dimension = dimension
                question.save()
                question.needs.set(needs)
                question.tools.set(tools)
                question.lessons.set(lessons)
                for option in options:
                    option.pk = None
                    option.question = question
                    option.save()
    return copy


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = ["order", "text", "hint", "advice", "needs"]
    autocomplete_fields = ["needs"]
    show_change_link = True


@admin.register(Dimension)
class DimensionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "questionnaire", "order", "slug"]
    list_filter = ["questionnaire"]
    list_select_related = ["questionnaire"]
    search_fields = ["name", "slug"]
    formfield_overrides = FORMFIELD_OVERRIDES
    inlines = [QuestionInline]


class AnswerOptionInline(TranslationTabularInline):
    model = AnswerOption
    extra = 0
    max_num = 4
    fields = ["level", "text", "flag", "flag_text"]


@admin.register(Question)
class QuestionAdmin(TabbedTranslationAdmin):
    list_display = ["text", "dimension", "order"]
    list_filter = ["dimension__questionnaire", "dimension__slug"]
    list_select_related = ["dimension"]
    search_fields = ["text"]
    autocomplete_fields = ["needs", "tools", "lessons"]
    formfield_overrides = FORMFIELD_OVERRIDES
    fields = ["dimension", "order", "text", "hint", "advice", "needs", "tools", "lessons"]
    inlines = [AnswerOptionInline]


@admin.register(NeedsMap)
class NeedsMapAdmin(admin.ModelAdmin):
    """The needs map: anonymous check-up results by country, sector and dimension, groups under
    ten suppressed. Partner editors see their own organisation's country, site managers all."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def scope(self, request) -> tuple[str | None, bool]:
        """(country shown or None for all, whether the visitor may choose it)."""
        if is_site_manager(request.user):
            country = request.GET.get("country", "")
            return (country if country in dict(COUNTRY_CHOICES) else None), True
        organisation = organisation_of(request.user)
        if organisation is None:
            raise PermissionDenied
        return organisation.country.upper(), False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        country, may_choose = self.scope(request)
        responses = Response.objects.for_statistics()
        if country is not None:
            responses = responses.filter(country=country)
        questionnaire = Questionnaire.objects.current()
        dimensions = list(questionnaire.dimensions.order_by("order")) if questionnaire else []
        countries = dict(COUNTRY_CHOICES)
        sectors = dict(Sector.objects.values_list("slug", "name"))
        data = stats.needs_map(responses, dimensions, countries, sectors)
        flag_labels = dict(
            AnswerOption.objects.filter(question__dimension__questionnaire=questionnaire)
            .exclude(flag="")
            .values_list("flag", "flag_text")
        )
        need_labels = dict(Need.objects.values_list("slug", "name"))
        if request.GET.get("format") == "csv":
            stream = io.StringIO()
            stats.write_csv(stream, data, dimensions, flag_labels, need_labels)
            response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="needs-map-{(country or "all").lower()}.csv"'
            )
            return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Needs map"),
            "data": data,
            "dimensions": dimensions,
            "country": country,
            "country_label": countries.get(country, ""),
            "countries": COUNTRY_CHOICES if may_choose else None,
            "flags": [(flag_labels.get(code, code), count) for code, count in data.flags],
            "next_steps": [(need_labels.get(slug, slug), count) for slug, count in data.next_steps],
            "min_group": stats.min_group(),
            "bands": BANDS,
            "csv_query": f"?format=csv{f'&country={country}' if country and may_choose else ''}",
            **(extra_context or {}),
        }
        return TemplateResponse(request, "checkup/admin/needs_map.html", context)
