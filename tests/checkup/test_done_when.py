"""The issue's "done when", on the demo content as `make run` loads it: a new user in Polish answers
the check-up as a recycling cooperative, gets three next steps with tools and a lesson that fit,
prints it, comes back a week later and sees progress; a partner editor sees the Polish needs map.
(The same path in a real browser, on a phone and by keyboard: tests/e2e/test_checkup.py.)"""

import datetime
import os

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from catalogue.models import Sector, Tool
from checkup.models import Dimension, Questionnaire, Response
from courses.models import Lesson
from tests.checkup.conftest import form_state


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def take_check_up(client, level):
    questionnaire = Questionnaire.objects.current()
    recycling = Sector.objects.get(slug="waste-recycling")
    client.post("/pl/check-up/step/1/", {
        "sector": recycling.pk, "country": "PL", "staff": "10-49", "integration_workers": "5-19",
        "budget": "small", "devices": "phones", "connectivity": "patchy", "go": "next",
    })  # fmt: skip
    response = None
    for number, dimension in enumerate(Dimension.objects.for_checkup(questionnaire), start=2):
        data = {"go": "next"}
        for index, question in enumerate(dimension.questions.all()):
            data[question.field_name] = str(level(number, index))
            data[f"{question.field_name}_target"] = "2"
        response = client.post(f"/pl/check-up/step/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:1000]
    return response["Location"]


@pytest.mark.django_db
def test_done_when(demo):
    client = Client()
    start = client.get("/pl/check-up/")
    assert start.status_code == 200 and '<html lang="pl"' in start.content.decode()
    assert "Rozpocznij autodiagnozę" in client.get("/pl/").content.decode()  # the home page's entry

    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)):
        client.post("/pl/check-up/", {})
        first = take_check_up(client, level=lambda step, index: 0 if index == 0 else 1)
        page = client.get(first)
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="pl"' in html
    assert "Twoje następne kroki" in html
    assert "Brak kopii zapasowych" in html  # the risk of no backups
    # The demo's invented Polish recycling cooperatives are enough to compare with.
    assert "Przedsiębiorstwa społeczne z twojej branży (12)" in html
    assert "Przedsiębiorstwa społeczne z twojego kraju (23)" in html

    from checkup.services import build_result

    result = build_result(Response.objects.by_token(first.rstrip("/").rsplit("/", 1)[1]))
    assert len(result.steps) == 3
    tools = [tool for step in result.steps for tool in step.tools]
    assert tools and all(1 <= len(step.tools) <= 3 for step in result.steps if step.tools)
    assert sum(1 for step in result.steps if step.tools) >= 2
    for tool in Tool.objects.filter(pk__in=[t.pk for t in tools]).prefetch_related("sectors"):
        assert "waste-recycling" in {s.slug for s in tool.sectors.all()}
        assert tool.licence != "paid"
        assert "pl" in tool.interface_languages
        assert set(tool.platforms) & {"web", "android", "ios"}
        assert tool.skill_level != "advanced"
        assert tool.get_absolute_url() in html
    # Each step says which question it improves and what the WISE answered today.
    assert html.count("Twoja dzisiejsza odpowiedź:") == 3
    assert all(step.answer is not None and escape(step.answer.text_pl) in html for step in result.steps)
    lessons = [step.lesson for step in result.steps if step.lesson]
    assert lessons
    for lesson in lessons:
        assert Lesson.objects.published().filter(pk=lesson.pk).exists()
        assert lesson.get_absolute_url() in html
    # Printing: the result page brings its print rules, and the site hides the controls on paper.
    assert "checkup/checkup.css" in html
    assert "data-print" in html

    # A week later, from the result page: retake, and see progress.
    with time_machine.travel(datetime.datetime(2026, 6, 8, 9, tzinfo=datetime.UTC)):
        again = client.post(first + "retake/", {})
        assert again["Location"] == "/pl/check-up/step/1/"
        assert form_state(client.get("/pl/check-up/step/1/").content.decode())["country"] == "PL"
        second = take_check_up(client, level=lambda step, index: 2)
        progress = client.get(second).content.decode()
    assert "Od twojej autodiagnozy z 1 czerwca 2026" in progress
    assert "pkt" in progress and "Ostatnio" in progress

    # The Polish partner's editor opens the needs map of Poland.
    editor = Client()
    from django.contrib.auth import get_user_model

    editor.force_login(get_user_model().objects.get(username="editor-pl"))
    needs_map = editor.get(reverse("admin:checkup_needsmap_changelist"), headers={"accept-language": "pl"})
    text = needs_map.content.decode()
    assert needs_map.status_code == 200
    assert "Polska" in text
    assert "Włochy" not in text
    polish = Response.objects.for_statistics().filter(country="PL").count()
    assert polish >= 10
    assert f"{polish} autodiagnoz" in text
    assert "Odpady i recykling" in text
