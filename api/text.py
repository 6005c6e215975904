"""Rich text to plain text and back, for publiccode.yml (whose descriptions are plain text).

Paragraphs and headings become paragraphs separated by a blank line, list items lines that
start with "- "; the way back turns those into ``<p>`` and ``<ul><li>``, escaped. A
description exported and imported again keeps its paragraphs and lists (not its bold or links).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre", "figcaption", "caption", "tr"}
LIST_ITEM_MARKERS = ("- ", "* ")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.in_item = False

    def _flush(self, prefix: str = ""):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(prefix + text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS or tag == "li":
            self._flush("- " if self.in_item else "")
            self.in_item = tag == "li"
        elif tag == "br" or tag in ("td", "th"):
            self.current.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS or tag == "li":
            self._flush("- " if tag == "li" else "")
            self.in_item = False

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(html: str | None) -> str:
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    parser._flush("- " if parser.in_item else "")
    text, previous_item = "", False
    for block in parser.blocks:
        item = block.startswith("- ")
        if text:
            text += "\n" if item and previous_item else "\n\n"
        text += block
        previous_item = item
    return text


def text_to_html(text: str | None) -> str:
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith(LIST_ITEM_MARKERS) for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(html)


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word with an ellipsis when too long."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
