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
