from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from django.db.models import Prefetch

        from articles.models import TOOL_PAGE_ARTICLES, Article
        from catalogue.sections import ToolPageSection, register

        # "Articles about <tool>" on every tool page, loaded with the tool.
        register(
            ToolPageSection(
                order=20,
                template="articles/_tool_articles.html",
                prefetch=lambda: Prefetch(
                    "articles",
                    queryset=Article.objects.published().for_cards().newest_first()[:TOOL_PAGE_ARTICLES],
                    to_attr="published_articles",
                ),
            )
        )
