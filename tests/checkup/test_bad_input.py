"""Hostile or broken input: tampered tokens, answers outside the choices, missing steps, double
submits and replays, the honeypot, the rate limit, long "other" texts. Never a 500, never half a result."""

import pytest
from django.utils.html import escape

from checkup.models import Dimension, Response
from tests.checkup.conftest import answer_all, latest

pytestmark = pytest.mark.django_db


def dimension_data(dimension, value="1"):
    return {"go": "next", **{q.field_name: value for q in dimension.questions.all()}}


@pytest.fixture
def started(client, questionnaire, profile):
    client.post("/en/check-up/", {})
    client.post("/en/check-up/step/1/", {**profile, "go": "next"})
    return latest()


@pytest.mark.parametrize(
    "token",
    ["nonsense", "x" * 43, "a" * 200, "..", "r" * 20],
)
def test_unknown_or_malformed_tokens_are_404(client, questionnaire, token):
    for suffix in ("", "retake/", "delete/", "email/"):
        assert client.get(f"/en/check-up/r/{token}/{suffix}").status_code == 404


def test_a_nul_in_a_token_is_refused_before_the_lookup(client, questionnaire):
    # The site's malformed-request middleware answers 400 before any view reads the path.
    for suffix in ("", "retake/", "delete/", "email/"):
        assert client.get(f"/en/check-up/r/%00/{suffix}").status_code == 400


def test_a_tampered_token_is_404(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert client.get(location).status_code == 200
    assert client.get(f"/en/check-up/r/{tampered}/").status_code == 404
    assert client.post(f"/en/check-up/r/{tampered}/delete/", {}).status_code == 404
    assert Response.objects.count() == 1


def test_the_token_is_long_and_only_its_hash_is_stored(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]

    assert len(token) >= 22  # 128 bits in URL-safe base64
    assert not Response.objects.filter(token_hash=token).exists()
    assert token not in str(Response.objects.values_list())


def test_an_answer_outside_the_choices_is_a_field_error_and_nothing_is_saved(client, started, dimensions):
    first = dimensions[0]
    data = dimension_data(first)
    question = first.questions.all()[0]
    data[question.field_name] = "7"
    data[f"{question.field_name}_target"] = "<script>alert(1)</script>"

    response = client.post("/en/check-up/step/2/", data)

    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert b"<script>alert(1)</script>" not in response.content
    started.refresh_from_db()
    assert started.answers == {}
    assert 1 not in started.steps_done


def test_a_missing_answer_is_named(client, started, dimensions):
    data = dimension_data(dimensions[0])
    del data[dimensions[0].questions.all()[1].field_name]

    response = client.post("/en/check-up/step/2/", data)

    assert response.status_code == 200
    assert escape("Choose one answer, or “Don't know”.") in response.content.decode()


def test_a_later_step_before_an_earlier_one_sends_back_to_the_missing_step(client, started):
    response = client.get("/en/check-up/step/4/")

    assert response.status_code == 302
    assert response["Location"] == "/en/check-up/step/2/"


def test_finishing_with_a_missing_step_gives_a_message_and_no_result(client, started, dimensions):
    client.post("/en/check-up/step/2/", dimension_data(dimensions[0]))
    # Step 3 skipped: the last step is posted straight away.
    response = client.post("/en/check-up/step/4/", dimension_data(dimensions[2]))

    assert response.status_code == 302 and response["Location"] == "/en/check-up/step/3/"
    started.refresh_from_db()
    assert not started.is_finished and started.scores == {} and started.overall is None


def test_steps_outside_the_check_up_are_404(client, started):
    assert client.get("/en/check-up/step/0/").status_code == 404
    assert client.get("/en/check-up/step/99/").status_code == 404


def test_double_submit_and_replay_give_one_result_and_a_message(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    response = latest()
    finished_at = response.finished
    last = list(Dimension.objects.for_checkup(questionnaire))[-1]

    # The same last POST again (a double click), and a replay of an earlier step.
    again = client.post("/en/check-up/step/4/", dimension_data(last, "3"), follow=True)
    replay = client.post("/en/check-up/step/2/", dimension_data(last, "3"), follow=True)

    for page in (again, replay):
        assert page.redirect_chain[-1][0] in (location, "/en/check-up/")
        assert page.status_code == 200
    assert Response.objects.count() == 1
    response.refresh_from_db()
    assert response.finished == finished_at
    assert response.overall == pytest.approx(33.3, abs=0.1)


def test_a_replayed_post_bound_to_the_finished_result_says_so(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    token = location.rstrip("/").rsplit("/", 1)[1]
    session = client.session
    session["checkup_draft"] = token  # a second tab still holding the draft
    session.save()
    last = list(Dimension.objects.for_checkup(questionnaire))[-1]

    page = client.post("/en/check-up/step/4/", dimension_data(last, "3"), follow=True)

    assert page.redirect_chain[-1][0] == location
    assert b"already finished" in page.content


def test_a_filled_honeypot_saves_nothing(client, started, dimensions):
    data = {**dimension_data(dimensions[0]), "homepage": "http://spam.example"}

    response = client.post("/en/check-up/step/2/", data)

    assert response.status_code == 200
    assert b"This form could not be sent" in response.content
    started.refresh_from_db()
    assert started.answers == {}


def test_a_bot_filling_the_honeypot_on_start_creates_no_draft(client, questionnaire):
    response = client.post("/en/check-up/", {"homepage": "x"})

    assert response.status_code == 200
    assert Response.objects.count() == 0


def test_starting_over_and_over_is_rate_limited(client, questionnaire):
    statuses = [client.post("/en/check-up/", {}).status_code for _ in range(12)]

    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert Response.objects.count() == 10


def test_a_long_hostile_other_sector_is_refused_then_shown_escaped(client, questionnaire, profile):
    client.post("/en/check-up/", {})
    too_long = client.post("/en/check-up/step/1/", {**profile, "sector_other": "x" * 500, "go": "next"})
    assert too_long.status_code == 200
    assert b"at most 120 characters" in too_long.content

    hostile = '<img src=x onerror="alert(1)">'
    location = answer_all(client, questionnaire, profile={**profile, "sector_other": hostile})["Location"]
    page = client.get(location)

    assert hostile.encode() not in page.content
    assert b"&lt;img src=x onerror=" in page.content


def test_without_a_draft_a_step_sends_to_the_start(client, questionnaire):
    response = client.get("/en/check-up/step/2/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/check-up/"
    assert b"Your check-up was not found" in response.content


def test_no_published_questionnaire_means_no_start(client, db):
    page = client.get("/en/check-up/")

    assert page.status_code == 200
    assert b"being prepared" in page.content
    assert client.post("/en/check-up/", {}).status_code == 404
