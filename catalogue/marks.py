"""A mark for every tool: its logo, or a monogram made from its name when it has none.

The monogram (initials on a coloured square) is the same for a tool on every page and in
every process: the colour comes from a digest of the slug, never from Python's randomised
``hash()``. Every colour of the palette keeps white initials at a contrast of 4.5:1 or more
(tests/catalogue/test_marks.py measures them). The share card (``og:image``) is the same
mark drawn as a PNG, because social networks do not read SVG.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from django.utils.html import format_html

#: Dark enough for white text (each at least 4.5:1): greens, blues, red, purple, brown, slate.
PALETTE = [
    "#0b5d4b",
    "#1f5fbf",
    "#8a1c1c",
    "#5b3f99",
    "#7a4a00",
    "#00606b",
    "#9b2f66",
    "#3d4f5c",
    "#2e6b1f",
    "#6a3d1e",
]
TEXT_COLOUR = "#ffffff"
_WORDS = re.compile(r"[^\W_]+")


def initials(name: str) -> str:
    """Two letters for a name: "GnuCash" → "GC", "Google Workspace" → "GW", "Moodle" → "Mo"."""
    words = _WORDS.findall(name or "")
    if not words:
        return "?"
    first = words[0]
    capitals = [letter for letter in first if letter.isupper()]
    if len(capitals) >= 2:
        return "".join(capitals[:2])
    if len(words) >= 2:
        return (first[0] + words[1][0]).upper()
    return first[:1].upper() + first[1:2].lower()


def colour(slug: str) -> str:
    digest = hashlib.sha256((slug or "").encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


@dataclass(frozen=True)
class Monogram:
    letters: str
    background: str

    @classmethod
    def of(cls, tool) -> Monogram:
        return cls(initials(tool.name), colour(tool.slug))

    def svg(self, size: int = 48):
        """Inline SVG markup (decorative: the tool's name is always written next to it).

        Drawn on a 48-unit square whatever its size; the letters' font, colour and anchor come
        from catalogue.css (``.mark text``), so twenty cards do not repeat them.
        """
        return format_html(
            '<svg class="mark" width="{size}" height="{size}" viewBox="0 0 48 48" aria-hidden="true">'
            '<rect width="48" height="48" rx="10" fill="{bg}"/>'
            '<text x="24" y="24" dy=".35em">{letters}</text></svg>',
            size=size,
            bg=self.background,
            letters=self.letters,
        )


def share_card_png(name: str, slug: str, site_name: str) -> bytes:
    """A 1200 by 630 PNG for ``og:image``: the monogram, the tool's name and the site's name."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1200, 630
    mark = Monogram(initials(name), colour(slug))
    image = Image.new("RGB", (width, height), "#f6f8f7")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((80, 165, 380, 465), radius=60, fill=mark.background)
    draw.text((230, 315), mark.letters, fill=TEXT_COLOUR, font=ImageFont.load_default(size=130), anchor="mm")
    title_font = ImageFont.load_default(size=72)
    title = name
    while draw.textlength(title, font=title_font) > 700 and len(title) > 4:
        title = title[:-2].rstrip() + "…"
    draw.text((440, 300), title, fill="#1c2321", font=title_font, anchor="ls")
    draw.text((440, 390), site_name, fill="#0b5d4b", font=ImageFont.load_default(size=44), anchor="ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
