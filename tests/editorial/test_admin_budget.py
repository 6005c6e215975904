"""What saving content in the partner admin costs: a fixed, small number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import Need, Sector
from tests.catalogue.factories import ToolFactory
from tests.organisations.factories import OrganisationFactory, editor_of

pytestmark = pytest.mark.django_db


def change_form_data(client, url):
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = [str(item) for item in value] if isinstance(value, (list, tuple)) else str(value)
    return data


def test_saving_a_tool_as_a_partner_editor_costs_at_most_25_queries(client):
    organisation = OrganisationFactory()
    sectors = [Sector.objects.create(name_en=f"Sector {n}", slug=f"sector-{n}") for n in range(3)]
    needs = [Need.objects.create(name_en=f"Need {n}", slug=f"need-{n}") for n in range(3)]
    tool = ToolFactory(organisation=organisation, sectors=sectors, needs=needs)
    ToolFactory.create_batch(5, organisation=organisation)
    client.force_login(editor_of(organisation))
    url = reverse("admin:catalogue_tool_change", args=[tool.pk])
    data = change_form_data(client, url) | {
        "summary_it": "Uno strumento per la cooperativa.",
        # The tool's nonprofit offers (an inline): none.
        "nonprofit_offers-TOTAL_FORMS": "0",
        "nonprofit_offers-INITIAL_FORMS": "0",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(queries) <= 25, f"{len(queries)} queries:\n" + "\n".join(
        query["sql"][:300] for query in queries
    )
