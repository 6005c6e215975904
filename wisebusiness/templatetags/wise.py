from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wisebusiness.richtext import sanitize_html
from wisebusiness.translated import shown_language

register = template.Library()


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
    current = (get_language() or "en").split("-")[0]
    return {"is_fallback": shown_language(instance, field, current) != current, "LANGUAGE_CODE": current}
