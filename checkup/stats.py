"""Anonymous figures over many check-ups: the comparison a result shows, and the partners' needs map.

No figure is ever shown for a group of fewer than ``CHECKUP_MIN_GROUP`` (10) WISEs: with fewer,
an average could point at one cooperative. Nor can one be worked out by subtraction: where a
table hides small groups next to the total they belong to, it hides more groups (the smallest
first) until the hidden ones together hold at least 10 (see :func:`_protect`). Each WISE counts
once (a result replaced by a finished retake is left out; see ``ResponseQuerySet.for_statistics``).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, FloatField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from checkup.scoring import BANDS, band_for


def min_group() -> int:
    return getattr(settings, "CHECKUP_MIN_GROUP", 10)


def _score_averages(slugs) -> dict:
    return {f"avg_{slug}": Avg(Cast(KT(f"scores__{slug}"), FloatField())) for slug in slugs}


def group_averages(queryset, slugs) -> dict | None:
    """{"count", "overall", "dimensions": {slug: average}} of a group, or None under the threshold.
    One query."""
    row = queryset.aggregate(count=Count("id"), overall=Avg("overall"), **_score_averages(slugs))
    if row["count"] < min_group():
        return None
    return {
        "count": row["count"],
        "overall": _round(row["overall"]),
        "dimensions": {slug: _round(row[f"avg_{slug}"]) for slug in slugs},
    }


def _round(value):
    return None if value is None else round(value, 1)


def comparisons(response, slugs) -> list[tuple[str, dict]]:
    """("sector" | "country", averages) for each group of similar WISEs big enough to show.
    Two queries."""
    from checkup.models import Response

    others = Response.objects.for_statistics().exclude(pk=response.pk)
    groups = []
    if response.sector_id:
        groups.append(("sector", others.filter(sector_id=response.sector_id)))
    if response.country:
        groups.append(("country", others.filter(country=response.country)))
    found = []
    for name, queryset in groups:
        averages = group_averages(queryset, slugs)
        if averages is not None:
            found.append((name, averages))
    return found


@dataclass
class GroupRow:
    key: str
    label: str
    count: int
    overall: float | None = None
    dimensions: dict = field(default_factory=dict)
    suppressed: bool = False

    @property
    def too_small(self) -> bool:
        """Hidden for its own size; otherwise a suppressed group is hidden to protect a smaller one."""
        return self.count < min_group()

    def hide(self) -> None:
        self.suppressed, self.overall, self.dimensions = True, None, {}


@dataclass
class NeedsMap:
    """What the partners' dashboard shows for one scope (all, or one country)."""

    total: int
    suppressed: bool
    by_country: list[GroupRow]
    by_sector: list[GroupRow]
    distributions: list[tuple[object, list[int]]]  # (dimension, count per band)
    flags: list[tuple[str, int]]
    next_steps: list[tuple[str, int]]


def _rows(queryset, key: str, labels: dict, slugs) -> list[GroupRow]:
    rows = []
    for row in (
        queryset.values(key)
        .annotate(count=Count("id"), overall_avg=Avg("overall"), **_score_averages(slugs))
        .order_by(key)
    ):
        value = row[key]
        group = GroupRow(key=str(value or ""), label=str(labels.get(value, value or "—")), count=row["count"])
        if row["count"] < min_group():
            group.suppressed = True
        else:
            group.overall = _round(row["overall_avg"])
            group.dimensions = {slug: _round(row[f"avg_{slug}"]) for slug in slugs}
        rows.append(group)
    _protect(rows)
    return rows


def _protect(rows: list[GroupRow]) -> None:
    """Hide the smallest shown groups until the hidden ones hold at least ``min_group()``
    check-ups together. The rows add up to the scope's total, so one hidden group of 4 beside
    shown ones would be the total minus the rest, its average included."""
    hidden = sum(row.count for row in rows if row.suppressed)
    if not hidden:
        return
    for row in sorted((row for row in rows if not row.suppressed), key=lambda row: row.count):
        if hidden >= min_group():
            return
        row.hide()
        hidden += row.count


def needs_map(queryset, dimensions, country_labels: dict, sector_labels: dict) -> NeedsMap:
    """The dashboard's figures over ``queryset`` (finished responses for statistics, scoped).

    Queries: the two groupings, and one pass over the scores, flags and next steps.
    """
    slugs = [d.slug for d in dimensions]
    by_country = _rows(queryset, "country", country_labels, slugs)
    by_sector = _rows(queryset, "sector__slug", sector_labels, slugs)
    total = sum(row.count for row in by_country)
    suppressed = total < min_group()
    distributions, flags, steps = [], Counter(), Counter()
    if not suppressed:
        bands = {slug: [0] * len(BANDS) for slug in slugs}
        for scores, raised, chosen in queryset.values_list("scores", "flags", "next_steps"):
            for slug in slugs:
                band = band_for((scores or {}).get(slug))
                if band is not None:
                    bands[slug][band.number - 1] += 1
            flags.update(set(raised))
            steps.update(set(chosen))
        distributions = [(d, bands[d.slug]) for d in dimensions]
    return NeedsMap(
        total=total,
        suppressed=suppressed,
        by_country=by_country,
        by_sector=by_sector,
        distributions=distributions,
        flags=flags.most_common(10),
        next_steps=steps.most_common(10),
    )


def write_csv(stream, data: NeedsMap, dimensions, flag_labels: dict, need_labels: dict) -> None:
    """The needs map as CSV: one row per group (suppressed groups without figures), then the
    risk flags and next steps (none when the whole scope is under the threshold)."""
    writer = csv.writer(stream)
    blanks = ["" for _dimension in dimensions]
    writer.writerow(["group", "value", "label", "responses", "overall", *[d.slug for d in dimensions]])
    for kind, rows in (("country", data.by_country), ("sector", data.by_sector)):
        for row in rows:
            if row.suppressed:
                count = f"<{min_group()}" if row.too_small else "hidden"
                writer.writerow([kind, row.key, row.label, count, "", *blanks])
                continue
            figures = [_csv(row.dimensions.get(d.slug)) for d in dimensions]
            writer.writerow([kind, row.key, row.label, row.count, _csv(row.overall), *figures])
    if data.suppressed:
        return
    for code, count in data.flags:
        writer.writerow(["risk_flag", code, flag_labels.get(code, code), count, "", *blanks])
    for slug, count in data.next_steps:
        writer.writerow(["next_step", slug, need_labels.get(slug, slug), count, "", *blanks])


def _csv(value):
    return "" if value is None else value
