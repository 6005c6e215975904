"""The help directory's providers and the check-up's questionnaire: published only, in every
language, never a contact address, a help request or a check-up response."""

import datetime
import json

import pytest
from django.utils import timezone

from checkup.models import Response as CheckupResponse
from editorial.languages import LANGUAGE_CODES
from tests.api.factories import ToolFactory
from tests.checkup.factories import QuestionFactory, QuestionnaireFactory, questionnaire_with
from tests.help.factories import HelpRequestFactory, ProviderFactory


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.data_json["results"]]


def test_providers_are_the_published_and_renewed_ones(data, get):
    response = get("/api/v1/providers/")
    assert response.status_code == 200
    assert slugs(response) == ["coop-it"]
    assert response["ETag"]
    assert "max-age" in response["Cache-Control"]
    for slug in ["draft-help", "expired-help"]:
        assert get(f"/api/v1/providers/{slug}/").status_code == 404


def test_a_provider_shows_its_sheet_and_only_published_tools(data, get):
    provider = get("/api/v1/providers/coop-it/").data_json
    assert provider["url"] == "http://testserver/api/v1/providers/coop-it/"
    assert provider["page"] == "http://testserver/en/help/coop-it/"
    assert provider["countries"] == ["IT", "SI"]
    assert [tool["slug"] for tool in provider["tools"]] == ["gnucash"]
    assert [need["slug"] for need in provider["needs"]] == ["accounting-invoicing"]


def test_no_personal_data_ever(data, get):
    HelpRequestFactory(
        need=data["accounting"], tool=data["gnucash"], contact_name="Ana Novak", email="ana@wise.example.org"
    )
    text = json.dumps(
        [get("/api/v1/providers/").data_json, get("/api/v1/providers/coop-it/?lang=all").data_json]
    )
    for private in ["Mario Rossi", "mario@coop-it.example.org", "Ana Novak", "ana@wise.example.org"]:
        assert private not in text
    assert "contact_email" not in text and "contact_name" not in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("need=accounting-invoicing", ["coop-it"]),
        ("need=office-collaboration", []),
        ("sector=farming", ["coop-it"]),
        ("country=SI", ["coop-it"]),
        ("country=HR", []),
        ("language=sl", ["coop-it"]),
        ("language=de", []),
        ("tool=gnucash", ["coop-it"]),
        ("tool=secret-draft", ["coop-it", "other"]),  # an unknown tool is dropped, as on the site
    ],
)
def test_provider_filters_are_the_directorys(data, get, query, expected):
    ProviderFactory(name="Other", slug="other", countries=["DE"], languages=["de"])
    if query == "language=de":
        expected = ["other"]
    response = get(f"/api/v1/providers/?{query}")
    assert slugs(response) == expected
    if query == "tool=secret-draft":
        assert response.data_json["notices"]


def test_providers_updated_since(data, get):
    assert slugs(get("/api/v1/providers/?updated_since=2000-01-01")) == ["coop-it"]
    assert slugs(get("/api/v1/providers/?updated_since=2999-01-01")) == []
    assert get("/api/v1/providers/?updated_since=soon").status_code == 400


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_providers_and_questionnaire_in_every_language(data, get, language):
    provider = get(f"/api/v1/providers/coop-it/?lang={language}").data_json
    assert provider["summary"] == f"Set-up {language}"
    assert provider["text_languages"]["summary"] == language
    # Only English: falls back to it, and says so.
    assert provider["description"] == "<p>What they do.</p>"
    assert provider["text_languages"]["description"] == "en"
    response = get(f"/api/v1/checkup/questionnaire/?lang={language}")
    assert response["Content-Language"] == language
    body = response.data_json
    assert body["title"] == f"Check-up {language}"
    assert body["page"] == f"http://testserver/{language}/check-up/"
    question = body["dimensions"][0]["questions"][0]
    assert question["text"] == f"A plan? {language}"
    assert question["text_languages"]["advice"] == "en"
    assert body["dimensions"][0]["name"] == f"Strategy {language}"


def test_every_language_at_once(data, get):
    body = get("/api/v1/checkup/questionnaire/?lang=all").data_json
    assert body["title"]["hr"] == "Check-up hr"
    assert body["text_languages"] is None
    assert get("/api/v1/providers/coop-it/?lang=all").data_json["summary"]["sl"] == "Set-up sl"


def test_the_questionnaire_is_the_current_published_version(data, get):
    response = get("/api/v1/checkup/questionnaire/")
    assert response.status_code == 200
    assert response["ETag"]
    body = response.data_json
    assert body["version"] == 2
    [dimension] = body["dimensions"]
    assert dimension["slug"] == "strategy"
    [question] = dimension["questions"]
    assert [option["level"] for option in question["options"]] == [0, 1, 2, 3]
    assert [need["slug"] for need in question["needs"]] == ["office-collaboration"]


def test_the_questionnaire_never_shows_a_response(data, get):
    response, _token = CheckupResponse.start(data["questionnaire"], "en")
    response.sector_other = "A very private sector"
    response.save()
    text = get("/api/v1/checkup/questionnaire/?lang=all").content.decode()
    assert "A very private sector" not in text
    assert "responses" not in text and "answers" not in text


def test_no_published_questionnaire_is_a_json_404(data, get):
    QuestionnaireFactory(version=9, status="draft")
    type(data["questionnaire"]).objects.update(status="draft")
    response = get("/api/v1/checkup/questionnaire/")
    assert response.status_code == 404
    assert response.data_json["status"] == 404


def test_providers_make_a_fixed_number_of_queries(data, client, django_assert_max_num_queries):
    client.get("/api/v1/providers/")
    with django_assert_max_num_queries(12) as small:
        client.get("/api/v1/providers/?lang=all")
    for number in range(15):
        tool = ToolFactory(slug=f"more-{number}")
        ProviderFactory(
            slug=f"more-{number}", tools=[tool], needs=[data["office"]], sectors=[data["waste"]],
            verified_on=timezone.localdate() - datetime.timedelta(days=number),
        )  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/api/v1/providers/?lang=all")
    assert response.json()["count"] > 10
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_questionnaire_makes_a_fixed_number_of_queries(data, client, django_assert_max_num_queries):
    questionnaire_with({"strategy": 1}, version=10)
    client.get("/api/v1/checkup/questionnaire/")
    with django_assert_max_num_queries(10) as small:
        client.get("/api/v1/checkup/questionnaire/?lang=all")
    large_questionnaire = questionnaire_with({"strategy": 5, "people": 5, "data": 5}, version=11)
    for dimension in large_questionnaire.dimensions.all():
        QuestionFactory(dimension=dimension, needs=[data["office"], data["accounting"]])
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/api/v1/checkup/questionnaire/?lang=all")
    assert response.json()["version"] == 11
    assert len(large.captured_queries) == len(small.captured_queries)
