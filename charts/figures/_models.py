"""What the two parameter charts share: how a model is marked, labelled, hovered and tabled.

Colour = country, filled = open weights (hollow = closed, hollow with a dot = not known),
symbol = where the parameter count comes from (official, reported, estimated, disputed), and a
disputed count is drawn fainter with a "?" in its label. The legend explains each encoding.

With context (the charts' -context views), the models from beyond the articles
(data/external_models.csv) join them, each ringed and marked ‡ after its name; their hover and
table row name the reference instead of an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from charts import citation, formats, theme
from charts.chart import (
    ChartError,
    Row,
    Table,
    beyond_cells,
    beyond_lines,
    date_text,
    esc,
    hover,
    local,
    note_line,
    quote_lines,
    reference_line,
    short_name,
    source_label,
)
from charts.locale import Locale

COUNTRY_ORDER = ("CN", "US", "GB", "AE")
WEIGHTS_ORDER = ("yes", "no", "unknown")
STATUS_ORDER = ("official", "reported", "estimated", "disputed")


BEYOND = "beyond_articles"  # the key that marks a copy of an external row (see with_params)
RING_SIZE = theme.MARKER_SIZE + 9  # px: the ring around a model from beyond the articles


def with_params(data: Any, *, context: bool = False) -> list[Row]:
    """Models with a parameter count, in file order; with context, then those from beyond the
    articles, as copies marked ‡ after their names (so every label, hover and table row says so)."""
    models = [m for m in data.models.values() if m["params_billion"] is not None]
    if not context:
        return models
    clash = set(data.models) & set(data.external_models)
    if clash:
        raise ChartError(f"models.csv and external_models.csv share ids {', '.join(sorted(clash))}")
    beyond = [
        m | {"name_zh": f"{m['name_zh']} ‡", "name_en": f"{m['name_en']} ‡", BEYOND: True}
        for m in data.external_models.values()
        if m["params_billion"] is not None
    ]
    return models + beyond


def is_beyond(row: Row) -> bool:
    return bool(row.get(BEYOND))


def by_origin(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """chart_of's keywords for model rows: the articles' (models=) and the rest (external_models=)."""
    return {
        "models": [r for r in rows if not is_beyond(r)],
        "external_models": [r for r in rows if is_beyond(r)],
    }


def ring_trace(xs: list[Any], ys: list[Any], loc: Locale, scheme: str) -> go.Scatter:
    """The rings around the models from beyond the articles, and the legend entry saying what a
    ring means (a click on it hides the rings)."""
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        name=loc.t("legend.beyond"),
        legendgroup="beyond",
        marker={
            "symbol": "circle-open",
            "size": RING_SIZE,
            "color": theme.scheme_of(scheme).muted,
            "line": {"width": 1.5},
        },
        hoverinfo="skip",
        showlegend=True,
    )


def countries_in(rows: Sequence[Row], data: Any) -> list[str]:
    """Countries present, in the schema's order (the enum order of models.country)."""
    order = list(data.schema["models"]["columns"]["country"]["values"])
    return [c for c in order if any(r["country"] == c for r in rows)]


def name(row: Row, loc: Locale) -> str:
    return local(row, "name", loc)


def axis_name(row: Row, loc: Locale) -> str:
    """The model's name for an axis or label, with '?' when its size is disputed."""
    text = short_name(name(row, loc))
    return f"{text} ?" if row["params_status"] == "disputed" else text


def params_label(row: Row, loc: Locale) -> str:
    """The formatted count with its bound and status mark: 1.8万亿? for disputed, 超过1000亿 for a floor."""
    text = formats.format_model_params(row, loc)
    return text + loc.t(f"mark.{row['params_status']}")


def marker(rows: Sequence[Row], scheme: str) -> dict[str, Any]:
    """Per-point marker arrays for rows of one country."""
    return theme.marker_arrays(
        [
            theme.model_marker(
                r["params_status"], r["open_weights"], theme.color(scheme, r["country"]), scheme
            )
            for r in rows
        ]
    )


