"""Monograms for tools without a logo: initials and a colour, the same everywhere, readable."""

import re

import pytest

from catalogue.marks import PALETTE, TEXT_COLOUR, Monogram, colour, initials, share_card_png
from tests.catalogue.factories import ToolFactory


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("GnuCash", "GC"),
        ("WooCommerce", "WC"),
        ("Google Workspace", "GW"),
        ("Microsoft 365", "M3"),
        ("Moodle", "Mo"),
        ("QGIS", "QG"),
        ("SimplyBook.me", "SB"),
        ("Čistoća", "Či"),
        ("", "?"),
        ("<b>", "B"),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("background", PALETTE)
def test_every_colour_keeps_white_initials_readable(background):
    lighter, darker = sorted([_luminance(TEXT_COLOUR), _luminance(background)], reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_the_colour_depends_on_the_slug_only_and_is_stable():
    assert colour("gnucash") == colour("gnucash")
    assert {colour(f"tool-{n}") for n in range(200)} == set(PALETTE)  # all colours are used


def test_svg_is_escaped_and_decorative():
    svg = str(Monogram("<&", "#0b5d4b").svg(48))
    assert "&lt;&amp;" in svg
    assert 'aria-hidden="true"' in svg
    assert "style=" not in svg  # the CSP allows no inline styles


def test_cards_and_pages_show_the_monogram_without_a_logo(client, db):
    ToolFactory(name="GnuCash", slug="gnucash")
    for path in ("/en/catalogue/", "/en/catalogue/gnucash/"):
        html = client.get(path).content.decode()
        assert re.search(r'<svg class="mark"[^>]*>.*?>GC</text></svg>', html), path


def test_the_share_card_is_a_png(client, db):
    assert share_card_png("GnuCash", "gnucash", "WISE Business").startswith(b"\x89PNG")
    ToolFactory(name="GnuCash", slug="gnucash")
    ToolFactory(slug="draft-tool", status="draft")
    response = client.get("/en/catalogue/gnucash/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age" in response["Cache-Control"]
    assert client.get("/en/catalogue/draft-tool/card.png").status_code == 404
