"""The result page makes a fixed number of queries, whatever the size of the questionnaire,
the catalogue or the group of similar WISEs."""

import pytest
from django.test import Client

from checkup.models import Dimension
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from tests.checkup.conftest import answer_all
from tests.checkup.factories import DimensionFactory, QuestionFactory, QuestionnaireFactory, finished_response
from tests.courses.factories import LessonFactory

pytestmark = pytest.mark.django_db

# The response; the questionnaire's dimensions, questions, statements, needs, tools and lessons (6);
# the fitting tools and their needs (2); the lessons and their tools (2); two comparison groups (2).
RESULT_QUERIES = 13


def build(dimensions: int, questions: int, tools: int, similar: int):
    sector = SectorFactory(slug="waste-recycling")
    needs = [NeedFactory(slug=f"need-{i}") for i in range(4)]
    catalogue = [
        ToolFactory(sectors=[sector], needs=[needs[i % 4]], interface_languages=["en"], licence="free")
        for i in range(tools)
    ]
    for index, tool in enumerate(catalogue):
        LessonFactory(tools=[tool], slug=f"lesson-{index}")
    questionnaire = QuestionnaireFactory()
    for d in range(dimensions):
        dimension = DimensionFactory(questionnaire=questionnaire, slug=f"dim-{d}", order=d)
        for q in range(questions):
            QuestionFactory(
                dimension=dimension,
                order=q,
                needs=[needs[(d + q) % 4]],
                tools=catalogue[:2],
                lessons=[],
                options={"flag": (f"risk-{q}", "A risk.")},
            )
    scores = {f"dim-{d}": 40.0 for d in range(dimensions)}
    for _ in range(similar):
        finished_response(questionnaire, scores=scores, sector=sector, country="PL")
    profile = {
        "sector": sector.pk,
        "country": "PL",
        "staff": "10-49",
        "integration_workers": "5-19",
        "budget": "none",
        "devices": "both",
        "connectivity": "good",
    }
    return questionnaire, profile


@pytest.mark.parametrize(
    ("dimensions", "questions", "tools", "similar"),
    [(3, 1, 2, 0), (7, 4, 30, 12)],
)
def test_the_result_page_query_count_is_fixed(
    django_assert_num_queries, dimensions, questions, tools, similar
):
    questionnaire, profile = build(dimensions, questions, tools, similar)
    location = answer_all(Client(), questionnaire, profile=profile, level=lambda i: i % 3, target=3)[
        "Location"
    ]
    assert len(list(Dimension.objects.for_checkup(questionnaire))) == dimensions
    visitor = Client()  # no session: what a bookmarked link costs

    with django_assert_num_queries(RESULT_QUERIES):
        page = visitor.get(location)

    assert page.status_code == 200
    assert page.content.decode().count('class="next-step"') == 3
    if similar:
        assert "WISEs in your sector (12)" in page.content.decode()
