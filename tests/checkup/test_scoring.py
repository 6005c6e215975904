"""Scoring against examples computed by hand (levels 0-3 are worth 0, 33.3, 66.7 and 100 %)."""

import pytest

from checkup.scoring import BANDS, band_for, score
from tests.checkup.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def answers(questions, levels, targets=None):
    targets = targets or [None] * len(levels)
    return {
        str(q.pk): {"level": level, "target": target}
        for q, level, target in zip(questions, levels, targets, strict=True)
    }


def questions_of(dimensions):
    return [q for d in dimensions for q in d.questions.all()]


def test_dimension_scores_and_overall(dimensions):
    _strategy, people, _data = dimensions
    # strategy: 0 and 3 -> (0 + 3) / 6 = 50 %; people: 1 and 1 -> 2 / 6 = 33.3 %;
    # data: 3, 3, 2 -> 8 / 9 = 88.9 %. Overall: (50 + 33.3 + 88.9) / 3 = 57.4 %.
    result = score(dimensions, answers(questions_of(dimensions), [0, 3, 1, 1, 3, 3, 2]))

    assert [d.score for d in result.dimensions] == [50.0, 33.3, 88.9]
    assert result.overall == 57.4
    assert result.score_map() == {"strategy": 50.0, "people": 33.3, "data": 88.9}
    assert result.weakest.dimension == people


def test_dont_know_is_left_out_not_counted_as_zero(dimensions):
    # strategy: 2 and "don't know" -> 2 / 3 = 66.7 %, not (2 + 0) / 6; people: all unknown -> no score;
    # data: 0, 0, 1 -> 1 / 9 = 11.1 %. Overall of the two scored dimensions: (66.7 + 11.1) / 2 = 38.9.
    result = score(dimensions, answers(questions_of(dimensions), [2, None, None, None, 0, 0, 1]))

    strategy, people, data = result.dimensions
    assert strategy.score == 66.7 and strategy.dont_know == 1
    assert people.score is None and people.band is None and people.dont_know == 2
    assert data.score == 11.1
    assert result.overall == 38.9
    assert result.dont_know == 3
    assert result.weakest.dimension.slug == "data"


def test_only_dont_know_gives_no_overall(dimensions):
    result = score(dimensions, answers(questions_of(dimensions), [None] * 7))

    assert result.overall is None
    assert result.band is None
    assert result.weakest is None


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, 1), (25, 1), (25.4, 1), (25.5, 2), (50, 2), (50.1, 2), (51, 3), (75, 3), (76, 4), (100, 4)],
)
def test_bands_follow_the_eu_dma_ranges(value, band):
    assert band_for(value).number == band


def test_every_band_has_words():
    assert [band.upper for band in BANDS] == [25, 50, 75, 100]
    assert all(str(band.label) and str(band.text) for band in BANDS)


def test_targets_gaps_and_target_scores(dimensions):
    questions = questions_of(dimensions)
    # strategy: today 0 and 1, targets 3 and none -> target levels 3 and 1: 4 / 6 = 66.7 % (today 16.7 %).
    # people: today 2 and 2, target 1 (below today: ignored) and 3 -> 2 and 3: 5 / 6 = 83.3 %.
    # data: today 1, don't know, 3, target 2 for the unknown one (no level: left out) -> 1 and 3: 66.7 %.
    levels = [0, 1, 2, 2, 1, None, 3]
    targets = [3, None, 1, 3, None, 2, None]
    result = score(dimensions, answers(questions, levels, targets))

    strategy, people, data = result.dimensions
    assert (strategy.score, strategy.target_score, strategy.gap) == (16.7, 66.7, 50.0)
    assert (people.score, people.target_score) == (66.7, 83.3)
    assert (data.score, data.target_score, data.gap) == (66.7, 66.7, 0)
    assert result.overall_target == round((66.7 + 83.3 + 66.7) / 3, 1)
    gaps = result.biggest_gaps()
    assert [(g.question, g.gap) for g in gaps] == [(questions[0], 3), (questions[3], 1)]


def test_risk_flags_of_the_chosen_statements(dimensions):
    data = dimensions[2]
    backups = QuestionFactory(
        dimension=data, order=10, options={"flag": ("no-backups", "No backups at all.")}
    )
    passwords = QuestionFactory(dimension=data, order=11, options={"flag": ("shared-passwords", "Shared.")})
    from checkup.models import Dimension

    dimensions = list(Dimension.objects.for_checkup(data.questionnaire))
    given = {str(backups.pk): {"level": 0}, str(passwords.pk): {"level": 2}}

    result = score(dimensions, given)

    assert result.flags == [("no-backups", "No backups at all.")]


def test_stored_answers_that_are_not_levels_count_as_unknown(dimensions):
    strategy = dimensions[0]
    first, second = strategy.questions.all()
    given = {str(first.pk): {"level": 7, "target": "3"}, str(second.pk): {"level": True}, "999": {"level": 1}}

    result = score(dimensions, given)

    assert result.dimensions[0].score is None
    assert result.dimensions[0].dont_know == 2
    assert result.dimensions[1].questions == []
