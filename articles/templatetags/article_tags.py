from django import template

from articles.models import Article

register = template.Library()

TOOL_ARTICLES_LIMIT = 6


@register.simple_tag
def tool_articles(tool, limit=TOOL_ARTICLES_LIMIT):
    """``{% tool_articles tool as articles %}``: the published articles about a tool, newest first.

    One query, whatever the number of articles: the tool detail page stays at a fixed count.
    """
    if tool is None or tool.pk is None:
        return []
    return list(Article.objects.published().filter(tools=tool).for_cards().newest_first()[:limit])
