"""The catalogue's facet index: every published tool's facets as bitsets, kept in memory.

Each published tool has a position, its place in the list's name order. For each facet value
(a sector, a need, a price model, a licence, a platform, an interface language, a skill level)
the index holds a bitset of the positions of the tools that have it (a Python ``int``). The
counts of any combination of filters are then popcounts (``int.bit_count()``) of ANDed
bitsets, and the page of a name-ordered list is read off the bits: the list page needs no
aggregate query, only its page (and, for a search, the matching ids).

Built once per process and content version (``editorial.cache.content_version()``), in four
queries (sectors, needs, tools, their links); any save or delete of catalogue content gives
a new version, and the next request builds the index again. The SQL aggregates it replaces
stay in ``catalogue.filters.ToolFilter.sql_facets`` (tests compare the two).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

from django.db import connection

from catalogue.models import Need, Sector, Tool
from editorial.cache import content_version

# The facets held as bitsets, by their filter's name, with the tool column each reads.
COLUMNS = {"price": "price_model", "licence": "licence", "level": "skill_level"}
ARRAYS = {"platform": "platforms", "language": "interface_languages"}
ONE = re.compile("1")


@dataclass
class FacetIndex:
    version: str
    #: Published tool ids in list order (name, then id).
    ids: list[int]
    position: dict[int, int]
    #: Every published tool.
    everything: int
    #: {"sector": {"farming": bits, ...}, "price": {"free": bits}, ...}
    bits: dict[str, dict[str, int]]
    sectors: list[Sector] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)

    @classmethod
    def build(cls, version: str) -> FacetIndex:
        sectors, needs = list(Sector.objects.all()), list(Need.objects.all())
        published = Tool.objects.published()
        rows = _rows(published.order_by("name", "pk"), "pk", *COLUMNS.values(), *ARRAYS.values())
        columns = list(zip(*rows, strict=True)) or [() for _ in range(1 + len(COLUMNS) + len(ARRAYS))]
        ids = list(columns[0])
        position = {pk: at for at, pk in enumerate(ids)}
        # Positions per value first, then one bitset per value: OR-ing bit by bit into an int
        # of ten thousand bits would copy it each time.
        positions = {name: {} for name in ("sector", "need", *COLUMNS, *ARRAYS)}
        for name, column in zip(COLUMNS, columns[1 : 1 + len(COLUMNS)], strict=True):
            found = positions[name]
            for at, value in enumerate(column):
                found.setdefault(value, []).append(at)
        for name, column in zip(ARRAYS, columns[1 + len(COLUMNS) :], strict=True):
            found = positions[name]
            for at, values in enumerate(column):
                for value in values or ():
                    found.setdefault(value, []).append(at)
        for name, relation, items in (("sector", "sectors", sectors), ("need", "needs", needs)):
            slugs = {item.pk: item.slug for item in items}
            links = getattr(Tool, relation).through.objects.filter(tool_id__in=published.values("pk"))
            for tool_id, item_id in _rows(links, "tool_id", f"{name}_id"):
                at = position.get(tool_id)
                if at is not None and item_id in slugs:
                    positions[name].setdefault(slugs[item_id], []).append(at)
        return cls(
            version=version,
            ids=ids,
            position=position,
            everything=(1 << len(ids)) - 1,
            bits={
                name: {value: _bitset(at, len(ids)) for value, at in values.items()}
                for name, values in positions.items()
            },
            sectors=sectors,
            needs=needs,
        )

    def of_ids(self, ids) -> int:
        """The bitset of these tool ids (those not in the index are left out)."""
        bits = 0
        for pk in ids:
            at = self.position.get(pk)
            if at is not None:
                bits |= 1 << at
        return bits

    def any_of(self, name: str, values) -> int:
        """Tools with any of ``values`` in facet ``name`` (how one facet's ticks combine)."""
        bits = 0
        for value in values:
            bits |= self.bits[name].get(value, 0)
        return bits

    def count(self, bits: int, name: str, value: str) -> int:
        return (bits & self.bits[name].get(value, 0)).bit_count()

    def ids_at(self, bits: int, start: int, stop: int) -> list[int]:
        """The ids of the ``start``-th to ``stop``-th tools (list order) whose bit is set."""
        # The bits lowest first as text: finding the ones is done in C, not bit by bit.
        text = bin(bits)[:1:-1]
        return [self.ids[match.start()] for match in islice(ONE.finditer(text), start, stop)]


def _rows(queryset, *fields: str) -> list[tuple]:
    """The rows of ``queryset.values_list(*fields)`` as the database driver gives them (plain
    columns and arrays need none of the ORM's per-row conversions: at ten thousand tools they
    were most of the build), in the order of ``fields``."""
    query = queryset.values_list(*fields).query
    sql, params = query.sql_with_params()
    selected = list(query.values_select)  # the SELECT's order, which may not be ours
    order = [selected.index(name) for name in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if order == list(range(len(fields))):
        return rows
    reorder = itemgetter(*order)
    return [reorder(row) for row in rows]


def _bitset(positions: list[int], size: int) -> int:
    bitmap = bytearray((size + 7) // 8)
    for at in positions:
        bitmap[at >> 3] |= 1 << (at & 7)
    return int.from_bytes(bitmap, "little")


_index: FacetIndex | None = None
_lock = threading.Lock()


def facet_index() -> FacetIndex:
    """The index of the current content version, built when the version changed."""
    global _index
    version = content_version()
    index = _index
    if index is not None and index.version == version:
        return index
    with _lock:
        if _index is None or _index.version != version:
            _index = FacetIndex.build(version)
        return _index
