"""OpenAI's money: one year's reported revenue and loss next to the following year's expectations.

Rows: figures group openai-finance.

Each row is one bar, grouped by the year it is about. A projection is hatched and marked in its
label, a bound is written out ("over $500 million", "about $1.2 billion"), so an expectation never
looks like a result.
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
    dedupe,
    esc,
    local,
    rows_in_group,
    wrapped,
)
from charts.figures import _figures
from charts.formats import Lang
from charts.locale import Locale, locale_of

CHART_ID = "openai-finance"
GROUP = "openai-finance"


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The OpenAI-finance chart in one language and scheme."""
    loc = locale_of(lang)
    rows = rows_in_group(data, GROUP, CHART_ID, unit="usd")
    order = {key: i for i, key in enumerate(data.figures)}
    rows.sort(key=lambda r: (r["date"].as_datetime() if r["date"] else dt.datetime.max, order[r["id"]]))
    colors = theme.scheme_of(scheme)

    years = [_year_label(r, rows, loc) for r in rows]
    measures = [wrapped(local(r, "measure", loc), 14) for r in rows]
    fig = go.Figure()
    for year, measure, row in zip(years, measures, rows, strict=True):
        fig.add_trace(
            _figures.value_bar(
                [[year], [measure]],
                row["value"],
                _figures.shown_value(row, loc),
                _figures.figure_hover(row, data, loc),
                theme.bar_marker(row["status"], colors.accent, scheme),
                colors.text,
                font_size=theme.SMALL_FONT_SIZE + 1,
                width=0.6,
                name=local(row, "measure", loc),
            )
        )
    for trace in _figures.status_legend(rows, loc, scheme, colors.accent):
        fig.add_trace(trace)
    fig.update_layout(height=440, barmode="overlay")
    fig.update_yaxes(**_figures.usd_axis(max(r["value"] for r in rows) * 1.18, loc), showgrid=True)
    fig.update_xaxes(type="multicategory", showgrid=False, showdividers=True, dividercolor=colors.line)
    theme.style(fig, loc, scheme)
    # On a phone four bars share some 280 px: the values drop the "(expected)" the hatching and the
    # year label give and wrap onto two lines, the measures wrap narrower and stay horizontal.
    narrow_traces = {
        i: {
            "text": [wrapped(formats.format_value(row, loc), 10)],
            "x": [[year], [wrapped(local(row, "measure", loc), 9)]],
        }
        for i, (year, row) in enumerate(zip(years, rows, strict=True))
    }
    narrow.hint(fig, layout={"xaxis.tickangle": 0}, traces=narrow_traces)

    subjects = dedupe(local(r, "subject", loc) for r in rows)
    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.
    return chart_of(
        data,
        loc,
        title=loc.t("finance.title", subject=subjects[0]),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("finance.subtitle"),
        table=_figures.table(rows, data, loc),
        figures=rows,
    )


def _year_label(row: dict[str, Any], rows: list[dict[str, Any]], loc: Locale) -> str:
    """The group label: the year, and 'expected' when every figure for that year is a projection."""
    if row["date"] is None:
        raise ChartError(f"figures row '{row['id']}' in group {GROUP} needs a date (the year it is about)")
    same_year = [r for r in rows if r["date"] and r["date"].year == row["date"].year]
    kind = "expected" if all(r["status"] == "projected" for r in same_year) else "reported"
    return esc(loc.t(f"finance.year_{kind}", year=formats.format_year(row["date"].year, loc)))
