"""A visitor's shortlist: the tools they put aside to compare, kept in their session.

No account: the session cookie carries it across searches, pages, language switches and
visits (as long as the session lasts). Only slugs are kept; what a page shows is always read
from the published tools, so a tool unpublished since simply drops out. A shared link
(``/catalogue/compare/?tools=a,b``) carries the same slugs and is read by the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalogue.models import Tool

SESSION_KEY = "catalogue_shortlist"
#: More than this is not a shortlist; extra tools are ignored, never an error.
MAX_TOOLS = 20
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def clean_slugs(values: Iterable) -> list[str]:
    """Slugs from a query string or a session: comma-separated or repeated, each well-formed,
    each once, in the order given, at most ``MAX_TOOLS``. Anything else is dropped."""
    slugs: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        for part in value[: 101 * MAX_TOOLS].split(","):
            part = part.strip()
            if _SLUG.match(part) and part not in slugs:
                slugs.append(part)
            if len(slugs) == MAX_TOOLS:
                return slugs
    return slugs


def published_in_order(slugs: list[str]) -> list[Tool]:
    """The published tools among ``slugs``, in that order (one query, with sectors and needs)."""
    if not slugs:
        return []
    found = {
        tool.slug: tool
        for tool in Tool.objects.published()
        .filter(slug__in=slugs)
        .without_vectors()
        .prefetch_related("sectors", "needs")
    }
    return [found[slug] for slug in slugs if slug in found]


class Shortlist:
    """The shortlist in ``request.session``; reading it never writes the session."""

    def __init__(self, session):
        self.session = session

    @property
    def slugs(self) -> list[str]:
        stored = self.session.get(SESSION_KEY, [])
        return clean_slugs(stored) if isinstance(stored, list) else []

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    def __len__(self) -> int:
        return len(self.slugs)

    def _save(self, slugs: list[str]) -> None:
        self.session[SESSION_KEY] = slugs[:MAX_TOOLS]

    def add(self, tool: Tool) -> bool:
        """Add a published tool; False when the shortlist is full (nothing changes then)."""
        slugs = self.slugs
        if tool.slug in slugs:
            return True
        if len(slugs) >= MAX_TOOLS:
            return False
        self._save([*slugs, tool.slug])
        return True

    def add_many(self, tools: Iterable[Tool]) -> int:
        """Add what fits, in order; returns how many tools the shortlist now holds."""
        slugs = self.slugs
        for tool in tools:
            if tool.slug not in slugs and len(slugs) < MAX_TOOLS:
                slugs.append(tool.slug)
        self._save(slugs)
        return len(slugs)

    def remove(self, slug: str) -> None:
        slugs = self.slugs
        if slug in slugs:
            self._save([s for s in slugs if s != slug])

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def tools(self) -> list[Tool]:
        return published_in_order(self.slugs)
