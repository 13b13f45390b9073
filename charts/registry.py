"""The charts: which exist, in reading order, and how to build one.

Each chart is a module in charts/figures/ with ``build(data, lang, scheme) -> Chart``; its
docstring's first line says what it shows (``build_charts.py --list``).
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
from charts.i18n import LANGS

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
CHART_IDS: list[str] = list(CHARTS)
SCHEMES: tuple[str, ...] = theme.SCHEMES


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
    return CHARTS[chart_id].__name__.rsplit(".", 1)[-1]


def render(data: Any, chart_id: str, lang: str, scheme: str) -> Chart:
    """Build one chart. An unknown id is a ValueError that lists the valid ids."""
    check_choices("chart id", [chart_id], CHART_IDS)
    check_choices("language", [lang], LANGS)
    check_choices("scheme", [scheme], SCHEMES)
    return CHARTS[chart_id].build(data, lang, scheme)
