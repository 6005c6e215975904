"""The plan: three next steps, tools filtered for the profile, a lesson, and helpers from a registry."""

import pytest

from checkup import plan
from checkup.models import Dimension
from checkup.plan import (
    Helper,
    Profile,
    next_steps,
    register_helper_source,
    tool_filter,
    unregister_helper_source,
)
from checkup.scoring import score
from tests.catalogue.factories import NeedFactory, SectorFactory, ToolFactory
from tests.checkup.factories import DimensionFactory, QuestionFactory, QuestionnaireFactory
from tests.courses.factories import LessonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recycling(db):
    return SectorFactory(slug="waste-recycling")


@pytest.fixture
def profile(recycling):
    return Profile(
        language="pl",
        sector="waste-recycling",
        sector_id=recycling.pk,
        country="PL",
        budget="none",
        devices="phones",
        skill_levels=("starter",),
    )


def fits(**fields):
    """A tool that fits the profile above, with ``fields`` changed."""
    values = {
        "licence": "open_source",
        "platforms": ["android"],
        "interface_languages": ["en", "pl"],
        "skill_level": "starter",
        **fields,
    }
    return ToolFactory(**values)


def test_the_filter_keeps_only_tools_that_fit_every_part_of_the_profile(profile, recycling):
    farming = SectorFactory(slug="farming")
    good = fits(sectors=[recycling])
    fits(sectors=[farming])  # another sector
    fits(sectors=[recycling], licence="paid")  # over the budget
    fits(sectors=[recycling], platforms=["windows"])  # a computer-only tool for phone users
    fits(sectors=[recycling], interface_languages=["en"])  # not in Polish
    fits(sectors=[recycling], skill_level="advanced")  # too hard for a starting team
    fits(sectors=[recycling], status="draft")

    from catalogue.models import Tool

    assert list(Tool.objects.published().filter(tool_filter(profile))) == [good]


def test_bigger_budgets_and_both_devices_allow_more(profile, recycling):
    paid = fits(sectors=[recycling], licence="paid", platforms=["windows"])
    from dataclasses import replace

    from catalogue.models import Tool

    richer = replace(profile, budget="medium", devices="both")
    assert list(Tool.objects.filter(tool_filter(richer))) == [paid]
    assert plan.skill_levels_for(None) == ("starter", "intermediate")
    assert plan.skill_levels_for(49.9) == ("starter", "intermediate")
    assert plan.skill_levels_for(50) == ("starter", "intermediate", "advanced")


@pytest.fixture
def setup(recycling):
    """Three questions on three needs, each need with fitting and unfitting tools, and a lesson."""
    needs = [
        NeedFactory(slug=slug) for slug in ("data-protection", "accounting-invoicing", "production-logistics")
    ]
    questionnaire = QuestionnaireFactory()
    dimension = DimensionFactory(questionnaire=questionnaire, slug="data")
    people = DimensionFactory(questionnaire=questionnaire, slug="people")
    questions = [
        QuestionFactory(
            dimension=dimension, order=1, needs=[needs[0]], options={"flag": ("no-backups", "No!")}
        ),
        QuestionFactory(dimension=dimension, order=2, needs=[needs[1]]),
        QuestionFactory(dimension=dimension, order=3, needs=[needs[2]]),
        QuestionFactory(dimension=people, order=1, needs=[needs[0]]),
    ]
    tools = {
        need.slug: [fits(name=f"{need.slug} fits {i}", sectors=[recycling], needs=[need]) for i in range(4)]
        for need in needs
    }
    paid = fits(name="Paid one", sectors=[recycling], needs=needs, licence="paid")
    lesson = LessonFactory(tools=[tools["accounting-invoicing"][0]])
    return questionnaire, questions, tools, paid, lesson


def result_for(questionnaire, levels, targets=None):
    dimensions = list(Dimension.objects.for_checkup(questionnaire))
    questions = [q for d in dimensions for q in d.questions.all()]
    targets = targets or [None] * len(levels)
    return score(
        dimensions,
        {str(q.pk): {"level": lv, "target": t} for q, lv, t in zip(questions, levels, targets, strict=True)},
    )


def test_three_steps_risk_first_then_gaps_each_with_fitting_tools_and_a_lesson(setup, profile):
    questionnaire, questions, tools, paid, lesson = setup
    # The flagged backup question (level 0) first; then the one with the biggest gap to its target.
    scores = result_for(questionnaire, [0, 1, 1, 1], targets=[None, None, 3, None])

    steps = next_steps(scores, profile)

    assert [step.question for step in steps] == [questions[0], questions[2], questions[1]]
    assert steps[0].flag == ("no-backups", "No!")
    for step in steps:
        assert 1 <= len(step.tools) <= 3
        assert paid not in step.tools
        assert {tool.pk for tool in step.tools} <= {tool.pk for tool in tools[step.need.slug]}
    assert steps[2].lesson == lesson
    # The people question shares its need with the first step: another need's question is taken instead.
    assert questions[3] not in [step.question for step in steps]


def test_nothing_to_improve_gives_no_steps(setup, profile):
    questionnaire, *_rest = setup

    assert next_steps(result_for(questionnaire, [3, 3, 3, 3]), profile) == []


def test_a_step_without_fitting_tools_keeps_its_advice(setup, profile):
    questionnaire, _questions, _tools, _paid, _lesson = setup
    from dataclasses import replace

    in_croatian = replace(profile, language="hr")  # no tool speaks Croatian

    steps = next_steps(result_for(questionnaire, [0, 1, 1, 2]), in_croatian)

    assert len(steps) == 3
    assert all(step.tools == [] for step in steps)


def test_helpers_come_from_registered_sources_for_the_steps_needs(setup, profile):
    questionnaire, *_rest = setup
    calls = []

    def source(given_profile, needs):
        calls.append((given_profile, sorted(need.slug for need in needs)))
        return [
            Helper(
                name="Backup help (demo)", url="https://example.org/a", needs=frozenset({"data-protection"})
            ),
            Helper(name="Anything (demo)", url="https://example.org/b"),
        ]

    register_helper_source(source)
    try:
        steps = next_steps(result_for(questionnaire, [0, 1, 1, 1]), profile)
    finally:
        unregister_helper_source(source)

    assert len(calls) == 1 and calls[0][0] == profile
    by_need = {step.need.slug: [h.name for h in step.helpers] for step in steps}
    assert by_need["data-protection"] == ["Backup help (demo)", "Anything (demo)"]
    assert by_need["accounting-invoicing"] == ["Anything (demo)"]


def test_a_risk_is_a_step_even_when_no_tool_fits_and_starter_tools_come_first(setup, profile, recycling):
    questionnaire, questions, _tools, _paid, _lesson = setup
    from dataclasses import replace

    from catalogue.models import Tool

    # Nothing for data protection speaks Croatian except one intermediate tool.
    croatian = replace(profile, language="hr", skill_levels=("starter", "intermediate"))
    need = questions[1].needs.get()
    hard = fits(
        name="A harder one",
        sectors=[recycling],
        needs=[need],
        interface_languages=["hr"],
        skill_level="intermediate",
    )
    easy = fits(name="Zz easy one", sectors=[recycling], needs=[need], interface_languages=["hr"])
    assert Tool.objects.filter(tool_filter(croatian)).count() == 2

    steps = next_steps(result_for(questionnaire, [0, 1, 1, 1]), croatian)

    assert steps[0].question == questions[0] and steps[0].flag and steps[0].tools == []
    assert steps[1].tools == [easy, hard]
