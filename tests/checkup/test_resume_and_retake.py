"""A closed tab loses nothing; back and forward keep the answers; a retake shows progress."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils.formats import date_format
from django.utils.translation import override

from tests.checkup.conftest import answer_all, form_state, latest

pytestmark = pytest.mark.django_db


def test_resume_after_a_lost_session_with_the_saved_link(client, questionnaire, profile, dimensions):
    client.post("/en/check-up/", {})
    client.post("/en/check-up/step/1/", {**profile, "go": "next"})
    first = dimensions[0]
    client.post("/en/check-up/step/2/", {"go": "next", **{q.field_name: "2" for q in first.questions.all()}})
    step = client.get("/en/check-up/step/3/").content.decode()
    resume_url = step.split('class="checkup-resume__link"><a href="')[1].split('"')[0]

    stranger = Client()  # the browser was closed: a new session, no cookie
    assert stranger.get("/en/check-up/step/3/").status_code == 302
    back = stranger.get(resume_url.removeprefix("http://testserver"))

    assert back.status_code == 302 and back["Location"] == "/en/check-up/step/3/"
    state = form_state(stranger.get("/en/check-up/step/2/").content.decode())
    for question in first.questions.all():
        assert state[question.field_name] == "2"


def test_back_keeps_what_was_answered_even_when_incomplete(client, questionnaire, profile, dimensions):
    client.post("/en/check-up/", {})
    client.post("/en/check-up/step/1/", {**profile, "go": "next"})
    second = dimensions[1]
    one, two = second.questions.all()
    client.post(
        "/en/check-up/step/2/", {"go": "next", **{q.field_name: "1" for q in dimensions[0].questions.all()}}
    )

    response = client.post(
        "/en/check-up/step/3/", {"go": "back", one.field_name: "dk", f"{one.field_name}_target": "2"}
    )

    assert response["Location"] == "/en/check-up/step/2/"
    draft = latest()
    assert draft.answers[str(one.pk)] == {"level": None, "target": 2}
    assert str(two.pk) not in draft.answers
    assert 2 not in draft.steps_done  # incomplete: not counted as done
    forward = form_state(client.get("/en/check-up/step/3/").content.decode())
    assert forward[one.field_name] == "dk"
    assert forward[f"{one.field_name}_target"] == "2"
    assert two.field_name not in forward
    assert client.get("/en/check-up/step/3/")["Cache-Control"] == "private, no-store"


def test_the_profile_step_keeps_its_answers(client, questionnaire, profile):
    client.post("/en/check-up/", {})
    client.post("/en/check-up/step/1/", {**profile, "go": "next"})

    state = form_state(client.get("/en/check-up/step/1/").content.decode())

    assert state["country"] == "PL"
    assert state["budget"] == "small"
    assert state["sector"] == str(profile["sector"])


def test_retake_a_week_later_shows_progress(client, questionnaire, profile):
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC)):
        first = answer_all(client, questionnaire, profile=profile, level=lambda i: 0)["Location"]
    with time_machine.travel(datetime.datetime(2026, 5, 11, 10, tzinfo=datetime.UTC)):
        retake = client.post(first + "retake/", {})
        assert retake["Location"] == "/en/check-up/step/1/"
        # The profile is filled in from last time.
        assert form_state(client.get("/en/check-up/step/1/").content.decode())["country"] == "PL"
        second = answer_all_from_profile(client, questionnaire, profile, level=2)

    new = latest()
    assert new.previous.finished.date() == datetime.date(2026, 5, 4)
    page = client.get(second).content.decode()
    with override("en"):
        day = date_format(datetime.date(2026, 5, 4), "DATE_FORMAT")  # "4 May 2026" as English writes it
    assert f"Since your check-up of {day}: from 0% to 67% (+67 points)." in page
    assert "Last time" in page
    # The chain: the old result still opens, unchanged.
    assert "Since your check-up" not in client.get(first).content.decode()


def answer_all_from_profile(client, questionnaire, profile, level):
    from checkup.models import Dimension

    client.post("/en/check-up/step/1/", {**profile, "go": "next"})
    response = None
    for number, dimension in enumerate(Dimension.objects.for_checkup(questionnaire), start=2):
        response = client.post(
            f"/en/check-up/step/{number}/",
            {"go": "next", **{q.field_name: str(level) for q in dimension.questions.all()}},
        )
    return response["Location"]


def test_a_new_version_leaves_old_results_on_theirs(client, questionnaire, profile):
    from checkup.admin import copy_questionnaire
    from checkup.models import Questionnaire

    first = answer_all(client, questionnaire, profile=profile)["Location"]
    old = latest()
    copy = copy_questionnaire(questionnaire)
    copy.status = "published"
    copy.save()

    assert Questionnaire.objects.current() == copy
    assert copy.dimensions.count() == 3
    assert sum(d.questions.count() for d in copy.dimensions.all()) == 7
    old.refresh_from_db()
    assert old.questionnaire == questionnaire
    assert client.get(first).status_code == 200
    client.post(first + "retake/", {})
    assert latest().questionnaire == copy
