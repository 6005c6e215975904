"""Taking the check-up through its pages: start, the steps, the result."""

import pytest

from tests.checkup.conftest import answer_all, latest

pytestmark = pytest.mark.django_db


def test_the_whole_check_up(client, questionnaire, profile):
    response = answer_all(client, questionnaire, profile=profile)

    result = latest()
    assert result.is_finished
    assert response["Location"].startswith("/en/check-up/r/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert b"Your next steps" in page.content
    assert result.overall == pytest.approx(33.3, abs=0.1)
    assert set(result.scores) == {"strategy", "people", "data"}


HEADINGS = {
    "en": "Your next steps",
    "it": "I tuoi prossimi passi",
    "de": "Ihre nächsten Schritte",
    "fr": "Vos prochaines étapes",
    "sl": "Vaši naslednji koraki",
    "hr": "Vaši sljedeći koraci",
    "pl": "Twoje następne kroki",
}


def test_the_result_page_in_seven_languages_with_lang_right(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    path = location.removeprefix("/en")

    for language, heading in HEADINGS.items():
        page = client.get(f"/{language}{path}").content.decode()
        assert f'<html lang="{language}"' in page
        assert heading in page
        # The questionnaire exists in English only here: its texts say so.
        assert 'lang="en">Advice' in page or language == "en"


def test_the_radar_chart_is_accessible_svg_with_the_same_figures_in_a_table(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile, level=lambda i: 3 * (i % 2))["Location"]

    page = client.get(location.replace("/en/", "/de/")).content.decode()

    start = page.index('<svg class="radar__svg"')
    svg = page[start : page.index("</svg>", start)]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert 'x="' in svg and "," not in svg.split('x="')[1].split('"')[0]  # coordinates never localised
    # strategy 0 and 3 -> 50 %, people 50 %, data 0, 3, 0 -> 33 %: in the table, in German notation.
    table = page[page.index('class="data-table result-table"') :]
    assert "50 %" in table and "33 %" in table
