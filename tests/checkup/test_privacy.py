"""Privacy: no personal data kept, results deleted on request, old drafts purged, e-mail only with consent."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from checkup.models import Response
from tests.checkup.conftest import answer_all, latest

pytestmark = pytest.mark.django_db


def test_a_response_stores_no_address_name_or_email(client, questionnaire, profile):
    answer_all(client, questionnaire, profile=profile, language="pl")

    columns = {field.name for field in Response._meta.get_fields()}
    assert not columns & {"ip", "ip_address", "email", "name", "user", "session_key"}
    response = latest()
    stored = str([getattr(response, field.attname) for field in Response._meta.concrete_fields])
    assert "127.0.0.1" not in stored


def test_the_visitor_deletes_the_result_from_its_page(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    page = client.get(location)
    assert b"/delete/" in page.content

    confirm = client.get(location + "delete/")
    assert confirm.status_code == 200
    response = client.post(location + "delete/", {})

    assert response.status_code == 302
    assert Response.objects.count() == 0
    assert client.get(location).status_code == 404


def test_a_retake_survives_the_deletion_of_the_result_it_retakes(client, questionnaire, profile):
    first = answer_all(client, questionnaire, profile=profile)["Location"]
    client.post(first + "retake/", {})
    retake = latest()

    client.post(first + "delete/", {})

    retake.refresh_from_db()
    assert retake.previous is None


def test_purge_deletes_old_drafts_and_expired_results_only(questionnaire, settings):
    settings.CHECKUP_DRAFT_DAYS = 30
    settings.CHECKUP_RESULT_DAYS = 365
    with time_machine.travel(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)):
        _old_draft, _token = Response.start(questionnaire, "en")
        old_result, _token = Response.start(questionnaire, "en")
        Response.objects.filter(pk=old_result.pk).update(
            status="finished", finished=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        )
    with time_machine.travel(datetime.datetime(2026, 12, 20, 12, tzinfo=datetime.UTC)):
        recent_draft, _token = Response.start(questionnaire, "en")
        kept_result, _token = Response.start(questionnaire, "en")
        Response.objects.filter(pk=kept_result.pk).update(
            status="finished", finished=datetime.datetime(2026, 12, 20, tzinfo=datetime.UTC)
        )
    with time_machine.travel(datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)):
        call_command("purge_checkup", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Response.objects.values_list("pk", flat=True)) == {recent_draft.pk, kept_result.pk}


def test_the_link_is_emailed_only_with_consent_and_the_address_is_not_kept(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]

    refused = client.post(location + "email/", {"email": "wise@example.org"})
    assert refused.status_code == 200
    assert mail.outbox == []

    sent = client.post(location + "email/", {"email": "wise@example.org", "consent": "on"})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wise@example.org"]
    assert location in mail.outbox[0].body
    assert "wise@example.org" not in str(Response.objects.values_list("answers", "scores", "sector_other"))


def test_the_privacy_note_says_what_is_kept_and_how_long(client, questionnaire, settings):
    settings.CHECKUP_DRAFT_DAYS = 30
    page = client.get("/en/check-up/").content.decode()

    assert "No name, no e-mail address, no IP address." in page
    assert "deleted after 30 days" in page
