"""Editors reset a forgotten password by email, in their language; nobody learns who has an account."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.organisations.factories import OrganisationFactory, editor_of

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # the rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return editor_of(OrganisationFactory(slug="org-a"), username="editor-a", email="editor@example.org")


def ask(email, client=None, **extra):
    return (client or Client()).post(RESET, {"email": email, **extra}, **extra.pop("headers", {}))


def test_the_login_page_links_to_the_reset(client):
    html = client.get("/admin/login/").content.decode()
    assert f'href="{RESET}"' in html


def test_the_whole_flow_sets_a_new_password(editor):
    client = Client()
    response = ask("editor@example.org", client)
    assert response.status_code == 302 and response["Location"] == "/admin/password_reset/done/"
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    link = re.search(r"https?://testserver(/admin/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": "a-new-long-password-7", "new_password2": "a-new-long-password-7"}
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("a-new-long-password-7")
    # The link works once.
    assert "invalid" in Client().get(link, follow=True).content.decode().lower()


def test_known_and_unknown_addresses_get_the_same_answer(editor):
    known, unknown = ask("editor@example.org"), ask("nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    assert Client().get(known["Location"]).content == Client().get(unknown["Location"]).content


def test_the_page_and_the_email_are_in_the_editors_language(editor):
    client = Client(HTTP_ACCEPT_LANGUAGE="it")
    page = client.get(RESET).content.decode()
    assert '<html lang="it"' in page
    assert "Hai dimenticato la password?" in page
    ask("editor@example.org", client)
    [message] = mail.outbox
    assert message.subject == "Scegli una nuova password per WISE Business"
    assert "Il link funziona una sola volta" in message.body
    assert "editor-a" in message.body


@pytest.mark.parametrize("language", ["de", "fr", "sl", "hr", "pl"])
def test_the_reset_page_is_translated(client, language):
    english = Client().get(RESET).content.decode()
    translated = Client(HTTP_ACCEPT_LANGUAGE=language).get(RESET).content.decode()
    assert "Send me the link" in english
    assert "Send me the link" not in translated
    assert "Forgotten your password?" not in translated
    done = Client(HTTP_ACCEPT_LANGUAGE=language).get("/admin/password_reset/done/").content.decode()
    assert "If an editor account uses this address" not in done


def test_the_honeypot_sends_nothing(editor):
    response = ask("editor@example.org", homepage="https://spam.example/")
    assert response.status_code == 200
    assert "This form could not be sent" in response.content.decode()
    assert mail.outbox == []


def test_requests_are_rate_limited_per_address(editor):
    for _attempt in range(5):
        assert (
            Client().post(RESET, {"email": "editor@example.org"}, REMOTE_ADDR="203.0.113.9").status_code
            == 302
        )
    limited = Client().post(RESET, {"email": "nobody@example.org"}, REMOTE_ADDR="203.0.113.9")
    assert limited.status_code == 429
    assert "many times in a short while" in limited.content.decode()
    assert len(mail.outbox) == 5
    # Another address is not affected.
    assert (
        Client().post(RESET, {"email": "editor@example.org"}, REMOTE_ADDR="198.51.100.1").status_code == 302
    )


def test_the_reset_pages_carry_the_admin_policy(client):
    response = client.get(RESET)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert 'class="form-trap"' in response.content.decode()
