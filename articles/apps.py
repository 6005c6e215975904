from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles.models import Article
        from catalogue import sections

        # "Articles about <tool>" on every tool page, loaded with the tool.
        sections.register(
            order=20,
            template="articles/_tool_articles.html",
            relation="articles",
            rows=Article.objects.for_tool_page,
        )
