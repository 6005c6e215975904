import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial.languages import current_language, is_fallback, shown_language
from editorial.richtext import sanitize_html

register = template.Library()

# As django.utils.html.json_script does: nothing in the data can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def richtext(value):
    """Render editor HTML, sanitized once more on the way out."""
    return mark_safe(sanitize_html(value))  # sanitized by nh3 just above


@register.filter
def shown_lang(instance, field):
    """``{{ tool|shown_lang:"description" }}``: the language code that field is displayed in."""
    return shown_language(instance, field)


@register.inclusion_tag("includes/fallback_note.html")
def fallback_note(instance, field):
    """A note in the visitor's language when ``field`` is shown in English because it is not translated.

    Each translation names its own language ("... po polsku"), which reads better than
    a language name inserted into one sentence for all.
    """
    current = current_language()
    return {"is_fallback": is_fallback(instance, field, current), "LANGUAGE_CODE": current}


@register.filter
def json_ld(data):
    """``{{ data|json_ld }}``: a schema.org ``<script type="application/ld+json">`` block, safely escaped."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # escaped above
