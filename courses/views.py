"""Public pages of the courses app: the course list, a course, a lesson, its attachments, the MOOC page
and the one counted redirect that every outbound MOOC link goes through."""

from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView, View

from catalogue.models import Tool
from courses.filters import CourseFilter
from courses.models import MOOC_MODULE_RE, Attachment, Course, Kind, MoocClick, mooc_link
from editorial.filters import FilteredListMixin
from editorial.languages import current_language, shown_language
from editorial.models import Status
from editorial.pagination import ForgivingPaginationMixin
from editorial.preview import PreviewMixin, mark_private, may_preview, published_or_preview
from editorial.storage import serve_private_file

# Lesson attachments that browsers show themselves; any other type is offered as a download.
INLINE_CONTENT_TYPES = {"application/pdf", "image/png", "image/jpeg"}


class CourseListView(FilteredListMixin, ForgivingPaginationMixin, ListView):
    """All published courses, filterable by ``country``, ``kind`` and ``language`` (the language
    the course was held in; ``courses.filters.CourseFilter``). Unknown filter values are
    ignored, with a notice. Template: ``courses/course_list.html``."""

    template_name = "courses/course_list.html"
    context_object_name = "courses"
    paginate_by = 24
    filterset_class = CourseFilter

    def get_unfiltered_queryset(self):
        return Course.objects.published().for_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filterset.menus(), filtered=self.filterset.is_filtered, **kwargs
        )


class CourseLessonsMixin(PreviewMixin):
    """A course page or one of its lessons: drafts are never public; with ``?preview=1`` the
    course's organisation (and site managers) see them, and the draft lessons in it."""

    def get_course(self, slug):
        course = published_or_preview(self.request, Course.objects.select_related("organisation"), slug=slug)
        self.is_preview = may_preview(self.request, course)
        return course

    def lessons_of(self, course):
        lessons = course.lessons.for_toc()
        return lessons if self.is_preview else lessons.filter(status=Status.PUBLISHED)


class CourseDetailView(CourseLessonsMixin, DetailView):
    """A course: summary, organiser, where and when, and its lessons in order (table of contents).
    Template: ``courses/course_detail.html``; context: ``course``, ``lessons``, ``structured_data``."""

    template_name = "courses/course_detail.html"
    context_object_name = "course"

    def get_object(self, queryset=None):
        return self.get_course(self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
        lessons = list(self.lessons_of(course))
        for lesson in lessons:
            lesson.course = course  # no query per lesson for its URL
        context["lessons"] = lessons
        context["structured_data"] = course_structured_data(self.request, course, lessons)
        return context


class LessonDetailView(CourseLessonsMixin, DetailView):
    """One lesson: its text (with a print stylesheet), previous/next lesson, attachments and the
    catalogue tools it covers. Template: ``courses/lesson_detail.html``."""

    template_name = "courses/lesson_detail.html"
    context_object_name = "lesson"

    def get_object(self, queryset=None):
        course = self.get_course(self.kwargs["course_slug"])
        lessons = course.lessons.all() if self.is_preview else course.lessons.published()
        lesson = get_object_or_404(lessons, slug=self.kwargs["slug"])
        lesson.course = course
        return lesson

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lesson = self.object
        course = lesson.course
        siblings = list(self.lessons_of(course))
        for sibling in siblings:
            sibling.course = course
        previous, following = lesson.neighbours(siblings)
        attachments = list(lesson.attachments.all())
        for attachment in attachments:
            attachment.lesson = lesson
        context.update(
            course=course,
            previous_lesson=previous,
            next_lesson=following,
            lesson_number=next((i for i, s in enumerate(siblings, 1) if s.pk == lesson.pk), None),
            lesson_total=len(siblings),
            attachments=attachments,
            tools=list(Tool.objects.published().for_list().filter(lessons=lesson).order_by("name")),
            structured_data=lesson_structured_data(self.request, lesson),
        )
        return context


class AttachmentDownloadView(View):
    """Serve a lesson attachment with the Content-Type of its (validated) type.

    The files of a lesson that is not public are served only under the preview rule
    (``?preview=1``, for staff who may preview the lesson), privately. Every file lives in the
    private storage, so this view is the only way to it; after the check the web server may
    send it (``editorial.storage.serve_private_file``).
    """

    def get(self, request, course_slug, lesson_slug, pk, filename):
        attachment = get_object_or_404(
            Attachment.objects.select_related("lesson__course"),
            pk=pk,
            lesson__slug=lesson_slug,
            lesson__course__slug=course_slug,
        )
        public = attachment.lesson.is_published
        if not (public or may_preview(request, attachment)) or filename != attachment.filename:
            raise Http404
        content_type = attachment.content_type
        response = serve_private_file(
            request,
            attachment.file,
            content_type=content_type,
            as_attachment=content_type not in INLINE_CONTENT_TYPES,
            filename=attachment.filename,
        )
        return response if public else mark_private(response)


class MoocView(TemplateView):
    """What the MOOC is and covers, with a clear, counted link out.
    Template: ``courses/mooc.html``; context: ``mooc_link``, ``mooc_host``, ``courses``."""

    template_name = "courses/mooc.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mooc_link"] = mooc_link()
        context["mooc_host"] = urlsplit(mooc_base(current_language())).hostname
        context["courses"] = list(Course.objects.published().exclude(mooc_module="").order_by("mooc_module"))
        return context


