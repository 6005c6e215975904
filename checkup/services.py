"""Writing a check-up: saving a step, finishing, building a result. Each write is one transaction
on a locked row, so two tabs, a double click or a replayed POST never leave half a result."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from checkup.models import PROFILE_FIELDS, Dimension, Response
from checkup.plan import Profile, next_steps
from checkup.scoring import Scores, score
from checkup.stats import comparisons

PROFILE_STEP = 0


class AlreadyFinished(Exception):
    """The response was finished meanwhile (another tab, a double submit, a replayed POST)."""


class Incomplete(Exception):
    """Finishing with a step not answered yet; ``step`` is the first one missing."""

    def __init__(self, step: int):
        super().__init__(step)
        self.step = step


def _locked(response: Response) -> Response:
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_finished:
        raise AlreadyFinished
    return locked


def save_profile(response: Response, values: dict, language: str) -> Response:
    with transaction.atomic():
        locked = _locked(response)
        locked.language = language
        for name in PROFILE_FIELDS:
            setattr(locked, name, values.get(name, getattr(locked, name)))
        locked.steps_done = sorted({*locked.steps_done, PROFILE_STEP})
        locked.save()
    return locked


def save_answers(response: Response, step: int, answers: dict, language: str, *, complete: bool) -> Response:
    """Merge one step's answers; ``complete`` marks the step done (every question answered).
    The language is the one the visitor answers in: the tools we suggest speak it."""
    with transaction.atomic():
        locked = _locked(response)
        locked.language = language
        locked.answers = {**locked.answers, **answers}
        if complete:
            locked.steps_done = sorted({*locked.steps_done, step})
        locked.save()
    return locked


def missing_step(response: Response, dimensions: list[Dimension]) -> int | None:
    """The first step not answered in full (0: the profile), or None when all are."""
    if PROFILE_STEP not in response.steps_done:
        return PROFILE_STEP
    for number, dimension in enumerate(dimensions, start=1):
        answered = all(str(q.pk) in response.answers for q in dimension.questions.all())
        if number not in response.steps_done or not answered:
            return number
    return None


def finish(response: Response, dimensions: list[Dimension]) -> Response:
    """Score the response and write its result, once. Raises AlreadyFinished or Incomplete."""
    with transaction.atomic():
        locked = _locked(response)
        step = missing_step(locked, dimensions)
        if step is not None:
            raise Incomplete(step)
        scores = score(dimensions, locked.answers)
        locked.scores = scores.score_map()
        locked.overall = scores.overall
        locked.flags = [code for code, _text in scores.flags]
        locked.next_steps = [
            step.need.slug for step in next_steps(scores, Profile.of(locked, scores)) if step.need is not None
        ]
        locked.status = "finished"
        locked.finished = timezone.now()
        locked.save()
    return locked


@dataclass
class Result:
    response: Response
    dimensions: list[Dimension]
    scores: Scores
    steps: list
    comparisons: list
    previous: Response | None


def build_result(response: Response) -> Result:
    """Everything the result page shows, in a fixed number of queries."""
    dimensions = list(Dimension.objects.for_checkup(response.questionnaire_id))
    scores = score(dimensions, response.answers)
    previous = response.previous if response.previous_id and response.previous.is_finished else None
    if previous is not None:
        scores.previous_overall = previous.overall
        for result in scores.dimensions:
            value = previous.scores.get(result.dimension.slug)
            result.previous = value if isinstance(value, int | float) else None
    slugs = [d.slug for d in dimensions]
    found = comparisons(response, slugs)
    for result in scores.dimensions:
        result.comparison = {
            name: averages["dimensions"].get(result.dimension.slug) for name, averages in found
        }
    steps = next_steps(scores, Profile.of(response, scores))
    return Result(response, dimensions, scores, steps, found, previous)
