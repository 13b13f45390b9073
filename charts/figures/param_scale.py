"""Parameter scale: every model with a parameter count on one logarithmic axis, smallest at the bottom.

The emergence thresholds the articles cite (figures group emergence-threshold) are drawn as
vertical lines, each opening a faint band to the right, so "most tasks need 70B" reads directly
against the models that pass it. The view with context (param-scale-context) adds the models from
beyond the articles, ringed and marked ‡ (charts/figures/_models.py).
"""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, theme
from charts.chart import (
    Chart,
    ChartError,
    Table,
    chart_of,
    esc,
    local,
    rows_in_group,
    source_label,
    text_width,
)
from charts.figures import _models
from charts.formats import Lang
from charts.locale import Locale, locale_of

CHART_ID = "param-scale"
THRESHOLD_GROUP = "emergence-threshold"
ROW_HEIGHT = 24  # px per model on the page
# Estimated plot width (px) of the page or slide, for placing the value labels.
PLOT_WIDTH = 560
IMAGE_MAX_LABELLED = 26  # models the exported image labels with their values (see build)


def build(data: Any, lang: Lang, scheme: str, *, context: bool = False) -> Chart:
    """The parameter-scale chart in one language and scheme; with context, the models from beyond
    the articles too."""
    loc = locale_of(lang)
    chart_id = f"{CHART_ID}-context" if context else CHART_ID
    models = _models.with_params(data, context=context)
    if not models:
        raise ChartError(
            f"chart '{chart_id}' needs models with params_billion in data/models.csv; there are none"
        )
    models.sort(key=lambda m: (m["params_billion"], _models.name(m, loc)))
    thresholds = sorted(rows_in_group(data, THRESHOLD_GROUP, CHART_ID), key=lambda r: r["value"])
    for row in thresholds:
        if row["unit"] != "params":
            raise ChartError(f"figures row '{row['id']}' in group {THRESHOLD_GROUP} must have unit params")

    labels = _unique([_models.axis_name(m, loc) for m in models])
    colors = theme.scheme_of(scheme)
    fig = go.Figure()

    values = [m["params_billion"] for m in models] + [r["value"] / 1e9 for r in thresholds]
    lo, hi = min(values) / 2, max(values) * 6  # room on the right for the value labels
    for i, row in enumerate(thresholds):
        x = row["value"] / 1e9
        fig.add_shape(
            type="rect", xref="x", yref="paper", x0=x, x1=hi, y0=0, y1=1,
            fillcolor=colors.band, line={"width": 0}, layer="below",
        )  # fmt: skip
        fig.add_shape(
            type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
            line={"color": colors.muted, "width": 1.5, "dash": "dash"}, layer="below",
        )  # fmt: skip
        fig.add_annotation(
            x=math.log10(x),
            xref="x",
            y=0,
            yref="paper",
            yshift=4 + (len(thresholds) - 1 - i) * (theme.SMALL_FONT_SIZE + 6),
            xanchor="left",
            yanchor="bottom",
            xshift=3,
            showarrow=False,
            align="left",
            text=esc(
                loc.t(
                    "param_scale.threshold",
                    value=formats.format_params(x, loc),
                    subject=local(row, "subject", loc),
                )
            ),
            font={"size": theme.SMALL_FONT_SIZE, "color": colors.muted},
            bgcolor=colors.background,
            hovertext=esc(local(row, "measure", loc)),
        )

    span = (math.log10(lo), math.log10(hi))
    lines = [r["value"] / 1e9 for r in thresholds]
    country_traces = []
    for country in _models.countries_in(models, data):
        country_traces.append(len(fig.data))
        rows = [(label, m) for label, m in zip(labels, models, strict=True) if m["country"] == country]
        texts = [_models.params_label(m, loc) for _, m in rows]
        values = [m["params_billion"] for _, m in rows]
        fig.add_trace(
            go.Scatter(
                x=[m["params_billion"] for _, m in rows],
                y=[label for label, _ in rows],
                mode="markers+text",
                name=loc.t(f"country.{country}"),
                legendgroup="country",
                showlegend=False,
                marker=_models.marker([m for _, m in rows], scheme),
                text=[esc(text) for text in texts],
                textposition=_label_sides(values, texts, lines, span, PLOT_WIDTH),
                textfont={"size": theme.SMALL_FONT_SIZE, "color": colors.text},
                hovertext=[_models.model_hover(m, data, loc) for _, m in rows],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    beyond = [(label, m) for label, m in zip(labels, models, strict=True) if _models.is_beyond(m)]
    if beyond:
        ring = _models.ring_trace(
            [m["params_billion"] for _, m in beyond], [label for label, _ in beyond], loc, scheme
        )
        fig.add_trace(ring)
    for trace in _models.legend_traces(models, data, loc, scheme):
        fig.add_trace(trace)

    tickvals, ticktext = formats.param_ticks(loc, lo, hi)
    fig.update_layout(height=max(420, ROW_HEIGHT * len(models) + 170))
    fig.update_xaxes(
        type="log",
        range=[math.log10(lo), math.log10(hi)],
        tickvals=tickvals,
        ticktext=ticktext,
        title={"text": loc.t("axis.params_log")},
        showgrid=True,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        # Every model named: plotly would otherwise skip every other label when rows are tight
        # (the 540-px-high slide).
        tickmode="array",
        tickvals=labels,
        ticktext=labels,
        showgrid=False,
        range=[-0.6, len(labels) - 0.4],
    )
    theme.style(fig, loc, scheme)
    # On a phone (a plot some 180 px wide) the value labels would cross the dashed lines: the
    # markers stay, the values are in the hover and the table; the threshold notes keep only their
    # value ("≥70B"), the subtitle explains them.
    short = {
        f"annotations[{i}].text": esc(
            loc.t("param_scale.threshold_short", value=formats.format_params(x, loc))
        )
        for i, x in enumerate(lines)
    }
    narrow.hint(fig, layout=short, markers_only=True)

    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.

    chart = chart_of(
        data,
        loc,
        title=loc.t("param_scale.title_context" if context else "param_scale.title"),
        chart_id=chart_id,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("param_scale.subtitle_context" if context else "param_scale.subtitle"),
        table=_table(list(reversed(models)), thresholds, data, loc),
        figures=thresholds,
        **_models.by_origin(list(reversed(models))),
    )
    if len(models) > IMAGE_MAX_LABELLED:
        # A slide's plot is some 380 px high: past this many rows the names need a smaller font and
        # the values (in the hover, the table and the CSV) would pile up beside the markers.
        chart.image_traces = {i: {"mode": "markers"} for i in country_traces}
        small = theme.SMALL_FONT_SIZE  # 22 px on the slide, the smallest text any slide has
        chart.image_layout = {
            "yaxis.tickfont.size": small,
            "legend.font.size": small,
            "legend.grouptitlefont.size": small,
            "legend.tracegroupgap": 0,
        }
    return chart


def _table(models: list[dict[str, Any]], thresholds: list[dict[str, Any]], data: Any, loc: Locale) -> Table:
    """The models, largest first, then the thresholds the chart draws, each with its source."""
    table = _models.table(models, data, loc)
    lines = []
    for row in thresholds:
        billions = row["value"] / 1e9
        cells = {
            loc.t("table.model"): loc.t("param_scale.threshold_row", subject=local(row, "subject", loc)),
            loc.t("table.params_billion"): formats.plain(billions, 3),
            loc.t("table.params"): formats.format_params(billions, loc, long=True),
            loc.t("table.params_status"): loc.t(f"status.{row['status']}"),
            loc.t("table.source"): source_label(data.sources[row["source"]], loc),
        }
        lines.append(tuple(cells.get(header, "") for header in table.headers))
    return Table(table.headers, table.rows + tuple(lines))


def _label_sides(
    values: list[float], texts: list[str], lines: list[float], span: tuple[float, float], width: float
) -> list[str]:
    """Each value label goes right of its marker unless it would cross a threshold's dashed line
    there and fits on the left without crossing one (then it ends just before the marker)."""

    def px(value: float) -> float:
        return (math.log10(value) - span[0]) / (span[1] - span[0]) * width

    marks = [px(x) for x in lines]
    sides = []
    for value, text in zip(values, texts, strict=True):
        at = px(value)
        room = text_width(text) * theme.SMALL_FONT_SIZE * 0.62 + theme.MARKER_SIZE / 2 + 8
        right_clear = not any(at + 2 < m < at + room for m in marks)
        left_clear = at - room > 0 and not any(at - room < m < at - 2 for m in marks)
        sides.append("middle left" if not right_clear and left_clear else "middle right")
    return sides


def _unique(labels: list[str]) -> list[str]:
    """Category labels must be unique: a repeated name gets a counter."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
