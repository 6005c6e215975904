"""The sectors and needs, a dozen rows each, kept in this process per content version: the home
page, the catalogue's finder and facet index read them without a query of their own. A save of
either moves the content version on (``editorial.cache``), so the next read has the change."""

from __future__ import annotations

from catalogue.models import Need, Sector
from editorial.cache import kept_per_version


def _read() -> tuple[list[Sector], list[Need]]:
    return list(Sector.objects.all()), list(Need.objects.all())


_kept = kept_per_version(_read)


def sectors_and_needs() -> tuple[list[Sector], list[Need]]:
    """Every sector and need in their order, read once per content version (each time when the
    version cannot be read: Redis down)."""
    return _kept() or _read()
