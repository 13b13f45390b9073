"""Training cost: the cost of a single training run, GPT-3 vs GPT-4 (figures group training-cost).

Both numbers are third-party estimates in the data, so the bars are hatched and labelled as such;
the subtitle's ratio is computed from the two rows, never typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, theme
from charts.chart import Chart, chart_of, esc, local, rows_in_group
from charts.figures import _figures
from charts.formats import Lang
from charts.locale import Locale, locale_of

CHART_ID = "training-cost"
GROUP = "training-cost"
_LATE = dt.datetime.max  # rows without a date sort last


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The training-cost chart in one language and scheme."""
    loc = locale_of(lang)
    rows = rows_in_group(data, GROUP, CHART_ID, unit="usd")
    rows.sort(key=lambda r: (r["date"].as_datetime() if r["date"] else _LATE, r["value"]))
    colors = theme.scheme_of(scheme)

    labels = [_label(r, loc) for r in rows]
    fig = go.Figure()
    for label, row in zip(labels, rows, strict=True):
        fig.add_trace(
            _figures.value_bar(
                [label],
                row["value"],
                _figures.shown_value(row, loc),
                _figures.figure_hover(row, data, loc),
                theme.bar_marker(row["status"], colors.accent, scheme),
                colors.text,
                name=local(row, "subject", loc),
            )
        )
    for trace in _figures.status_legend(rows, loc, scheme, colors.accent):
        fig.add_trace(trace)
    fig.update_layout(height=420, barmode="overlay", bargap=0.35)
    fig.update_yaxes(**_figures.usd_axis(max(r["value"] for r in rows) * 1.15, loc), showgrid=True)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels, showgrid=False)
    theme.style(fig, loc, scheme)
    narrow.hint(fig)

    subtitle = loc.t("training_cost.subtitle_plain")
    if len(rows) == 2 and rows[0]["value"] > 0 and rows[0]["measure_en"] == rows[1]["measure_en"]:
        ratio = rows[1]["value"] / rows[0]["value"]
        subtitle = loc.t(
            "training_cost.subtitle",
            measure=local(rows[0], "measure", loc),
            a=local(rows[0], "subject", loc),
            b=local(rows[1], "subject", loc),
            ratio=formats.plain(ratio, 0 if ratio >= 10 else 1),
        )
    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.
    return chart_of(
        data,
        loc,
        title=loc.t("training_cost.title"),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=subtitle,
        table=_figures.table(rows, data, loc),
        figures=rows,
    )


def _label(row: dict[str, Any], loc: Locale) -> str:
    """The bar's name: subject and, where known, the year the cost is about ('GPT-3（2020年）')."""
    subject = local(row, "subject", loc)
    if not row["date"]:
        return esc(subject)
    return esc(loc.t("label.with_year", text=subject, year=formats.format_date(row["date"], loc)))
