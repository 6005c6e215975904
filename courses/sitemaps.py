from courses.models import Course, Lesson
from editorial.sitemaps import TranslatedSitemap


class CourseSitemap(TranslatedSitemap):
    """Published courses, in every language."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Course.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated


class LessonSitemap(TranslatedSitemap):
    """Published lessons of published courses, in every language."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Lesson.objects.published()
            .for_toc()
            .select_related("course")
            .order_by("course__slug", "order", "pk")
        )

    def lastmod(self, item):
        return item.updated


sitemaps = {"courses": CourseSitemap, "lessons": LessonSitemap}
