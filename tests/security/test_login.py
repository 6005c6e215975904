"""The editors' login: bounded user names, and a lockout no third party can turn against an editor."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.organisations.factories import PASSWORD, OrganisationFactory, editor_of

pytestmark = pytest.mark.django_db

EDITOR_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.66"
PROXY_ADDRESS = "127.0.0.1"


@pytest.fixture
def editor(db):
    return editor_of(OrganisationFactory(slug="org-a"), username="editor-a")


def login(username, password, **headers):
    return Client().post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **headers
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("length", [151, 256, 300, 5000])
def test_an_over_long_user_name_is_a_form_error_and_nothing_is_stored(length):
    response = login("u" * length, "wrong")
    assert response.status_code == 200
    assert "A user name has at most 150 characters." in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_axes_is_given_a_name_it_can_store_whatever_the_login_view(rf):
    from editorial.auth import axes_username

    assert axes_username(rf.post("/"), {"username": "u" * 1000}) == "u" * 255
    assert axes_username(rf.post("/", {"username": "v" * 1000})) == "v" * 255
    assert axes_username(rf.get("/")) is None


def test_five_failures_lock_that_name_from_that_address(editor):
    for _attempt in range(5):
        assert not logged_in(login("editor-a", "wrong", REMOTE_ADDR=ATTACKER_ADDRESS))
    assert login("editor-a", PASSWORD, REMOTE_ADDR=ATTACKER_ADDRESS).status_code == 429


def test_failures_from_another_address_do_not_lock_the_editor_out(editor):
    for _attempt in range(6):
        login("editor-a", "wrong", REMOTE_ADDR=ATTACKER_ADDRESS)
    assert logged_in(login("editor-a", PASSWORD, REMOTE_ADDR=EDITOR_ADDRESS))


def test_a_spoofed_forwarded_header_changes_nothing_without_a_trusted_proxy(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    # The attacker claims to be the editor's address: the failures still count against its own.
    for _attempt in range(5):
        login("editor-a", "wrong", REMOTE_ADDR=ATTACKER_ADDRESS, HTTP_X_FORWARDED_FOR=EDITOR_ADDRESS)
    assert logged_in(login("editor-a", PASSWORD, REMOTE_ADDR=EDITOR_ADDRESS))
    # Nor does a new claimed address free the attacker.
    response = login("editor-a", PASSWORD, REMOTE_ADDR=ATTACKER_ADDRESS, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER_ADDRESS}


def test_behind_a_trusted_proxy_the_lockout_keys_on_the_address_the_proxy_saw(editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # Every request comes from the proxy; the proxy appends the address it saw. The attacker
    # prepends the editor's address, which proves nothing.
    for _attempt in range(5):
        login(
            "editor-a",
            "wrong",
            REMOTE_ADDR=PROXY_ADDRESS,
            HTTP_X_FORWARDED_FOR=f"{EDITOR_ADDRESS}, {ATTACKER_ADDRESS}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER_ADDRESS}
    assert logged_in(
        login("editor-a", PASSWORD, REMOTE_ADDR=PROXY_ADDRESS, HTTP_X_FORWARDED_FOR=EDITOR_ADDRESS)
    )
    locked = login("editor-a", PASSWORD, REMOTE_ADDR=PROXY_ADDRESS, HTTP_X_FORWARDED_FOR=ATTACKER_ADDRESS)
    assert locked.status_code == 429


def test_the_lockout_cools_off(editor, settings, time_machine):
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    for _attempt in range(5):
        login("editor-a", "wrong", REMOTE_ADDR=ATTACKER_ADDRESS)
    assert login("editor-a", PASSWORD, REMOTE_ADDR=ATTACKER_ADDRESS).status_code == 429
    time_machine.move_to("2026-03-01 11:01:00+00:00", tick=False)
    assert logged_in(login("editor-a", PASSWORD, REMOTE_ADDR=ATTACKER_ADDRESS))
