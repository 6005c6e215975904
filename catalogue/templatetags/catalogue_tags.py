from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

from catalogue import cards
from catalogue.marks import Monogram
from editorial.languages import current_language

register = template.Library()


@register.filter
def available_in(tool, language):
    """``{% if tool|available_in:language %}``: whether the tool's own screens exist in that language."""
    return tool.is_available_in(language or "")


@register.filter
def mark(tool, size=48):
    """``{{ tool|mark:72 }}``: the tool's monogram as inline SVG (for tools without a logo)."""
    return Monogram.of(tool).svg(int(size))


def count_text(count: int) -> str:
    """What a screen reader hears after an option's number, in the right plural form."""
    return ngettext("(%(counter)s tool)", "(%(counter)s tools)", count) % {"counter": count}


@register.simple_tag
def facet_options(facet):
    """``{% facet_options facet %}``: the checkboxes of one facet of the filter panel.

    Written here rather than as a template loop: the panel has some sixty options, and a loop of
    tags, filters and a plural sentence per option was a third of the list page's rendering.
    """
    name = facet["name"]
    icons = {}

    def row(option):
        value, icon = option["value"], option["icon"]
        if icon and icon not in icons:
            icons[icon] = format_html(
                '<img class="facet__icon" src="{}" alt="" width="20" height="20"> ',
                static(f"catalogue/icons/{icon}.svg"),
            )
        return (
            " facet__option--empty" if option["disabled"] else "",
            name,
            value,
            name,
            value,
            " checked" if option["checked"] else "",
            " disabled" if option["disabled"] else "",
            name,
            value,
            icons.get(icon, ""),
            option["label"],
            option["count"],
            count_text(option["count"]),
        )

    return format_html_join(
        "\n",
        '<li class="facet__option{}">\n'
        '        <input type="checkbox" name="{}" value="{}" id="f-{}-{}"{}{}>\n'
        '        <label for="f-{}-{}">{}{}\n'
        '          <span class="facet__count"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span></label>\n'
        "      </li>",
        (row(option) for option in facet["options"]),
    )


@register.simple_tag(takes_context=True)
def card_body(context, tool):
    """``{% card_body tool %}``: a list card's mark, name, summary and badges
    (``catalogue/_card_body.html``), rendered once per tool, language and content version and
    then kept in this process (``catalogue.cards``). The shortlist button, which depends on the
    visitor, stays outside."""
    language = current_language()

    def render() -> str:
        template = context.template.engine.get_template("catalogue/_card_body.html")
        return template.render(context.new({"tool": tool, "language": language}))

    # The view names the version it read (one cache look-up a request, not one a card).
    return cards.card_body(tool.pk, language, render, version=context.get("content_version"))


# What the tool page's body (``catalogue/_tool_body.html``) reads from the page's context.
TOOL_BODY_CONTEXT = ("tool", "language", "sectors", "needs", "alternatives", "offers_here", "visitor_country")


@register.simple_tag(takes_context=True)
def tool_page_body(context):
    """``{% tool_page_body %}``: the tool page from its badges to its alternatives, rendered once
    per tool, language and content version and then kept in this process (``catalogue.cards``).
    The view passes ``kept_body`` when it found it kept (and read only the page's frame); a
    preview is never kept."""
    if context.get("kept_body"):
        return context["kept_body"]

    def render() -> str:
        template = context.template.engine.get_template("catalogue/_tool_body.html")
        return template.render(context.new({name: context.get(name) for name in TOOL_BODY_CONTEXT}))

    if context.get("is_preview"):
        return render()
    tool = context["tool"]
    return cards.TOOL_PAGE_BODIES.get((tool.slug, context["language"]), render)


@register.simple_tag(takes_context=True)
def shortlist_button(context, tool):
    """``{% shortlist_button tool %}``: add the tool to the visitor's shortlist, or take it out. A
    POST form that works without JavaScript (catalogue.js sends it with fetch and puts the
    answer's label on the button), back to this page at the tool's name: the element with id
    ``name-<slug>`` names the tool for the button. Needs ``shortlisted`` and ``request``.

    Written here rather than as an included template: a list page has twenty of them.
    """
    slug = tool.slug
    if slug in context.get("shortlisted", ()):
        action, style, label = "remove", "button button--small", gettext("Remove from my shortlist")
    else:
        action, style, label = "add", "button button--small button--secondary", gettext("Add to my shortlist")
    return format_html(
        '<form class="shortlist-form" method="post" action="{}" data-shortlist>'
        '<input type="hidden" name="tool" value="{}">'
        '<input type="hidden" name="next" value="{}#name-{}">'
        '<input type="hidden" name="action" value="{}">'
        '<button class="{}" aria-describedby="name-{}">{}</button></form>',
        reverse("catalogue:shortlist"),
        slug,
        context["request"].get_full_path(),
        slug,
        action,
        style,
        slug,
        label,
    )
