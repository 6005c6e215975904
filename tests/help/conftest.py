import pytest
from django.core.cache import cache
from django.db import transaction

from help.models import CountryDesk
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from tests.organisations.factories import OrganisationFactory, editor_of, site_manager


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partners(db):
    """Three partner organisations and the countries they take requests from."""
    partners = {
        "IT": OrganisationFactory(slug="partner-it", name="Partner Italia", country="IT"),
        "SI": OrganisationFactory(slug="partner-si", name="Partner Slovenija", country="SI"),
        "HR": OrganisationFactory(slug="partner-hr", name="Partner Hrvatska", country="HR"),
    }
    for country, organisation in partners.items():
        CountryDesk.objects.create(country=country, organisation=organisation)
    return partners


@pytest.fixture
def editors(partners):
    return {
        country: editor_of(
            organisation,
            username=f"editor-{country.lower()}",
            email=f"editor-{country.lower()}@partners.example.org",
        )
        for country, organisation in partners.items()
    }


@pytest.fixture
def manager(db):
    return site_manager(username="manager", email="manager@partners.example.org")


@pytest.fixture
def accounting(db):
    return NeedFactory(
        slug="accounting-invoicing", name_en="Accounting and invoicing", name_sl="Računovodstvo in računi"
    )


@pytest.fixture
def farming(db):
    return SectorFactory(slug="farming", name_en="Farming", name_sl="Kmetijstvo")


@pytest.fixture
def dolibarr(accounting, farming):
    return ToolFactory(name="Dolibarr", slug="dolibarr", needs=[accounting], sectors=[farming])


def load_demo_content():
    """The demo this app needs (partners and their accounts, the catalogue, the check-up, the
    help content); courses and articles are left out: they take long to draw and nothing here
    reads them."""
    import catalogue.demo
    import checkup.demo
    import help.demo
    import organisations.demo

    for module in (organisations.demo, catalogue.demo, checkup.demo, help.demo):
        module.load()


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo, loaded once per test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        yield
        transaction.set_rollback(True)
