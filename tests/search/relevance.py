"""The search relevance set (relevance.toml): load it, run it, say what failed.

Shared by tests/search/test_relevance.py and bench/relevance.py. Each case runs the search a
visitor gets (``wisebusiness.site_search.KINDS``: the same querysets and ranking as the site
search page and the catalogue's "Best match") in the case's language.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation

RELEVANCE_FILE = Path(__file__).with_name("relevance.toml")
TOP = 5
PASS_RATE = 0.95


@dataclass(frozen=True)
class Case:
    language: str
    query: str
    kind: str
    what: str = ""
    expect: tuple[str, ...] = ()
    any: tuple[str, ...] = ()

    def passes(self, slugs: list[str]) -> bool:
        top = slugs[:TOP]
        return all(slug in top for slug in self.expect) and (
            not self.any or any(slug in top for slug in self.any)
        )

    def __str__(self):
        return f"[{self.language}] {self.query!r} ({self.kind}: {self.what})"


@dataclass
class Outcome:
    cases: list[Case]
    failures: list[tuple[Case, list[str]]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return 1 - len(self.failures) / len(self.cases)

    def summary(self) -> str:
        passed = len(self.cases) - len(self.failures)
        lines = [f"relevance: {passed}/{len(self.cases)} queries pass ({self.rate:.1%}, top {TOP})"]
        for case, slugs in self.failures:
            wanted = ", ".join(case.expect) + (f" any of {', '.join(case.any)}" if case.any else "")
            lines.append(f"  FAIL {case}: wanted {wanted}; got {', '.join(slugs) or 'nothing'}")
        return "\n".join(lines)


def load_cases(path: Path = RELEVANCE_FILE) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Case(**{**item, "expect": tuple(item.get("expect", ())), "any": tuple(item.get("any", ()))})
        for item in data["case"]
    ]


def top_results(case: Case) -> list[str]:
    from wisebusiness.site_search import KINDS

    with translation.override(case.language):
        return list(KINDS[case.kind].ranked(case.query, case.language).values_list("slug", flat=True)[:TOP])


def run(cases: list[Case] | None = None) -> Outcome:
    outcome = Outcome(cases=cases if cases is not None else load_cases())
    for case in outcome.cases:
        slugs = top_results(case)
        if not case.passes(slugs):
            outcome.failures.append((case, slugs))
    return outcome
