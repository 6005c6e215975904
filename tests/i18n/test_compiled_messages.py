"""The compiled catalogues (.mo, build output of `compilemessages`) say what the .po files say.

A stale .mo file shows English on a translated page while every .po test passes: this names the
file to recompile instead.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PO_FILES = sorted(
    [*ROOT.glob("*/locale/*/LC_MESSAGES/django.po"), *ROOT.glob("locale/*/LC_MESSAGES/django.po")]
)


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_mo_file_is_compiled_from_the_current_po_file(po_path):
    mo_path = po_path.with_suffix(".mo")
    hint = "run `python manage.py compilemessages --ignore=.venv --ignore=.data` (make test does)"
    assert mo_path.exists(), f"{mo_path.relative_to(ROOT)} missing: {hint}"
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    for entry in polib.pofile(str(po_path)).translated_entries():
        if "fuzzy" in entry.flags:
            continue
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{mo_path.relative_to(ROOT)} is stale ({entry.msgid!r}): {hint}"
        if entry.msgid_plural:
            assert found.msgstr_plural == entry.msgstr_plural, f"{mo_path.relative_to(ROOT)} is stale: {hint}"
        else:
            assert found.msgstr == entry.msgstr, (
                f"{mo_path.relative_to(ROOT)} is stale ({entry.msgid!r}): {hint}"
            )
