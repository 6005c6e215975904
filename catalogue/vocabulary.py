"""The sectors and needs, a dozen rows each, kept in this process per content version: the home
page, the catalogue's finder and facet index read them without a query of their own. A save of
either moves the content version on (``editorial.cache``), so the next read has the change."""

from __future__ import annotations

from catalogue.models import Need, Sector
from editorial.cache import content_version

# (content version, sectors, needs), replaced whole, so a reader never sees a half-made pair.
_kept: tuple[int | None, list[Sector], list[Need]] = (None, [], [])


def sectors_and_needs() -> tuple[list[Sector], list[Need]]:
    """Every sector and need in their order, read once per content version (each time when the
    version cannot be read: Redis down)."""
    global _kept
    version = content_version()
    if version is None:
        return list(Sector.objects.all()), list(Need.objects.all())
    if _kept[0] != version:
        _kept = (version, list(Sector.objects.all()), list(Need.objects.all()))
    return _kept[1], _kept[2]
