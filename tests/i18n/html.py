"""A rendered page as a visitor (and a search engine) reads it, with the standard library's HTML parser.

``parse(html)`` gives the visible text of a page, each piece with the language it is marked up in
(the nearest ``lang`` attribute), plus the head's title, meta description, canonical and hreflang
links and every link with its attributes.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip
# Elements whose text a visitor never reads (our SVGs are icons, hidden from screen readers).
# Elements with a ``hidden`` attribute are read: a script may show them (the lesson's print button).
HIDDEN_ELEMENTS = {"script", "style", "template", "svg"}
# Attributes that a visitor (or a screen reader) reads.
READ_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


@dataclass
class Text:
    text: str
    lang: str
    tag: str
    classes: str = ""


@dataclass
class Page:
    html_lang: str = ""
    title: str = ""
    meta: dict = field(default_factory=dict)
    links: list = field(default_factory=list)  # (attrs dict) of every <link>
    anchors: list = field(default_factory=list)  # (attrs dict, text) of every <a>
    texts: list = field(default_factory=list)  # Text pieces of the body

    def alternates(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def canonical(self) -> str | None:
        found = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(found) <= 1, found
        return found[0] if found else None

    def visible_text(self, *, outside_lang: str | None = None) -> list[Text]:
        """The pieces of visible text, leaving out those marked up as ``outside_lang``."""
        return [piece for piece in self.texts if outside_lang is None or piece.lang != outside_lang]

    def has_class(self, name: str) -> bool:
        return any(name in piece.classes.split() for piece in self.texts)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        # Open elements: (tag, lang, hidden, classes)
        self.stack: list[tuple[str, str, bool, str]] = []
        self.in_title = False
        self.anchor: tuple[dict, list] | None = None

    # The current context

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    @property
    def classes(self) -> str:
        return " ".join(entry[3] for entry in self.stack if entry[3])

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.html_lang = attributes.get("lang", "")
        if tag == "meta" and "name" in attributes:
            self.page.meta[attributes["name"]] = attributes.get("content", "")
        if tag == "meta" and "property" in attributes:
            self.page.meta[attributes["property"]] = attributes.get("content", "")
        if tag == "link":
            self.page.links.append(attributes)
        if tag == "title":
            self.in_title = True
        lang = attributes.get("lang", self.lang)
        hidden = self.hidden or tag in HIDDEN_ELEMENTS
        if tag == "a":
            self.anchor = (attributes, [])
        if not hidden and self.in_body():
            for name in READ_ATTRIBUTES:
                if attributes.get(name, "").strip():
                    self._add(attributes[name], lang, tag, attributes.get("class", ""))
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self._add(attributes["value"], lang, tag, attributes.get("class", ""))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, lang, hidden, attributes.get("class", "")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "a" and self.anchor:
            attributes, parts = self.anchor
            self.page.anchors.append((attributes, " ".join(" ".join(parts).split())))
            self.anchor = None
        # Close up to the matching element (browsers forgive missing end tags; so do we).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
            return
        if self.anchor:
            self.anchor[1].append(data)
        if self.hidden or not self.in_body() or not data.strip():
            return
        self._add(data, self.lang, self.stack[-1][0], self.classes)

    def in_body(self) -> bool:
        return any(entry[0] == "body" for entry in self.stack)

    def _add(self, text, lang, tag, classes):
        self.page.texts.append(Text(" ".join(text.split()), lang, tag, classes))


def parse(html: str | bytes) -> Page:
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Parser()
    parser.feed(html)
    parser.close()
    page = parser.page
    page.title = " ".join(page.title.split())
    return page
