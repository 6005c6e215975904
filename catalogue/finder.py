""" "Start here": five taps (sector, what you want to do, budget, device, confidence with
software) that end on a shortlist of at most three tools, each with one sentence on why.

Everything here works without a request: ``Answers.from_query`` reads (and cleans) a query
string, ``recommend`` asks ``ToolQuerySet.best_fit`` and explains each tool it returns. An
unknown answer is dropped, as if the question had not been answered yet: the visitor sees
that question again, never an error and never their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.models import Need, PriceModel, Sector, SkillLevel, Tool

#: Shown at most: a shortlist, not a catalogue.
RESULTS = 3
ANY = "any"

BUDGETS = {
    "free": _("Nothing: it has to be free"),
    "small": _("A little each month"),
    ANY: _("Whatever does the job"),
}
DEVICES = {
    "phone": _("Mostly a phone or tablet"),
    "computer": _("Mostly a computer"),
    ANY: _("Both"),
}
CONFIDENCE = {
    "new": _("I am new to it"),
    "some": _("I manage"),
    "confident": _("I am confident"),
}

# Points per answer (ToolQuerySet.best_fit): what a WISE asked for first, the rest after.
PRICE_POINTS = {
    "free": {PriceModel.FREE: 4, PriceModel.FREEMIUM: 3, PriceModel.PER_TRANSACTION: 0, PriceModel.PAID: -6},
    "small": {PriceModel.FREE: 2, PriceModel.FREEMIUM: 2, PriceModel.PER_TRANSACTION: 1},
    ANY: {},
}
PLATFORM_POINTS = {
    "phone": {"android": 3, "ios": 3, "web": 1},
    "computer": {"windows": 2, "macos": 2, "linux": 2, "web": 2},
    ANY: {},
}
LEVEL_POINTS = {
    "new": {SkillLevel.STARTER: 3, SkillLevel.INTERMEDIATE: 0, SkillLevel.ADVANCED: -4},
    "some": {SkillLevel.STARTER: 1, SkillLevel.INTERMEDIATE: 1, SkillLevel.ADVANCED: -1},
    "confident": {},
}

# Each reason is a whole phrase about the tool, written by each translator to agree with
# their own word for "tool"; a sentence lists them after "Why it fits:".
REASONS = {
    "sector": _("chosen for your sector"),
    "free": pgettext_lazy("a tool", "free"),
    "freemium": _("has a free plan to start with"),
    "per_transaction": _("you pay only a fee on each sale"),
    "open_source": pgettext_lazy("a tool", "open source"),
    "phone_app": _("has an app for phones"),
    "phone_web": _("works in the phone's browser"),
    "computer": _("runs on a computer"),
    "browser": _("works in any web browser"),
    "starter": _("easy to start with"),
    "language": _("its screens are in your language"),
    "nonprofit": _("offers a discount to nonprofits"),
}


@dataclass(frozen=True)
class Step:
    name: str
    question: str
    #: [(value, label, icon)]
    options: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Answers:
    sector: str = ""
    need: str = ""
    budget: str = ""
    device: str = ""
    confidence: str = ""

    NAMES = ("sector", "need", "budget", "device", "confidence")

    @classmethod
    def from_query(cls, data, *, sectors: list[Sector], needs: list[Need]) -> Answers:
        """The known answers of ``data`` (a QueryDict); unknown values are left unanswered."""
        allowed = {
            "sector": {s.slug for s in sectors} | {ANY},
            "need": {n.slug for n in needs} | {ANY},
            "budget": set(BUDGETS),
            "device": set(DEVICES),
            "confidence": set(CONFIDENCE),
        }
        values = {}
        for name in cls.NAMES:
            value = data.get(name, "")
            values[name] = value if isinstance(value, str) and value in allowed[name] else ""
        return cls(**values)

    def as_query(self, **changes) -> str:
        answers = replace(self, **changes)
        return urlencode([(name, getattr(answers, name)) for name in self.NAMES if getattr(answers, name)])

    @property
    def next_question(self) -> str | None:
        """The first question not answered yet; None when all five are."""
        return next((name for name in self.NAMES if not getattr(self, name)), None)

    @property
    def answered(self) -> list[str]:
        return [name for name in self.NAMES if getattr(self, name)]


def steps(sectors: list[Sector], needs: list[Need]) -> dict[str, Step]:
    return {
        "sector": Step(
            "sector",
            gettext("What does your social enterprise do?"),
            [(s.slug, s.name, s.icon) for s in sectors] + [(ANY, gettext("Something else"), "")],
        ),
        "need": Step(
            "need",
            gettext("What do you want to do better?"),
            [(n.slug, n.name, n.icon) for n in needs],
        ),
        "budget": Step(
            "budget",
            gettext("How much can you spend on it?"),
            [(value, str(label), "") for value, label in BUDGETS.items()],
        ),
        "device": Step(
            "device",
            gettext("Where will you use it?"),
            [(value, str(label), "") for value, label in DEVICES.items()],
        ),
        "confidence": Step(
            "confidence",
            gettext("How confident are you with software?"),
            [(value, str(label), "") for value, label in CONFIDENCE.items()],
        ),
    }


def answer_label(answers: Answers, name: str, sectors: list[Sector], needs: list[Need]) -> str:
    value = getattr(answers, name)
    step = steps(sectors, needs)[name]
    return next((label for option, label, _icon in step.options if option == value), "")


@dataclass
class Recommendation:
    tool: Tool
    reasons: list[str] = field(default_factory=list)
    #: A whole sentence of warning, when the tool asks more than the answers said.
    caution: str = ""

    @property
    def why(self) -> str:
        """One sentence: "Why it fits: free, easy to start with, its screens are in your language."."""
        return gettext("Why it fits: %(reasons)s.") % {"reasons": ", ".join(str(r) for r in self.reasons)}


def reasons_for(tool: Tool, answers: Answers, *, in_sector: bool, language: str) -> list[str]:
    """Why ``tool`` fits these answers, strongest first (at most four reasons)."""
    reasons = []
    if in_sector:
        reasons.append(REASONS["sector"])
    if tool.price_model == PriceModel.FREE:
        reasons.append(REASONS["free"])
    elif tool.price_model == PriceModel.FREEMIUM and answers.budget in ("free", "small"):
        reasons.append(REASONS["freemium"])
    elif tool.price_model == PriceModel.PER_TRANSACTION:
        reasons.append(REASONS["per_transaction"])
    if tool.skill_level == SkillLevel.STARTER and answers.confidence in ("new", "some"):
        reasons.append(REASONS["starter"])
    platforms = set(tool.platforms)
    if answers.device == "phone":
        if platforms & {"android", "ios"}:
            reasons.append(REASONS["phone_app"])
        elif "web" in platforms:
            reasons.append(REASONS["phone_web"])
    elif answers.device == "computer":
        if platforms & {"windows", "macos", "linux"}:
            reasons.append(REASONS["computer"])
        elif "web" in platforms:
            reasons.append(REASONS["browser"])
    if tool.is_available_in(language):
        reasons.append(REASONS["language"])
    if not reasons and tool.is_open_source:
        reasons.append(REASONS["open_source"])
    if not reasons and tool.nonprofit_discount:
        reasons.append(REASONS["nonprofit"])
    return reasons[:4]


def caution_for(tool: Tool, answers: Answers) -> str:
    if tool.skill_level == SkillLevel.ADVANCED and answers.confidence in ("new", "some"):
        return gettext("It takes time to learn: ask for help to set it up.")
    if tool.price_model == PriceModel.PAID and answers.budget == "free":
        return gettext("It is not free: no free tool fits all your answers.")
    return ""


def recommend(
    answers: Answers, *, sectors: list[Sector], needs: list[Need], language: str, limit: int = RESULTS
) -> list[Recommendation]:
    """At most ``limit`` published tools for these answers, best first, each with its reasons."""
    sector = next((s for s in sectors if s.slug == answers.sector), None)
    need = next((n for n in needs if n.slug == answers.need), None)
    tools = list(
        Tool.objects.published()
        .for_list()
        .best_fit(
            need=need,
            sector=sector,
            price_models=PRICE_POINTS.get(answers.budget),
            platforms=PLATFORM_POINTS.get(answers.device),
            levels=LEVEL_POINTS.get(answers.confidence),
            language=language,
        )
        .prefetch_related("sectors")[:limit]
    )
    return [
        Recommendation(
            tool,
            reasons_for(
                tool,
                answers,
                in_sector=sector is not None and any(s.pk == sector.pk for s in tool.sectors.all()),
                language=language,
            ),
            caution_for(tool, answers),
        )
        for tool in tools
    ]