def mooc_base(language: str) -> str:
    """The MOOC in ``language`` (``MOOC_URLS``), else the one MOOC (``MOOC_URL``)."""
    return settings.MOOC_URLS.get(language) or settings.MOOC_URL


def mooc_target(module: str, language: str = "") -> str | None:
    """The MOOC address for ``module`` in ``language``, or None when it would lead anywhere but
    the host of that language's MOOC address."""
    url = mooc_base(language)
    base = url if url.endswith("/") else f"{url}/"
    if module and not MOOC_MODULE_RE.fullmatch(module):
        return None
    target = urljoin(base, module)
    expected, actual = urlsplit(base), urlsplit(target)
    if (
        actual.scheme not in {"http", "https"}
        or actual.scheme != expected.scheme
        or actual.netloc.lower() != expected.netloc.lower()
        or actual.username
        or actual.password
    ):
        return None
    parameter = settings.MOOC_LANGUAGE_PARAMETER
    if parameter and language and language not in settings.MOOC_URLS:
        # One MOOC for every language (e.g. Moodle's ?lang=it): tell it the visitor's language.
        target = f"{target}?{urlencode({parameter: language})}"
    return target


@method_decorator(never_cache, name="dispatch")
class MoocRedirectView(View):
    """``/<lang>/mooc/go/?module=module-2&course=<slug>``: count the click, then go to the MOOC.

    Every outbound MOOC link passes here, so clicks are counted per language and course. It goes to
    the MOOC in the page's language (``MOOC_URLS``, else ``MOOC_URL``) and only ever to that
    address's host: anything else is refused with 400, an unknown course with 404. Never cached,
    so each click reaches the counter.
    """

    http_method_names = ["get", "head"]

    def get(self, request):
        module = request.GET.get("module", "")
        course_slug = request.GET.get("course", "")
        course = None
        if course_slug:
            course = Course.objects.published().filter(slug=course_slug).first()
            if course is None:
                raise Http404
            module = module or course.mooc_module
        language = current_language()
        target = mooc_target(module, language) if len(module) <= 200 else None
        if target is None:
            return TemplateResponse(
                request, "courses/mooc_refused.html", {"mooc_link": mooc_link()}, status=400
            )
        if request.method == "GET":  # a HEAD request (a link checker) is not a visitor
            MoocClick.objects.record(language=language, course=course, module=module)
        return HttpResponseRedirect(target)


def course_structured_data(request, course, lessons) -> dict:
    """schema.org ``Course`` (with its ``CourseInstance``) for search engines."""
    url = request.build_absolute_uri(course.get_absolute_url())
    instance = {
        "@type": "CourseInstance",
        "courseMode": "online" if course.kind == Kind.WEBINAR else "onsite",
        "inLanguage": course.language,
        "startDate": course.start_date.isoformat(),
        "endDate": (course.end_date or course.start_date).isoformat(),
    }
    if course.place or course.country:
        address = {"@type": "PostalAddress"}
        if course.place:
            address["addressLocality"] = course.place
        if course.country:
            address["addressCountry"] = course.country
        instance["location"] = {
            "@type": "Place",
            "name": course.place or course.get_country_display(),
            "address": address,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": course.summary,
        "url": url,
        "inLanguage": current_language(),
        "hasCourseInstance": [instance],
        "syllabusSections": [
            {
                "@type": "Syllabus",
                "name": lesson.title,
                "url": request.build_absolute_uri(lesson.get_absolute_url()),
            }
            for lesson in lessons
        ],
    }
    if course.organiser:
        data["provider"] = {"@type": "Organization", "name": course.organiser}
        instance["organizer"] = data["provider"]
    return data


def lesson_structured_data(request, lesson) -> dict:
    """schema.org ``LearningResource`` for a lesson, part of its ``Course``."""
    course = lesson.course
    return {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": lesson.title,
        "url": request.build_absolute_uri(lesson.get_absolute_url()),
        "inLanguage": shown_language(lesson, "body"),
        "timeRequired": f"PT{lesson.reading_minutes}M",
        "learningResourceType": "lesson text",
        "isPartOf": {
            "@type": "Course",
            "name": course.title,
            "url": request.build_absolute_uri(course.get_absolute_url()),
        },
    }
