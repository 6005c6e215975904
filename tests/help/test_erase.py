"""manage.py erase_help_personal_data: personal data of finished requests goes after the set period."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from help.models import HelpRequest, PeerQuestion, RequestNote, SentEmail, State
from tests.help.factories import HelpRequestFactory, PeerUseFactory

pytestmark = pytest.mark.django_db


def finished(days_ago, state=State.CLOSED, **fields):
    help_request = HelpRequestFactory(country="SI", **fields)
    if state == State.DONE:
        help_request.move_to(State.IN_PROGRESS)
    help_request.move_to(state, message="Good luck!")
    HelpRequest.objects.filter(pk=help_request.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    RequestNote.objects.create(help_request=help_request, text="Called Maja at 555-0101.")
    SentEmail.objects.create(
        kind="update", to=help_request.email, body="Hello Maja", help_request=help_request
    )
    return help_request


def run(*args):
    out = StringIO()
    call_command("erase_help_personal_data", *args, stdout=out)
    return out.getvalue()


def test_old_finished_requests_lose_their_personal_data_and_keep_the_rest(partners, settings):
    settings.HELP_PERSONAL_DATA_DAYS = 90
    old = finished(120, contact_name="Maja", email="maja@wises.example.org", brief="We are Maja's team")
    done = finished(100, state=State.DONE)
    recent = finished(30, email="recent@wises.example.org")
    still_open = HelpRequestFactory(country="SI", email="open@wises.example.org")
    HelpRequest.objects.filter(pk=still_open.pk).update(created=timezone.now() - datetime.timedelta(days=400))

    assert "Erased the personal data of 2 help request(s)" in run()

    old.refresh_from_db()
    assert (old.contact_name, old.email, old.brief, old.tried) == ("", "", "", "")
    assert old.erased_at is not None
    assert (old.need_id, old.country, old.state) != (None, "", "")  # the needs map keeps counting it
    assert old.events.exclude(message="").count() == 0
    assert not RequestNote.objects.filter(help_request=old).exclude(text="").exists()
    assert not SentEmail.objects.filter(help_request=old).exclude(to="").exists()
    done.refresh_from_db()
    assert done.erased_at is not None
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.erased_at is None and kept.email
    assert SentEmail.objects.filter(help_request=recent, to="recent@wises.example.org").exists()


def test_a_second_run_erases_nothing_more(partners, settings):
    settings.HELP_PERSONAL_DATA_DAYS = 90
    finished(120)
    assert "of 1 help request(s)" in run()
    assert "of 0 help request(s)" in run()


def test_dry_run_only_counts(partners, settings):
    settings.HELP_PERSONAL_DATA_DAYS = 90
    old = finished(120)
    assert "Would erase 1 help request(s)" in run("--dry-run")
    old.refresh_from_db()
    assert old.erased_at is None and old.email


def test_the_period_is_a_setting(partners, settings):
    finished(120)
    settings.HELP_PERSONAL_DATA_DAYS = 365
    assert "of 0 help request(s)" in run()
    settings.HELP_PERSONAL_DATA_DAYS = 60
    assert "of 1 help request(s)" in run()


def test_old_questions_to_peers_are_erased_too(partners, settings):
    settings.HELP_PERSONAL_DATA_DAYS = 90
    peer = PeerUseFactory(organisation=partners["SI"])
    old = PeerQuestion.objects.create(
        peer_use=peer,
        asker_name="Asker",
        asker_email="asker@wises.example.org",
        question="How?",
        answer="Like this.",
        created=timezone.now() - datetime.timedelta(days=100),
    )
    recent = PeerQuestion.objects.create(
        peer_use=peer, asker_name="New", asker_email="new@wises.example.org", question="And?"
    )
    assert "and 1 question(s) to peers" in run()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.asker_name, old.asker_email, old.question, old.answer) == ("", "", "", "")
    assert recent.asker_email == "new@wises.example.org"
