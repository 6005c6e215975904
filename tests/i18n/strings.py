"""The English UI strings a non-English page must not show: msgids of the .po files of the public pages."""

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The site-wide catalogue (templates/, wisebusiness/) and the apps whose templates make the public pages.
PUBLIC_LOCALE_DIRS = [
    ROOT / "locale",
    *(ROOT / app / "locale" for app in ("catalogue", "courses", "articles", "checkup", "help", "api")),
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Not shown to visitors: the admin's strings.
ADMIN_FILES = re.compile(r"(^|/)admin\.py$")


def _is_public(entry) -> bool:
    files = [path for path, _line in entry.occurrences]
    return not files or not all(ADMIN_FILES.search(path) for path in files)


def _pattern(msgid: str) -> re.Pattern | None:
    """A pattern that finds ``msgid`` in a piece of text, or None when it is too short to tell.

    Several words are searched for inside a piece of text; one word only as the whole piece
    (a lone "Price" label, a "Search" button), so that a word shared by two languages inside
    a sentence is not taken for English. Placeholders match anything; the fixed words around
    them must be at least two words.
    """
    msgid = " ".join(msgid.split())
    fixed = PLACEHOLDER.sub(" ", msgid)
    words = re.findall(r"[A-Za-z]{2,}", fixed)
    if not words:
        return None
    parts = [re.escape(part) for part in PLACEHOLDER.split(msgid)]
    body = r".+?".join(parts)
    if PLACEHOLDER.search(msgid):
        return re.compile(rf"(?<!\w){body}(?!\w)") if len(words) >= 2 else None
    if len(words) >= 2:
        return re.compile(rf"(?<!\w){body}(?!\w)")
    return re.compile(rf"^{body}[:.]?$")


@cache
def english_ui_strings(language: str) -> dict[str, re.Pattern]:
    """English msgid -> pattern, for the strings whose ``language`` translation differs from the English."""
    found = {}
    for locale_dir in PUBLIC_LOCALE_DIRS:
        catalogue = polib.pofile(str(locale_dir / language / "LC_MESSAGES" / "django.po"))
        for entry in catalogue:
            if entry.obsolete or not _is_public(entry):
                continue
            if entry.msgid_plural:
                translations = {text.strip() for text in entry.msgstr_plural.values()}
            else:
                translations = {entry.msgstr.strip()}
            for msgid in filter(None, {entry.msgid, entry.msgid_plural}):
                # A string the language writes the same way ("MOOC", "Online") is no sign of English.
                if msgid.strip() in translations:
                    continue
                pattern = _pattern(msgid)
                if pattern is not None:
                    found[msgid] = pattern
    return found


def english_strings_in(pieces, language: str) -> list[tuple[str, str]]:
    """(msgid, text) for every known English UI string found in the given pieces of text."""
    patterns = english_ui_strings(language)
    hits = []
    for piece in pieces:
        for msgid, pattern in patterns.items():
            if pattern.search(piece.text):
                hits.append((msgid, piece.text))
    return hits
