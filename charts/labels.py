"""Place text labels next to scatter points without overlaps, deterministically.

Plotly draws a point's text where it is told to and never moves it, so crowded charts need a
placement decided at build time. This greedy placer tries a few positions around each point (in
priority order), keeps the first one that overlaps no marker and no label already placed and stays
inside the plot, and leaves the label out when nothing fits (the hover still names the point).

Geometry is estimated for the exported slide (960×540 CSS px); on a narrower screen labels may
touch, which is why every label is also in the hover and the table.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from charts.chart import text_width

# Plotly textposition values, in the order a label tries them.
POSITIONS = (
    "middle right",
    "top center",
    "bottom center",
    "middle left",
    "top right",
    "bottom right",
    "top left",
    "bottom left",
)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y downwards


@dataclass(frozen=True)
class Frame:
    """The plot area in pixels and the data range it shows (log axes: pass log10 values)."""

    width: float
    height: float
    x0: float
    x1: float
    y0: float
    y1: float

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        px = (x - self.x0) / (self.x1 - self.x0) * self.width
        py = (1 - (y - self.y0) / (self.y1 - self.y0)) * self.height
        return px, py


def label_size(text: str, font_size: float, char_em: float = 0.56) -> tuple[float, float]:
    """Estimated width and height of a (possibly multi-line, <br>-separated) label in pixels;
    ``char_em`` is a half-width character's average width in em (0.62 for English charts' faces)."""
    lines = text.split("<br>")
    width = max(text_width(line) for line in lines) * font_size * char_em
    return width, len(lines) * font_size * 1.25


def _box(position: str, px: float, py: float, width: float, height: float, gap: float) -> Box:
    vertical, horizontal = position.split()
    if horizontal == "right":
        x0 = px + gap if vertical == "middle" else px
    elif horizontal == "left":
        x0 = px - gap - width if vertical == "middle" else px - width
    else:
        x0 = px - width / 2
    if vertical == "top":
        y0 = py - gap - height
    elif vertical == "bottom":
        y0 = py + gap
    else:
        y0 = py - height / 2
    return (x0, y0, x0 + width, y0 + height)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# place_labels is place_texts with one form per label: the two share their placement options by design.
def place_labels(
    points: Sequence[tuple[float, float]],
    labels: Sequence[str],
    frame: Frame,
    *,
    font_size: float,
    marker_size: float = 12,
    order: Sequence[int] | None = None,
    positions: Sequence[str] = POSITIONS,
    segments: Sequence[tuple[float, float, float]] = (),
    char_em: float = 0.56,
) -> list[str | None]:
    """For each point (data coordinates), the textposition its label takes, or None if none fits.

    ``order`` gives the indices in priority order (most important first); default: as given.
    ``segments`` are horizontal lines (x0, x1, y in data coordinates) that labels must not cross.
    """
    placed = place_texts(
        points,
        [(label,) if label else () for label in labels],
        frame,
        font_size=font_size,
        marker_size=marker_size,
        order=order,
        positions=positions,
        segments=segments,
        char_em=char_em,
    )
    return [found[1] if found else None for found in placed]


def place_texts(
    points: Sequence[tuple[float, float]],
    texts: Sequence[Sequence[str]],
    frame: Frame,
    *,
    font_size: float,
    marker_size: float = 12,
    order: Sequence[int] | None = None,
    positions: Sequence[str] = POSITIONS,
    segments: Sequence[tuple[float, float, float]] = (),
    char_em: float = 0.56,
    gap: float = 0,
    obstacles: Sequence[Box] = (),
) -> list[tuple[str, str] | None]:
    """Like place_labels, with several forms of each label tried in order (say, one line, then
    wrapped onto two): for each point, the (text, textposition) it takes, or None if none fits.
    ``gap`` keeps that many pixels between a label and the labels left and right of it, so two
    labels on one line do not read as one; ``obstacles`` are boxes (plot pixels) labels must avoid,
    such as callouts placed before them."""
    pixels = [frame.to_px(x, y) for x, y in points]
    half = marker_size / 2
    taken = _obstacles(pixels, half, segments, frame) + list(obstacles)
    label_boxes: list[Box] = []
    chosen: list[tuple[str, str] | None] = [None] * len(points)
    for index in order if order is not None else range(len(points)):
        px, py = pixels[index]
        for text in texts[index]:
            width, height = label_size(text, font_size, char_em)
            for position in positions:
                box = _box(position, px, py, width, height, half + 2)
                inside = box[0] >= 0 and box[1] >= 0 and box[2] <= frame.width and box[3] <= frame.height
                padded = (box[0] - gap, box[1], box[2] + gap, box[3])
                clear = not any(_overlaps(box, other) for other in taken) and not any(
                    _overlaps(padded, other) for other in label_boxes
                )
                if inside and clear:
                    chosen[index] = (text, position)
                    label_boxes.append(box)
                    break
            if chosen[index]:
                break
    return chosen


@dataclass(frozen=True)
class Callout:
    """A label in a box joined to its point by a leader line: which form of the text it shows, the
    offset in pixels from the point to the box's centre, and the box itself (plot pixels)."""

    text: str
    dx: float
    dy: float
    box: Box


