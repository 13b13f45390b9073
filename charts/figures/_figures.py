"""What the charts of data/figures.csv share: hover text, status legend and the data table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from charts import formats, quotes, theme
from charts.chart import Row, Table, date_text, esc, hover, local, note_line, quote_lines, source_label
from charts.locale import Locale

STATUS_ORDER = ("official", "reported", "estimated", "projected", "disputed")


def shown_value(row: Row, loc: Locale) -> str:
    """The value as the chart writes it, with its bound and, unless it is a plain fact, its status."""
    text = formats.format_value(row, loc)
    if row["status"] in ("estimated", "projected", "disputed"):
        text += loc.t(f"figure_mark.{row['status']}")
    return text


def figure_hover(row: Row, data: Any, loc: Locale, title: str | None = None) -> str:
    """Subject and measure, the value with its bound and status, when it holds, caveat, quote, source."""
    when = esc(loc.t("hover.as_of", date=date_text(row["date"], loc))) if row["date"] else None
    return hover(
        title or local(row, "subject", loc),
        esc(local(row, "measure", loc)),
        esc(
            loc.t(
                "hover.value",
                value=formats.format_value(row, loc),
                status=loc.t(f"status.{row['status']}"),
            )
        ),
        when,
        note_line(row, loc),
        *quote_lines(row, data, loc),
    )


def value_bar(
    x: list[Any],
    y: float,
    label: str,
    hover_text: str,
    marker: dict[str, Any],
    text_color: str,
    *,
    font_size: float = theme.FONT_SIZE,
    width: float = 0.55,
    name: str | None = None,
) -> go.Bar:
    """One bar with its value written above it and its own hover, as every bar chart of figures
    draws them (one trace per bar, so each bar keeps its own status marker)."""
    return go.Bar(
        x=x,
        y=[y],
        name=name,
        marker=marker,
        text=[esc(label)],
        textposition="outside",
        constraintext="none",
        textfont={"size": font_size, "color": text_color},
        cliponaxis=False,
        hovertext=[hover_text],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        width=width,
    )


def status_legend(rows: Sequence[Row], loc: Locale, scheme: str, fill: str) -> list[go.Bar]:
    """Legend-only bars, one per status present, showing how each is drawn."""
    present = [s for s in STATUS_ORDER if any(r["status"] == s for r in rows)]
    return [
        go.Bar(
            x=[None],
            y=[None],
            name=loc.t(f"status.{status}"),
            marker=theme.bar_marker(status, fill, scheme),
            legendgroup="status",
            legendgrouptitle={"text": loc.t("legend.figure_status")} if i == 0 else None,
            hoverinfo="skip",
            showlegend=True,
        )
        for i, status in enumerate(present)
    ]


def status_markers(rows: Sequence[Row], loc: Locale, scheme: str, fill: str) -> list[go.Scatter]:
    """Legend-only markers: one per bound present (▲ = at least) and per status (hollow = not a fact)."""
    traces = []
    bounds = [b for b in formats.BOUNDS if any(r["bound"] == b for r in rows)]
    for i, bound in enumerate(bounds):
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=loc.t(f"bound.{bound}"),
                marker=theme.figure_marker("reported", bound, fill, scheme),
                legendgroup="bound",
                legendgrouptitle={"text": loc.t("legend.bound")} if i == 0 else None,
                hoverinfo="skip",
            )
        )
    statuses = [s for s in STATUS_ORDER if any(r["status"] == s for r in rows)]
    for i, status in enumerate(statuses):
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=loc.t(f"status.{status}"),
                marker=theme.figure_marker(status, "exact", fill, scheme),
                legendgroup="status",
                legendgrouptitle={"text": loc.t("legend.figure_status")} if i == 0 else None,
                hoverinfo="skip",
            )
        )
    return traces


def table(rows: Sequence[Row], data: Any, loc: Locale, extra: Sequence[tuple[str, ...]] = ()) -> Table:
    """One line per plotted figure: subject, measure, the raw number and its unit, how the chart
    writes it, status, when it holds, source and quote (and the quote's translation in English).
    ``extra`` rows (already localised) follow, e.g. a baseline the chart derives."""
    headers = [
        loc.t("table.subject"),
        loc.t("table.measure"),
        loc.t("table.value"),
        loc.t("table.unit"),
        loc.t("table.shown"),
        loc.t("table.status"),
        loc.t("table.as_of"),
        loc.t("table.source"),
        loc.t("table.quote"),
    ] + ([loc.t("table.quote_en")] if not loc.reads_sources else [])
    body = []
    for r in rows:
        line = [
            local(r, "subject", loc),
            local(r, "measure", loc),
            formats.plain(r["value"], 3),
            loc.t(f"unit.{r['unit']}"),
            formats.format_value(r, loc),
            loc.t(f"status.{r['status']}"),
            formats.format_date(r["date"], loc) if r["date"] else "",
            source_label(data.sources[r["source"]], loc),
            r["quote"] if not loc.reads_sources else quotes.marked_reading(r["quote"], loc.script),
        ]
        body.append(tuple(line + ([r["quote_en"]] if not loc.reads_sources else [])))
    body.extend(tuple(row) + ("",) * (len(headers) - len(row)) for row in extra)
    return Table(tuple(headers), tuple(body))


def usd_axis(vmax: float, loc: Locale) -> dict[str, Any]:
    """A linear axis of US dollars from 0, with ticks in the language's units (6000万 / $60M)."""
    ticks = formats.linear_ticks(vmax)
    return {
        "tickvals": ticks,
        "ticktext": [formats.format_usd(v, loc, short=True) if v else "0" for v in ticks],
        "range": [0, ticks[-1]],
        "title": {"text": loc.t("axis.usd")},
    }
