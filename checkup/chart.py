"""The radar chart of a result, as numbers for an SVG template: drawn on the server, no script.

The template (``checkup/_radar.html``) gives the SVG ``role="img"``, a ``<title>`` and a
``<desc>``; the page shows the same figures in a table next to it, which is what screen
readers and printouts rely on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 440, 360
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RADIUS = 120
RINGS = (25, 50, 75, 100)
LABEL_GAP = 18


@dataclass
class Label:
    x: float
    y: float
    anchor: str
    text: str
    number: int


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * max(0.0, min(value, 100.0)) / 100
    return round(CENTRE_X + distance * math.cos(angle), 1), round(CENTRE_Y + distance * math.sin(angle), 1)


def _polygon(values: list[float]) -> str:
    count = len(values)
    return " ".join(f"{x},{y}" for x, y in (_point(i, count, v) for i, v in enumerate(values)))


def radar(dimensions) -> dict | None:
    """Polygons for the score, the one-year target and the previous result of each dimension
    (``DimensionResult``\\ s); None with fewer than three dimensions (no radar to draw)."""
    count = len(dimensions)
    if count < 3:
        return None
    labels = []
    for index, result in enumerate(dimensions):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle)
        y = CENTRE_Y + (RADIUS + LABEL_GAP) * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        labels.append(Label(round(x, 1), round(y, 1), anchor, result.dimension.short_name, index + 1))
    previous = [d.previous for d in dimensions]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "rings": [_polygon([ring] * count) for ring in RINGS],
        "axes": [(CENTRE_X, CENTRE_Y, *_point(i, count, 100)) for i in range(count)],
        "score": _polygon([d.score or 0 for d in dimensions]),
        "target": _polygon([d.target_score or d.score or 0 for d in dimensions]),
        "has_target": any(d.gap > 0 for d in dimensions),
        "previous": _polygon([p or 0 for p in previous]) if any(p is not None for p in previous) else None,
        "labels": labels,
    }
