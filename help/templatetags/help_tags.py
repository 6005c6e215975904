"""Template helpers of the help pages. None of them queries the database."""

from django import template

from help.countries import COUNTRY_PARAMETER, country_name, sorted_countries, visitor_country

register = template.Library()


@register.simple_tag(takes_context=True)
def visitor_country_code(context) -> str:
    """The visitor's country (``?country=``, their session, or their language's)."""
    request = context.get("request")
    return visitor_country(request) if request is not None else ""


@register.simple_tag
def help_countries() -> list[tuple[str, str]]:
    """(code, name) of every country, in the visitor's language, by name."""
    return sorted_countries()


@register.simple_tag
def country_parameter() -> str:
    return COUNTRY_PARAMETER


@register.filter
def country_label(code: str) -> str:
    return country_name(code)
