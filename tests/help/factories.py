import datetime

import factory
from django.utils import timezone

from editorial.models import Status
from help.models import HelpRequest, PeerUse, Phase, Pilot, Provider, ProviderKind, RequestEvent, State
from tests.catalogue.factories import NeedFactory, ToolFactory


def recently() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=30)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Provider {n:03d}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    kind = ProviderKind.ICT_FIRM
    summary_en = factory.LazyAttribute(lambda o: f"{o.name} sets up tools for cooperatives.")
    description_en = "<p>What they do.</p>"
    services = factory.LazyFunction(lambda: ["setup", "training"])
    countries = factory.LazyFunction(lambda: ["IT"])
    languages = factory.LazyFunction(lambda: ["it", "en"])
    contact_email = factory.LazyAttribute(lambda o: f"{o.slug}@providers.example.org")
    status = Status.PUBLISHED
    organisation = None
    verified_by = factory.LazyAttribute(lambda o: o.organisation)
    verified_on = factory.LazyFunction(recently)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A request as the public form saves it: routed, with its first history entry."""

    class Meta:
        model = HelpRequest

    need = factory.SubFactory(NeedFactory)
    country = "IT"
    language = "it"
    brief = "We would like to send our invoices from a computer."
    contact_name = "Cooperativa Prova"
    email = factory.Sequence(lambda n: f"wise{n}@wises.example.org")
    consent = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        route = kwargs.pop("route", True)
        help_request = model_class(*args, **kwargs)
        if route and help_request.organisation is None:
            help_request.route()
        help_request.save()
        RequestEvent.objects.create(help_request=help_request, to_state=State.NEW)
        return help_request


class PeerUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerUse

    wise_name = factory.Sequence(lambda n: f"Cooperativa {n} (test)")
    tool = factory.SubFactory(ToolFactory)
    country = "IT"
    since = 2023
    quote_en = "It saves us an afternoon every week."
    consent = True
    contact_email = factory.Sequence(lambda n: f"peer{n}@peers.example.org")
    status = Status.PUBLISHED


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    title_en = factory.Sequence(lambda n: f"Pilot {n}")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
    need = factory.SubFactory(NeedFactory)
    wise_name = "Cooperativa Pilota (test)"
    phase = Phase.FINISHED
    started_on = datetime.date(2026, 1, 10)
    ended_on = datetime.date(2026, 5, 30)
    outcome_en = "Invoices now take a third of the time."
    status = Status.PUBLISHED