def place_callouts(
    points: Sequence[tuple[float, float]],
    texts: Sequence[Sequence[str]],
    frame: Frame,
    *,
    font_size: float,
    marker_size: float = 12,
    order: Sequence[int] | None = None,
    segments: Sequence[tuple[float, float, float]] = (),
    char_em: float = 0.56,
    pad: float = 3,
) -> list[Callout | None]:
    """Callouts for labels that matter too much to drop where inline labels crowd (a timeline's key
    events in its busiest year): for each point with texts, the first form (longest first) that fits
    somewhere, or None if none does.

    Boxes avoid every marker, every period line and each other, and stay inside the plot; a leader
    line crosses no other callout's box and no other leader line where any place allows that. Boxes are
    tried close to their point first: straight above or below, then further out to either side.
    """
    pixels = [frame.to_px(x, y) for x, y in points]
    half = marker_size / 2
    placed = _Placed(taken=_obstacles(pixels, half, segments, frame))
    chosen: list[Callout | None] = [None] * len(points)
    for strict in (True, False):  # a crossing leader line is better than a missing key label
        for index in order if order is not None else range(len(points)):
            for text in texts[index] if not chosen[index] else ():
                chosen[index] = _fit_callout(
                    text, pixels[index], frame, placed, strict, font_size, char_em, pad, half
                )
                if chosen[index]:
                    break
    return chosen


@dataclass
class _Placed:
    """What callouts placed so far leave no room for: boxes and leader lines."""

    taken: list[Box]
    boxes: list[Box] = field(default_factory=list)
    lines: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)

    def crossings(self, start: tuple[float, float], end: tuple[float, float]) -> int:
        """How many placed callouts (boxes or leader lines) a new leader line would cross."""
        through_boxes = sum(_crosses_box(start, end, box) for box in self.boxes)
        return through_boxes + sum(_segments_cross(start, end, a, b) for a, b in self.lines)


def _fit_callout(
    text: str,
    point: tuple[float, float],
    frame: Frame,
    placed: _Placed,
    strict: bool,
    font_size: float,
    char_em: float,
    pad: float,
    half: float,
) -> Callout | None:
    """The nearest free place for the box whose leader line crosses nothing; or, when not strict,
    the free place whose line crosses the fewest other callouts (nearest among equals)."""
    px, py = point
    width, height = label_size(text, font_size, char_em)
    width, height = width + 2 * pad, height + 2 * pad
    best: tuple[int, Callout] | None = None
    offsets, reach = _callout_offsets(width, height, half)
    # Every candidate box lies within reach of the point: only the obstacles there can overlap one
    # (a timeline has hundreds of markers, and each callout tries hundreds of places).
    around = (px + reach[0], py + reach[1], px + reach[2], py + reach[3])
    near = [other for other in placed.taken if _overlaps(around, other)]
    for dx, dy in offsets:
        cx, cy = px + dx, py + dy
        box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= frame.width and box[3] <= frame.height
        if not inside or any(_overlaps(box, other) for other in near):
            continue
        crossings = placed.crossings((px, py), _edge_point(box, (px, py)))
        if (crossings == 0 or not strict) and (best is None or crossings < best[0]):
            best = (crossings, Callout(text, dx, dy, box))
            if crossings == 0:
                break
    if best is None:
        return None
    callout = best[1]
    placed.taken.append(callout.box)
    placed.boxes.append(callout.box)
    placed.lines.append(((px, py), _edge_point(callout.box, (px, py))))
    return callout


def _edge_point(box: Box, towards: tuple[float, float]) -> tuple[float, float]:
    """Where a line from the box's centre to ``towards`` leaves the box (the leader line's end)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def _crosses_box(start: tuple[float, float], end: tuple[float, float], box: Box) -> bool:
    """Whether the segment passes through the box's interior (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = start, end
    t0, t1 = 0.0, 1.0
    for p, q in (
        (x0 - x1, x0 - box[0]),
        (x1 - x0, box[2] - x0),
        (y0 - y1, y0 - box[1]),
        (y1 - y0, box[3] - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-6


def _segments_cross(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    """Whether segments ab and cd properly intersect."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


@functools.cache
def _callout_offsets(width: float, height: float, half: float) -> tuple[tuple[tuple[float, float], ...], Box]:
    """Candidate box centres around a point, nearest first (rows above and below, shifted sideways),
    and the box relative to the point that holds every candidate box (a pixel wider all round, so
    that no rounding of the sums leaves an obstacle out)."""
    rows = [sign * (half + 4 + height / 2 + step * (height + 3)) for step in range(8) for sign in (-1, 1)]
    shifts = [0.0] + [sign * step * width / 4 for step in range(1, 13) for sign in (-1, 1)]
    offsets = sorted(
        ((dx, dy) for dy in rows for dx in shifts), key=lambda o: (abs(o[0]) / 4 + abs(o[1]), o[0] > 0)
    )
    reach = (
        min(shifts) - width / 2 - 1,
        min(rows) - height / 2 - 1,
        max(shifts) + width / 2 + 1,
        max(rows) + height / 2 + 1,
    )
    return tuple(offsets), reach


def _obstacles(
    pixels: Sequence[tuple[float, float]],
    half: float,
    segments: Sequence[tuple[float, float, float]],
    frame: Frame,
) -> list[Box]:
    """What no label may cover: every marker, and every period line drawn across a lane."""
    taken: list[Box] = [(px - half, py - half, px + half, py + half) for px, py in pixels]
    for x0, x1, y in segments:
        (left, middle), (right, _) = frame.to_px(x0, y), frame.to_px(x1, y)
        taken.append((left, middle - 2, right, middle + 2))
    return taken
