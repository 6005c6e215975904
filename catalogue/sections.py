"""What other apps show on a tool page below its own facts: a registry those apps fill.

The catalogue knows nothing of lessons or articles. The apps that point at tools register a
section in their ``AppConfig.ready()``: the template that shows it and the ``Prefetch`` that
loads its rows together with the tool, so the tool page's query count is fixed and counted
in its view, whatever the apps above put on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet


@dataclass(frozen=True)
class ToolPageSection:
    #: Sections appear in this order below the tool's own facts.
    order: int
    #: Rendered with the tool in the context as ``tool``; it reads ``tool.published_<relation>``.
    template: str
    #: The reverse relation from Tool to the rows shown ("lessons", "articles").
    relation: str
    #: The rows a visitor may see, with what the template needs joined (called per request).
    rows: Callable[[], QuerySet]

    @property
    def to_attr(self) -> str:
        """Where the template finds the rows: ``tool.published_lessons``."""
        return f"published_{self.relation}"

    def prefetch(self) -> Prefetch:
        return Prefetch(self.relation, queryset=self.rows(), to_attr=self.to_attr)


_sections: list[ToolPageSection] = []


def register(**section) -> None:
    """Add a section (once per template, however often an app's ready() runs)."""
    section = ToolPageSection(**section)
    if all(existing.template != section.template for existing in _sections):
        _sections.append(section)
        _sections.sort(key=lambda item: item.order)


def tool_page_sections() -> list[ToolPageSection]:
    return list(_sections)
