"""The charts: which exist, in reading order, and how to build one.

Each chart is a module in charts/figures/ with ``build(data, lang, scheme) -> Chart``; its
docstring's first line says what it shows (``build_charts.py --list``). A chart that can also show
the rows from beyond the articles (‡, data/external_*.csv) beside the articles' own takes
``context=True`` and has a second id for that view, ``<id>-context``: a chart of its own in every
format (its own slide, its own place on the slides page), which the site offers as the other view of
the same figure (hmw_site/charts.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

from charts import theme
from charts.chart import Chart
from charts.figures import (
    china_model_count,
    chinchilla_gopher,
    data_exhaustion,
    openai_finance,
    param_scale,
    params_over_time,
    price_cuts,
    timeline,
    training_cost,
)
from charts.i18n import ALL_LANGS

CHARTS: dict[str, ModuleType] = {
    "timeline": timeline,
    "param-scale": param_scale,
    "params-over-time": params_over_time,
    "training-cost": training_cost,
    "china-model-count": china_model_count,
    "data-exhaustion": data_exhaustion,
    "openai-finance": openai_finance,
    "chinchilla-gopher": chinchilla_gopher,
    "price-cuts": price_cuts,
}
# The charts with a view that adds the layer beyond the articles: view id -> the chart it extends.
CONTEXT_VIEWS: dict[str, str] = {
    f"{base}-context": base for base in ("timeline", "param-scale", "params-over-time")
}
# The charts drawn from the layer beyond the articles alone.
BEYOND_ONLY = ("price-cuts",)
# Reading order (the slides page, the deck): the articles' story first, then what lies beyond it.
CHART_IDS: list[str] = [
    *(cid for cid in CHARTS if cid not in BEYOND_ONLY),
    *CONTEXT_VIEWS,
    *BEYOND_ONLY,
]
SCHEMES: tuple[str, ...] = theme.SCHEMES


def module_of(chart_id: str) -> ModuleType:
    """The module that draws a chart or its view."""
    return CHARTS[CONTEXT_VIEWS.get(chart_id, chart_id)]


def views(chart_id: str) -> tuple[str, ...]:
    """The ids of one figure's views, the articles' own first: ('timeline', 'timeline-context'), or
    just the chart's id when it has no other view."""
    base = CONTEXT_VIEWS.get(chart_id, chart_id)
    return (base, *(view for view, of in CONTEXT_VIEWS.items() if of == base))


def describe(chart_id: str) -> str:
    """What a chart shows, from the first line of its module's docstring (and the view's extra)."""
    doc = (module_of(chart_id).__doc__ or "").strip().splitlines()[0]
    text = doc.split(":", 1)[-1].strip()
    return f"{text} With the rows from beyond the articles (‡)." if chart_id in CONTEXT_VIEWS else text


def check_choices(kind: str, values: Iterable[str], valid: Sequence[str]) -> list[str]:
    """The values as a list; any not valid is a ValueError that lists the valid ones."""
    chosen = list(values)
    unknown = [v for v in chosen if v not in valid]
    if unknown:
        noun = f"{kind}s" if len(unknown) > 1 else kind
        raise ValueError(f"unknown {noun} {', '.join(map(repr, unknown))}; valid {kind}s: {', '.join(valid)}")
    return chosen


def module_name(chart_id: str) -> str:
    """The chart's own module in charts/figures/ (without .py): the code only that chart runs."""
    return module_of(chart_id).__name__.rsplit(".", 1)[-1]


def render(data: Any, chart_id: str, lang: str, scheme: str) -> Chart:
    """Build one chart. An unknown id is a ValueError that lists the valid ids."""
    check_choices("chart id", [chart_id], CHART_IDS)
    check_choices("language", [lang], ALL_LANGS)
    check_choices("scheme", [scheme], SCHEMES)
    if chart_id in CONTEXT_VIEWS:
        return module_of(chart_id).build(data, lang, scheme, context=True)
    return module_of(chart_id).build(data, lang, scheme)
