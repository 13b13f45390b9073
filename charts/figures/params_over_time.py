"""Parameters over release date: the same models as param-scale, placed in time, on a log axis.

Same encodings as param-scale (colour = country, fill = open weights, symbol = status). Models
without a release date cannot be placed and are counted in the caption. The view with context
(params-over-time-context) adds the models from beyond the articles, ringed and marked ‡.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, theme
from charts.chart import Chart, ChartError, chart_of, esc, iso_mid
from charts.figures import _models
from charts.formats import Lang
from charts.i18n import plural
from charts.labels import Frame, place_labels
from charts.locale import locale_of

CHART_ID = "params-over-time"
PLOT_WIDTH, PLOT_HEIGHT = 680, 335  # estimated plot area of the exported slide


def build(data: Any, lang: Lang, scheme: str, *, context: bool = False) -> Chart:
    """The parameters-over-time chart in one language and scheme; with context, the models from
    beyond the articles too."""
    loc = locale_of(lang)
    chart_id = f"{CHART_ID}-context" if context else CHART_ID
    sized = _models.with_params(data, context=context)
    models = [m for m in sized if m["release_date"] is not None]
    undated = [m for m in sized if m["release_date"] is None]
    if not models:
        raise ChartError(
            f"chart '{chart_id}' needs models with params_billion and release_date; there are none"
        )
    models.sort(key=lambda m: (m["release_date"].as_datetime(), m["id"]))
    colors = theme.scheme_of(scheme)

    first_year = min(m["release_date"].year for m in models)
    last_year = max(m["release_date"].year for m in models)
    x0, x1 = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    values = [m["params_billion"] for m in models]
    lo, hi = min(values) / 3, max(values) * 3
    frame = Frame(PLOT_WIDTH, PLOT_HEIGHT, x0.toordinal(), x1.toordinal(), math.log10(lo), math.log10(hi))
    points = [(m["release_date"].as_datetime().toordinal(), math.log10(m["params_billion"])) for m in models]
    names = [_models.axis_name(m, loc) for m in models]
    biggest_first = sorted(range(len(models)), key=lambda i: (-models[i]["params_billion"], models[i]["id"]))
    positions = place_labels(
        points,
        names,
        frame,
        font_size=theme.SMALL_FONT_SIZE,
        marker_size=theme.MARKER_SIZE,
        order=biggest_first,
    )

    fig = go.Figure()
    for country in _models.countries_in(models, data):
        members = [i for i, m in enumerate(models) if m["country"] == country]
        fig.add_trace(
            go.Scatter(
                x=[iso_mid(models[i]["release_date"]) for i in members],
                y=[models[i]["params_billion"] for i in members],
                mode="markers+text",
                name=loc.t(f"country.{country}"),
                legendgroup="country",
                showlegend=False,
                marker=_models.marker([models[i] for i in members], scheme),
                text=[esc(names[i]) if positions[i] else "" for i in members],
                textposition=[positions[i] or "middle right" for i in members],
                textfont={"size": theme.SMALL_FONT_SIZE, "color": colors.text},
                hovertext=[_models.model_hover(models[i], data, loc) for i in members],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    beyond = [m for m in models if _models.is_beyond(m)]
    if beyond:
        xs = [iso_mid(m["release_date"]) for m in beyond]
        fig.add_trace(_models.ring_trace(xs, [m["params_billion"] for m in beyond], loc, scheme))
    for trace in _models.legend_traces(models, data, loc, scheme):
        fig.add_trace(trace)

    tickvals, ticktext = formats.param_ticks(loc, lo, hi)
    fig.update_layout(height=480)
    fig.update_xaxes(
        type="date",
        range=[x0.isoformat(), x1.isoformat()],
        tickformatstops=formats.date_tickformatstops(loc),
    )
    fig.update_yaxes(
        type="log",
        range=[math.log10(lo), math.log10(hi)],
        tickvals=tickvals,
        ticktext=ticktext,
        title={"text": loc.t("axis.params_log")},
        showgrid=True,
    )
    theme.style(fig, loc, scheme)
    narrow.hint(fig, markers_only=True)

    notes = []
    if undated:
        names_undated = loc.t("sep.items").join(_models.name(m, loc) for m in undated)
        notes.append(
            loc.t(
                plural("params_over_time.undated", len(undated)),
                count=formats.format_value(len(undated), "count", loc),
                items=names_undated,
            )
        )
    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.
    chart = chart_of(
        data,
        loc,
        title=loc.t("params_over_time.title_context" if context else "params_over_time.title"),
        chart_id=chart_id,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("params_over_time.subtitle_context" if context else "params_over_time.subtitle"),
        table=_models.table(models, data, loc),
        notes=notes,
        **_models.by_origin(models),
    )
    if beyond:
        # The ring's legend entry makes the legend taller than a slide's plot: its lines close up.
        small = theme.SMALL_FONT_SIZE  # 22 px on the slide, the smallest text any slide has
        chart.image_layout = {
            "legend.font.size": small,
            "legend.grouptitlefont.size": small,
            "legend.tracegroupgap": 0,
        }
    return chart