def model_hover(row: Row, data: Any, loc: Locale) -> str:
    """Name, organisation, size with its status and caveat, release date, weights, quote, source
    (for a model from beyond the articles: the reference's words and the reference)."""
    released = date_text(row["release_date"], loc) if row["release_date"] else loc.t("hover.no_date")
    if is_beyond(row):
        origin = beyond_lines(row, data, loc)
    else:
        origin = [*quote_lines(row, data, loc), reference_line(row, data, loc)]
    return hover(
        name(row, loc),
        esc(f"{local(row, 'org', loc)} · {loc.t('country.' + row['country'])}"),
        esc(
            loc.t(
                "hover.params",
                value=formats.format_model_params(row, loc, long=True),
                status=loc.t(f"status.{row['params_status']}"),
            )
        ),
        note_line(row, loc),
        esc(loc.t("hover.released", date=released)),
        esc(loc.t("hover.open_weights", value=loc.t(f"weights.{row['open_weights']}"))),
        *origin,
    )


def legend_traces(rows: Sequence[Row], data: Any, loc: Locale, scheme: str) -> list[go.Scatter]:
    """Legend-only traces explaining colour (country), fill (weights) and symbol (status)."""
    colors = theme.scheme_of(scheme)
    traces = []

    def entry(group: str, label: str, marker: dict[str, Any], first: bool) -> go.Scatter:
        return go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=label,
            marker=marker,
            legendgroup=group,
            legendgrouptitle={"text": loc.t(f"legend.{group}")} if first else None,
            hoverinfo="skip",
            showlegend=True,
        )

    for i, country in enumerate(countries_in(rows, data)):
        fill = theme.color(scheme, country)
        style = theme.model_marker("official", "yes", fill, scheme)
        traces.append(entry("country", loc.t(f"country.{country}"), style, i == 0))
    present = [w for w in WEIGHTS_ORDER if any(r["open_weights"] == w for r in rows)]
    for i, weights in enumerate(present):
        style = theme.model_marker("official", weights, colors.muted, scheme)
        traces.append(entry("weights", loc.t(f"weights.{weights}"), style, i == 0))
    present = [s for s in STATUS_ORDER if any(r["params_status"] == s for r in rows)]
    for i, status in enumerate(present):
        style = theme.model_marker(status, "yes", colors.muted, scheme)
        label = loc.t(f"status.{status}") + loc.t(f"mark.{status}")
        traces.append(entry("status", label, style, i == 0))
    return traces


def table(rows: Sequence[Row], data: Any, loc: Locale) -> Table:
    """One line per plotted model: name, organisation, country, size (number and words), status,
    weights, release date and where the size comes from."""
    headers = (
        loc.t("table.model"),
        loc.t("table.org"),
        loc.t("table.country"),
        loc.t("table.params_billion"),
        loc.t("table.params"),
        loc.t("table.params_status"),
        loc.t("table.open_weights"),
        loc.t("table.released"),
        loc.t("table.source"),
    )
    body = []
    for r in rows:
        if is_beyond(r):
            origin = beyond_cells(r, data, loc)[0]
        elif r["ref"] and "params_billion" in (r["ref_fields"] or ()):
            ref = data.references[r["ref"]]
            origin = f"{citation.reference_publisher(ref, loc)} {ref['published'].year}"
        else:
            origin = source_label(data.sources[r["source"]], loc)
        body.append(
            (
                name(r, loc),
                local(r, "org", loc),
                loc.t(f"country.{r['country']}"),
                formats.plain(r["params_billion"], 3),
                formats.format_model_params(r, loc, long=True),
                loc.t(f"status.{r['params_status']}"),
                loc.t(f"weights.{r['open_weights']}"),
                formats.format_date(r["release_date"], loc) if r["release_date"] else "",
                origin,
            )
        )
    return Table(headers, tuple(body))
