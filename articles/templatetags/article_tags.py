import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the <script> element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
TOOL_ARTICLES_LIMIT = 6


@register.filter
def article_json_ld(data):
    """``{{ data|article_json_ld }}``: a ``<script type="application/ld+json">`` block, safely escaped."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # escaped above


@register.simple_tag
def tool_articles(tool, limit=TOOL_ARTICLES_LIMIT):
    """``{% tool_articles tool as articles %}``: the published articles about a tool, newest first.

    One query, whatever the number of articles: the tool detail page stays at a fixed count.
    """
    if tool is None or tool.pk is None:
        return []
    return list(Article.objects.published().filter(tools=tool).for_cards().newest_first()[:limit])
