"""The translation status page counts per content type and language, own organisation first."""

import pytest
from django.urls import reverse

from catalogue.models import Tool
from editorial.translation_status import model_status
from tests.organisations.conftest import make_tool

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "it", "de", "fr", "sl", "hr", "pl"]


def test_counts_per_language(org_a, org_b):
    make_tool(org_a, "only-italian", summary_en="", summary_it="Solo in italiano")
    make_tool(org_a, "two-languages")  # English and Italian summaries
    full = {f"summary_{code}": f"text {code}" for code in LANGUAGES}
    make_tool(org_b, "everywhere", **full)

    status = model_status(Tool, Tool.objects.all(), own_organisation_id=org_a.pk)
    assert status.total == 3
    assert status.complete == {"en": 2, "it": 3, "de": 1, "fr": 1, "sl": 1, "hr": 1, "pl": 1}
    gaps = {gap.label: gap for gap in status.gaps}
    # Tools are listed by their name, the word an editor knows them by.
    assert set(gaps) == {"Only-Italian", "Two-Languages"}
    assert list(gaps["Only-Italian"].missing) == ["en", "de", "fr", "sl", "hr", "pl"]
    assert len(gaps["Two-Languages"].missing) == 5


def test_own_organisation_gaps_come_first(org_a, org_b):
    make_tool(org_b, "theirs", summary_en="", summary_it="Loro")  # missing 6 languages
    make_tool(org_a, "ours")  # missing 5
    status = model_status(Tool, Tool.objects.all(), own_organisation_id=org_a.pk)
    assert [gap.own for gap in status.gaps] == [True, False]


def test_page_for_a_partner_editor(client, editor_a, org_a, org_b):
    make_tool(org_a, "only-italian", summary_en="", summary_it="Solo in italiano")
    make_tool(org_b, "not-ours", summary_en="", summary_it="Non nostro")  # named "Not-Ours"
    client.force_login(editor_a)
    response = client.get(reverse("admin:organisations_translationstatus_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "missing in 6 languages" in html
    assert "Only-Italian" in html
    assert "Not-Ours" not in html  # another organisation's content stays out of sight
    [tools] = [status for status in response.context["statuses"] if status.model is Tool]
    assert tools.total == 1
    assert tools.complete["it"] == 1 and tools.complete["en"] == 0


def test_page_is_listed_in_the_admin_index(client, editor_a):
    client.force_login(editor_a)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:organisations_translationstatus_changelist") in index


def test_page_needs_the_permission(client, db):
    from tests.organisations.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("admin:organisations_translationstatus_changelist"))
    assert response.status_code == 403
