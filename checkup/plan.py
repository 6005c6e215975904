"""The plan a check-up result ends with: three next steps, each with tools that fit the WISE,
one lesson, and who can help nearby.

A next step is a question to improve. Risk flags come first (no backups cannot wait), then the
questions furthest from the WISE's own one-year target, then the lowest answers of the weakest
dimensions. Each step takes one of its question's needs (a different one per step), 1-3
catalogue tools of that need which fit the profile (see :func:`tool_filter`, the one place
that says what "fits" means), and one lesson: one picked for the question, else one that
teaches a recommended tool.

"Who can help nearby" belongs to the help app, which sits above this one: it registers a
source with :func:`register_helper_source` in its ``AppConfig.ready()``, and the result page
asks every source once for all three steps. See :class:`Profile` for what a source is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from catalogue.models import Licence, Need, Platform, SkillLevel, Tool
from checkup.scoring import MAX_LEVEL
from courses.models import Lesson

STEPS = 3
TOOLS_PER_STEP = 3
#: The dimension whose score tells how advanced the tools we suggest may be.
SKILLS_DIMENSION = "people"

# Budget band -> the licences it can pay for. Once the catalogue splits licence and price
# model, only this mapping and tool_filter() change.
LICENCES_FOR_BUDGET = {
    "none": [Licence.OPEN_SOURCE, Licence.FREE, Licence.FREEMIUM],
    "small": [Licence.OPEN_SOURCE, Licence.FREE, Licence.FREEMIUM],
}
# Devices mostly used -> platforms a tool must offer at least one of (a web app works on both).
PLATFORMS_FOR_DEVICES = {
    "phones": [Platform.WEB, Platform.ANDROID, Platform.IOS],
    "computers": [Platform.WEB, Platform.WINDOWS, Platform.MACOS, Platform.LINUX],
}


def skill_levels_for(score: float | None) -> tuple[str, ...]:
    """Skill levels of the tools we suggest, from the people-and-skills score: never an advanced
    tool for a team below 50 % (or that did not say); starter tools come first in any case."""
    if score is None or score < 50:
        return (SkillLevel.STARTER, SkillLevel.INTERMEDIATE)
    return tuple(SkillLevel.values)


@dataclass(frozen=True)
class Profile:
    """What a check-up tells about the WISE, for recommendations and for helper sources.

    ``sector`` is a catalogue sector slug (or None); ``country`` an ISO 3166 code ("PL"; "ZZ"
    for another country); ``language`` the site language the check-up was taken in ("pl");
    ``budget`` one of "none", "small", "medium", "large"; ``devices`` "phones", "computers" or
    "both"; ``connectivity`` "good", "patchy" or "mobile"; ``staff`` and
    ``integration_workers`` bands ("10-49", "5-19"); ``skill_levels`` the catalogue skill
    levels that suit the team.
    """

    language: str
    sector: str | None = None
    sector_id: int | None = None
    country: str = ""
    staff: str = ""
    integration_workers: str = ""
    budget: str = ""
    devices: str = ""
    connectivity: str = ""
    skill_levels: tuple[str, ...] = (SkillLevel.STARTER, SkillLevel.INTERMEDIATE)

    @classmethod
    def of(cls, response, scores=None) -> Profile:
        skills = None
        if scores is not None:
            skills = scores.score_map().get(SKILLS_DIMENSION)
        return cls(
            language=response.language,
            sector=response.sector.slug if response.sector_id else None,
            sector_id=response.sector_id,
            country=response.country,
            staff=response.staff,
            integration_workers=response.integration_workers,
            budget=response.budget,
            devices=response.devices,
            connectivity=response.connectivity,
            skill_levels=skill_levels_for(skills),
        )


def tool_filter(profile: Profile) -> Q:
    """The one definition of "a tool that fits this WISE": its sector, what its budget can pay,
    the devices it uses, an interface in its language, and a skill level its team can manage."""
    condition = Q(interface_languages__contains=[profile.language], skill_level__in=profile.skill_levels)
    if profile.sector_id:
        condition &= Q(
            pk__in=Tool.sectors.through.objects.filter(sector_id=profile.sector_id).values("tool_id")
        )
    if profile.budget in LICENCES_FOR_BUDGET:
        condition &= Q(licence__in=LICENCES_FOR_BUDGET[profile.budget])
    if profile.devices in PLATFORMS_FOR_DEVICES:
        condition &= Q(platforms__overlap=PLATFORMS_FOR_DEVICES[profile.devices])
    return condition


def fitting_tools(profile: Profile, needs: Iterable[int], tools: Iterable[int]):
    """Published tools that fit the profile and serve one of ``needs`` or are among ``tools``,
    with their need ids: one query (and one for the needs)."""
    return (
        Tool.objects.published()
        .for_list()
        .filter(tool_filter(profile))
        .filter(
            Q(pk__in=Tool.needs.through.objects.filter(need_id__in=list(needs)).values("tool_id"))
            | Q(pk__in=list(tools))
        )
        .prefetch_related(Prefetch("needs", queryset=Need.objects.only("id"), to_attr="need_list"))
        # Starter tools and nonprofit discounts first: what a small WISE can start with tomorrow.
        .annotate(
            easiness=Case(
                *(When(skill_level=level, then=Value(rank)) for rank, level in enumerate(SkillLevel.values)),
                output_field=IntegerField(),
            )
        )
        .order_by("easiness", "-nonprofit_discount", "name")
    )


# Who can help nearby: filled by the help app.


@dataclass(frozen=True)
class Helper:
    """Someone who can help with a step: shown with a link, a line about them, and a place."""

    name: str
    url: str
    summary: str = ""
    place: str = ""
    #: Slugs of the needs they help with; empty for any need.
    needs: frozenset[str] = frozenset()


HelperSource = Callable[[Profile, Sequence[Need]], Iterable[Helper]]
_helper_sources: list[HelperSource] = []


def register_helper_source(source: HelperSource) -> None:
    """Add a source of helpers: ``source(profile, needs)`` returns the :class:`Helper`\\ s for the
    WISE described by ``profile`` and the needs of its next steps. Called once per result page
    for all steps together, so it should make a fixed number of queries."""
    if source not in _helper_sources:
        _helper_sources.append(source)


def unregister_helper_source(source: HelperSource) -> None:
    if source in _helper_sources:
        _helper_sources.remove(source)


def helpers_for(profile: Profile, needs: Sequence[Need]) -> list[Helper]:
    return [helper for source in _helper_sources for helper in source(profile, needs)]


@dataclass
class NextStep:
    """One of the plan's steps: the question to improve and the WISE's answer to it, the need it
    goes through, and the tools, lesson and helpers for it."""

    question: object
    dimension: object
    need: Need | None
    tools: list[Tool] = field(default_factory=list)
    lesson: Lesson | None = None
    helpers: list[Helper] = field(default_factory=list)
    flag: tuple[str, str] | None = None
    answer: object | None = None  # the statement chosen today


def _priority(scores):
    dimension_scores = {d.dimension.pk: (d.score if d.score is not None else 0) for d in scores.dimensions}

    def key(result):
        return (
            result.flag is None,
            -result.gap,
            result.level,
            dimension_scores[result.dimension.pk],
            result.dimension.order,
            result.question.order,
        )

    return key


class _Picker:
    """Turns ranked questions into steps: a different need per step, no tool shown twice."""

    def __init__(self, tools: list[Tool], count: int):
        self.tools, self.count = tools, count
        self.steps: list[NextStep] = []
        self.later: list[NextStep] = []
        self.used_needs: set[int] = set()
        self.used_tools: set[int] = set()

    @property
    def full(self) -> bool:
        return len(self.steps) >= self.count

    def matching(self, question, need) -> list[Tool]:
        """Fitting tools for ``question`` through ``need`` (or its own picks): its picks first."""
        own = {tool.pk for tool in question.tools.all()}
        found = [
            tool
            for tool in self.tools
            if tool.pk not in self.used_tools
            and (tool.pk in own or (need is not None and need.pk in {n.pk for n in tool.need_list}))
        ]
        return sorted(found, key=lambda tool: tool.pk not in own)[:TOOLS_PER_STEP]

    def add(self, step: NextStep) -> None:
        self.steps.append(step)
        self.used_tools.update(tool.pk for tool in step.tools)
        if step.need is not None:
            self.used_needs.add(step.need.pk)

    def offer(self, result) -> None:
        question = result.question
        free_needs = [need for need in question.needs.all() if need.pk not in self.used_needs]
        for need in [*free_needs, None]:
            tools = self.matching(question, need)
            if tools:
                self.add(
                    NextStep(question, result.dimension, need, tools, flag=result.flag, answer=result.option)
                )
                return
        step = NextStep(
            question, result.dimension, next(iter(free_needs), None), flag=result.flag, answer=result.option
        )
        if result.flag is not None:
            # A risk cannot wait for the catalogue: its advice, lesson and helpers still come first.
            self.add(step)
        else:
            self.later.append(step)

    def fill(self) -> None:
        """Nothing that fits in the catalogue: the advice and a lesson still help."""
        for step in self.later:
            if self.full:
                return
            if step.need is None or step.need.pk not in self.used_needs:
                self.add(step)


def next_steps(scores, profile: Profile, count: int = STEPS) -> list[NextStep]:
    """The three next steps of a result (fewer only when nothing is left to improve).

    Queries: the fitting tools (2), the lessons (2), whatever the helper sources make.
    """
    # "We could teach others" leaves nothing to improve; "don't know" is no ground for advice.
    candidates = sorted(
        (q for q in scores.questions if q.level is not None and q.level < MAX_LEVEL), key=_priority(scores)
    )
    if not candidates:
        return []
    needs = {need.pk: need for q in candidates for need in q.question.needs.all()}
    picked = {tool.pk for q in candidates for tool in q.question.tools.all()}
    picker = _Picker(list(fitting_tools(profile, needs, picked)), count)
    for result in candidates:
        if picker.full:
            break
        picker.offer(result)
    picker.fill()
    _add_lessons(picker.steps)
    _add_helpers(picker.steps, profile)
    return picker.steps


def _add_lessons(steps: list[NextStep]) -> None:
    hand_picked = {lesson.pk for step in steps for lesson in step.question.lessons.all()}
    tool_ids = {tool.pk for step in steps for tool in step.tools}
    if not steps:
        return
    lessons = list(
        Lesson.objects.published()
        .for_toc()
        .select_related("course")
        .filter(
            Q(pk__in=hand_picked)
            | Q(pk__in=Lesson.tools.through.objects.filter(tool_id__in=tool_ids).values("lesson_id"))
        )
        .prefetch_related(Prefetch("tools", queryset=Tool.objects.only("id"), to_attr="tool_list"))
    )
    used = set()
    for step in steps:
        own = [lesson.pk for lesson in step.question.lessons.all()]
        step_tools = {tool.pk for tool in step.tools}

        def rank(lesson, own=own, step_tools=step_tools):
            picked = lesson.pk in own
            covered = len(step_tools & {tool.pk for tool in lesson.tool_list})
            return (not picked, -covered, lesson.pk in used, lesson.order)

        fitting = [
            lesson
            for lesson in lessons
            if lesson.pk in own or step_tools & {tool.pk for tool in lesson.tool_list}
        ]
        if fitting:
            step.lesson = min(fitting, key=rank)
            used.add(step.lesson.pk)


def _add_helpers(steps: list[NextStep], profile: Profile) -> None:
    needs = [step.need for step in steps if step.need is not None]
    helpers = helpers_for(profile, needs)
    for step in steps:
        slug = step.need.slug if step.need is not None else None
        step.helpers = [h for h in helpers if not h.needs or slug in h.needs][:TOOLS_PER_STEP]
