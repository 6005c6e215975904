"""Help and the check-up: a result's next steps list who can help nearby, and a help request
can carry the WISE's check-up result (from this browser, or by its pasted link), prefilled from
it, readable in the admin by the partner it is routed to only, and unlinked when erased."""

import pytest
from django.utils import timezone, translation

from checkup.models import Response
from checkup.plan import Profile, helpers_for
from checkup.templatetags.checkup_tags import percent
from checkup.views import RESULT_SESSION_KEY
from help import checkup_link
from help.models import HelpRequest, State
from tests.checkup.conftest import answer_all
from tests.checkup.factories import DimensionFactory, QuestionFactory, QuestionnaireFactory
from tests.help.factories import HelpRequestFactory, ProviderFactory
from tests.help.helpers import form_key, request_data

pytestmark = pytest.mark.django_db
URL = "/sl/help/request/"


def finished_result(country="SI", sector=None, budget="small", next_steps=(), **fields):
    """A finished check-up result and its private token (only its hash is stored)."""
    questionnaire = QuestionnaireFactory()
    DimensionFactory(questionnaire=questionnaire, slug="strategy", order=1, name_en="Strategy")
    DimensionFactory(questionnaire=questionnaire, slug="people", order=2, name_en="People and skills")
    response, token = Response.start(questionnaire, "sl")
    response.country, response.sector, response.budget = country, sector, budget
    response.staff = "10-49"
    response.scores = {"strategy": 25.0, "people": 60.0}
    response.overall = 42.5
    response.next_steps = list(next_steps)
    response.status = "finished"
    response.finished = timezone.now()
    for name, value in fields.items():
        setattr(response, name, value)
    response.save()
    return response, token


@pytest.fixture
def result(partners, editors, accounting, farming, dolibarr):
    return finished_result(sector=farming, next_steps=["accounting-invoicing"])


def with_session_result(client, token):
    session = client.session
    session[RESULT_SESSION_KEY] = token
    session.save()
    return client


def send(client, **overrides):
    key = form_key(client.get(URL))
    return client.post(URL, request_data(form_key=key, **overrides))


def test_a_result_finished_in_this_browser_is_offered_and_fills_the_form(client, result):
    _response, token = result
    page = with_session_result(client, token).get(URL)
    form = page.context["form"]
    assert "attach_checkup" in form.fields
    assert form.initial["need"] == "accounting-invoicing"  # the first next step of its plan
    assert form.initial["sector"] == "farming"
    assert form.initial["country"] == "SI"
    assert form.initial["budget_band"] == "small"
    html = page.content.decode()
    assert 'name="attach_checkup"' in html and token not in html


def test_the_query_string_still_wins_over_the_result(client, result, farming):
    _response, token = result
    form = with_session_result(client, token).get(f"{URL}?sector=farming&need=").context["form"]
    assert form.initial["sector"] == "farming"
    assert form.initial["need"] == "accounting-invoicing"


def test_without_a_result_only_the_link_field_is_offered(client, result):
    form = client.get(URL).context["form"]
    assert "attach_checkup" not in form.fields and "checkup_link" in form.fields
    assert "need" not in form.initial


def test_ticking_attaches_the_sessions_result_and_not_ticking_does_not(client, result):
    response, token = result
    with_session_result(client, token)
    send(client, attach_checkup="on")
    send(client, brief="A second request, without the result.")
    attached, plain = HelpRequest.objects.order_by("created", "pk")
    assert attached.checkup_result == response
    assert plain.checkup_result is None


def test_a_pasted_result_link_attaches_it(client, result):
    response, token = result
    answer = send(client, checkup_link=f"  https://wise-business.example.org/sl/check-up/r/{token}/  ")
    assert answer.status_code == 302
    assert HelpRequest.objects.get().checkup_result == response


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: f"https://wise-business.example.org/sl/check-up/r/{token}x/",
        lambda token: "javascript:alert(1)",
        lambda token: "r/" + "a" * 400,
    ],
    ids=["changed", "longer", "script", "too-long"],
)
def test_a_wrong_result_link_is_a_field_error_and_nothing_is_saved(client, result, mangle):
    _response, token = result
    answer = send(client, checkup_link=mangle(token))
    assert answer.status_code == 200
    assert "checkup_link" in answer.context["form"].errors
    assert not HelpRequest.objects.exists()


def test_an_unfinished_check_up_cannot_be_attached(client, result):
    response, token = result
    Response.objects.filter(pk=response.pk).update(status="draft")
    answer = send(client, checkup_link=token)
    assert "checkup_link" in answer.context["form"].errors
    assert "attach_checkup" not in with_session_result(client, token).get(URL).context["form"].fields


