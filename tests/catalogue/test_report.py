""" "Report outdated information": a bounded public form that files a note for the tool's partner,
who alone sees and settles it in the admin."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalogue.models import OutdatedReport
from tests.catalogue.factories import ToolFactory
from tests.organisations.conftest import make_tool

GOOD = {"topic": "price", "message": "The free plan now allows 300 contacts, not 500.", "email": ""}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tool(org_a):
    return make_tool(org_a, "tool-a", status="published")


def report_url(tool, language="en"):
    return f"/{language}/catalogue/{tool.slug}/report/"


def test_the_tool_page_has_the_form(client, tool):
    html = client.get(f"/en/catalogue/{tool.slug}/").content.decode()
    assert f'action="/en/catalogue/{tool.slug}/report/"' in html
    assert 'name="homepage"' in html  # the honeypot
    assert 'maxlength="2000"' in html


def test_a_report_is_filed_for_the_tool_and_not_shown(client, tool):
    response = client.post(report_url(tool, "hr"), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == f"/hr/catalogue/{tool.slug}/"
    [report] = OutdatedReport.objects.all()
    assert (report.tool, report.topic, report.language, report.status) == (tool, "price", "hr", "new")
    assert report.message == GOOD["message"]
    html = response.content.decode()
    assert GOOD["message"] not in html  # moderated: never on the site
    assert 'class="message message--success"' in html


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**GOOD, "homepage": "http://spam.example"}, None),
        ({**GOOD, "message": "x" * 2001}, "message"),
        ({**GOOD, "message": ""}, "message"),
        ({**GOOD, "topic": "<script>"}, "topic"),
        ({**GOOD, "email": "not-an-address"}, "email"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_saved(client, tool, data, field):
    response = client.post(report_url(tool), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors if field else form.non_field_errors()
    assert not OutdatedReport.objects.exists()


def test_a_message_that_is_not_text_is_refused_before_the_form_reads_it(client, tool):
    # editorial.middleware.MalformedRequestMiddleware (tests/security/test_bad_input.py).
    response = client.post(report_url(tool), {**GOOD, "message": "bad\x00byte"})
    assert response.status_code == 400
    assert not OutdatedReport.objects.exists()


def test_what_was_typed_comes_back_escaped(client, tool):
    response = client.post(report_url(tool), {**GOOD, "message": "<script>alert(1)</script>" + "x" * 2000})
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_a_draft_or_unknown_tool_cannot_be_reported(client, org_a):
    draft = make_tool(org_a, "draft-tool", status="draft")
    assert client.post(report_url(draft), GOOD).status_code == 404
    assert client.get("/en/catalogue/nope/report/").status_code == 404
    assert not OutdatedReport.objects.exists()


def test_one_address_may_send_five_reports_in_ten_minutes(client, tool):
    for _number in range(5):
        assert client.post(report_url(tool), GOOD).status_code == 302
    response = client.post(report_url(tool), GOOD)
    assert response.status_code == 429
    assert "Please wait a few minutes." in response.content.decode()
    assert OutdatedReport.objects.count() == 5
    # Another address is not held back.
    assert client.post(report_url(tool), GOOD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_partners_see_and_settle_only_reports_about_their_own_tools(client, editor_a, manager, org_b, tool):
    other = make_tool(org_b, "tool-b", status="published")
    ours = OutdatedReport.objects.create(tool=tool, topic="price", message="Ours", language="en")
    theirs = OutdatedReport.objects.create(tool=other, topic="website", message="Theirs", language="it")
    changelist = reverse("admin:catalogue_outdatedreport_changelist")

    client.force_login(editor_a)
    listed = client.get(changelist).context["cl"].result_list
    assert list(listed) == [ours]
    assert client.get(reverse("admin:catalogue_outdatedreport_change", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("admin:catalogue_outdatedreport_add")).status_code == 403
    # Settling it: status and a note; the visitor's words stay as they were.
    url = reverse("admin:catalogue_outdatedreport_change", args=[ours.pk])
    response = client.post(url, {"status": "fixed", "partner_note": "Price updated.", "message": "Changed"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert (ours.status, ours.partner_note, ours.message) == ("fixed", "Price updated.", "Ours")
    response = client.post(
        reverse("admin:catalogue_outdatedreport_change", args=[theirs.pk]), {"status": "dismissed"}
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "new"
    assert list(OutdatedReport.objects.open()) == [theirs]

    client.force_login(manager)
    assert set(client.get(changelist).context["cl"].result_list) == {ours, theirs}


def test_reports_need_no_organisation_to_be_filed(client, db):
    tool = ToolFactory(slug="ownerless")
    assert client.post(report_url(tool), GOOD).status_code == 302
    assert OutdatedReport.objects.get().tool == tool


def test_a_report_from_another_site_is_refused_and_nothing_is_saved(client, tool):
    response = client.post(report_url(tool), GOOD, headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 403
    assert not OutdatedReport.objects.exists()
    assert "csrfmiddlewaretoken" not in client.get(tool.get_absolute_url()).content.decode()
