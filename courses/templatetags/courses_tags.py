import json
import re

from django import template
from django.utils.safestring import mark_safe

from courses.models import Lesson
from wisebusiness.richtext import sanitize_html

register = template.Library()

# The same escapes as Django's json_script: no value can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """``{{ data|ld_json }}``: a schema.org JSON-LD block, escaped like ``json_script``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped just above


@register.simple_tag
def lessons_for_tool(tool):
    """``{% lessons_for_tool tool as lessons %}``: the published lessons covering a tool (one query)."""
    return list(Lesson.objects.for_tool(tool))


@register.filter
def lesson_body(html):
    """A lesson's rich text, sanitized, with each table focusable: a wide table scrolls
    sideways on a phone, and keyboard users must be able to scroll it too."""
    clean = sanitize_html(html)
    return mark_safe(re.sub(r"<table>", '<table tabindex="0">', clean))  # sanitized just above
