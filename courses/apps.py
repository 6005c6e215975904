from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from catalogue import sections
        from courses.models import Lesson

        # "Learn <tool> in our lessons" on every tool page, loaded with the tool.
        sections.register(
            order=10,
            template="courses/_tool_lessons.html",
            relation="lessons",
            rows=Lesson.objects.for_tool_page,
        )
