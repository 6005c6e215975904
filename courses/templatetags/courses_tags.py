import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from courses.dates import date_range
from editorial.richtext import sanitize_html

register = template.Library()


@register.filter
def lesson_body(html):
    """A lesson's rich text, sanitized, with each table focusable: a wide table scrolls
    sideways on a phone, and keyboard users must be able to scroll it too."""
    clean = sanitize_html(html)
    return mark_safe(re.sub(r"<table>", '<table tabindex="0">', clean))  # sanitized just above


@register.simple_tag
def dates(start, end=None):
    """``{% dates course.start_date course.end_date %}``: one date or a range, as the active
    language writes it ("16-18 June 2026", with an en dash), each end in its own ``<time datetime>``."""
    shown = date_range(start, end)
    first = format_html('<time datetime="{}">{}</time>', shown.start.isoformat(), shown.start_text)
    if shown.end is None:
        return first
    last = format_html('<time datetime="{}">{}</time>', shown.end.isoformat(), shown.end_text)
    return format_html("{}{}{}", first, shown.separator, last)
