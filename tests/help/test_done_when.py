"""Issue 15, "done when", on the demo content with Django's test client: a new user reading in
Slovenian finds a provider who sets up the accounting tool they chose and sends a help request
with their check-up result attached; the Slovenian partner editor sees it (and the result),
forwards it and closes it in the admin; the Croatian editor cannot see it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from catalogue.models import Sector
from checkup.models import Questionnaire
from help.models import HelpRequest, Provider, State
from organisations.demo import DEMO_PASSWORD
from tests.checkup.conftest import answer_all
from tests.help.helpers import change_form_data, form_key

pytestmark = pytest.mark.django_db


def links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', response.content.decode())


def test_done_when(client, demo_content, django_capture_on_commit_callbacks):
    # A new visitor, in Slovenian, takes the check-up first (a farm in Slovenia, little budget).
    profile = {
        "sector": Sector.objects.get(slug="farming").pk,
        "country": "SI",
        "staff": "10-49",
        "integration_workers": "5-19",
        "budget": "small",
        "devices": "both",
        "connectivity": "good",
    }
    result_page = answer_all(client, Questionnaire.objects.current(), language="sl", profile=profile)
    assert "/sl/check-up/r/" in result_page["Location"]
    assert "/sl/help/request/?" in client.get(result_page["Location"]).content.decode()  # who can help

    # Then looks for an accounting tool in their language.
    home = client.get("/sl/")
    assert "/sl/help/" in links(home)
    catalogue = client.get("/sl/catalogue/?need=accounting-invoicing&language=sl")
    assert "/sl/catalogue/dolibarr/" in links(catalogue)

    # They choose Dolibarr; its page shows who can help, nearest (in Slovenia) first.
    tool_page = client.get("/sl/catalogue/dolibarr/")
    nearest = tool_page.context["tool"].published_providers[0]
    assert "SI" in nearest.countries and "setup" in nearest.services
    assert nearest.tools.filter(slug="dolibarr").exists()
    assert nearest.get_absolute_url() in links(tool_page)

    # The directory finds the same provider: Slovenia, set-up, Dolibarr.
    directory = client.get("/sl/help/?tool=dolibarr&service=setup&country=SI")
    assert nearest in directory.context["providers"]

    # From the provider's page they ask for help; the form already knows the provider and the country.
    provider_page = client.get(nearest.get_absolute_url())
    ask = next(link for link in links(provider_page) if link.startswith("/sl/help/request/?provider="))
    form_page = client.get(ask.replace("&amp;", "&"))
    form = form_page.context["form"]
    assert form.initial["provider"] == nearest.slug and form.initial["country"] == "SI"
    assert "attach_checkup" in form.fields  # the result they finished in this browser
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/sl/help/request/",
            {
                "form_key": form_key(form_page),
                "provider": nearest.slug,
                "tool": "dolibarr",
                "need": "accounting-invoicing",
                "sector": "farming",
                "country": "SI",
                "language": "sl",
                "budget_band": "small",
                "brief": "Radi bi izdajali račune v Dolibarrju, pa ne vemo, kako ga namestiti.",
                "contact_name": "Zadruga Novi začetek (test)",
                "email": "novi-zacetek@wises.example.org",
                "attach_checkup": "on",
                "consent": "on",
                "homepage": "",
            },
        )
    assert sent.status_code == 302
    help_request = HelpRequest.objects.get(email="novi-zacetek@wises.example.org")
    assert help_request.organisation.slug == "social-enterprise-lab-maribor"
    assert help_request.checkup_result is not None and help_request.checkup_result.country == "SI"
    status = client.get(sent["Location"])
    assert status.status_code == 200 and help_request.organisation.name in status.content.decode()

    # The Slovenian partner editor sees it in the admin...
    editor = client_for("editor-sl")
    changelist = editor.get(reverse("admin:help_helprequest_changelist"))
    assert help_request in changelist.context["cl"].result_list
    change = reverse("admin:help_helprequest_change", args=[help_request.pk])
    page = editor.get(change)
    assert "novi-zacetek@wises.example.org" in page.content.decode()
    assert 'class="help-checkup-summary"' in page.content.decode()  # the attached result

    # ...forwards it to the provider...
    with django_capture_on_commit_callbacks(execute=True):
        forwarded = editor.post(
            change,
            change_form_data(
                page, action=State.FORWARDED, forward_to=[nearest.pk], message="Oglasili se vam bodo."
            ),
        )
    assert forwarded.status_code == 302
    help_request.refresh_from_db()
    assert help_request.state == State.FORWARDED
    assert any(nearest.contact_email in message.to for message in mail.outbox)

    # ...and closes it.
    page = editor.get(change)
    with django_capture_on_commit_callbacks(execute=True):
        closed = editor.post(change, change_form_data(page, action=State.CLOSED, message="Nameščeno."))
    assert closed.status_code == 302
    help_request.refresh_from_db()
    assert help_request.state == State.CLOSED
    assert [event.to_state for event in help_request.events.all()] == [
        State.NEW,
        State.FORWARDED,
        State.CLOSED,
    ]
    assert "Nameščeno." in client.get(sent["Location"]).content.decode()

    # The Croatian editor cannot see it: not in the list, not by its address.
    croatian = client_for("editor-hr")
    listed = croatian.get(reverse("admin:help_helprequest_changelist")).context["cl"].result_list
    assert help_request not in listed
    assert croatian.get(change).status_code == 403
    assert Provider.objects.filter(pk=nearest.pk, organisation__slug="social-enterprise-lab-maribor").exists()


def client_for(username):
    from django.test import Client

    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/", username
    return client
