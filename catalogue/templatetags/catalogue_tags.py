from django import template

from catalogue.marks import Monogram

register = template.Library()


@register.filter
def available_in(tool, language):
    """``{% if tool|available_in:language %}``: whether the tool's own screens exist in that language."""
    return tool.is_available_in(language or "")


@register.filter
def mark(tool, size=48):
    """``{{ tool|mark:72 }}``: the tool's monogram as inline SVG (for tools without a logo)."""
    return Monogram.of(tool).svg(int(size))
