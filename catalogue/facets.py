"""The catalogue's facet index: every published tool's facets as bitsets, kept in memory.

Each published tool has a position, its place in the list's name order. For each facet value
(a sector, a need, a price model, a licence, a platform, an interface language, a skill level)
the index holds a bitset of the positions of the tools that have it (a Python ``int``). The
counts of any combination of filters are then popcounts (``int.bit_count()``) of ANDed
bitsets, and the page of a name-ordered list is read off the bits: the list page needs no
aggregate query, only its page (and, for a search, the matching ids).

Built once per process and content version (``editorial.cache.content_version()``), in one
query grouping the tools and their links by value, beside the sectors and needs of that version
(``catalogue.vocabulary``, two queries when not yet read); any save or
delete of catalogue content gives a new version, and the next request builds the index again.
Beside the facets the index knows which tools have nonprofit offers and published alternatives:
a tool page whose process holds the current index reads its sectors and needs off the bits and
queries offers and alternatives only for the tools that have them (``tool_page_relations``).
The SQL aggregates it replaces stay in ``catalogue.filters.ToolFilter.sql_facets`` (tests
compare the two).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection

from catalogue.models import Need, NonprofitOffer, Sector, Tool
from catalogue.vocabulary import sectors_and_needs
from editorial.cache import content_version

# The facets held as bitsets, by their filter's name, with the tool column each reads.
COLUMNS = {"price": "price_model", "licence": "licence", "level": "skill_level"}
ARRAYS = {"platform": "platforms", "language": "interface_languages"}
ONE = re.compile("1")


@dataclass
class FacetIndex:
    version: int | None
    #: Published tool ids in list order (name, then id).
    ids: list[int]
    position: dict[int, int]
    #: Every published tool.
    everything: int
    #: {"sector": {"farming": bits, ...}, "price": {"free": bits}, ...,
    #:  "has": {"offers": bits, "alternatives": bits}}
    bits: dict[str, dict[str, int]]
    sectors: list[Sector] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)

    @classmethod
    def build(cls, version: str) -> FacetIndex:
        sectors, needs = sectors_and_needs()
        slugs = {
            "sector": {item.pk: item.slug for item in sectors},
            "need": {item.pk: item.slug for item in needs},
        }
        ids, positions = _positions()
        bits = {name: {} for name in ("sector", "need", *COLUMNS, *ARRAYS, "has")}
        for name, value, at in positions:
            if name in slugs:
                if value not in slugs[name]:
                    continue
                value = slugs[name][value]
            bits[name][value] = _bitset(at, len(ids))
        return cls(
            version=version,
            ids=ids,
            position={pk: at for at, pk in enumerate(ids)},
            everything=(1 << len(ids)) - 1,
            bits=bits,
            sectors=sectors,
            needs=needs,
        )

    def of_ids(self, ids) -> int:
        """The bitset of these tool ids (those not in the index are left out)."""
        position = self.position
        return _bitset([position[pk] for pk in ids if pk in position], len(self.ids))

    def any_of(self, name: str, values) -> int:
        """Tools with any of ``values`` in facet ``name`` (how one facet's ticks combine)."""
        bits = 0
        for value in values:
            bits |= self.bits[name].get(value, 0)
        return bits

    def has(self, pk: int, name: str, value: str) -> bool:
        """Whether the published tool ``pk`` (one the index holds) has ``value`` in facet ``name``."""
        return bool(self.bits[name].get(value, 0) >> self.position[pk] & 1)

    def sectors_of(self, pk: int) -> list[Sector]:
        """The sectors of the published tool ``pk``, in the order of ``tool.sectors.all()``."""
        return [sector for sector in self.sectors if self.has(pk, "sector", sector.slug)]

    def needs_of(self, pk: int) -> list[Need]:
        return [need for need in self.needs if self.has(pk, "need", need.slug)]

    def count(self, bits: int, name: str, value: str) -> int:
        return (bits & self.bits[name].get(value, 0)).bit_count()

    def ids_at(self, bits: int, start: int, stop: int) -> list[int]:
        """The ids of the ``start``-th to ``stop``-th tools (list order) whose bit is set."""
        # The bits lowest first as text: finding the ones is done in C, not bit by bit.
        text = bin(bits)[:1:-1]
        return [self.ids[match.start()] for match in islice(ONE.finditer(text), start, stop)]

    def ids_among(self, ordered_ids: list[int], bits: int, start: int, stop: int | None) -> list[int]:
        """The ``start``-th to ``stop``-th of ``ordered_ids`` (in their own order: best match first)
        whose bit is set."""
        text = bin(bits)[:1:-1]  # the bits lowest first, as in ids_at
        size, position = len(text), self.position
        kept = (pk for pk in ordered_ids if position.get(pk, size) < size and text[position[pk]] == "1")
        return list(islice(kept, start, stop))


def _positions() -> tuple[list[int], list[tuple[str, object, list[int]]]]:
    """The published tools' ids in list order, and each facet value with the positions (in that
    order) of the tools that have it: (facet, value, positions), a sector or need by its id.

    One statement, the grouping done by PostgreSQL: at ten thousand tools, grouping their rows
    and links in Python took most of a quarter of a second.
    """
    tools = Tool._meta.db_table
    statuses = list(Tool.publishing_statuses)
    ordered = f"""
        SELECT id, {", ".join(COLUMNS.values())}, {", ".join(ARRAYS.values())},
               row_number() OVER (ORDER BY name, id) - 1 AS at
        FROM {tools} WHERE status = ANY(%s)
    """
    parts = [
        f"SELECT '{name}', {column}::text, array_agg(at) FROM t GROUP BY 2"
        for name, column in COLUMNS.items()
    ]
    parts += [
        f"SELECT '{name}', value::text, array_agg(at) FROM t, unnest({column}) AS value GROUP BY 2"
        for name, column in ARRAYS.items()
    ]
    for name, relation in (("sector", "sectors"), ("need", "needs")):
        through = getattr(Tool, relation).through._meta.db_table
        parts.append(
            f"SELECT '{name}', link.{name}_id::text, array_agg(at) FROM t JOIN {through} AS link"
            f" ON link.tool_id = t.id GROUP BY 2"
        )
    # Which tools have nonprofit offers and published alternatives, under the name "has".
    offers = NonprofitOffer._meta.db_table
    alternatives = Tool.alternatives.through._meta.db_table
    parts.append(
        f"SELECT 'has', 'offers', array_agg(DISTINCT at) FROM t JOIN {offers} AS o ON o.tool_id = t.id"
    )
    parts.append(
        f"SELECT 'has', 'alternatives', array_agg(DISTINCT t.at) FROM t JOIN {alternatives} AS link"
        f" ON link.from_tool_id = t.id JOIN t AS alternative ON alternative.id = link.to_tool_id"
    )
    # The ids in list order, beside each value's positions.
    parts.insert(0, "SELECT 'ids', NULL, coalesce(array_agg(id ORDER BY at), '{}') FROM t")
    with connection.cursor() as cursor:
        cursor.execute(f"WITH t AS MATERIALIZED ({ordered}) " + " UNION ALL ".join(parts), [statuses])
        rows = cursor.fetchall()
    ids, positions = [], []
    for name, value, at in rows:
        if name == "ids":
            ids = at
        else:
            positions.append((name, int(value) if name in ("sector", "need") else value, at or []))
    return ids, positions


def _bitset(positions: list[int], size: int) -> int:
    bitmap = bytearray((size + 7) // 8)
    for at in positions:
        bitmap[at >> 3] |= 1 << (at & 7)
    return int.from_bytes(bitmap, "little")


_index: FacetIndex | None = None
_lock = threading.Lock()


def kept_facet_index() -> FacetIndex | None:
    """The index this process already holds for the current content version, if it does: for
    pages that can do without it rather than wait for a build."""
    index = _index
    if index is not None and index.version is not None and index.version == content_version():
        return index
    return None


def facet_index() -> FacetIndex:
    """The index of the current content version, built when the version changed."""
    global _index
    version = content_version()
    if version is None:
        return FacetIndex.build(version)  # the version cannot be read (Redis down): trust no kept index
    index = _index
    if index is not None and index.version == version:
        return index
    with _lock:
        if _index is None or _index.version != version:
            _index = FacetIndex.build(version)
        return _index


def tool_page_relations(tool: Tool, language: str) -> dict:
    """A tool page's ``sectors``, ``needs``, ``alternatives`` (published, by name) and
    ``offers_here`` (``Tool.nonprofit_offers_for``).

    With the current index kept in this process and the tool in it (published), the sectors and
    needs come off its bits and offers and alternatives are queried only for a tool that has
    them; else (a preview, or no index yet since the last change: building one is not worth a
    page) a query each.
    """
    index = kept_facet_index()
    indexed = index is not None and tool.pk in index.position
    has = (lambda what: index.has(tool.pk, "has", what)) if indexed else (lambda what: True)
    alternatives = []
    if has("alternatives"):
        alternatives = list(Tool.objects.published().for_list().filter(alternative_to=tool).order_by("name"))
    return {
        "sectors": index.sectors_of(tool.pk) if indexed else list(tool.sectors.all()),
        "needs": index.needs_of(tool.pk) if indexed else list(tool.needs.all()),
        "alternatives": alternatives,
        "offers_here": tool.nonprofit_offers_for(language) if has("offers") else [],
    }
