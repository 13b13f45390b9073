"""Which timeline events are named on the chart, and where: callouts for key events, inline labels
for notable ones, placed for the page, the phone and the exported image (charts/labels.py does the
geometry; this module decides what is placed at each size).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts import theme
from charts.chart import Chart, esc, iso_mid, local, text_width
from charts.frame import CHAR_EM, image_figure
from charts.labels import Callout, Frame, place_callouts, place_texts
from charts.locale import Locale, locale_of

# The plot area labels are placed for (see charts/labels.py): the narrowest page that shows them
# (a 600-px container, below which they are hidden, less the lane names), so they neither collide
# nor run off the right edge at any wider size. The exported image (PNG/SVG for slides) has a
# plot about 800 px wide, so its labels are placed again for that plot (see image_labels).
PLOT_WIDTH, PLOT_HEIGHT = 470, 330
LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top left", "bottom left")
# The image also tries the two remaining corners, and a label wrapped onto two lines.
IMAGE_LABEL_POSITIONS = (*LABEL_POSITIONS, "top right", "bottom right")
IMAGE_LABEL_GAP = 10  # px at least between two labels side by side, so they do not read as one
# Which events are named on the chart comes from data/events.csv's priority: a key event always, in a
# callout (a boxed label with a leader line, so the crowded 2023 still names them all); a notable
# event by an inline label where there is room; a minor one only in its hover and the table.
# The plot area on a phone (a 340-px container less the lane names): key events only, by their short
# labels (label_zh/label_en).
PHONE_PLOT_WIDTH, PHONE_PLOT_HEIGHT = 250, 360
CALLOUT_PAD = 3  # px between a callout's text and its border


@dataclass(frozen=True)
class Placement:
    """Where the labels go at one size: a callout per key event, an inline label per notable one."""

    callouts: list[Callout | None]
    inline: list[tuple[str, str] | None]


def remembered(function: Callable[..., Placement]) -> Callable[..., Placement]:
    """The function, remembering its results by the repr of its arguments: the light and the dark
    figure place the same labels in the same frame, and placing them is most of a timeline's
    rendering time."""
    made: dict[str, Placement] = {}

    @functools.wraps(function)
    def remembering(*args: Any, **kwargs: Any) -> Placement:
        key = repr((args, sorted(kwargs.items())))
        if key not in made:
            if len(made) >= PLACED_LIMIT:
                made.clear()
            made[key] = function(*args, **kwargs)
        return made[key]

    return remembering


PLACED_LIMIT = 64  # placements remembered (a build makes about 30)


@remembered
def place(
    events: list[dict[str, Any]],
    points: list[tuple[float, float]],
    segments: list[tuple[float, float, float]],
    frame: Frame,
    loc: Locale,
    *,
    size: str,
) -> Placement:
    """Callouts for the key events, then inline labels for the notable ones around them. On a page
    a callout shows the title (or the short label if the title does not fit); on a phone the short
    label and no inline labels; on the exported image also a title wrapped onto two lines."""
    order = sorted(range(len(events)), key=lambda i: (events[i]["date"].as_datetime(), events[i]["id"]))
    char_em = CHAR_EM[loc.columns]
    font = {"font_size": theme.SMALL_FONT_SIZE, "marker_size": theme.MARKER_SIZE, "char_em": char_em}
    forms = [key_forms(e, loc, size) if e["priority"] == "key" else () for e in events]
    callouts = place_callouts(points, forms, frame, order=order, segments=segments, pad=CALLOUT_PAD, **font)
    if size == "phone":
        return Placement(callouts, [None] * len(events))
    image = size == "image"
    inline_forms = [
        tuple(f for f in (title, two_lines(title) if image else None) if f)
        if e["priority"] == "notable"
        else ()
        for e in events
        for title in [local(e, "title", loc)]
    ]
    inline = place_texts(
        points,
        inline_forms,
        frame,
        order=order,
        positions=IMAGE_LABEL_POSITIONS if image else LABEL_POSITIONS,
        segments=segments,
        gap=IMAGE_LABEL_GAP if image else 0,
        obstacles=[c.box for c in callouts if c],
        **font,
    )
    return Placement(callouts, inline)


def short_label(event: dict[str, Any], loc: Locale) -> str:
    """The event's short label (label_zh/label_en), or its title when it has none."""
    return local(event, "label", loc) or local(event, "title", loc)


def inline_forms(event: dict[str, Any], loc: Locale, image: bool) -> tuple[str, ...]:
    """The forms a notable event's inline label tries: its title, and on the image the title on two lines."""
    title = local(event, "title", loc)
    return tuple(f for f in (title, two_lines(title) if image else None) if f)