def test_the_partner_reads_a_summary_and_another_partner_cannot(client, result, editors):
    response, token = result
    send(client, checkup_link=token)
    help_request = HelpRequest.objects.get()
    assert help_request.organisation.slug == "partner-si"
    change = f"/admin/help/helprequest/{help_request.pk}/change/"

    client.force_login(editors["SI"])
    html = client.get(change).content.decode()
    with translation.override("sl"):  # the admin speaks the editor's language
        sixty, overall = percent(60.0), percent(42.5)
    assert "People and skills" in html and sixty in html
    assert overall in html and "42" in overall  # 42.5, rounded half to even
    assert "Računovodstvo in računi" in html  # the need of its next step (the admin speaks Slovenian here)
    assert token not in html and response.token_hash not in html

    client.force_login(editors["HR"])
    assert client.get(change).status_code == 403


def test_the_status_page_says_a_result_is_attached(client, result):
    _response, token = result
    send(client, checkup_link=token)
    with translation.override("en"):
        html = client.get(HelpRequest.objects.get().status_url()).content.decode()
    assert "Attached: the partner sees your scores and next steps." in html
    assert token not in html


def test_erasing_personal_data_unlinks_the_result(result):
    response, _token = result
    help_request = HelpRequestFactory(country="SI", checkup_result=response)
    help_request.move_to(State.CLOSED)
    help_request.erase_personal_data()
    help_request.refresh_from_db()
    assert help_request.checkup_result is None
    assert Response.objects.filter(pk=response.pk).exists(), "the WISE's own result stays"


# Who can help nearby, on the result


@pytest.fixture
def nearby(partners, accounting, farming):
    return {
        "si": ProviderFactory(name="Maribor IT", countries=["SI"], languages=["sl"], needs=[accounting]),
        "speaks": ProviderFactory(
            name="Ajdovscina", countries=["IT"], languages=["sl", "it"], needs=[accounting]
        ),
        "far": ProviderFactory(name="Bologna", countries=["IT"], languages=["it"], needs=[accounting]),
        "draft": ProviderFactory(
            name="Draft", countries=["SI"], languages=["sl"], needs=[accounting], status="draft"
        ),
        "other_need": ProviderFactory(name="Websites", countries=["SI"], languages=["sl"]),
    }


def test_helpers_are_the_partner_then_providers_in_the_country_then_in_the_language(nearby, accounting):
    profile = Profile(language="sl", country="SI", sector="farming")
    helpers = helpers_for(profile, [accounting])
    assert [helper.name for helper in helpers] == ["Partner Slovenija", "Maribor IT", "Ajdovscina"]
    partner = helpers[0]
    assert partner.url.startswith("/sl/help/request/?")
    assert "need=accounting-invoicing" in partner.url and "country=SI" in partner.url
    with translation.override("sl"):
        assert helpers[1].url == nearby["si"].get_absolute_url()  # in the result's language
    assert all(helper.needs == {"accounting-invoicing"} for helper in helpers)


def test_no_need_no_helpers(nearby):
    assert checkup_link.helpers(Profile(language="sl", country="SI"), []) == []


@pytest.mark.parametrize("providers", [1, 12])
def test_the_helper_source_makes_a_fixed_number_of_queries(
    nearby, accounting, providers, django_assert_num_queries
):
    for index in range(providers):
        ProviderFactory(countries=["SI"], languages=["sl"], needs=[accounting], slug=f"more-{index}")
    profile = Profile(language="sl", country="SI")
    # The providers and their needs (2), the partner's country desk (1).
    with django_assert_num_queries(checkup_link.HELPER_QUERIES):
        helpers = checkup_link.helpers(profile, [accounting])
    assert len(helpers) == 1 + min(checkup_link.HELPERS, providers + 2)


def test_a_result_page_lists_who_can_help_and_leads_to_the_form_with_it(client, nearby, accounting, farming):
    """The path of the issue: the check-up's plan, its helpers, the form with the result attached."""
    questionnaire = QuestionnaireFactory()
    dimension = DimensionFactory(questionnaire=questionnaire, slug="tools", order=1)
    QuestionFactory(dimension=dimension, order=1, needs=[accounting])
    location = answer_all(
        client,
        questionnaire,
        language="sl",
        profile={
            "sector": farming.pk,
            "country": "SI",
            "staff": "10-49",
            "integration_workers": "5-19",
            "budget": "none",
            "devices": "both",
            "connectivity": "good",
        },
        level=lambda index: 0,
        target=2,
    )["Location"]
    html = client.get(location).content.decode()
    assert "Partner Slovenija" in html and "Maribor IT" in html and "Bologna" not in html
    form_page = client.get("/sl/help/request/?need=accounting-invoicing&sector=farming&country=SI")
    assert "attach_checkup" in form_page.context["form"].fields
    key = form_key(form_page)
    client.post(URL, request_data(form_key=key, attach_checkup="on"))
    assert HelpRequest.objects.get().checkup_result.status == "finished"
