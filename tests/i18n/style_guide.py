"""Reading the style guides' data files (docs/style/<lang>.toml) and the texts they hold to account.

The texts are every msgstr of every project .po file (the site's ``locale/`` and each app's
``<app>/locale/``, whatever apps exist) and every demo text: each ``{"en": …, "it": …}`` object in
``<app>/demo/**/*.json`` and in the constants of the ``<app>/demo`` Python modules.
"""

import html
import importlib
import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
STYLE_DIR = ROOT / "docs" / "style"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
NOT_APPS = {".venv", ".data", ".git", "tests", "bench", "node_modules", "docs", "static", "templates"}

TAG = re.compile(r"<[^>]+>")
# A paragraph, list item or table cell starts a new sentence; an inline tag does not.
BLOCK_TAG = re.compile(
    r"</?(?:p|li|td|th|tr|h[1-6]|div|br|ul|ol|table|thead|tbody|blockquote)\b[^>]*>", re.IGNORECASE
)
# Letters of every language we write, so "š" or "ł" never counts as a word boundary.
LETTER = r"[^\W\d_]"


@dataclass(frozen=True)
class Text:
    """One piece of text in one language, and where it comes from (for the failure message)."""

    language: str
    text: str
    where: str


@dataclass(frozen=True)
class Finding:
    where: str
    rule: str
    found: str
    text: str

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 140 else self.text[:137] + "…"
        return f"{self.where}: {self.rule} “{self.found}” in: {excerpt}"


def _word_pattern(term: str) -> str:
    """A literal term on word boundaries; ``*`` stands for any letters (inflected endings)."""
    parts = [re.escape(part) for part in term.split("*")]
    body = f"{LETTER}*".join(parts)
    return rf"(?<!{LETTER}){body}(?!{LETTER})"


class Guide:
    """The machine-readable rules of one language's style guide."""

    def __init__(self, language: str):
        self.path = STYLE_DIR / f"{language}.toml"
        data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        self.language = data["language"]
        self.data = data
        self.allow = [re.compile(_word_pattern(phrase), re.IGNORECASE) for phrase in data.get("allow", [])]
        self.forbidden = []
        for rule in data.get("forbidden", []):
            source = rule["pattern"] if "pattern" in rule else _word_pattern(rule["term"])
            self.forbidden.append((re.compile(source, re.IGNORECASE | re.MULTILINE), rule["use"]))
        register = data.get("register", {})
        self.register_form = register.get("form", "")
        self.markers = [
            re.compile(_word_pattern(word), re.IGNORECASE) for word in register.get("markers", [])
        ]
        capitals = [
            *register.get("capital_markers", []),
            *data.get("capitals", {}).get("lowercase_words", []),
        ]
        self.capitals = [re.compile(_word_pattern(word)) for word in capitals]
        self.terms = {term["concept"]: term["use"] for term in data.get("terms", [])}

    def _blank_allowed(self, text: str) -> str:
        for pattern in self.allow:
            text = pattern.sub(lambda match: " " * len(match.group()), text)
        return text

    def check(self, text: str, where: str) -> list[Finding]:
        plain = self._blank_allowed(text)
        findings = []
        for pattern, use in self.forbidden:
            for match in pattern.finditer(plain):
                findings.append(Finding(where, f"forbidden term (use “{use}”):", match.group(), text))
        for pattern in self.markers:
            for match in pattern.finditer(plain):
                findings.append(
                    Finding(where, f"register marker (we write {self.register_form}):", match.group(), text)
                )
        for pattern in self.capitals:
            for match in pattern.finditer(plain):
                if _mid_sentence(plain, match.start()):
                    findings.append(Finding(where, "capital in mid-sentence:", match.group(), text))
        return findings


def _mid_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t")
    if not before or before.endswith("\n"):
        return False
    before = before.rstrip()
    return before[-1].isalnum() or before[-1] in ",;"


def guides() -> dict[str, Guide]:
    return {code: Guide(code) for code in LANGUAGE_CODES}


# --- the texts -------------------------------------------------------------------------------------


def locale_dirs() -> list[Path]:
    return [
        ROOT / "locale",
        *sorted(path for path in ROOT.glob("*/locale") if path.parent.name not in NOT_APPS),
    ]


def po_files() -> list[tuple[str, Path]]:
    found = []
    for locale_dir in locale_dirs():
        for path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
            found.append((path.parts[-3], path))
    return found


def _msgstrs(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def ui_texts() -> list[Text]:
    texts = []
    for language, path in po_files():
        relative = path.relative_to(ROOT)
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for msgstr in _msgstrs(entry):
                if msgstr:
                    texts.append(Text(language, msgstr, f"{relative} [{entry.msgid[:50]}]"))
    return texts


def differing_translations() -> list[str]:
    """One English msgid (same msgctxt) translated in two ways in two .po files of one language."""
    seen = defaultdict(lambda: defaultdict(list))
    for language, path in po_files():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            key = (language, entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
            seen[key][tuple(_msgstrs(entry))].append(str(path.relative_to(ROOT)))
    problems = []
    for (language, context, msgid, _plural), variants in sorted(seen.items()):
        if len(variants) > 1:
            listed = "; ".join(
                f"{' / '.join(msgstr)!r} in {', '.join(paths)}" for msgstr, paths in variants.items()
            )
            problems.append(f"{language} {context + '|' if context else ''}{msgid!r}: {listed}")
    return problems


def demo_dirs() -> list[Path]:
    return sorted(path for path in ROOT.glob("*/demo") if path.is_dir() and path.parent.name not in NOT_APPS)


def _is_translation(value) -> bool:
    return isinstance(value, dict) and "en" in value and set(value) <= set(LANGUAGE_CODES)


def _walk(value, where: str):
    if _is_translation(value):
        for language, text in value.items():
            if isinstance(text, str) and text:
                plain = TAG.sub("", BLOCK_TAG.sub("\n", text))
                yield Text(language, html.unescape(plain), f"{where} [{language}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]")


def demo_texts() -> list[Text]:
    texts = []
    for demo_dir in demo_dirs():
        for path in sorted(demo_dir.rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            texts.extend(_walk(data, str(path.relative_to(ROOT))))
        for path in sorted(demo_dir.rglob("*.py")):
            module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            module = importlib.import_module(module_name)
            for name, value in vars(module).items():
                if name.isupper() and isinstance(value, dict | list | tuple):
                    texts.extend(_walk(value, f"{path.relative_to(ROOT)}:{name}"))
    return texts
