"""What other apps show on a tool page below its own facts: a registry those apps fill.

The catalogue knows nothing of lessons or articles. The apps that point at tools register a
section in their ``AppConfig.ready()``: the template that shows it and the ``Prefetch`` that
loads its rows together with the tool, so the tool page's query count is fixed and counted
in its view, whatever the apps above put on it.

A section whose rows depend on who is looking (the providers nearest to the visitor) sets
``per_request``: its ``prefetch`` is then called with the request. A section with styles of
its own names its ``stylesheet``; the page links it once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch


@dataclass(frozen=True)
class ToolPageSection:
    #: Sections appear in this order below the tool's own facts.
    order: int
    #: Rendered with the tool in the context as ``tool``.
    template: str
    #: The rows it shows, loaded with the tool (``Prefetch(..., to_attr=...)``).
    prefetch: Callable[..., Prefetch]
    #: ``prefetch`` takes the request (rows ordered or chosen for this visitor).
    per_request: bool = False
    #: A static file the section's template needs ("help/help.css"), linked in the page's head.
    stylesheet: str = ""

    def prefetch_for(self, request) -> Prefetch:
        return self.prefetch(request) if self.per_request else self.prefetch()


_sections: list[ToolPageSection] = []


def register(section: ToolPageSection) -> None:
    """Add a section (once per template, however often an app's ready() runs)."""
    if all(existing.template != section.template for existing in _sections):
        _sections.append(section)
        _sections.sort(key=lambda item: item.order)


def tool_page_sections() -> list[ToolPageSection]:
    return list(_sections)


def section_stylesheets(sections: list[ToolPageSection]) -> list[str]:
    """The stylesheets the sections need, each once, in section order."""
    return list(dict.fromkeys(section.stylesheet for section in sections if section.stylesheet))
