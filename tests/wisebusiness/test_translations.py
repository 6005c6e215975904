"""Every UI string is translated into the six other languages, and no string is missing from the .po files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# The site-wide catalogue and one per app (Django's usual layout: strings go to the nearest locale/).
LOCALE_DIRS = [*sorted(ROOT.glob("*/locale")), ROOT / "locale"]
NOT_SOURCE = {".venv", ".data", ".git", "tests", "bench", "node_modules", "__pycache__"}


def po_files():
    for locale_dir in LOCALE_DIRS:
        for language in TRANSLATED_LANGUAGES:
            yield locale_dir / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("po_path", list(po_files()), ids=lambda path: str(path.relative_to(ROOT)))
def test_po_file_is_complete(po_path):
    assert po_path.exists(), f"missing {po_path.relative_to(ROOT)}"
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {po_path.relative_to(ROOT)}"
    assert fuzzy == [], f"fuzzy in {po_path.relative_to(ROOT)}"


def test_plural_forms_match_the_language():
    # As in Django's own catalogues (pl has a fourth form for fractions).
    expected_plurals = {"it": 2, "de": 2, "fr": 2, "sl": 4, "hr": 3, "pl": 4}
    for po_path in po_files():
        catalogue = polib.pofile(str(po_path))
        language = po_path.parts[-3]
        header = catalogue.metadata.get("Plural-Forms", "")
        assert f"nplurals={expected_plurals[language]};" in header.replace(" ", ""), po_path
        for entry in catalogue:
            if entry.msgid_plural:
                assert all(entry.msgstr_plural.values()), f"{po_path.relative_to(ROOT)}: {entry.msgid}"


def test_makemessages_finds_no_string_missing_from_the_po_files(tmp_path):
    """Run makemessages on a copy of the sources and compare what it finds with the committed .po files."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=lambda directory, names: [n for n in names if n in NOT_SOURCE])
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wisebusiness.settings",
        # makemessages needs settings but no database: a URL that is parsed, never opened.
        "DATABASE_URL": "postgres://nobody@localhost:1/none",
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "it", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    missing = {}
    for locale_dir in LOCALE_DIRS:
        relative = locale_dir.relative_to(ROOT) / "it" / "LC_MESSAGES" / "django.po"
        found = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(copy / relative))}
        committed = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(ROOT / relative))}
        if found - committed:
            missing[str(relative)] = sorted(msgid for _context, msgid in found - committed)
    assert missing == {}, "run `make messages` and translate the new strings"
