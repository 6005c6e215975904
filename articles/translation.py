from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, Category


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "hero_alt")
