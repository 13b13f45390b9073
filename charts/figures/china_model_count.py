"""China's model count: how many large models China had during 2023 (figures group china-model-count).

The counts are lower bounds ("more than 79", "over 200") from different people using different
definitions, so they are drawn as separate points (never joined into a trend line), each with an
upward arrow for "at least" and its own definition written beside it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, theme
from charts.chart import (
    Chart,
    ChartError,
    chart_of,
    esc,
    iso_mid,
    local,
    rows_in_group,
    wrapped,
)
from charts.figures import _figures
from charts.formats import Lang
from charts.labels import Frame, place_labels
from charts.locale import Locale, locale_of

CHART_ID = "china-model-count"
GROUP = "china-model-count"
ARROW_PX = 44  # length of the "at least" arrow above a point, in pixels
PLOT_WIDTH, PLOT_HEIGHT = 700, 330  # estimated plot area of the exported slide
NARROW_PLOT_WIDTH = 270  # ... and on a phone
LABEL_POSITIONS = ("middle left", "middle right", "bottom center", "bottom left", "bottom right")
SAME_SPOT_DAYS = 31  # counts of one value this close in time share one label (they overlap)


def label_groups(rows: list[Any]) -> list[list[int]]:
    """For each row, the rows its label speaks for: itself and any later count of the same value
    within SAME_SPOT_DAYS (their markers overlap); an empty list for a row another label covers."""
    groups: list[list[int]] = []
    covered: set[int] = set()
    for i, row in enumerate(rows):
        if i in covered:
            groups.append([])
            continue
        group = [
            j
            for j in range(i, len(rows))
            if rows[j]["value"] == row["value"]
            and rows[j]["bound"] == row["bound"]
            and (rows[j]["date"].as_datetime() - row["date"].as_datetime()).days <= SAME_SPOT_DAYS
        ]
        covered.update(group)
        groups.append(group)
    return groups


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The China-model-count chart in one language and scheme."""
    loc = locale_of(lang)
    rows = rows_in_group(data, GROUP, CHART_ID)
    for row in rows:
        if row["unit"] != "count" or row["date"] is None:
            raise ChartError(f"figures row '{row['id']}' in group {GROUP} needs unit count and a date")
    rows.sort(key=lambda r: (r["date"].as_datetime(), r["id"]))
    colors = theme.scheme_of(scheme)
    fill = colors.accent

    first_year, last_year = rows[0]["date"].year, rows[-1]["date"].year
    x0, x1 = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    ytop = max(r["value"] for r in rows) * 1.55
    points = [(r["date"].as_datetime().toordinal(), r["value"]) for r in rows]

    shared = label_groups(rows)

    def placed(width: int, wrap_at: int) -> tuple[list[str], list[str | None]]:
        labels = [
            f"<b>{esc(formats.format_value(r, loc))}</b><br>"
            + "<br>".join(wrapped(local(rows[j], "measure", loc), wrap_at) for j in group)
            if group
            else ""
            for r, group in zip(rows, shared, strict=True)
        ]
        frame = Frame(width, PLOT_HEIGHT, x0.toordinal(), x1.toordinal(), 0, ytop)
        positions = place_labels(
            points,
            labels,
            frame,
            font_size=theme.SMALL_FONT_SIZE,
            marker_size=theme.MARKER_SIZE + 6,
            positions=LABEL_POSITIONS,
        )
        return labels, positions

    labels, positions = placed(PLOT_WIDTH, 28)
    narrow_labels, narrow_positions = placed(NARROW_PLOT_WIDTH, 18)

    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[iso_mid(r["date"]) for r in rows],
            y=[r["value"] for r in rows],
            mode="markers+text",
            marker=theme.marker_arrays(
                [theme.figure_marker(r["status"], r["bound"], fill, scheme) for r in rows]
            ),
            text=[label if pos else "" for label, pos in zip(labels, positions, strict=True)],
            textposition=[pos or "middle right" for pos in positions],
            textfont={"size": theme.SMALL_FONT_SIZE, "color": colors.text},
            hovertext=[_figures.figure_hover(r, data, loc) for r in rows],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            cliponaxis=False,
        )
    )
    for row in rows:
        if row["bound"] == "at-least":
            # The arrow's end sits on the point; its head is drawn at the start, ARROW_PX above.
            fig.add_annotation(
                x=iso_mid(row["date"]),
                y=row["value"],
                xref="x",
                yref="y",
                ax=0,
                ay=-ARROW_PX,
                text="",
                showarrow=True,
                arrowside="start",
                arrowhead=2,
                arrowsize=1.2,
                arrowwidth=2,
                arrowcolor=fill,
                standoff=10,
            )
    for trace in _figures.status_markers(rows, loc, scheme, colors.muted):
        fig.add_trace(trace)

    ticks = formats.linear_ticks(ytop * 0.95, 4)
    fig.update_layout(height=440)
    fig.update_xaxes(
        type="date",
        range=[x0.isoformat(), x1.isoformat()],
        tickformatstops=formats.date_tickformatstops(loc),
    )
    fig.update_yaxes(
        range=[0, ytop],
        tickvals=ticks,
        ticktext=[formats.format_number(v, loc) for v in ticks],
        title={"text": loc.t("axis.models")},
        showgrid=True,
    )
    theme.style(fig, loc, scheme)
    # On a phone the definitions wrap narrower and are placed again for the narrower plot.
    narrow_trace = {
        "text": [label if pos else "" for label, pos in zip(narrow_labels, narrow_positions, strict=True)],
        "textposition": [pos or "middle right" for pos in narrow_positions],
    }
    narrow.hint(fig, traces={0: narrow_trace})

    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.

    return chart_of(
        data,
        loc,
        title=loc.t("model_count.title", year=_years(first_year, last_year, loc)),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("model_count.subtitle"),
        table=_figures.table(rows, data, loc),
        figures=rows,
    )


def _years(first: int, last: int, loc: Locale) -> str:
    if first == last:
        return formats.format_year(first, loc)
    return loc.t("label.year_range", first=first, last=last)
