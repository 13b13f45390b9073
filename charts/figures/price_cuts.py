"""Price cuts: the API prices of May 2024, per million tokens, before and after (external_prices).

A chart only the layer beyond the articles makes possible: every row rests on a reference (marked ‡),
none on the five articles. The price is the input price where the reference gives input and output
apart, else the one price it quotes. One row per model, in the order the prices were announced; a hollow
marker is the price before the cut, where the reference gives it, a filled one the price after it
(or at launch), joined by a line. Free is zero, written 免费 / free. The axis is linear so that
free stays on it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from charts import citation, formats, narrow, quotes, theme
from charts.chart import (
    Chart,
    ChartError,
    Row,
    Table,
    beyond_cells,
    beyond_lines,
    chart_of,
    esc,
    hover,
    local,
)
from charts.formats import Lang
from charts.locale import Locale, locale_of

CHART_ID = "price-cuts"
ROW_HEIGHT = 60  # px per model: a line of its name, company and date over its prices


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The price-cuts chart in one language and scheme."""
    loc = locale_of(lang)
    # By date; prices of one day in the file's order, which is the order they were announced.
    rows = sorted(data.external_prices.values(), key=lambda r: r["date"].as_datetime())
    if not rows:
        raise ChartError(f"chart '{CHART_ID}' needs rows in data/external_prices.csv; there are none")
    colors = theme.scheme_of(scheme)
    labels = [r["id"] for r in rows]  # the category axis's keys; the names are written above each row
    cut = [(label, r) for label, r in zip(labels, rows, strict=True) if r["input_before"] is not None]
    highest = max(max(r["input_after"], r["input_before"] or 0) for r in rows)

    fig = go.Figure()
    lines_x: list[float | None] = []
    lines_y: list[str | None] = []
    for label, row in cut:
        lines_x += [row["input_before"], row["input_after"], None]
        lines_y += [label, label, None]
    if cut:
        fig.add_trace(
            go.Scatter(
                x=lines_x, y=lines_y, mode="lines", line={"color": colors.line, "width": 2},
                hoverinfo="skip", showlegend=False,
            )
        )  # fmt: skip
        before = {
            "symbol": "circle-open",
            "size": theme.MARKER_SIZE + 2,
            "color": colors.muted,
            "line": {"width": 2},
        }
        fig.add_trace(
            _prices(
                [r for _, r in cut],
                "input_before",
                loc.t("price_cuts.before"),
                before,
                "middle right",
                colors.muted,
                data,
                loc,
            )
        )
    after = {
        "symbol": "circle",
        "size": theme.MARKER_SIZE + 2,
        "color": colors.accent,
        "line": {"width": 1, "color": colors.background},
    }
    # Right of the marker, or below it where the line to the old price runs to the right.
    sides = ["bottom center" if r["input_before"] is not None else "middle right" for r in rows]
    fig.add_trace(
        _prices(rows, "input_after", loc.t("price_cuts.after"), after, sides, colors.text, data, loc)
    )

    for key, row in zip(labels, rows, strict=True):
        fig.add_annotation(
            x=0, xref="paper", y=key, yref="y", yshift=ROW_HEIGHT / 2 - 8, xanchor="left", yanchor="middle",
            showarrow=False, align="left", text=_label(row, loc, colors.muted),
        )  # fmt: skip
    fig.update_layout(height=max(360, ROW_HEIGHT * len(rows) + 170), showlegend=True)
    fig.update_xaxes(
        range=[-highest * 0.04, highest * 1.3],  # room right of the largest price for its label
        tickvals=formats.linear_ticks(highest),
        ticktext=[formats.plain(v, 2) for v in formats.linear_ticks(highest)],
        title={"text": loc.t("price_cuts.axis")},
        showgrid=True,
        zeroline=True,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(reversed(labels)),  # the first announced at the top
        showticklabels=False,
        showgrid=False,
        range=[-0.6, len(labels) - 0.4],
    )
    theme.style(fig, loc, scheme)
    narrow.hint(fig, markers_only=[])

    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.
    return chart_of(
        data,
        loc,
        title=loc.t("price_cuts.title"),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("price_cuts.subtitle"),
        table=_table(rows, data, loc),
        external_prices=rows,
    )


