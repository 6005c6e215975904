from modeltranslation.translator import TranslationOptions, register

from courses.models import Course, Lesson


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"en": ("title",)}


@register(Lesson)
class LessonTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"en": ("title",)}
