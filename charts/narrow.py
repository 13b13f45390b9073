"""How a chart redraws in a phone-wide container: the ``layout.meta.narrow`` hint every figure carries.

Plotly has no media queries. The figure JSON is laid out for a page or a slide (legend above the
plot, point labels placed for 960 px, long axis titles); in a 340-px container the legend stacks
over the plot and labels collide. So each chart also says, in its own JSON, what to change when it
is drawn narrow, and the page applies it before drawing. The contract:

    layout.meta.narrow = {
        "max_width": 600,          # apply when the chart's container is narrower than this (CSS px)
        "markers_only": [0, 3],    # trace indices whose mode becomes "markers" (labels stay in hovers)
        "traces": {"2": {"text": [...], "textposition": "middle right"}},
                                   # per trace index: attribute path -> new value, set as is
        "layout": {"height": 560, "legend.y": 0, "annotations[2].text": "≥540B"},
                                   # layout attribute path -> new value (Plotly.relayout's key syntax)
    }

Paths use Plotly's attribute strings (``xaxis2.title.text``, ``annotations[1].visible``). A value
in ``traces`` is the value itself (an array is the per-point array), not Plotly.restyle's
array-of-arrays. To apply: copy the figure, set ``mode = "markers"`` on each ``markers_only``
trace, set every ``traces`` and ``layout`` path on the copy, and draw the copy; when the container
grows to ``max_width`` or wider, draw the original again. The browser does this with the one
JavaScript copy, ``hmwNarrow(figure, width)`` in overrides/assets/javascripts/narrow.js: the site
loads that file before hmw.js, and every standalone page inlines it (``narrow_js()``). ``apply``
below is its Python mirror, which the tests use to see what a phone draws (``set_path`` also
serves charts/frame.py); tests/unit/test_narrow.py checks that the two agree on every chart.

Every chart gets at least the common layout: the legend moves below the plot (full width,
``yref: container``), and the figure grows by the legend's estimated height so the plot keeps its
size. A chart module passes its own extras (shorter labels, wrapped axis titles, names above the
lines instead of a wide axis) through ``hint(fig, layout=..., traces=...)``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from charts import theme
from charts.chart import text_width

# The browser's copy of the contract (see the module docstring).
JS_FILE = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "narrow.js"
# Below this container width (CSS px) the page applies the hint.
MAX_WIDTH = 600
# The container the narrow layout is designed for: a 375-px phone minus the page's padding.
PHONE_WIDTH = 340
LEGEND_FONT = theme.SMALL_FONT_SIZE + 1
_ITEM_HEIGHT = 19  # px per legend line at LEGEND_FONT
_SYMBOL = 40  # px a legend item takes besides its text (symbol and gaps)
_GAP = 12  # px between legend groups


def legend_height(fig: go.Figure, width: float = PHONE_WIDTH) -> int:
    """Estimated height of the figure's horizontal legend in a container ``width`` px wide.

    Plotly lays a grouped horizontal legend out as blocks (a group title over its items, one per
    line) that wrap like words; ungrouped items wrap along a line.
    """
    groups: dict[str, tuple[str, list[str]]] = {}
    for index, trace in enumerate(fig.data):
        if trace.showlegend is False or not trace.name:
            continue
        key = trace.legendgroup or f"#{index}"
        title = trace.legendgrouptitle.text if trace.legendgrouptitle else None
        old_title, items = groups.setdefault(key, (title or "", []))
        groups[key] = (old_title or title or "", [*items, trace.name])
    if not groups:
        return 0
    char = LEGEND_FONT * 0.62
    blocks = []
    for title, items in groups.values():
        block_width = max([text_width(title) * char] + [text_width(i) * char + _SYMBOL for i in items])
        blocks.append((block_width + _GAP, (len(items) + (1 if title else 0)) * _ITEM_HEIGHT))
    total, row_width, row_height = 0.0, 0.0, 0.0
    for block_width, block_height in blocks:
        if row_width and row_width + block_width > width:
            total += row_height
            row_width, row_height = 0.0, 0.0
        row_width += block_width
        row_height = max(row_height, block_height)
    return int(total + row_height + 16)


def common_layout(fig: go.Figure) -> dict[str, Any]:
    """The narrow changes every chart shares: legend below the plot, full width; taller figure."""
    extra = legend_height(fig)
    layout: dict[str, Any] = {}
    if extra:
        layout |= {
            "legend.orientation": "h",
            "legend.xref": "container",
            "legend.x": 0,
            "legend.xanchor": "left",
            "legend.yref": "container",
            "legend.y": 0,
            "legend.yanchor": "bottom",
            "legend.font.size": LEGEND_FONT,
        }
    if fig.layout.height and extra:
        layout["height"] = int(fig.layout.height + extra)  # the plot keeps the height it has on a page
    return layout


def hint(
    fig: go.Figure,
    *,
    layout: Mapping[str, Any] | None = None,
    traces: Mapping[int, Mapping[str, Any]] | None = None,
    markers_only: bool = False,
) -> go.Figure:
    """Write ``layout.meta.narrow`` (see the module docstring). Call it after the last trace.

    ``markers_only=True`` lists every scatter trace that draws text labels (placed for the slide,
    they collide on a phone); ``layout`` and ``traces`` add the chart's own changes on top of the
    common ones.
    """
    crowded = (
        [i for i, trace in enumerate(fig.data) if trace.type == "scatter" and "text" in (trace.mode or "")]
        if markers_only
        else []
    )
    merged = common_layout(fig) | dict(layout or {})
    fig.layout.meta = {
        "narrow": {
            "max_width": MAX_WIDTH,
            "markers_only": crowded,
            "traces": {str(i): dict(update) for i, update in sorted((traces or {}).items())},
            "layout": dict(sorted(merged.items())),
        }
    }
    return fig


def set_path(target: dict[str, Any], path: str, value: Any) -> None:
    """Set a Plotly attribute path (``annotations[2].text``) in a plain figure dict, as narrow.js does."""
    parts = path.replace("[", ".").replace("]", "").split(".")
    for here, following in pairwise(parts):
        key: Any = int(here) if isinstance(target, list) else here
        if isinstance(target, dict) and target.get(key) is None:
            target[key] = [] if following.isdigit() else {}
        target = target[key]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


def apply(figure: dict[str, Any], width: float) -> dict[str, Any]:
    """The figure dict as a page ``width`` px wide draws it (a copy when the hint applies)."""
    narrow = (figure.get("layout", {}).get("meta") or {}).get("narrow")
    if not narrow or width >= narrow["max_width"]:
        return figure
    out = copy.deepcopy(figure)
    for index in narrow["markers_only"]:
        out["data"][index]["mode"] = "markers"
    for index, update in narrow["traces"].items():
        for path, value in update.items():
            set_path(out["data"][int(index)], path, value)
    for path, value in narrow["layout"].items():
        set_path(out["layout"], path, value)
    return out


def phone_figure(figure: dict[str, Any]) -> dict[str, Any]:
    """The figure as a phone draws it, at ``PHONE_WIDTH`` and the hint's height: the site shows it as
    a static SVG until the reader asks for the interactive chart (plotly.js costs a phone seconds)."""
    drawn = apply(figure, PHONE_WIDTH)
    if drawn is figure:
        drawn = copy.deepcopy(figure)
    drawn["layout"]["width"] = PHONE_WIDTH
    drawn["layout"]["height"] = phone_height(figure)
    return drawn


def phone_height(figure: dict[str, Any]) -> int:
    """The height a phone draws the figure at: the hint's, else the figure's own (CSS px)."""
    layout = figure.get("layout", {})
    hint = (layout.get("meta") or {}).get("narrow") or {}
    return int(hint.get("layout", {}).get("height") or layout.get("height") or 440)


def narrow_js() -> str:
    """The code of narrow.js (read at build time, so an edit shows on the next build), without the
    file's header comment: the standalone page inlines it."""
    text = JS_FILE.read_text(encoding="utf-8")
    return text[text.index("*/\n") + 3 :] if text.startswith("/*") else text
