from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models import Prefetch

        from catalogue.sections import ToolPageSection, register
        from courses.models import Lesson

        # "Learn <tool> in our lessons" on every tool page, loaded with the tool.
        register(
            ToolPageSection(
                order=10,
                template="courses/_tool_lessons.html",
                prefetch=lambda: Prefetch(
                    "lessons", queryset=Lesson.objects.for_tool_page(), to_attr="published_lessons"
                ),
            )
        )
