import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from editorial.languages import FALLBACK_NOTES, current_language, shown_language
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


@register.inclusion_tag("editorial/_fallback_note.html")
def fallback_note(instance, *fields):
    """A note in the visitor's language when one of ``fields`` (``"summary" "description"``) is shown
    in another language for want of a translation, naming that language in a whole sentence
    (``editorial.languages.FALLBACK_NOTES``)."""
    current = current_language()
    shown = next(
        (
            language
            for language in (shown_language(instance, field, current) for field in fields)
            if language != current
        ),
        current,
    )
    return {"is_fallback": shown != current, "note": FALLBACK_NOTES.get(shown, ""), "LANGUAGE_CODE": current}


@register.filter
def json_ld(data):
    """``{{ data|json_ld }}``: a schema.org ``<script type="application/ld+json">`` block, safely escaped."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # escaped above
