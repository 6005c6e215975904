"""Comparisons with similar WISEs and the partners' needs map: never a figure for fewer than 10."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from checkup.models import Response
from tests.catalogue.factories import SectorFactory
from tests.checkup.conftest import answer_all, latest
from tests.checkup.factories import finished_response
from tests.organisations.factories import OrganisationFactory, editor_of, site_manager

pytestmark = pytest.mark.django_db


def others(questionnaire, count, **fields):
    return [
        finished_response(questionnaire, scores={"strategy": 50.0, "people": 50.0, "data": 50.0}, **fields)
        for _ in range(count)
    ]


@pytest.fixture
def mine(client, questionnaire, profile):
    location = answer_all(client, questionnaire, profile=profile)["Location"]
    return location, latest()


def test_no_comparison_with_nine_similar_wises(client, questionnaire, mine):
    location, response = mine
    others(questionnaire, 9, sector=response.sector, country="PL")

    page = client.get(location).content.decode()

    assert "WISEs in your sector" not in page
    assert "WISEs in your country" not in page
    assert "When at least 10 similar social enterprises" in page


def test_the_comparison_appears_with_ten_and_counts_each_wise_once(client, questionnaire, mine):
    location, response = mine
    group = others(questionnaire, 10, sector=response.sector, country="IT")
    # A WISE that retook the check-up counts once: its older result is left out.
    old = finished_response(
        questionnaire, scores={"strategy": 0, "people": 0, "data": 0}, sector=response.sector
    )
    Response.objects.filter(pk=group[0].pk).update(previous=old)

    page = client.get(location).content.decode()

    assert "WISEs in your sector (10)" in page
    assert "WISEs in your country" not in page  # only 0 others in Poland
    assert page.count("50%") >= 3


def test_only_finished_responses_are_compared(client, questionnaire, mine):
    location, _response = mine
    others(questionnaire, 9, country="PL")
    for _ in range(3):
        Response.start(questionnaire, "en")  # drafts

    assert "WISEs in your country" not in client.get(location).content.decode()


@pytest.fixture
def map_data(questionnaire):
    """12 Polish recycling WISEs (8 without backups), 10 Italian farms, 4 Slovenian ones."""
    recycling = SectorFactory(slug="waste-recycling", name_en="Waste and recycling")
    farming = SectorFactory(slug="farming", name_en="Farming")
    for index in range(12):
        finished_response(
            questionnaire,
            scores={"strategy": 20.0, "people": 40.0, "data": 10.0},
            country="PL",
            sector=recycling,
            flags=["no-backups"] if index < 8 else [],
            next_steps=["data-protection"],
        )
    others(questionnaire, 10, country="IT", sector=farming)
    others(questionnaire, 4, country="SI", sector=farming)


def needs_map(user, **query):
    client = Client()
    client.force_login(user)
    return client.get(reverse("admin:checkup_needsmap_changelist"), query)


def test_the_site_manager_sees_every_country_and_small_groups_are_suppressed(map_data):
    page = needs_map(site_manager())

    assert page.status_code == 200
    text = page.content.decode()
    assert "Poland" in text and "Italy" in text
    assert "fewer than 10: not shown" in text  # Slovenia, 4 check-ups
    assert "26 check-ups" in text


def test_the_partner_editor_sees_only_their_country(map_data):
    polish = editor_of(OrganisationFactory(slug="fes", country="PL"), username="editor-pl")

    page = needs_map(polish, country="IT")  # asking for another country changes nothing

    text = page.content.decode()
    assert page.status_code == 200
    assert "12 check-ups" in text
    assert "Italy" not in text
    assert "Waste and recycling" in text and "Farming" not in text


def test_a_partner_editor_of_a_country_with_few_responses_sees_nothing(map_data):
    slovenian = editor_of(OrganisationFactory(slug="lab", country="SI"), username="editor-sl")

    text = needs_map(slovenian).content.decode()

    assert "Fewer than 10 finished check-ups here" in text
    assert "50%" not in text


def test_csv_export_is_scoped_and_suppresses_small_groups(map_data):
    rows = list(csv.reader(io.StringIO(needs_map(site_manager(), format="csv").content.decode())))

    assert rows[0][:4] == ["group", "value", "label", "responses"]
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert by_key["country", "PL"][3] == "12"
    assert by_key["country", "PL"][5:8] == ["20.0", "40.0", "10.0"]
    assert by_key["country", "SI"][3] == "<10" and by_key["country", "SI"][4:] == ["", "", "", ""]
    assert by_key["risk_flag", "no-backups"][3] == "8"
    assert by_key["next_step", "data-protection"][3] == "12"

    polish = editor_of(OrganisationFactory(slug="fes", country="PL"), username="editor-pl")
    rows = list(csv.reader(io.StringIO(needs_map(polish, format="csv", country="IT").content.decode())))
    assert {row[1] for row in rows[1:] if row[0] == "country"} == {"PL"}


def test_a_small_group_cannot_be_worked_out_from_the_total(map_data):
    # 26 in all: Poland 12, Italy 10, Slovenia 4. With Italy shown, Slovenia's 4 would be the
    # total minus the rest, so the next smallest group (Italy) is hidden as well.
    page = needs_map(site_manager()).content.decode()
    assert "not shown, so that a smaller group cannot be worked out from the total" in page

    rows = list(csv.reader(io.StringIO(needs_map(site_manager(), format="csv").content.decode())))
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert by_key["country", "IT"][3:] == ["hidden", "", "", "", ""]
    assert by_key["country", "SI"][3] == "<10"
    assert by_key["country", "PL"][3] == "12"


def test_hidden_groups_that_hold_ten_together_hide_nothing_more():
    from checkup.stats import GroupRow, _protect

    rows = [
        GroupRow("a", "A", 30),
        GroupRow("b", "B", 12),
        *(GroupRow(k, k, 5, suppressed=True) for k in "cd"),
    ]
    _protect(rows)
    assert [row.suppressed for row in rows] == [False, False, True, True]

    rows = [GroupRow("a", "A", 30), GroupRow("b", "B", 12), GroupRow("c", "C", 3, suppressed=True)]
    _protect(rows)
    assert [row.suppressed for row in rows] == [False, True, True]


def test_flags_and_next_steps_are_listed(map_data):
    text = needs_map(site_manager(), country="PL").content.decode()

    assert "Most common risk flags" in text and "no-backups" in text
    assert "Most chosen next steps" in text and "data-protection" in text


def test_people_without_the_role_cannot_open_the_map(map_data):
    from tests.organisations.factories import UserFactory

    page = needs_map(UserFactory(username="staff-only"))

    assert page.status_code == 403
