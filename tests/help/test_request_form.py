"""The public help request: prefilled from where it was asked, routed, sent once, protected."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from help.models import HelpRequest, SentEmail, State
from tests.catalogue.factories import ToolFactory
from tests.help.factories import HelpRequestFactory, ProviderFactory
from tests.help.helpers import form_key, request_data

pytestmark = pytest.mark.django_db
URL = "/sl/help/request/"


@pytest.fixture
def ready(partners, editors, accounting, farming, dolibarr):
    return partners


def send(client, **overrides):
    key = form_key(client.get(URL))
    return client.post(URL, request_data(form_key=key, **overrides))


def test_the_form_page_is_private_and_carries_a_key_and_a_honeypot(client, ready):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert len(form_key(response)) >= 43
    assert 'class="form-trap" aria-hidden="true"' in html and 'name="homepage"' in html
    assert form_key(client.get(URL)) != form_key(response), "a new key each time the form is shown"


def test_prefilled_from_a_tool_and_a_provider(client, ready, dolibarr):
    provider = ProviderFactory(name="Delavnica", slug="delavnica", tools=[dolibarr], countries=["SI"])
    response = client.get(f"{URL}?tool=dolibarr&provider=delavnica")
    form = response.context["form"]
    assert form.initial["tool"] == "dolibarr"
    assert form.initial["need"] == "accounting-invoicing"  # the tool's need
    assert form.initial["provider"] == "delavnica"
    assert form.initial["country"] == "SI"  # Slovenian page: Slovenia
    assert form.initial["language"] == "sl"
    assert response.context["asked_provider"] == provider
    assert '<option value="dolibarr" selected>Dolibarr</option>' in response.content.decode()


def test_drafts_and_unknown_slugs_are_not_prefilled(client, ready):
    ToolFactory(slug="secret", status="draft")
    ProviderFactory(slug="hidden", status="draft")
    form = client.get(f"{URL}?tool=secret&provider=hidden&need=%3Cscript%3E").context["form"]
    assert "tool" not in form.initial and "provider" not in form.initial and "need" not in form.initial


def test_sending_saves_routes_and_tells_the_wise_and_the_partner(
    client, ready, editors, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, tool="dolibarr")
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sl/help/request/{help_request.token}/"
    assert help_request.organisation == ready["SI"]
    assert help_request.state == State.NEW
    assert help_request.tool.slug == "dolibarr"
    assert list(help_request.events.values_list("to_state", flat=True)) == [State.NEW]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["editor-si@partners.example.org", "zadruga@wises.example.org"]
    to_wise = next(message for message in mail.outbox if message.to == ["zadruga@wises.example.org"])
    assert f"/sl/help/request/{help_request.token}/" in to_wise.body
    assert "Hello," not in to_wise.body, "written in the WISE's language"
    assert set(SentEmail.objects.values_list("status", flat=True)) == {SentEmail.Status.SENT}
    assert SentEmail.objects.filter(organisation=ready["SI"]).count() == 2


def test_a_double_submit_makes_one_request(client, ready):
    key = form_key(client.get(URL))
    first = client.post(URL, request_data(form_key=key))
    second = client.post(URL, request_data(form_key=key, brief="Sent again"))
    assert HelpRequest.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert HelpRequest.objects.get().brief == "Radi bi izdajali račune z računalnikom."


def test_a_filled_honeypot_saves_and_sends_nothing(client, ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, homepage="http://spam.example.com/")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not HelpRequest.objects.exists() and not SentEmail.objects.exists() and not mail.outbox


def test_over_the_rate_limit_answers_429_and_saves_nothing(client, ready):
    for _attempt in range(5):
        assert send(client).status_code == 302
    response = send(client, brief="The sixth one")
    assert response.status_code == 429
    assert HelpRequest.objects.count() == 5
    assert not HelpRequest.objects.filter(brief="The sixth one").exists()
    with translation.override("sl"):
        message = gettext("You have sent this form many times in a short while. Please wait a few minutes.")
    assert message in response.context["form"].non_field_errors()
    assert message in response.content.decode()


def test_another_address_is_not_limited_by_the_first(client, ready):
    for _attempt in range(5):
        send(client)
    key = form_key(client.get(URL))
    response = client.post(URL, request_data(form_key=key), REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("brief", "x" * 1501),
        ("brief", ""),
        ("tried", "y" * 1001),
        ("contact_name", "z" * 121),
        ("email", "not an address"),
        ("consent", ""),
        ("country", "XX"),
        ("language", "tlh"),
        ("budget_band", "millions"),
        ("need", "no-such-need"),
        ("tool", "secret"),  # a draft
        ("provider", "hidden"),  # a draft
        ("form_key", "short"),
    ],
)
def test_bad_input_is_a_field_error_and_saves_nothing(client, ready, field, value):
    ToolFactory(slug="secret", status="draft")
    ProviderFactory(slug="hidden", status="draft")
    key = form_key(client.get(URL))
    data = request_data(form_key=key)
    data[field] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not HelpRequest.objects.exists()


def test_what_the_wise_wrote_is_escaped_on_its_page(client, ready):
    send(
        client,
        brief='<script>alert("x")</script> and <b>bold</b>',
        contact_name="<img src=x onerror=alert(1)>",
    )
    html = client.get(HelpRequest.objects.get().status_url()).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_status_page_is_private_and_shows_no_address(client, ready):
    help_request = HelpRequestFactory(country="SI", email="hidden-address@wises.example.org")
    response = client.get(help_request.status_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    html = response.content.decode()
    assert "hidden-address@wises.example.org" not in html
    assert ready["SI"].name in html


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
        lambda token: token[:-1],  # cut short
        lambda token: token + "x",  # longer
        lambda token: token.upper(),
        lambda token: "x" * 200,
        lambda token: "žžžžž",
    ],
)
def test_unknown_or_tampered_tokens_are_404(client, ready, mangle):
    help_request = HelpRequestFactory(country="SI")
    assert client.get(help_request.status_url()).status_code == 200
    assert client.get(f"/sl/help/request/{mangle(help_request.token)}/").status_code == 404


def test_the_token_carries_at_least_128_bits(ready):
    tokens = {HelpRequestFactory(country="SI").token for _n in range(5)}
    assert len(tokens) == 5
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, base64


def test_an_erased_request_says_so(client, ready):
    help_request = HelpRequestFactory(country="SI", brief="Our secret plan")
    help_request.move_to(State.CLOSED)
    help_request.erase_personal_data()
    html = client.get(help_request.status_url()).content.decode()
    assert "Our secret plan" not in html
