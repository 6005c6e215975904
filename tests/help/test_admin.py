"""The partner admin of the help app: each partner sees and handles only the requests routed to it
and the providers it owns (lists, change forms, crafted POSTs, exports), and moves a request
through the state machine from its change form."""

import pytest
from django.core import mail
from django.urls import reverse

from help.models import HelpRequest, PeerQuestion, Provider, RequestEvent, RequestNote, SentEmail, State
from tests.help.factories import HelpRequestFactory, PeerUseFactory, ProviderFactory
from tests.help.helpers import change_form_data

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(f"admin:help_{model._meta.model_name}_{name}", args=args)


@pytest.fixture
def requests(partners):
    return {
        "SI": HelpRequestFactory(country="SI", brief="Slovenian brief", email="si-wise@wises.example.org"),
        "HR": HelpRequestFactory(country="HR", brief="Croatian brief", email="hr-wise@wises.example.org"),
    }


@pytest.fixture
def providers(partners, dolibarr):
    return {
        "SI": ProviderFactory(
            name="Drava (test)",
            organisation=partners["SI"],
            countries=["SI"],
            tools=[dolibarr],
            languages=["sl"],
        ),
        "HR": ProviderFactory(name="Zagreb (test)", organisation=partners["HR"], countries=["HR"]),
    }


def listed(client, model):
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


# Requests


def test_each_partner_lists_only_its_own_requests(client, editors, manager, requests):
    client.force_login(editors["SI"])
    assert listed(client, HelpRequest) == {requests["SI"]}
    client.force_login(editors["HR"])
    assert listed(client, HelpRequest) == {requests["HR"]}
    client.force_login(manager)
    assert listed(client, HelpRequest) == set(requests.values())


def test_an_unrouted_request_is_for_the_site_managers_only(client, editors, manager, partners):
    nobody = HelpRequestFactory(country="FR")
    client.force_login(editors["SI"])
    assert nobody not in listed(client, HelpRequest)
    client.force_login(manager)
    assert nobody in listed(client, HelpRequest)
    assert nobody in set(
        client.get(url(HelpRequest, "changelist"), {"routed": "none"}).context["cl"].result_list
    )


def test_personal_data_is_shown_to_the_partner_it_is_routed_to(client, editors, requests):
    client.force_login(editors["SI"])
    response = client.get(url(HelpRequest, "change", requests["SI"].pk))
    assert response.status_code == 200
    assert "si-wise@wises.example.org" in response.content.decode()
    assert client.get(url(HelpRequest, "change", requests["HR"].pk)).status_code == 403
    assert client.get(url(HelpRequest, "history", requests["HR"].pk)).status_code == 403


def test_a_crafted_post_on_another_partners_request_changes_nothing(client, editors, requests):
    client.force_login(editors["SI"])
    own_form = client.get(url(HelpRequest, "change", requests["SI"].pk))
    response = client.post(
        url(HelpRequest, "change", requests["HR"].pk), change_form_data(own_form, action=State.CLOSED)
    )
    assert response.status_code == 403
    requests["HR"].refresh_from_db()
    assert requests["HR"].state == State.NEW
    assert requests["HR"].events.count() == 1


def test_partners_cannot_add_delete_or_reroute_requests(client, editors, partners, requests):
    client.force_login(editors["SI"])
    assert client.get(url(HelpRequest, "add")).status_code == 403
    assert client.post(url(HelpRequest, "delete", requests["SI"].pk), {"post": "yes"}).status_code == 403
    form = client.get(url(HelpRequest, "change", requests["SI"].pk))
    client.post(
        url(HelpRequest, "change", requests["SI"].pk),
        change_form_data(form, organisation=partners["HR"].pk, brief="Rewritten", email="x@example.com"),
    )
    requests["SI"].refresh_from_db()
    assert requests["SI"].organisation == partners["SI"]
    assert requests["SI"].brief == "Slovenian brief"
    assert requests["SI"].email == "si-wise@wises.example.org"


