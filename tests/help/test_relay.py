"""Ask a peer: the question goes to the address the partner recorded, the answer to the asker, and
nobody's address is ever shown to anyone or sent anywhere a visitor typed it for someone else."""

import re

import pytest
from django.core import mail

from help.models import PeerQuestion, SentEmail
from tests.help.factories import PeerUseFactory
from tests.help.helpers import form_key

pytestmark = pytest.mark.django_db

PEER_ADDRESS = "peer-secret@peers.example.org"
ASKER_ADDRESS = "asker-own@wises.example.org"


@pytest.fixture
def peer(partners, dolibarr):
    return PeerUseFactory(
        wise_name="Zadruga Zeleni vrt (test)",
        tool=dolibarr,
        country="SI",
        contact_email=PEER_ADDRESS,
        organisation=partners["SI"],
    )


def ask(client, peer, **overrides):
    page = client.get(peer.get_ask_url())
    data = {
        "asker_name": "Cooperativa Prova",
        "asker_email": ASKER_ADDRESS,
        "question": "How long did the set-up take?",
        "consent": "on",
        "homepage": "",
        "form_key": form_key(page),
        **overrides,
    }
    return client.post(peer.get_ask_url(), data)


def all_text(response=None) -> str:
    """Every email sent and its recorded copy, and the page, as one text."""
    parts = [
        f"{m.subject}\n{m.body}\n{m.to}\n{m.cc}\n{m.bcc}\n{m.reply_to}\n{m.extra_headers}"
        for m in mail.outbox
    ]
    if response is not None:
        parts.append(response.content.decode())
    return "\n".join(parts)


def test_the_tool_page_offers_to_ask_without_showing_the_address(client, peer):
    html = client.get(f"/sl/catalogue/{peer.tool.slug}/").content.decode()
    assert "Zadruga Zeleni vrt (test)" in html
    assert peer.get_ask_url() in html
    assert PEER_ADDRESS not in html
    page = client.get(peer.get_ask_url())
    assert page.status_code == 200 and PEER_ADDRESS not in page.content.decode()


def test_the_question_goes_to_the_peer_only_and_hides_the_askers_address(
    client, peer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, peer)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [PEER_ADDRESS]
    assert not message.cc and not message.bcc and not message.reply_to
    assert ASKER_ADDRESS not in all_text()
    assert "How long did the set-up take?" in message.body
    question = PeerQuestion.objects.get()
    assert f"/help/peers/answer/{question.token}/" in message.body
    assert PEER_ADDRESS not in client.get(response["Location"]).content.decode()


def test_the_answer_goes_to_the_asker_only_and_hides_the_peers_address(
    client, peer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, peer)
    question = PeerQuestion.objects.get()
    mail.outbox.clear()
    page = client.get(question.get_answer_url())
    assert page.status_code == 200
    assert ASKER_ADDRESS not in page.content.decode() and PEER_ADDRESS not in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(question.get_answer_url(), {"answer": "About two weeks.", "homepage": ""})
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == [ASKER_ADDRESS]
    assert not message.cc and not message.bcc and not message.reply_to
    assert "About two weeks." in message.body
    assert PEER_ADDRESS not in all_text(response)


def test_a_question_is_answered_once(client, peer, django_capture_on_commit_callbacks):
    ask(client, peer)
    question = PeerQuestion.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(question.get_answer_url(), {"answer": "First answer.", "homepage": ""})
        client.post(question.get_answer_url(), {"answer": "Second answer, to spam.", "homepage": ""})
    question.refresh_from_db()
    assert question.answer == "First answer."
    assert [m.to for m in mail.outbox].count([ASKER_ADDRESS]) == 1


FIELD_NAMES = re.compile(r'<(?:input|textarea|select)\b[^>]*?\bname="([\w-]+)"')


def test_no_form_field_names_a_recipient(client, peer):
    """The visitor types only their own address: there is no field for anyone else's."""
    html = client.get(peer.get_ask_url()).content.decode()
    names = set(FIELD_NAMES.findall(html)) - {"csrfmiddlewaretoken", "q"}
    assert names == {"asker_name", "asker_email", "question", "consent", "homepage", "form_key"}
    answer_form = PeerQuestion.objects.create(
        peer_use=peer, asker_name="A", asker_email=ASKER_ADDRESS, question="Q?"
    )
    html = client.get(answer_form.get_answer_url()).content.decode()
    assert set(FIELD_NAMES.findall(html)) - {"csrfmiddlewaretoken", "q"} == {"answer", "homepage"}


def test_extra_recipient_fields_in_a_crafted_post_are_ignored(
    client, peer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, peer, to="victim@elsewhere.example.com", cc="victim@elsewhere.example.com")
    assert all("victim@elsewhere.example.com" not in m.to + m.cc + m.bcc for m in mail.outbox)
    assert "victim@elsewhere.example.com" not in all_text()


def test_a_peer_without_consent_or_address_cannot_be_asked(client, partners, dolibarr):
    no_consent = PeerUseFactory(tool=dolibarr, consent=False, organisation=partners["SI"])
    no_address = PeerUseFactory(tool=dolibarr, contact_email="", organisation=partners["SI"])
    draft = PeerUseFactory(tool=dolibarr, status="draft", organisation=partners["SI"])
    for peer in (no_consent, no_address, draft):
        assert client.get(peer.get_ask_url()).status_code == 404
        assert client.post(peer.get_ask_url(), {"question": "?"}).status_code == 404
    html = client.get(f"/en/catalogue/{dolibarr.slug}/").content.decode()
    assert no_consent.wise_name not in html and draft.wise_name not in html
    assert no_address.wise_name in html and no_address.get_ask_url() not in html


def test_honeypot_and_rate_limit(client, peer):
    response = ask(client, peer, homepage="http://spam.example.com")
    assert response.status_code == 200 and not PeerQuestion.objects.exists()
    for _attempt in range(4):  # the caught one counted too: five posts in all
        assert ask(client, peer).status_code == 302
    assert ask(client, peer, question="Sixth").status_code == 429
    assert not PeerQuestion.objects.filter(question="Sixth").exists()


def test_a_double_submit_asks_once(client, peer):
    page = client.get(peer.get_ask_url())
    data = {
        "asker_name": "A",
        "asker_email": ASKER_ADDRESS,
        "question": "Once?",
        "consent": "on",
        "form_key": form_key(page),
    }
    client.post(peer.get_ask_url(), data)
    client.post(peer.get_ask_url(), data)
    assert PeerQuestion.objects.count() == 1
    assert SentEmail.objects.filter(kind="peer_question").count() == 1


@pytest.mark.parametrize("token", ["x" * 43, "", "a" * 300])
def test_unknown_answer_links_are_404(client, peer, token):
    PeerQuestion.objects.create(peer_use=peer, asker_name="A", asker_email=ASKER_ADDRESS, question="Q?")
    path = f"/sl/help/peers/answer/{token}/" if token else "/sl/help/peers/answer//"
    assert client.get(path).status_code == 404
