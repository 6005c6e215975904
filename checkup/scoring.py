"""How a check-up is scored: per dimension 0-100 %, the overall score their average, a band each.

As in the EU Digital Maturity Assessment, a dimension's score is the mean of its answers on a
0-100 scale and the overall score is the plain average of the dimension scores. Each answer
is a level from 0 (not started) to 3 (we could teach others), worth 0, 33⅓, 66⅔ or 100 %.

"Don't know" is handled explicitly: it is neither a zero nor a guess. The question is left out
of its dimension's average (and counted, so the result can say how many were unknown); a
dimension answered only with "don't know" has no score and is left out of the overall
average, and the result says so instead of showing 0 %.

The one-year target of a question is the level the WISE wants to reach. The target score of
a dimension uses the same questions as its score, each at its target when one was given
above today's level, else at today's level; the gap of a question is target minus today.

Everything here is pure: it reads the questionnaire (prefetched) and the stored answers,
and touches no database, so tests compute results by hand against it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checkup.models import Level

MAX_LEVEL = max(Level.values)


@dataclass(frozen=True)
class Band:
    """A score range in plain words (the EU DMA's basic / average / moderately advanced / advanced)."""

    number: int
    upper: int  # the highest rounded score in the band
    label: str
    text: str


BANDS = (
    Band(
        1,
        25,
        _("Just starting"),
        _("Digital tools play little part here yet: small steps will make a big difference."),
    ),
    Band(
        2, 50, _("First steps taken"), _("Some things are in place: the next step is to make them a habit.")
    ),
    Band(
        3,
        75,
        _("Well on the way"),
        _("Much works well: close the remaining gaps and involve the whole team."),
    ),
    Band(
        4,
        100,
        pgettext_lazy("check-up score band", "Advanced"),
        _("You are ahead of most: keep it up and share what you know."),
    ),
)


def band_for(score: float | None) -> Band | None:
    if score is None:
        return None
    rounded = round(score)
    return next(band for band in BANDS if rounded <= band.upper)


def percent(levels: Iterable[int]) -> float | None:
    """The mean of levels 0-3 on a 0-100 scale, one decimal; None for no levels."""
    levels = list(levels)
    if not levels:
        return None
    return round(100 * sum(levels) / (MAX_LEVEL * len(levels)), 1)


def average(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(sum(known) / len(known), 1) if known else None


@dataclass
class QuestionResult:
    question: object
    dimension: object
    level: int | None  # None: "don't know"
    target: int | None
    option: object | None  # the chosen statement

    @property
    def dont_know(self) -> bool:
        return self.level is None

    @property
    def target_level(self) -> int | None:
        """The level aimed at in a year: the target when above today's level, else today's."""
        if self.level is None:
            return None
        return max(self.level, self.target) if self.target is not None else self.level

    @property
    def gap(self) -> int:
        return (self.target_level or 0) - (self.level or 0)

    @property
    def flag(self) -> tuple[str, str] | None:
        if self.option is not None and self.option.flag:
            return self.option.flag, self.option.flag_text
        return None


@dataclass
class DimensionResult:
    dimension: object
    questions: list[QuestionResult]
    previous: float | None = None  # the score of the result this one retakes
    comparison: dict = field(default_factory=dict)  # group name -> average score

    @property
    def score(self) -> float | None:
        return percent(q.level for q in self.questions if q.level is not None)

    @property
    def target_score(self) -> float | None:
        return percent(q.target_level for q in self.questions if q.level is not None)

    @property
    def gap(self) -> float:
        if self.score is None:
            return 0
        return round(self.target_score - self.score, 1)

    @property
    def dont_know(self) -> int:
        return sum(1 for q in self.questions if q.dont_know)

    @property
    def band(self) -> Band | None:
        return band_for(self.score)

    @property
    def progress(self) -> float | None:
        if self.previous is None or self.score is None:
            return None
        return round(self.score - self.previous, 1)


@dataclass
class Scores:
    dimensions: list[DimensionResult]
    previous_overall: float | None = None

    @property
    def overall(self) -> float | None:
        return average(d.score for d in self.dimensions)

    @property
    def overall_target(self) -> float | None:
        return average(d.target_score for d in self.dimensions)

    @property
    def band(self) -> Band | None:
        return band_for(self.overall)

    @property
    def progress(self) -> float | None:
        if self.previous_overall is None or self.overall is None:
            return None
        return round(self.overall - self.previous_overall, 1)

    @property
    def questions(self) -> list[QuestionResult]:
        return [q for d in self.dimensions for q in d.questions]

    @property
    def dont_know(self) -> int:
        return sum(d.dont_know for d in self.dimensions)

    @property
    def weakest(self) -> DimensionResult | None:
        """The dimension with the lowest score (the first of equals, in the questionnaire's order)."""
        scored = [d for d in self.dimensions if d.score is not None]
        return min(scored, key=lambda d: d.score) if scored else None

    def biggest_gaps(self, count: int = 3) -> list[QuestionResult]:
        """The questions furthest from their one-year target, the largest gap first."""
        gaps = [q for q in self.questions if q.gap > 0]
        return sorted(gaps, key=lambda q: -q.gap)[:count]

    @property
    def flags(self) -> list[tuple[str, str]]:
        """(code, explanation) of every risk flag raised, once each, in the questionnaire's order."""
        seen, flags = set(), []
        for q in self.questions:
            if q.flag and q.flag[0] not in seen:
                seen.add(q.flag[0])
                flags.append(q.flag)
        return flags

    def score_map(self) -> dict[str, float | None]:
        """{dimension slug: score}: what a response stores and the needs map aggregates."""
        return {d.dimension.slug: d.score for d in self.dimensions}


def parse_level(value) -> int | None:
    """A stored level: 0-3, or None ("don't know", or anything that is not a level)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value in Level.values else None


def score(dimensions: Iterable, answers: Mapping) -> Scores:
    """The scores of ``answers`` ({"<question id>": {"level": …, "target": …}}) to ``dimensions``
    (with their questions and options prefetched). Unanswered questions are left out."""
    results = []
    for dimension in dimensions:
        questions = []
        for question in dimension.questions.all():
            answer = answers.get(str(question.pk))
            if not isinstance(answer, Mapping):
                continue
            level = parse_level(answer.get("level"))
            target = parse_level(answer.get("target"))
            option = next((o for o in question.options.all() if o.level == level), None)
            questions.append(QuestionResult(question, dimension, level, target, option))
        results.append(DimensionResult(dimension, questions))
    return Scores(results)
