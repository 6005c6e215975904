"""The questionnaire in the admin (site managers edit, partner editors only read) and the demo content."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from checkup.demo import DEMO_FILE, DEMO_GROUPS
from checkup.demo import load as load_demo
from checkup.models import AnswerOption, Dimension, Question, Questionnaire, Response
from editorial.languages import LANGUAGE_CODES
from tests.catalogue.factories import NeedFactory
from tests.organisations.factories import OrganisationFactory, editor_of, site_manager

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_partner_editors_may_view_the_questionnaire_but_not_change_it(questionnaire):
    editor = logged_in(editor_of(OrganisationFactory(slug="fes", country="PL"), username="editor-pl"))
    change = reverse("admin:checkup_questionnaire_change", args=[questionnaire.pk])

    assert editor.get(reverse("admin:checkup_questionnaire_changelist")).status_code == 200
    page = editor.get(change)
    assert page.status_code == 200
    assert b'name="title_en"' not in page.content  # read-only
    assert editor.post(change, {"title_en": "Hacked", "version": 1}).status_code == 403
    assert editor.get(reverse("admin:checkup_questionnaire_add")).status_code == 403
    questionnaire.refresh_from_db()
    assert questionnaire.title_en != "Hacked"
    index = editor.get(reverse("admin:index")).content.decode()
    assert reverse("admin:checkup_needsmap_changelist") in index


def test_site_managers_edit_it_with_translation_tabs_and_copy_it_as_a_new_version(questionnaire):
    manager = logged_in(site_manager())
    page = manager.get(reverse("admin:checkup_questionnaire_change", args=[questionnaire.pk]))
    assert page.status_code == 200
    for code in LANGUAGE_CODES:
        assert f'name="title_{code}"'.encode() in page.content
    question = Question.objects.filter(dimension__questionnaire=questionnaire).first()
    assert manager.get(reverse("admin:checkup_question_change", args=[question.pk])).status_code == 200

    response = manager.post(
        reverse("admin:checkup_questionnaire_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [questionnaire.pk]},
    )

    assert response.status_code == 302
    copy = Questionnaire.objects.get(version=questionnaire.version + 1)
    assert copy.status == "draft"
    assert Questionnaire.objects.current() == questionnaire  # a draft version is not current
    assert AnswerOption.objects.filter(question__dimension__questionnaire=copy).count() == 28


@pytest.fixture
def catalogue_needs(db):
    for slug in ("office-collaboration", "data-protection", "training", "accounting-invoicing"):
        NeedFactory(slug=slug)


def test_the_demo_questionnaire_is_complete_in_seven_languages_and_loads_idempotently(catalogue_needs):
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    questions = [q for d in data["dimensions"] for q in d["questions"]]
    assert len(data["dimensions"]) == 7
    assert 24 <= len(questions) <= 28
    assert all(3 <= len(d["questions"]) <= 5 for d in data["dimensions"])
    flags = {o.get("flag") for q in questions for o in q["options"]} - {None}
    assert {"no-backups", "shared-passwords"} <= flags

    def texts(node):
        if isinstance(node, dict):
            if set(node) == set(LANGUAGE_CODES):
                yield node
            else:
                for value in node.values():
                    yield from texts(value)
        elif isinstance(node, list):
            for value in node:
                yield from texts(value)

    for translations in texts(data):
        assert all(translations[code].strip() for code in LANGUAGE_CODES), translations["en"]

    load_demo()
    load_demo()

    assert Questionnaire.objects.count() == 1
    assert Dimension.objects.count() == 7
    assert Question.objects.count() == len(questions)
    assert AnswerOption.objects.count() == 4 * len(questions)
    assert Question.objects.filter(needs__slug="data-protection").exists()
    # The invented check-ups (outside production), once each however often the demo loads.
    assert Response.objects.finished().count() == sum(count for _c, _s, count in DEMO_GROUPS)
    assert Response.objects.filter(country="PL").count() == 23
