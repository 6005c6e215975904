"""Rich text written by partner editors: the field, its sanitizer and its editor widget.

The HTML is sanitized with nh3 on save and again on output. The editor (django-prose-editor)
is configured with extensions that write only the tags the sanitizer keeps, so what an
editor sees while typing is what the page will show.
"""

import inspect
import math

import nh3
from django.db import models
from django.utils.html import strip_tags
from django_prose_editor.widgets import AdminProseEditorWidget
from modeltranslation.fields import TranslationFieldDescriptor

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Only web and mail links; "javascript:" and "data:" URLs never survive.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# Words a reader gets through in a minute: an unhurried pace, for texts often read in a second language.
WORDS_PER_MINUTE = 180


def reading_minutes(html: str | None) -> int:
    """Minutes to read a rich text (at least one): its words, not its tags."""
    return max(1, math.ceil(len(strip_tags(html or "").split()) / WORDS_PER_MINUTE))


def sanitize_html(html: str | None) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class RichTextField(models.TextField):
    """A TextField whose HTML is sanitized whenever the model is saved.

    Sanitizing in ``pre_save`` covers the admin, imports and code alike; templates
    still render it through the ``richtext`` filter, so nothing unsanitized can reach
    a page even if a row was written by other means.
    """

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # A translated field's own name (``body``) reads the active language with the English
        # fallback and writes the active language: assigning it back would copy the English text
        # into, say, ``body_hr`` whenever a page or the admin saves in Croatian. Each language's
        # column (``body_hr``) is a RichTextField too and is sanitized on its own.
        descriptor = inspect.getattr_static(type(model_instance), self.attname, None)
        if not isinstance(descriptor, TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value


PROSE_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Code": True,
    "CodeBlock": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}
PROSE_EDITOR_CONFIG = {"extensions": PROSE_EDITOR_EXTENSIONS}


def rich_text_widget() -> AdminProseEditorWidget:
    return AdminProseEditorWidget(config=PROSE_EDITOR_CONFIG, preset="configurable")


def editor_inline_scripts() -> list[str]:
    """The inline scripts the editor widget puts on an admin page: its import map (which maps
    the editor's module names to their static files). The admin's Content-Security-Policy
    allows exactly these by hash (``editorial.middleware.ContentSecurityPolicyMiddleware``)."""
    from django_prose_editor.widgets import importmap

    rendered = str(importmap.render())
    return [rendered[rendered.index(">") + 1 : rendered.rindex("</script>")]]
