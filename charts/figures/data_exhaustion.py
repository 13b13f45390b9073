"""Data exhaustion: the years by which kinds of training data are projected to run out.

Rows: figures group data-exhaustion.

These are forecasts, not measurements: each is drawn as a dotted line from the year the article
was published to a hollow marker at the projected year, and the legend and subtitle say so.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, theme
from charts.chart import Chart, chart_of, esc, local, rows_in_group
from charts.figures import _figures
from charts.formats import Lang
from charts.locale import locale_of

CHART_ID = "data-exhaustion"
GROUP = "data-exhaustion"
TICK_STEP = 10  # years between ticks


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The data-exhaustion chart in one language and scheme."""
    loc = locale_of(lang)
    rows = rows_in_group(data, GROUP, CHART_ID, unit="year")
    rows.sort(key=lambda r: (r["value"], r["id"]))
    colors = theme.scheme_of(scheme)
    fill = colors.accent
    # Each projection starts when its article was published.
    starts = [data.sources[r["source"]]["date"] for r in rows]
    names = [esc(local(r, "subject", loc)) for r in rows]

    fig = go.Figure()
    for name, row, start in zip(names, rows, starts, strict=True):
        fig.add_trace(
            go.Scatter(
                x=[start.year, row["value"]],
                y=[name, name],
                mode="lines",
                line={"color": fill, "width": 2.5, "dash": "dot"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[r["value"] for r in rows],
            y=names,
            mode="markers+text",
            marker=theme.marker_arrays(
                [theme.figure_marker(r["status"], r["bound"], fill, scheme) for r in rows]
            ),
            text=[esc(_figures.shown_value(r, loc)) for r in rows],
            textposition="middle right",
            textfont={"size": theme.FONT_SIZE, "color": colors.text},
            hovertext=[_figures.figure_hover(r, data, loc) for r in rows],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            cliponaxis=False,
        )
    )
    for start in sorted(set(starts)):
        fig.add_shape(
            type="line", xref="x", yref="paper", x0=start.year, x1=start.year, y0=0, y1=1,
            line={"color": colors.muted, "width": 1.5},
        )  # fmt: skip
    for start in sorted(set(starts)):
        fig.add_annotation(
            x=start.year,
            xref="x",
            y=0,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            xshift=4,
            yshift=4,
            showarrow=False,
            align="left",
            text=esc(loc.t("exhaustion.published", date=formats.format_date(start, loc))),
            font={"size": theme.SMALL_FONT_SIZE, "color": colors.muted},
        )
    for trace in _figures.status_markers(rows, loc, scheme, colors.muted):
        fig.add_trace(trace)

    first = min(s.year for s in starts)
    last = max(int(r["value"]) for r in rows)
    lo = first - first % TICK_STEP
    hi = last - last % TICK_STEP + 2 * TICK_STEP
    ticks = list(range(lo, hi + 1, TICK_STEP))
    fig.update_layout(height=380)
    fig.update_xaxes(
        range=[first - 2, hi],
        tickvals=ticks,
        ticktext=[formats.format_year(y, loc) for y in ticks],
        showgrid=True,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=names,
        range=[-0.6, len(rows) - 0.3],
        showgrid=False,
    )
    theme.style(fig, loc, scheme)
    # On a phone the long names would take half the width as axis labels: they move above their
    # lines (annotations hidden on the page), and the values drop the "(expected)" the legend gives.
    first_name = len(fig.layout.annotations)
    for name, start in zip(names, starts, strict=True):
        fig.add_annotation(
            x=start.year, xref="x", y=name, yref="y", xanchor="left", yanchor="bottom", xshift=4, yshift=6,
            text=name, showarrow=False, visible=False,
            font={"size": theme.SMALL_FONT_SIZE + 1, "color": colors.muted},
        )  # fmt: skip
    shown = {f"annotations[{first_name + i}].visible": True for i in range(len(names))}
    values = [esc(formats.format_value(r, loc)) for r in rows]
    narrow.hint(
        fig,
        layout={"yaxis.showticklabels": False, **shown},
        traces={len(rows): {"text": values}},
    )

    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.

    return chart_of(
        data,
        loc,
        title=loc.t("exhaustion.title"),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("exhaustion.subtitle"),
        table=_figures.table(rows, data, loc),
        figures=rows,
    )
