"""The list cards' bodies (``catalogue/_card_body.html``: a tool's mark, name, summary and
badges), rendered once per content version, day, tool and language and kept in this process.
Nothing in a body depends on the visitor. The day is in the key as well: a card's "last checked"
mark turns stale by the calendar alone.

A list page whose cards are all kept reads only what is around them (``CARD_FRAME_FIELDS``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from editorial.cache import version_stamp

# Emptied when the version (or day) changes or it grows past this.
CARD_BODIES_KEPT = 5000
# What a card shows outside its body (the shortlist button, the list's structured data).
CARD_FRAME_FIELDS = ("pk", "slug", "name")

_bodies: dict = {}


def _version(version: int | None) -> tuple | None:
    """The stamp the bodies are kept under: the content version (the caller's, when it read one)
    and the day."""
    if version is None:
        return version_stamp(daily=True)
    return version, timezone.localdate()


def card_body(pk: int, language: str, render: Callable[[], str], version: int | None = None) -> str:
    """The kept body of tool ``pk`` in ``language``, rendered by ``render`` when not kept yet (and
    every time when the content version cannot be read: Redis down)."""
    version = _version(version)
    if version is None:
        return render()
    key = (version, pk, language)
    body = _bodies.get(key)
    if body is None:
        # Bodies of an older version are never asked for again: let them go at once.
        if len(_bodies) >= CARD_BODIES_KEPT or _bodies.get("version") != version:
            _bodies.clear()
            _bodies["version"] = version
        body = _bodies[key] = render()
    return body


def all_kept(pks: Iterable[int], language: str, version: int | None = None) -> bool:
    """Whether the bodies of all these tools in ``language`` are kept for the current version."""
    version = _version(version)
    return version is not None and all((version, pk, language) in _bodies for pk in pks)
