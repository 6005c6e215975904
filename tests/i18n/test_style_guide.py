"""UI strings and demo texts follow the style guide of their language (docs/style/<lang>.md).

The rules come from the data files next to the guides (docs/style/<lang>.toml): forbidden terms,
register markers (the form of address we do not use), capitals in mid-sentence, and one translation
per English msgid across all the project's .po files.
"""

import pytest
from django.conf import settings

from tests.i18n.style_guide import (
    LANGUAGE_CODES,
    Guide,
    demo_dirs,
    demo_texts,
    differing_translations,
    guides,
    locale_dirs,
    po_files,
    ui_texts,
)

GUIDES = guides()
TRANSLATED = [code for code in LANGUAGE_CODES if code != settings.LANGUAGE_CODE]


def _report(findings) -> str:
    return f"{len(findings)} finding(s):\n" + "\n".join(str(finding) for finding in findings)


@pytest.fixture(scope="module")
def ui():
    return ui_texts()


@pytest.fixture(scope="module")
def demo():
    return demo_texts()


@pytest.mark.parametrize("language", TRANSLATED)
def test_ui_strings_follow_the_guide(ui, language):
    findings = [
        f for text in ui if text.language == language for f in GUIDES[language].check(text.text, text.where)
    ]
    assert findings == [], _report(findings)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_demo_texts_follow_the_guide(demo, language):
    findings = [
        f for text in demo if text.language == language for f in GUIDES[language].check(text.text, text.where)
    ]
    assert findings == [], _report(findings)


def test_one_english_string_has_one_translation_across_the_po_files():
    problems = differing_translations()
    assert problems == [], f"{len(problems)} msgid(s) translated differently:\n" + "\n".join(problems)


# --- the checker itself, so a green run means something ----------------------------------------


def test_every_language_has_a_guide_and_its_data():
    for code in LANGUAGE_CODES:
        assert (GUIDES[code].path.with_suffix(".md")).exists(), code
        assert GUIDES[code].terms, code
    # Each guide names one translation for each key concept, the same concepts in every language.
    concepts = {code: set(guide.terms) for code, guide in GUIDES.items()}
    assert all(found == concepts["en"] for found in concepts.values()), concepts


def test_the_required_terms_pass_their_own_guide():
    for code, guide in GUIDES.items():
        for concept, term in guide.terms.items():
            assert guide.check(term, concept) == [], (code, concept, term)


def test_the_texts_cover_every_locale_folder_and_every_demo():
    from tests.i18n.style_guide import ROOT

    assert set(locale_dirs()) >= {
        ROOT / "locale",
        *(ROOT / app / "locale" for app in ("catalogue", "courses", "articles")),
    }
    assert {language for language, _path in po_files()} == set(TRANSLATED)
    assert {path.parent.name for path in demo_dirs()} >= {"catalogue", "courses", "articles"}
    found = demo_texts()
    assert {text.language for text in found} == set(LANGUAGE_CODES)
    # A tool description (rich text in a JSON file) and a category name (a Python constant) are both read.
    assert any("tools/canva.json" in text.where for text in found)
    assert any(":CATEGORIES" in text.where for text in found)


def test_matching_is_on_word_boundaries_and_case_insensitive():
    french = GUIDES["fr"]
    assert [f.found for f in french.check("Choisis ton outil", "x")] == ["ton"]
    assert [f.found for f in french.check("TU peux", "x")] == ["TU"]
    # "tutoriel", "tester", "montant", "le ton juste" (allowed phrase): no marker.
    assert french.check("Un tutoriel pour tester le montant, sur le ton juste.", "x") == []
    croatian = GUIDES["hr"]
    assert [f.found for f in croatian.check("Društvena poduzeća rastu", "x")] == ["Društvena poduzeća"]
    assert croatian.check("Socijalna poduzeća i javni sektor", "x") == []
    assert [f.found for f in croatian.check("Naš sektor", "x")] == ["sektor"]


def test_capitals_count_only_in_mid_sentence():
    italian = GUIDES["it"]
    assert [f.found for f in italian.check("Tenuto in Inglese", "x") if "capital" in f.rule] == ["Inglese"]
    assert italian.check("Inglese, francese e croato.", "x") == []
    polish = GUIDES["pl"]
    assert [f.found for f in polish.check("Wybierz swoją branżę, a Twoja spółdzielnia", "x")] == ["Twoja"]
    assert polish.check("Twoja spółdzielnia. Twoje narzędzia.", "x") == []


def test_register_markers_are_found_per_language():
    assert GUIDES["pl"].check("Wybierzcie narzędzie dla waszej spółdzielni", "x")
    assert GUIDES["it"].check("Scegliete la vostra cooperativa", "x")
    assert GUIDES["de"].check("Wähle dein Tool", "x")
    # The same word is not a marker in another language ("die" in German, "ta" in Croatian).
    assert GUIDES["de"].check("Wählen Sie die Branche", "x") == []
    assert Guide("hr").check("ta zadruga", "x") == []
