"""Two editors on one object: the second save is refused, nothing is overwritten."""

import re

import pytest
import reversion

from editorial.concurrency import TOKEN_FIELD
from tests.organisations.conftest import admin_url
from tests.organisations.factories import editor_of
from tests.organisations.test_admin_scoping import change_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.organisations.urls")]


def opened_token(client, url) -> str:
    html = client.get(url).content.decode()
    match = re.search(rf'name="{TOKEN_FIELD}" value="([0-9a-f]+)"', html)
    assert match, "the change form carries its version token"
    return match.group(1)


def test_a_stale_save_is_refused_and_names_who_changed_it(client, org_a, editor_a, tool_a):
    colleague = editor_of(org_a, username="colleague", first_name="Giulia", last_name="Rossi")
    client.force_login(editor_a)
    url = admin_url("change", tool_a.pk)
    token = opened_token(client, url)

    # Meanwhile a colleague saves the same tool.
    with reversion.create_revision():
        reversion.set_user(colleague)
        tool_a.summary_en = "The colleague's text"
        tool_a.save()

    response = client.post(url, {**change_data(tool_a, summary_en="My text"), TOKEN_FIELD: token})
    assert response.status_code == 200
    message = " ".join(response.context["adminform"].form.non_field_errors())
    assert "changed by Giulia Rossi" in message
    assert "since you opened it" in message
    # What the editor typed is still in the form, and nothing was overwritten.
    assert "My text" in response.content.decode()
    tool_a.refresh_from_db()
    assert tool_a.summary_en == "The colleague's text"


def test_a_fresh_save_goes_through(client, editor_a, tool_a):
    client.force_login(editor_a)
    url = admin_url("change", tool_a.pk)
    token = opened_token(client, url)
    response = client.post(url, {**change_data(tool_a, summary_en="Mine"), TOKEN_FIELD: token})
    assert response.status_code == 302
    tool_a.refresh_from_db()
    assert tool_a.summary_en == "Mine"


def test_a_changed_many_to_many_link_also_counts_as_a_change(client, editor_a, tool_a):
    from catalogue.models import Sector

    client.force_login(editor_a)
    url = admin_url("change", tool_a.pk)
    token = opened_token(client, url)
    tool_a.sectors.add(Sector.objects.create(name="Farming", slug="farming"))
    response = client.post(url, {**change_data(tool_a), TOKEN_FIELD: token})
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
