"""The help app's demo content: loaded by load_demo, idempotent, in seven languages, clearly invented."""

import pytest
from django.conf import settings

from help import demo
from help.models import CountryDesk, HelpRequest, PeerUse, Phase, Pilot, Provider, RequestEvent, State

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def loaded(demo_content):
    return demo_content


def test_load_demo_loads_the_help_content():
    from wisebusiness.management.commands.load_demo import DEMO_MODULES

    assert DEMO_MODULES[-1] is demo


def test_loading_twice_changes_nothing(loaded):
    counts = (
        Provider.objects.count(),
        PeerUse.objects.count(),
        Pilot.objects.count(),
        HelpRequest.objects.count(),
    )
    events = RequestEvent.objects.count()
    summary = demo.load()
    assert (
        Provider.objects.count(),
        PeerUse.objects.count(),
        Pilot.objects.count(),
        HelpRequest.objects.count(),
    ) == counts
    assert RequestEvent.objects.count() == events
    assert "14 providers" in summary


def test_providers_across_the_partner_countries_in_seven_languages(loaded):
    providers = list(Provider.objects.published())
    assert len(providers) >= 12
    countries = {country for provider in providers for country in provider.countries}
    assert {"IT", "SI", "HR", "PL"} <= countries
    kinds = {provider.kind for provider in providers}
    assert kinds == {"ict_firm", "freelance", "volunteers", "help_desk"}
    for provider in providers:
        assert "(demo)" in provider.name, provider.name
        assert provider.contact_email.endswith("@example.org"), provider.slug
        assert not provider.website or ".example.org" in provider.website
        for code in LANGUAGES:
            assert getattr(provider, f"summary_{code}"), (provider.slug, code)
            assert getattr(provider, f"description_{code}"), (provider.slug, code)
        assert provider.verified_by == provider.organisation
    assert any(provider.is_stale for provider in providers), "one sheet shows the renewal flag"


def test_a_slovenian_provider_sets_up_an_accounting_tool_from_the_catalogue(loaded):
    slovenian = Provider.objects.published().filter(countries__contains=["SI"], services__contains=["setup"])
    accounting_tools = slovenian.filter(tools__needs__slug="accounting-invoicing", tools__status="published")
    assert accounting_tools.filter(organisation__country="SI").exists()
    assert accounting_tools.filter(tools__slug="dolibarr").exists()


def test_peers_pilots_and_requests(loaded):
    peers = PeerUse.objects.published()
    assert peers.count() >= 6
    assert all("(demo)" in peer.wise_name and peer.contact_email.endswith("@example.org") for peer in peers)
    finished = Pilot.objects.finished().get()
    story = finished.published_case_story
    assert story is not None and story.category.slug == "case-story"
    for code in LANGUAGES:
        assert getattr(story, f"title_{code}") and getattr(story, f"body_{code}"), code
        assert getattr(finished, f"outcome_{code}"), code
    assert Pilot.objects.filter(phase=Phase.RUNNING).exists()
    states = set(HelpRequest.objects.values_list("state", flat=True))
    assert len(states) == 3 and State.NEW in states
    assert all(request.organisation is not None for request in HelpRequest.objects.all())
    assert all(request.email.endswith("@example.org") for request in HelpRequest.objects.all())
    assert CountryDesk.objects.filter(country="SI").exists()


def test_every_demo_page_answers(loaded, client):
    for provider in Provider.objects.published():
        assert client.get(f"/sl/help/{provider.slug}/").status_code == 200
    for help_request in HelpRequest.objects.all():
        assert client.get(f"/{help_request.language}/help/request/{help_request.token}/").status_code == 200
    assert client.get("/sl/catalogue/dolibarr/").status_code == 200
