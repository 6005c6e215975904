"""django-prose-editor in the admin, configured to produce only what the site keeps.

The editor's extensions are chosen so that every tag it can write is in
``wisebusiness.richtext.ALLOWED_TAGS``; the saved HTML is sanitized by the
``RichTextField`` itself (nh3), whatever the editor or an import sends.
"""

from django_prose_editor.widgets import AdminProseEditorWidget

from wisebusiness.richtext import ALLOWED_URL_SCHEMES

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
