from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

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
    """A note in the visitor's language when ``field`` is shown in English because it is not translated."""
    current = (get_language() or "en").split("-")[0]
    shown = shown_language(instance, field, current)
    return {
        "is_fallback": shown != current,
        "current_language_name": get_language_info(current)["name_translated"],
        "shown_language": shown,
    }
