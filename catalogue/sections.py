"""What other apps show on a tool page below its own facts: a registry those apps fill.

The catalogue knows nothing of lessons or articles. The apps that point at tools register a
section in their ``AppConfig.ready()``: the template that shows it and the rows it shows, a
query per section at most, so the tool page's query count is bounded and counted in its view,
whatever the apps above put on it.

A section whose rows are ordered for who is looking (the providers nearest to the visitor) sets
``per_request``: its ``rows`` is then called with the request. It may order them by the request,
never choose them by it: which tools have rows at all is read once per content version and day
(``load_sections``), and most tools have none in most sections, so their page skips those queries.
A section with styles of its own names its ``stylesheet``; the page links each one once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from catalogue.models import Tool
from editorial.cache import kept_per_version


@dataclass(frozen=True)
class ToolPageSection:
    #: Sections appear in this order below the tool's own facts.
    order: int
    #: Rendered with the tool in the context as ``tool``; it reads ``tool.published_<relation>``.
    template: str
    #: The reverse relation from Tool to the rows shown ("lessons", "articles").
    relation: str
    #: The rows a visitor may see, with what the template needs joined (called per request).
    rows: Callable[..., QuerySet]
    #: Whether it belongs on the one-page print sheet too (name, facts, cost, *who can help*):
    #: the help app's "who can help" section says True; lessons and articles stay off paper.
    printed: bool = False
    #: ``rows`` takes the request: the rows are ordered for this visitor (``None``: for nobody).
    per_request: bool = False
    #: A static file the template needs ("help/help.css"), linked in the page's head.
    stylesheet: str = ""

    @property
    def to_attr(self) -> str:
        """Where the template finds the rows: ``tool.published_lessons``."""
        return f"published_{self.relation}"

    def prefetch(self, request=None) -> Prefetch:
        rows = self.rows(request) if self.per_request else self.rows()
        return Prefetch(self.relation, queryset=rows, to_attr=self.to_attr)

    def tools_with_rows(self) -> set[int]:
        """The ids of the tools this section has rows for: one query, of every row, unsliced."""
        rows = self.rows(None) if self.per_request else self.rows()
        rows = rows._chain()
        rows.query.clear_limits()
        link = Tool._meta.get_field(self.relation).field.name  # the rows' own field to the tool
        return set(rows.order_by().values_list(link, flat=True).distinct())

    def load(self, tool, request=None) -> None:
        """Set ``tool.<to_attr>`` as ``prefetch()`` would for this one tool, in one query too, but
        without the window function a sliced prefetch wraps its rows in to cut each tool's share
        (building that query took the tool page longer than PostgreSQL took to run it)."""
        rows = self.rows(request) if self.per_request else self.rows()
        low, high = rows.query.low_mark, rows.query.high_mark
        rows = rows._chain()
        rows.query.clear_limits()
        relation = tool._meta.get_field(self.relation)
        rows = rows.filter(**{relation.field.name: tool})
        if low or high is not None:
            rows = rows[low:high]
        found = list(rows)
        if relation.one_to_many:
            # As the prefetch does: each row's foreign key already holds the tool.
            for row in found:
                relation.field.set_cached_value(row, tool)
        setattr(tool, self.to_attr, found)


_sections: list[ToolPageSection] = []
# {section template: the ids of the tools it has rows for}, per content version and day.
_tools_with_rows = kept_per_version(
    lambda: {section.template: section.tools_with_rows() for section in _sections}, daily=True
)


def load_sections(tool, request=None) -> None:
    """Each section's rows on ``tool`` (``tool.published_<relation>``): a query for each section
    that has rows for this tool, none for the others.

    Which tools a section has rows for is read once per content version and day, a query per
    section: every save of content moves the version on (a lesson linked to a tool is a save),
    and what a day changes (a pilot finished, a provider's check grown old) the day does. When the
    version cannot be read (Redis down), every section is queried.
    """
    present = _tools_with_rows()
    for section in tool_page_sections():
        if present is None or tool.pk in present.get(section.template, ()):
            section.load(tool, request)
        else:
            setattr(tool, section.to_attr, [])


def register(**section) -> None:
    """Add a section (once per template, however often an app's ready() runs)."""
    section = ToolPageSection(**section)
    if all(existing.template != section.template for existing in _sections):
        _sections.append(section)
        _sections.sort(key=lambda item: item.order)


def tool_page_sections() -> list[ToolPageSection]:
    return list(_sections)


def section_stylesheets(sections: list[ToolPageSection]) -> list[str]:
    """The stylesheets the sections need, each once, in section order."""
    return list(dict.fromkeys(section.stylesheet for section in sections if section.stylesheet))