def _prices(
    rows: list[Row],
    column: str,
    name: str,
    marker: dict[str, Any],
    sides: str | list[str],
    text_color: str,
    data: Any,
    loc: Locale,
) -> go.Scatter:
    """One price of each row (before or after the cut) as a marker, its value written beside it."""
    return go.Scatter(
        x=[r[column] for r in rows],
        y=[r["id"] for r in rows],
        mode="markers+text",
        name=name,
        legendgroup="price",
        marker=marker,
        text=[esc(formats.format_price(r[column], loc, short=True)) for r in rows],
        textposition=sides,
        textfont={"size": theme.SMALL_FONT_SIZE, "color": text_color},
        hovertext=[_hover(r, data, loc) for r in rows],
        hovertemplate="%{hovertext}<extra></extra>",
        cliponaxis=False,
    )


def _label(row: Row, loc: Locale, muted: str) -> str:
    """The model's name in bold, then its company and the day its price was announced, muted."""
    under = loc.t(
        "price_cuts.company_date",
        company=local(row, "company", loc),
        date=formats.format_day(row["date"], loc),
    )
    return f'<b>{esc(local(row, "model", loc))} ‡</b> <span style="color:{muted}">{esc(under)}</span>'


def _hover(row: Row, data: Any, loc: Locale) -> str:
    """Model, company and date; the prices after and before; the price as published; the reference."""
    after = formats.format_price(row["input_after"], loc)
    lines = [
        esc(
            loc.t(
                "price_cuts.company_date",
                company=local(row, "company", loc),
                date=formats.format_date(row["date"], loc),
            )
        ),
        esc(loc.t("price_cuts.hover_after", price=after)),
    ]
    if row["input_before"] is not None:
        lines.append(
            esc(loc.t("price_cuts.hover_before", price=formats.format_price(row["input_before"], loc)))
        )
    if row["output_after"] is not None:
        lines.append(
            esc(loc.t("price_cuts.hover_output", price=formats.format_price(row["output_after"], loc)))
        )
    reported = quotes.on_traditional_page(row["as_published"], loc.script)
    if not loc.reads_sources and citation.has_cjk(reported):
        reported = f"「{reported}」"  # Chinese words on an English chart, in the marks of an original
    lines.append(esc(loc.t("price_cuts.hover_published", text=reported)))
    return hover(local(row, "model", loc) + " ‡", *lines, *beyond_lines(row, data, loc))


def _table(rows: list[Row], data: Any, loc: Locale) -> Table:
    """One line per model: prices before and after (input, and output where given), as published,
    and the reference with its words."""
    headers = [
        loc.t("table.model"),
        loc.t("label.company"),
        loc.t("table.date"),
        loc.t("label.input_before"),
        loc.t("label.input_after"),
        loc.t("label.output_after"),
        loc.t("label.as_published"),
        loc.t("table.source"),
        loc.t("table.excerpt"),
    ] + ([loc.t("table.quote_en")] if not loc.reads_sources else [])
    body = []
    for r in rows:
        source, words, translated = beyond_cells(r, data, loc)
        cells = [
            local(r, "model", loc),
            local(r, "company", loc),
            formats.format_date(r["date"], loc),
            formats.format_price(r["input_before"], loc) if r["input_before"] is not None else "",
            formats.format_price(r["input_after"], loc),
            formats.format_price(r["output_after"], loc) if r["output_after"] is not None else "",
            quotes.on_traditional_page(r["as_published"], loc.script),
            source,
            words,
        ]
        body.append(tuple(cells + ([translated] if not loc.reads_sources else [])))
    return Table(tuple(headers), tuple(body))
