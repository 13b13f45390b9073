"""Bake a chart's title, subtitle and source line into its figure, for PNG and SVG.

On the site and in the standalone HTML, the title and source line are HTML text around the chart
(accessible, wrapping with the page). A slide image has no page around it, so the same words go
into the picture. Plotly's margins grow to fit labels and legends, but annotations are placed
relative to the plot area, so here the margins are computed from the text they must hold and
fixed (autoexpand off): the title sits at the top, the source line at the bottom, and a vertical
legend on the right, whatever the chart.
"""

from __future__ import annotations

import copy
from typing import Any

import plotly.graph_objects as go

from charts import narrow, theme
from charts.chart import Chart, esc, text_width, wrap
from charts.locale import locale_of

PAD = 18  # px between the canvas edge and any text
# Average width of a half-width character, in em: Noto Sans CJK's Latin letters in Chinese charts,
# the wider Latin faces English charts fall back to on Linux (DejaVu Sans) in English ones.
CHAR_EM = {"zh": 0.56, "en": 0.62}
CHAR = CHAR_EM["zh"]
LINE = 1.3  # line height, in em
CAPTION_SIZE = theme.SMALL_FONT_SIZE


def _units(pixels: float, font_size: float, char: float = CHAR) -> int:
    """How many half-width characters fit in a width."""
    return max(10, int(pixels / (font_size * char)))


def _width(texts: list[str], font_size: float, char: float = CHAR) -> float:
    """Estimated pixel width of the widest text (plotly <br> lines counted separately)."""
    widths = [text_width(line) for text in texts for line in str(text).split("<br>")]
    return max(widths, default=0) * font_size * char


def _get(node: dict[str, Any] | None, *path: str) -> Any:
    """A value of a figure's plain data by its path of keys; None where any step is missing."""
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    """Plotly's update: nested mappings merged key by key, any other value (a list too) replaced."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)


def _axis_labels(traces: list[dict[str, Any]], axis: dict[str, Any], letter: str, axis_id: str) -> list[str]:
    """The tick labels an axis will show, as well as they can be known before drawing."""
    if axis.get("ticktext"):
        return [str(v) for v in axis["ticktext"]]
    if axis.get("categoryarray"):
        return [str(v) for v in axis["categoryarray"]]
    labels = []
    for trace in traces:
        if (trace.get(f"{letter}axis") or letter) == axis_id:
            values = trace.get(letter) or ()
            labels += [str(v) for v in values if v is not None and not isinstance(v, (list, tuple))]
    return labels or ["0000"]


def _legend_entries(traces: list[dict[str, Any]]) -> list[str]:
    names = []
    for trace in traces:
        if trace.get("showlegend") is not False:
            names.append(trace.get("name") or "")
            if _get(trace, "legendgrouptitle", "text"):
                names.append(trace["legendgrouptitle"]["text"])
    return names


def image_figure(
    chart: Chart,
    *,
    width: int = theme.IMAGE_WIDTH,
    height: int = theme.IMAGE_HEIGHT,
    transparent: bool = False,
) -> go.Figure:
    """A copy of the chart's figure at a fixed size, with title, subtitle and source line drawn in,
    and the chart's ``image_traces`` and ``image_layout`` changes applied (e.g. labels placed for the
    image's plot). Worked on the figure's plain data: every value set here is the figure's own or
    the theme's, so plotly's validation (most of the time it took) has nothing to check."""
    plain = copy.deepcopy(chart.figure.to_plotly_json())
    layout, traces = plain["layout"], plain["data"]
    for path, value in chart.image_layout.items():
        narrow.set_path(layout, path, value)
    for index, update in chart.image_traces.items():
        _merge(traces[index], update)
    colors = theme.scheme_of(chart.scheme)
    usable = width - 2 * PAD
    char = CHAR_EM[locale_of(chart.lang).columns]
    title = wrap(chart.title, _units(usable, theme.TITLE_FONT_SIZE, char))
    subtitle = wrap(chart.subtitle, _units(usable, theme.FONT_SIZE, char)) if chart.subtitle else []
    source = wrap(chart.caption, _units(usable, CAPTION_SIZE, char))

    top = PAD + len(title) * theme.TITLE_FONT_SIZE * LINE + len(subtitle) * theme.FONT_SIZE * LINE + 26
    tick_size = theme.SMALL_FONT_SIZE + 1

    # Left: the widest tick label of the first y axis, its title, a little air.
    yaxis = layout.get("yaxis") or {}
    left = PAD + _width(_axis_labels(traces, yaxis, "y", "y"), tick_size, char) + 10
    if _get(yaxis, "title", "text"):
        left += tick_size * LINE + 6
    # Bottom: tick labels (two rows for a multicategory axis), the axis title, the source line.
    xaxis = layout.get("xaxis") or {}
    rows = 1
    if xaxis.get("type") == "multicategory":
        inner = [
            v
            for tr in traces
            if tr.get("x") is not None and len(tr["x"]) == 2 and isinstance(tr["x"][1], (list, tuple))
            for v in tr["x"][1]
        ]
        rows = 1 + max((len(str(v).split("<br>")) for v in inner), default=1)
    bottom = PAD + len(source) * CAPTION_SIZE * LINE + 14 + rows * tick_size * LINE + 8
    if _get(xaxis, "title", "text"):
        bottom += tick_size * LINE + 4
    # Right: the legend, if any, stands to the right of the plot.
    entries = _legend_entries(traces)
    right = PAD + (_width(entries, tick_size, char) + 44 if entries else 8)

    plot_width = width - left - right
    plot_height = height - top - bottom
    background = "rgba(0,0,0,0)" if transparent else colors.background
    _merge(
        layout,
        {
            "width": width,
            "height": height,
            "autosize": False,
            "paper_bgcolor": background,
            "plot_bgcolor": background,
            "margin": {"l": left, "r": right, "t": top, "b": bottom, "pad": 0, "autoexpand": False},
            "title": {
                "text": "<br>".join(f"<b>{esc(line)}</b>" for line in title),
                "x": PAD / width,
                "xref": "container",
                "xanchor": "left",
                "y": 1 - PAD / height,
                "yref": "container",
                "yanchor": "top",
                "font": {"size": theme.TITLE_FONT_SIZE, "color": colors.text},
                "subtitle": {
                    "text": "<br>".join(esc(line) for line in subtitle),
                    "font": {"size": theme.FONT_SIZE, "color": colors.muted},
                },
            },
            "legend": {
                "orientation": "v",
                "x": 1 + 12 / plot_width,
                "xanchor": "left",
                "y": 1.0,  # a float, as plotly stores it (the same JSON bytes as ever)
                "yanchor": "top",
            },
        },
    )
    layout.setdefault("annotations", []).append(
        {
            "align": "left",
            "font": {"color": colors.muted, "size": CAPTION_SIZE},
            "showarrow": False,
            "text": "<br>".join(esc(line) for line in source),
            "x": -(left - PAD) / plot_width,
            "xanchor": "left",
            "xref": "paper",
            "y": -(bottom - PAD) / plot_height,
            "yanchor": "bottom",
            "yref": "paper",
        }
    )
    return go.Figure(plain, _validate=False)  # the chart's validated figure, and the values above
