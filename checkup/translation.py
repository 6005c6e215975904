from modeltranslation.translator import TranslationOptions, register

from checkup.models import AnswerOption, Dimension, Question, Questionnaire


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    required_languages = {"en": ("title",)}


@register(Dimension)
class DimensionTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "description")
    required_languages = {"en": ("name", "short_name")}


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "hint", "advice")
    required_languages = {"en": ("text", "advice")}


@register(AnswerOption)
class AnswerOptionTranslationOptions(TranslationOptions):
    fields = ("text", "flag_text")
    required_languages = {"en": ("text",)}
