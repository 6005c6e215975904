from django import template

register = template.Library()


@register.filter
def available_in(tool, language):
    """``{% if tool|available_in:language %}``: whether the tool's own screens exist in that language."""
    return tool.is_available_in(language or "")
