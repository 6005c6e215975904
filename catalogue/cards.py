"""HTML of the catalogue that depends on nothing but a tool, a language and the content, rendered
once per content version and day and kept in this process: the list cards' bodies
(``catalogue/_card_body.html``: a tool's mark, name, summary and badges) and the tool pages'
bodies (``catalogue/_tool_body.html``: badges, description, facts, costs and alternatives).
Nothing in them depends on the visitor. The day is in the key as well: a "last checked" mark
turns stale by the calendar alone.

A list page whose cards are all kept reads only what is around them (``CARD_FRAME_FIELDS``), and
a tool page whose body is kept only what is around it (``TOOL_PAGE_FRAME_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from django.utils import timezone

from editorial.cache import version_stamp
from editorial.languages import columns_in_every_language

# What a card shows outside its body (the shortlist button, the list's structured data).
CARD_FRAME_FIELDS = ("pk", "slug", "name")
# What a tool page shows outside its body: the title, the header, the actions, the structured
# data (price and platforms), the sections' headings.
TOOL_PAGE_FRAME_FIELDS = (
    "pk",
    "status",
    "original_language",
    "updated",
    "name",
    "slug",
    "logo",
    "website",
    "price_model",
    "platforms",
    "interface_languages",
    *columns_in_every_language("summary"),
    *columns_in_every_language("price_note"),
)


def _stamp(version: int | None) -> tuple | None:
    """The stamp bodies are kept under: the content version (the caller's, when it read one)
    and the day."""
    if version is None:
        return version_stamp(daily=True)
    return version, timezone.localdate()


class KeptBodies:
    """Rendered HTML by key for the current stamp, at most ``limit`` of them: emptied when the
    version (or day) changes or it is full. Nothing is kept when the version cannot be read
    (Redis down)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._bodies: dict = {}

    def get(self, key: Hashable, render: Callable[[], str], version: int | None = None) -> str:
        stamp = _stamp(version)
        if stamp is None:
            return render()
        body = self._bodies.get((stamp, key))
        if body is None:
            # Bodies of an older stamp are never asked for again: let them go at once.
            if len(self._bodies) >= self.limit or self._bodies.get("stamp") != stamp:
                self._bodies.clear()
                self._bodies["stamp"] = stamp
            body = self._bodies[(stamp, key)] = render()
        return body

    def kept(self, key: Hashable, version: int | None = None) -> str | None:
        """The body kept for ``key`` under the current stamp, or None."""
        stamp = _stamp(version)
        return None if stamp is None else self._bodies.get((stamp, key))

    def all_kept(self, keys: Iterable[Hashable], version: int | None = None) -> bool:
        stamp = _stamp(version)
        return stamp is not None and all((stamp, key) in self._bodies for key in keys)

    def clear(self) -> None:
        self._bodies.clear()


CARD_BODIES = KeptBodies(limit=5000)
# A body is 3-6 kB: at most a few megabytes a worker.
TOOL_PAGE_BODIES = KeptBodies(limit=1000)


def card_body(pk: int, language: str, render: Callable[[], str], version: int | None = None) -> str:
    """The kept body of tool ``pk`` in ``language``, rendered by ``render`` when not kept yet (and
    every time when the content version cannot be read: Redis down)."""
    return CARD_BODIES.get((pk, language), render, version)


def all_kept(pks: Iterable[int], language: str, version: int | None = None) -> bool:
    """Whether the bodies of all these tools in ``language`` are kept for the current version."""
    return CARD_BODIES.all_kept(((pk, language) for pk in pks), version)
