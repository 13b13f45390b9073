"""Chinchilla vs Gopher: a quarter of the parameters, four times the training data.

Rows: figures group chinchilla-gopher.

Left panel: the two parameter counts (the rows with unit params). Right panel: training data
relative to the baseline model (the row with unit multiple). Which model is the baseline is read
from that row's subject ("Chinchilla vs Gopher": the model named second is the baseline, drawn
at 1×), so nothing about the two models is typed here.
"""

from __future__ import annotations

from typing import Any

from plotly.subplots import make_subplots

from charts import formats, narrow, theme
from charts.chart import (
    Chart,
    ChartError,
    Row,
    chart_of,
    esc,
    local,
    rows_in_group,
    wrapped,
)
from charts.figures import _figures
from charts.formats import Lang
from charts.locale import Locale, locale_of

CHART_ID = "chinchilla-gopher"
GROUP = "chinchilla-gopher"


def _pair(rows: list[Row]) -> tuple[Row, Row, Row]:
    """(compared model's params row, baseline's params row, the multiple row)."""
    params = [r for r in rows if r["unit"] == "params"]
    multiples = [r for r in rows if r["unit"] == "multiple"]
    if len(params) != 2 or len(multiples) != 1:
        raise ChartError(
            f"chart '{CHART_ID}' needs exactly two rows with unit params and one with unit multiple in "
            f"group {GROUP}; found {len(params)} and {len(multiples)}"
        )
    ratio = multiples[0]
    where = {r["id"]: ratio["subject_en"].find(r["subject_en"]) for r in params}
    if any(pos < 0 for pos in where.values()):
        raise ChartError(
            f"figures row '{ratio['id']}': its subject_en ({ratio['subject_en']!r}) must name both "
            f"{params[0]['subject_en']!r} and {params[1]['subject_en']!r}"
        )
    compared, baseline = sorted(params, key=lambda r: where[r["id"]])
    return compared, baseline, ratio


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The Chinchilla-vs-Gopher chart in one language and scheme."""
    loc = locale_of(lang)
    compared, baseline, ratio = _pair(rows_in_group(data, GROUP, CHART_ID))
    colors = theme.scheme_of(scheme)
    fills = {compared["id"]: colors.accent, baseline["id"]: colors.muted}
    names = [esc(local(r, "subject", loc)) for r in (compared, baseline)]

    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
    )
    for row, name in zip((compared, baseline), names, strict=True):
        fig.add_trace(
            _figures.value_bar(
                [name],
                row["value"] / 1e9,
                _figures.shown_value(row, loc),
                _figures.figure_hover(row, data, loc),
                theme.bar_marker(row["status"], fills[row["id"]], scheme),
                colors.text,
            ),
            row=1,
            col=1,
        )
    baseline_label = loc.t("chinchilla.baseline", value=formats.format_value(1, "multiple", loc))
    for row, name, value, label in (
        (ratio, names[0], ratio["value"], _figures.shown_value(ratio, loc)),
        (baseline, names[1], 1.0, baseline_label),
    ):
        fig.add_trace(
            _figures.value_bar(
                [name],
                value,
                label,
                _figures.figure_hover(ratio, data, loc),
                theme.bar_marker(
                    row["status"], fills[compared["id"] if row is ratio else baseline["id"]], scheme
                ),
                colors.text,
            ),
            row=1,
            col=2,
        )

    params_max = max(compared["value"], baseline["value"]) / 1e9 * 1.2
    ticks = formats.linear_ticks(params_max, 4)
    fig.update_yaxes(
        row=1,
        col=1,
        range=[0, ticks[-1]],
        tickvals=ticks,
        ticktext=[formats.format_params(v, loc) if v else "0" for v in ticks],
        showgrid=True,
    )
    ticks = formats.linear_ticks(ratio["value"] * 1.2, 4)
    fig.update_yaxes(
        row=1,
        col=2,
        range=[0, ticks[-1]],
        tickvals=ticks,
        ticktext=[formats.format_value(v, "multiple", loc) if v else "0" for v in ticks],
        showgrid=True,
    )
    fig.update_layout(height=400, bargap=0.35)
    fig.update_xaxes(showgrid=False)
    theme.style(fig, loc, scheme)
    # Each panel says what it measures under its bars, in the text colour (not the muted axis colour).
    for col, row in ((1, compared), (2, ratio)):
        fig.update_xaxes(
            row=1,
            col=col,
            title={
                "text": esc(local(row, "measure", loc)),
                "font": {"size": theme.FONT_SIZE, "color": colors.text},
            },
        )
    # On a phone each panel is some 130 px wide: its title wraps under it instead of running off.
    narrow.hint(
        fig,
        layout={
            f"{axis}.title.text": wrapped(local(row, "measure", loc), 20)
            for axis, row in (("xaxis", compared), ("xaxis2", ratio))
        },
    )

    rows = [compared, baseline, ratio]
    baseline_row = (
        local(baseline, "subject", loc),
        local(ratio, "measure", loc),
        "1",
        loc.t("unit.multiple"),
        baseline_label,
        loc.t("chinchilla.derived"),
    )
    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.
    return chart_of(
        data,
        loc,
        title=_title(compared, baseline, ratio, loc),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("chinchilla.subtitle", baseline=local(baseline, "subject", loc)),
        table=_figures.table(rows, data, loc, extra=[baseline_row]),
        figures=rows,
    )


def _title(compared: Row, baseline: Row, ratio: Row, loc: Locale) -> str:
    """'Chinchilla vs Gopher: fewer parameters, more data' when the numbers say so, else just the names."""
    a, b = local(compared, "subject", loc), local(baseline, "subject", loc)
    if compared["value"] < baseline["value"] and ratio["value"] > 1:
        return loc.t("chinchilla.title_tradeoff", a=a, b=b)
    return loc.t("chinchilla.title", a=a, b=b)
