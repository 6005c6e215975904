from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery, Sum
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from courses.models import Attachment, Course, Lesson, MoocClick
from courses.validators import ALLOWED_EXTENSIONS, allowed_types_text
from editorial.admin import PartnerContentAdmin, PartnerInline, ScopedAdmin
from editorial.languages import columns_in_every_language
from editorial.preview import preview_url
from editorial.storage import PrivateFileInput


def preview_link(lesson) -> str:
    """A link that opens the lesson as visitors will see it; drafts open for staff only."""
    if not lesson.pk or not lesson.slug or not lesson.course_id:
        return "—"
    label = _("View on site") if lesson.is_published else _("Preview")
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', preview_url(lesson), label)


class LessonInline(PartnerInline, TranslationStackedInline):
    """The course's lessons in order; the text, tools and attachments are edited on each lesson's page."""

    model = Lesson
    extra = 0
    ordering = ["order", "id"]
    fields = ["order", "title", "slug", "status", "preview"]
    readonly_fields = ["preview"]
    show_change_link = True

    @admin.display(description=_("Preview"))
    def preview(self, lesson):
        return preview_link(lesson)


class MoocClickInline(admin.TabularInline):
    model = MoocClick
    extra = 0
    fields = ["language", "module", "count", "last_clicked"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("Clicks on links to the MOOC")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    """Partner editors see and change their own organisation's courses, with history and drafts."""

    list_display = [
        "title",
        "kind",
        "country",
        "language",
        "start_date",
        "status",
        "lesson_count",
        "mooc_clicks",
    ]
    list_filter = ["status", "kind", "country", "language"]
    search_fields = [*columns_in_every_language("title"), "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "start_date"
    list_select_related = ["organisation"]
    inlines = [LessonInline, MoocClickInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "original_language", "summary", "status"]}),
        (_("The training"), {"fields": ["kind", "language", "start_date", "end_date", "place", "country"]}),
        (_("Organiser"), {"fields": ["organisation", "organiser_name"]}),
        (_("MOOC"), {"fields": ["mooc_module", "mooc_clicks_by_language"]}),
    ]
    readonly_fields = ["mooc_clicks_by_language"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                lessons_total=Count("lessons", distinct=True),
                # A subquery: summed over the lessons join, the clicks would be counted once per lesson.
                clicks_total=Subquery(
                    MoocClick.objects.filter(course=OuterRef("pk"))
                    .values("course")
                    .annotate(total=Sum("count"))
                    .values("total")
                ),
            )
        )

    @admin.display(description=_("lessons"), ordering="lessons_total")
    def lesson_count(self, course):
        return course.lessons_total

    @admin.display(description=_("MOOC clicks"), ordering="clicks_total")
    def mooc_clicks(self, course):
        return course.clicks_total or 0

    @admin.display(description=_("MOOC clicks by language"))
    def mooc_clicks_by_language(self, course):
        if not course.pk:
            return "—"
        rows = course.mooc_clicks.values_list("language").annotate(total=Sum("count")).order_by("language")
        if not rows:
            return _("No clicks yet.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["file", "title", "role", "language", "order"]
        widgets = {
            # The current file links to the download view: attachments are private files.
            "file": PrivateFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Allowed types: %(types)s. At most %(size)s.") % {
            "types": allowed_types_text(),
            "size": filesizeformat(settings.COURSE_ATTACHMENT_MAX_SIZE),
        }


class AttachmentInline(PartnerInline, admin.TabularInline):
    """Slides and worksheets: the type is checked by name and content, the size against the limit."""

    model = Attachment
    form = AttachmentForm
    extra = 1
    fields = ["file", "title", "role", "language", "order", "type_and_size"]
    readonly_fields = ["type_and_size"]

    @admin.display(description=_("type and size"))
    def type_and_size(self, attachment):
        if not attachment.pk:
            return "—"
        return f"{attachment.type_label}, {filesizeformat(attachment.size)}"


@admin.register(Lesson)
class LessonAdmin(PartnerContentAdmin, TabbedTranslationAdmin):
    """A lesson's text, tools and attachments; scoped to the organisation of its course."""

    list_display = ["title", "course", "order", "status", "reading_minutes", "preview"]
    list_filter = ["status", "course"]
    list_select_related = ["course"]
    search_fields = [*columns_in_every_language("title"), "slug"]
    ordering = ["course", "order", "id"]
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ["tools"]
    inlines = [AttachmentInline]
    fields = [
        "course",
        "order",
        "title",
        "slug",
        "original_language",
        "status",
        "body",
        "tools",
        "mooc_module",
        "reading_minutes",
        "preview",
    ]
    readonly_fields = ["reading_minutes", "preview"]

    @admin.display(description=_("Preview"))
    def preview(self, lesson):
        return preview_link(lesson)


@admin.register(MoocClick)
class MoocClickAdmin(ScopedAdmin):
    """Read-only counters, written by the MOOC redirect view."""

    list_display = ["course", "language", "module", "count", "last_clicked"]
    list_filter = ["language", "course"]
    list_select_related = ["course"]
    ordering = ["-count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
