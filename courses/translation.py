from modeltranslation.translator import TranslationOptions, register

from courses.models import Course, Lesson


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    # The place too: "Zagabria" on an Italian page, "Zagrzeb" on a Polish one.
    fields = ("title", "summary", "place")


@register(Lesson)
class LessonTranslationOptions(TranslationOptions):
    fields = ("title", "body")
