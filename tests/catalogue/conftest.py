import pytest

from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory

# Partners and their editors, for the tests of what partners see (reports, offers).
from tests.organisations.conftest import editor_a, manager, org_a, org_b  # noqa: F401  (fixtures)


@pytest.fixture
def taxonomy(db):
    """Two sectors and two needs, named in English and Croatian."""
    return {
        "farming": SectorFactory(slug="farming", name_en="Farming", name_hr="Poljoprivreda", icon="sprout"),
        "waste": SectorFactory(slug="waste-recycling", name_en="Waste and recycling", icon="recycle"),
        "accounting": NeedFactory(slug="accounting-invoicing", name_en="Accounting", icon="calculator"),
        "website": NeedFactory(slug="website", name_en="Website", icon="globe"),
    }


@pytest.fixture
def catalogue(taxonomy):
    """Four published tools and one draft, spread over the facets."""
    t = taxonomy
    return {
        "gnucash": ToolFactory(
            name="GnuCash",
            slug="gnucash",
            licence="open_source",
            price_model="free",
            platforms=["windows", "linux"],
            interface_languages=["en", "hr", "it"],
            skill_level="intermediate",
            sectors=[t["farming"], t["waste"]],
            needs=[t["accounting"]],
        ),
        "invoicer": ToolFactory(
            name="Invoicer",
            slug="invoicer",
            licence="proprietary",
            price_model="free",
            platforms=["web"],
            interface_languages=["en", "hr"],
            sectors=[t["waste"]],
            needs=[t["accounting"]],
        ),
        "sitebuilder": ToolFactory(
            name="Sitebuilder",
            slug="sitebuilder",
            licence="proprietary",
            price_model="freemium",
            platforms=["web", "android"],
            interface_languages=["en", "de"],
            sectors=[t["farming"]],
            needs=[t["website"]],
        ),
        "bigerp": ToolFactory(
            name="BigERP",
            slug="bigerp",
            licence="proprietary",
            price_model="paid",
            platforms=["web"],
            interface_languages=["en"],
            skill_level="advanced",
            sectors=[t["farming"]],
            needs=[t["accounting"], t["website"]],
        ),
        "secret": ToolFactory(
            name="Secret draft",
            slug="secret-draft",
            status="draft",
            licence="proprietary",
            price_model="free",
            sectors=[t["waste"]],
            needs=[t["accounting"]],
            interface_languages=["en", "hr"],
        ),
    }
