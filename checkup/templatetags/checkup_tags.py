"""Figures of a check-up result as each language writes them (20%, 20 %, +15)."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def percent(value):
    """A score rounded to a whole number with the language's percent sign; a dash for none."""
    if value is None or value == "":
        return "—"
    return gettext("%(value)s%%") % {"value": round(value)}


@register.filter
def points(value):
    """A change in percentage points with its sign: +15, -5 (with a minus sign), ±0."""
    if value is None:
        return "—"
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"\u2212{-rounded}"
    return "±0"


@register.filter
def get(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