def test_forwarding_from_the_change_form(
    client, editors, requests, providers, django_capture_on_commit_callbacks
):
    client.force_login(editors["SI"])
    change = url(HelpRequest, "change", requests["SI"].pk)
    form = client.get(change)
    assert set(form.context["adminform"].form.fields["forward_to"].queryset) == set(providers.values())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change,
            change_form_data(
                form,
                action=State.FORWARDED,
                forward_to=[providers["SI"].pk],
                message="Drava will call you this week.",
                **{"notes-0-text": "Called the provider first."},
            ),
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    help_request = HelpRequest.objects.get(pk=requests["SI"].pk)
    assert help_request.state == State.FORWARDED
    assert list(help_request.providers.all()) == [providers["SI"]]
    event = help_request.events.last()
    assert (event.from_state, event.to_state, event.by) == (State.NEW, State.FORWARDED, editors["SI"])
    assert RequestNote.objects.get(help_request=help_request).author == editors["SI"]
    to_provider = next(m for m in mail.outbox if m.to == [providers["SI"].contact_email])
    assert "Slovenian brief" in to_provider.body
    assert "si-wise@wises.example.org" in to_provider.body  # the WISE agreed to be contacted
    to_wise = next(m for m in mail.outbox if m.to == ["si-wise@wises.example.org"])
    assert "Drava will call you this week." in to_wise.body
    assert providers["SI"].contact_email not in to_wise.body
    kinds = set(SentEmail.objects.filter(help_request=help_request).values_list("kind", flat=True))
    assert kinds == {"forwarded", "update"}


def test_a_step_the_machine_refuses_is_a_form_error(client, editors, requests):
    client.force_login(editors["SI"])
    change = url(HelpRequest, "change", requests["SI"].pk)
    form = client.get(change)
    response = client.post(change, change_form_data(form, action=State.DONE))  # new cannot be done
    assert response.status_code == 200
    assert "action" in response.context["adminform"].form.errors
    response = client.post(change, change_form_data(form, action=State.FORWARDED))  # nobody ticked
    assert "forward_to" in response.context["adminform"].form.errors
    requests["SI"].refresh_from_db()
    assert requests["SI"].state == State.NEW
    assert not RequestEvent.objects.filter(help_request=requests["SI"]).exclude(to_state=State.NEW).exists()


def test_a_stale_form_cannot_reopen_a_closed_request(client, editors, requests):
    client.force_login(editors["SI"])
    change = url(HelpRequest, "change", requests["SI"].pk)
    form = client.get(change)  # offers "in progress"
    requests["SI"].move_to(State.CLOSED)
    response = client.post(change, change_form_data(form, action=State.IN_PROGRESS))
    assert response.status_code == 200
    requests["SI"].refresh_from_db()
    assert requests["SI"].state == State.CLOSED


def test_forwarding_choices_are_public_providers_only(client, editors, partners, requests, providers):
    draft = ProviderFactory(name="Draft of another partner", organisation=partners["HR"], status="draft")
    client.force_login(editors["SI"])
    change = url(HelpRequest, "change", requests["SI"].pk)
    form = client.get(change)
    choices = set(form.context["adminform"].form.fields["forward_to"].queryset)
    assert draft not in choices
    response = client.post(change, change_form_data(form, action=State.FORWARDED, forward_to=[draft.pk]))
    assert "forward_to" in response.context["adminform"].form.errors
    assert not requests["SI"].forwardings.exists()


def export(client, model, resource, columns):
    response = client.post(
        url(model, "export"),
        {"format": "0", "resource": "0", **{f"{resource}_{column}": "on" for column in columns}},
    )
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def test_the_export_holds_only_the_partners_requests(client, editors, manager, requests):
    client.force_login(editors["SI"])
    body = export(client, HelpRequest, "helprequestresource", ["id", "brief", "email"])
    assert "Slovenian brief" in body and "si-wise@wises.example.org" in body
    assert "Croatian brief" not in body and "hr-wise@wises.example.org" not in body
    client.force_login(manager)
    body = export(client, HelpRequest, "helprequestresource", ["id", "brief"])
    assert "Slovenian brief" in body and "Croatian brief" in body


def test_the_sent_emails_are_the_partners_own(client, editors, requests, django_capture_on_commit_callbacks):
    from help import notifications

    with django_capture_on_commit_callbacks(execute=True):
        for help_request in requests.values():
            notifications.request_received(help_request, "http://testserver/")
    client.force_login(editors["SI"])
    shown = listed(client, SentEmail)
    assert shown and {email.help_request for email in shown} == {requests["SI"]}
    hr_email = SentEmail.objects.filter(help_request=requests["HR"]).first()
    assert client.get(url(SentEmail, "change", hr_email.pk)).status_code == 403


# Providers