def key_forms(event: dict[str, Any], loc: Locale, size: str) -> tuple[str, ...]:
    """The forms a key event's callout tries, longest first."""
    title, short = local(event, "title", loc), short_label(event, loc)
    if size == "phone":
        return (short,)
    wrapped_title = two_lines(title) if size == "image" else None
    return tuple(dict.fromkeys(f for f in (title, wrapped_title, short) if f))


def add_callouts(
    fig: go.Figure,
    events: list[dict[str, Any]],
    ys: list[float],
    placed: list[Callout | None],
    scheme: str,
) -> list[tuple[int, int]]:
    """One annotation per key event (hidden where its callout did not fit): (event index,
    annotation index) pairs, so the phone and the image can move or hide each one."""
    colors = theme.scheme_of(scheme)
    added = []
    for i, event in enumerate(events):
        if event["priority"] != "key":
            continue
        callout = placed[i]
        added.append((i, len(fig.layout.annotations)))
        fig.add_annotation(
            x=iso_mid(event["date"]),
            y=ys[i],
            text=callout_text(callout),
            visible=callout is not None,
            ax=callout.dx if callout else 0,
            ay=callout.dy if callout else 0,
            axref="pixel",
            ayref="pixel",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=colors.muted,
            standoff=theme.MARKER_SIZE / 2,
            xanchor="center",
            yanchor="middle",
            borderpad=CALLOUT_PAD - 1,
            borderwidth=1,
            bordercolor=colors.muted,
            bgcolor=colors.background,
            font={"size": theme.SMALL_FONT_SIZE, "color": colors.text},
        )
    return added


def callout_text(callout: Callout | None) -> str:
    """A callout's text, escaped, keeping the line break of a wrapped title."""
    return "<br>".join(esc(line) for line in callout.text.split("<br>")) if callout else ""


def callout_paths(added: list[tuple[int, int]], placed: list[Callout | None]) -> dict[str, Any]:
    """Layout paths that move (or hide) each key event's callout to where ``placed`` puts it."""
    paths: dict[str, Any] = {}
    for event, annotation in added:
        callout = placed[event]
        prefix = f"annotations[{annotation}]"
        paths[f"{prefix}.visible"] = callout is not None
        if callout:
            paths |= {
                f"{prefix}.text": callout_text(callout),
                f"{prefix}.ax": callout.dx,
                f"{prefix}.ay": callout.dy,
            }
    return paths


def two_lines(label: str) -> str | None:
    """The label on two lines of about equal width (<br> between them), broken at a space or where
    Chinese meets Latin text (智谱发布 | GLM-4), never inside a word; None when it has no such break."""
    best: tuple[int, str] | None = None
    for i in range(1, len(label)):
        before, after = label[i - 1], label[i]
        if after == " ":
            continue
        if before != " " and (text_width(before) == 2) == (text_width(after) == 2):
            continue
        if text_width(before) == 2 and text_width(after) == 1 and not after.isalnum():
            continue  # not before Latin punctuation
        if text_width(after) == 2 and not before.isalnum() and before != " ":
            continue  # not after an opening quote or bracket
        first, second = label[:i].rstrip(), label[i:].lstrip()
        if first and second:
            widest = max(text_width(first), text_width(second))
            if best is None or widest < best[0]:
                best = (widest, f"{first}<br>{second}")
    return best[1] if best else None


def image_labels(
    chart: Chart,
    events: list[dict[str, Any]],
    points: list[tuple[float, float]],
    segments: list[tuple[float, float, float]],
    labelled: list[tuple[int, list[int]]],
    callouts: list[tuple[int, int]],
    years: tuple[int, int],
) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """Labels placed for the exported image's plot area, wider than the narrowest page the figure
    JSON is placed for, so a slide names more events: per labelled trace its text and textposition,
    and the callouts' layout paths (charts/frame.py applies both to the image only)."""
    image = image_figure(chart)
    margin = image.layout.margin
    frame = Frame(
        image.layout.width - margin.l - margin.r,
        image.layout.height - margin.t - margin.b,
        dt.date(years[0] - 1, 12, 1).toordinal(),  # the x axis range
        dt.date(years[1], 12, 31).toordinal(),
        *image.layout.yaxis.range,
    )
    placed = place(events, points, segments, frame, locale_of(chart.lang), size="image")
    traces = {}
    for index, members in labelled:
        found = [placed.inline[i] for i in members]
        traces[index] = {
            "text": ["<br>".join(esc(line) for line in f[0].split("<br>")) if f else "" for f in found],
            "textposition": [f[1] if f else "top center" for f in found],
        }
    return traces, callout_paths(callouts, placed.callouts)
