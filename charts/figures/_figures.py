"""What the charts of data/figures.csv share: hover text, status legend and the data table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from charts import formats, quotes, theme
from charts.chart import Row, Table, date_text, esc, hover, local, note_line, quote_lines, source_label
from charts.i18n import t

STATUS_ORDER = ("official", "reported", "estimated", "projected", "disputed")


def shown_value(row: Row, lang: str) -> str:
    """The value as the chart writes it, with its bound and, unless it is a plain fact, its status."""
    text = formats.format_value(row, lang)
    if row["status"] in ("estimated", "projected", "disputed"):
        text += t(f"figure_mark.{row['status']}", lang)
    return text


def figure_hover(row: Row, data: Any, lang: str, title: str | None = None) -> str:
    """Subject and measure, the value with its bound and status, when it holds, caveat, quote, source."""
    when = esc(t("hover.as_of", lang, date=date_text(row["date"], lang))) if row["date"] else None
    return hover(
        title or local(row, "subject", lang),
        esc(local(row, "measure", lang)),
        esc(
            t(
                "hover.value",
                lang,
                value=formats.format_value(row, lang),
                status=t(f"status.{row['status']}", lang),
            )
        ),
        when,
        note_line(row, lang),
        *quote_lines(row, data, lang),
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


def status_legend(rows: Sequence[Row], lang: str, scheme: str, fill: str) -> list[go.Bar]:
    """Legend-only bars, one per status present, showing how each is drawn."""
    present = [s for s in STATUS_ORDER if any(r["status"] == s for r in rows)]
    return [
        go.Bar(
            x=[None],
            y=[None],
            name=t(f"status.{status}", lang),
            marker=theme.bar_marker(status, fill, scheme),
            legendgroup="status",
            legendgrouptitle={"text": t("legend.figure_status", lang)} if i == 0 else None,
            hoverinfo="skip",
            showlegend=True,
        )
        for i, status in enumerate(present)
    ]


def status_markers(rows: Sequence[Row], lang: str, scheme: str, fill: str) -> list[go.Scatter]:
    """Legend-only markers: one per bound present (▲ = at least) and per status (hollow = not a fact)."""
    traces = []
    bounds = [b for b in formats.BOUNDS if any(r["bound"] == b for r in rows)]
    for i, bound in enumerate(bounds):
        traces.append(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=t(f"bound.{bound}", lang),
                marker=theme.figure_marker("reported", bound, fill, scheme),
                legendgroup="bound",
                legendgrouptitle={"text": t("legend.bound", lang)} if i == 0 else None,
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
                name=t(f"status.{status}", lang),
                marker=theme.figure_marker(status, "exact", fill, scheme),
                legendgroup="status",
                legendgrouptitle={"text": t("legend.figure_status", lang)} if i == 0 else None,
                hoverinfo="skip",
            )
        )
    return traces


def table(rows: Sequence[Row], data: Any, lang: str, extra: Sequence[tuple[str, ...]] = ()) -> Table:
    """One line per plotted figure: subject, measure, the raw number and its unit, how the chart
    writes it, status, when it holds, source and quote (and the quote's translation in English).
    ``extra`` rows (already localised) follow, e.g. a baseline the chart derives."""
    headers = [
        t("table.subject", lang),
        t("table.measure", lang),
        t("table.value", lang),
        t("table.unit", lang),
        t("table.shown", lang),
        t("table.status", lang),
        t("table.as_of", lang),
        t("table.source", lang),
        t("table.quote", lang),
    ] + ([t("table.quote_en", lang)] if lang == "en" else [])
    body = []
    for r in rows:
        line = [
            local(r, "subject", lang),
            local(r, "measure", lang),
            formats.plain(r["value"], 3),
            t(f"unit.{r['unit']}", lang),
            formats.format_value(r, lang),
            t(f"status.{r['status']}", lang),
            formats.format_date(r["date"], lang) if r["date"] else "",
            source_label(data.sources[r["source"]], lang),
            r["quote"] if lang == "en" else quotes.marked_reading(r["quote"]),
        ]
        body.append(tuple(line + ([r["quote_en"]] if lang == "en" else [])))
    body.extend(tuple(row) + ("",) * (len(headers) - len(row)) for row in extra)
    return Table(tuple(headers), tuple(body))


def usd_axis(vmax: float, lang: str) -> dict[str, Any]:
    """A linear axis of US dollars from 0, with ticks in the language's units (6000万 / $60M)."""
    ticks = formats.linear_ticks(vmax)
    return {
        "tickvals": ticks,
        "ticktext": [formats.format_usd(v, lang, short=True) if v else "0" for v in ticks],
        "range": [0, ticks[-1]],
        "title": {"text": t("axis.usd", lang)},
    }