def test_each_partner_lists_and_changes_only_its_own_providers(client, editors, providers):
    client.force_login(editors["SI"])
    assert listed(client, Provider) == {providers["SI"]}
    assert client.get(url(Provider, "change", providers["SI"].pk)).status_code == 200
    assert client.get(url(Provider, "change", providers["HR"].pk)).status_code == 403


def test_a_crafted_post_on_another_partners_provider_changes_nothing(client, editors, providers):
    client.force_login(editors["SI"])
    response = client.post(
        url(Provider, "change", providers["HR"].pk),
        {"name": "Hijacked", "slug": providers["HR"].slug, "summary_en": "Hijacked", "status": "draft"},
    )
    assert response.status_code == 403
    providers["HR"].refresh_from_db()
    assert providers["HR"].name == "Zagreb (test)"
    assert client.post(url(Provider, "delete", providers["HR"].pk), {"post": "yes"}).status_code == 403
    assert Provider.objects.filter(pk=providers["HR"].pk).exists()


def test_the_provider_export_holds_only_the_partners_providers(client, editors, providers):
    client.force_login(editors["SI"])
    body = export(client, Provider, "providerresource", ["slug", "name", "contact_email"])
    assert providers["SI"].slug in body and providers["HR"].slug not in body
    assert providers["HR"].contact_email not in body


def test_stale_providers_are_flagged_to_their_partner(client, editors, partners):
    import datetime

    from django.utils import timezone

    old = ProviderFactory(
        organisation=partners["SI"], verified_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    fresh = ProviderFactory(organisation=partners["SI"])
    client.force_login(editors["SI"])
    response = client.get(url(Provider, "changelist"))
    assert [str(message) for message in response.context["messages"]]
    assert set(client.get(url(Provider, "changelist"), {"checked": "stale"}).context["cl"].result_list) == {
        old
    }
    assert fresh in listed(client, Provider)


def test_a_website_must_be_http_or_https(partners):
    from django.core.exceptions import ValidationError

    provider = ProviderFactory.build(organisation=partners["SI"], website="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        provider.full_clean(exclude=["verified_by", "organisation"])
    assert "website" in error.value.error_dict
    for scheme in ("ftp://example.org/", "data:text/html,hi", "file:///etc/passwd"):
        provider.website = scheme
        with pytest.raises(ValidationError):
            provider.full_clean(exclude=["verified_by", "organisation"])
    provider.website = "https://example.org/"
    provider.full_clean(exclude=["verified_by", "organisation"])


# Peers


def test_questions_to_peers_are_seen_by_the_peers_partner_only(client, editors, partners):
    peer = PeerUseFactory(organisation=partners["SI"])
    question = PeerQuestion.objects.create(
        peer_use=peer, asker_name="Asker", asker_email="asker@wises.example.org", question="How?"
    )
    client.force_login(editors["SI"])
    assert listed(client, PeerQuestion) == {question}
    client.force_login(editors["HR"])
    assert listed(client, PeerQuestion) == set()
    assert client.get(url(PeerQuestion, "change", question.pk)).status_code == 403


def test_the_admins_view_on_site_redirect_never_leads_to_a_status_page(client, editors, requests):
    """Django's generic /admin/r/<type>/<id>/ follows get_absolute_url() for any staff member: a
    help request has none, so a guessed id reveals no private link."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(HelpRequest)
    client.force_login(editors["HR"])
    response = client.get(f"/admin/r/{content_type.pk}/{requests['SI'].pk}/")
    assert response.status_code == 404
    assert requests["SI"].token not in response.get("Location", "")


def test_forwarding_offers_the_tools_providers_then_the_needs_then_the_nearest(
    partners, accounting, dolibarr
):
    from help.admin import HelpRequestAdminForm
    from tests.catalogue.factories import NeedFactory

    websites = NeedFactory(slug="websites")
    near = ProviderFactory(name="Aaa near", countries=["SI"], languages=["sl"], needs=[websites])
    need_far = ProviderFactory(name="Aaa need far", countries=["IT"], languages=["it"], needs=[accounting])
    need_near = ProviderFactory(name="Zzz need near", countries=["SI"], languages=["sl"], needs=[accounting])
    tool_far = ProviderFactory(name="Zzz tool far", countries=["IT"], languages=["it"], tools=[dolibarr])
    help_request = HelpRequestFactory(country="SI", language="sl", need=accounting, tool=dolibarr)
    offered = list(HelpRequestAdminForm(instance=help_request).fields["forward_to"].queryset)
    assert offered == [tool_far, need_near, need_far, near]
