"""A help request goes to the partner organisation that covers the WISE's country."""

import pytest

from help.models import CountryDesk, partner_for_country
from tests.help.factories import HelpRequestFactory
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("country", ["IT", "SI", "HR"])
def test_each_country_goes_to_its_desk(partners, country):
    assert HelpRequestFactory(country=country).organisation == partners[country]


def test_a_desk_can_cover_a_country_with_no_partner_of_its_own(partners):
    CountryDesk.objects.create(country="AT", organisation=partners["SI"])
    assert HelpRequestFactory(country="AT").organisation == partners["SI"]


def test_without_a_desk_the_one_partner_based_in_the_country_takes_it(db):
    polish = OrganisationFactory(slug="pl-partner", country="PL")
    assert partner_for_country("PL") == polish


def test_two_partners_in_a_country_and_no_desk_leave_it_to_the_site_managers(db):
    OrganisationFactory(slug="de-one", country="DE")
    OrganisationFactory(slug="de-two", country="DE")
    help_request = HelpRequestFactory(country="DE")
    assert help_request.organisation is None


def test_a_country_nobody_covers_is_routed_to_nobody(partners):
    assert HelpRequestFactory(country="FR").organisation is None


def test_the_desk_wins_over_the_partner_based_there(partners):
    OrganisationFactory(slug="another-it", country="IT")
    CountryDesk.objects.filter(country="IT").update(organisation=partners["SI"])
    assert partner_for_country("IT") == partners["SI"]
