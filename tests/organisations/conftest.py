import pytest
import reversion
from django.urls import reverse

from catalogue.models import Licence, PriceModel, Tool
from tests.organisations import admin_site  # noqa: F401  (registers Tool with django-reversion)
from tests.organisations.factories import OrganisationFactory, editor_of, site_manager


@pytest.fixture
def org_a(db):
    return OrganisationFactory(slug="org-a", name="Org A")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(slug="org-b", name="Org B")


@pytest.fixture
def editor_a(org_a):
    return editor_of(org_a, username="editor-a")


@pytest.fixture
def editor_b(org_b):
    return editor_of(org_b, username="editor-b")


@pytest.fixture
def manager(db):
    return site_manager(username="manager")


def make_tool(organisation, slug, **fields):
    values = {
        "name": slug.title(),
        "summary_en": f"{slug} in English",
        "summary_it": f"{slug} in italiano",
        "licence": Licence.PROPRIETARY,
        "price_model": PriceModel.FREE,
        "organisation": organisation,
        **fields,
    }
    with reversion.create_revision():
        return Tool.objects.create(slug=slug, **values)


@pytest.fixture
def tool_a(org_a):
    return make_tool(org_a, "tool-a")


@pytest.fixture
def tool_b(org_b):
    return make_tool(org_b, "tool-b")


def admin_url(name, *args):
    return reverse(f"testadmin:catalogue_tool_{name}", args=args)
