import pytest
from django.core.cache import cache

from checkup.models import Dimension, Response
from tests.checkup.factories import questionnaire_with


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def questionnaire(db):
    """Three dimensions (strategy 2 questions, people 2, data 3)."""
    return questionnaire_with({"strategy": 2, "people": 2, "data": 3})


@pytest.fixture
def dimensions(questionnaire):
    return list(Dimension.objects.for_checkup(questionnaire))


def answer_all(client, questionnaire, language="en", profile=None, level=lambda index: 1, target=None):
    """Take the whole check-up through the pages; returns the last response (the result redirect)."""
    client.post(f"/{language}/check-up/", {})
    response = client.post(f"/{language}/check-up/step/1/", {**(profile or {}), "go": "next"})
    assert response.status_code == 302, response.content.decode()[:2000]
    dimensions = list(Dimension.objects.for_checkup(questionnaire))
    for number, dimension in enumerate(dimensions, start=2):
        data = {"go": "next"}
        for index, question in enumerate(dimension.questions.all()):
            data[question.field_name] = str(level(index))
            if target is not None:
                data[f"{question.field_name}_target"] = str(target)
        response = client.post(f"/{language}/check-up/step/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.fixture
def profile(db):
    from tests.catalogue.factories import SectorFactory

    sector = SectorFactory(slug="waste-recycling", name_en="Waste and recycling")
    return {
        "sector": sector.pk,
        "country": "PL",
        "staff": "10-49",
        "integration_workers": "5-19",
        "budget": "small",
        "devices": "phones",
        "connectivity": "good",
    }


def latest():
    return Response.objects.order_by("-created").first()


def form_state(html: str) -> dict:
    """{field name: value} of the checked radios and selected options of a page."""
    from html.parser import HTMLParser

    state, select = {}, []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("type") == "radio" and "checked" in attrs:
                state[attrs["name"]] = attrs["value"]
            elif tag == "select":
                select.append(attrs.get("name"))
            elif tag == "option" and "selected" in attrs and select:
                state[select[-1]] = attrs.get("value")

        def handle_endtag(self, tag):
            if tag == "select" and select:
                select.pop()

    Parser().feed(html)
    return state
