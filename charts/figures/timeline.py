"""Timeline: every dated event of the articles, 2015–2024, one lane per category.

A category is told by its lane, its symbol and its colour. A date known only to the year or
month is drawn at the middle of its period with a line across the whole period, so a "2017"
event does not pretend to a day. Events outside the window are listed in the caption.

Which events are named on the chart is data (events.csv ``priority``): every key event gets a
callout — a boxed label with a leader line, so crowded 2023 still names GPT-4, 文心一言 and the rest —
on the page, on a phone (by its short label) and on the exported slide image; notable events get an
inline label where there is room; minor ones are named in their hover and the table only.

The view with context (``context=True``, chart id timeline-context) adds the events from beyond
the articles (data/external_events.csv): in the lane of their category (regulation, export control
and pricing get lanes of their own, below the articles'), drawn hollow and marked ‡ in their
labels, hovers and table rows, with a legend entry saying so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, quotes, theme
from charts.chart import (
    Chart,
    ChartError,
    Table,
    beyond_cells,
    beyond_lines,
    chart_of,
    date_text,
    esc,
    hover,
    iso_mid,
    local,
    quote_lines,
    reference_line,
    source_label,
    wrapped,
)
from charts.figures import _timeline_labels as _labels
from charts.formats import Lang
from charts.i18n import LANGS, plural
from charts.labels import Frame
from charts.locale import Locale, locale_of

CHART_ID = "timeline"
FIRST_YEAR = 2015
LAST_YEAR = 2024
# Points of one lane closer than this stack into sub-rows, so markers never hide each other.
MIN_GAP_DAYS = 75
SUB_ROW_OFFSETS = (0.0, 0.3, -0.3, 0.15, -0.15)
# A period line stops short of its ends by this share, so consecutive years do not merge into one line.
PERIOD_INSET = 0.04
LANE_HEIGHT = 46  # px the view with context grows by per lane it adds


def _period(date: Any) -> tuple[dt.date, dt.date]:
    """First and last day of a partial date's period."""
    if date.precision == "day":
        day = dt.date(date.year, date.month, date.day)
        return day, day
    if date.precision == "month":
        first = dt.date(date.year, date.month, 1)
        following = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)


def _sub_rows(events: list[dict[str, Any]]) -> dict[str, float]:
    """Offset of each event within its lane: the first sub-row whose last point is far enough away."""
    offsets: dict[str, float] = {}
    last_in_row: list[dt.datetime] = []
    for event in sorted(events, key=lambda e: (e["date"].as_datetime(), e["id"])):
        when = event["date"].as_datetime()
        for row, last in enumerate(last_in_row):
            if (when - last).days >= MIN_GAP_DAYS:
                last_in_row[row] = when
                break
        else:
            row = len(last_in_row)
            last_in_row.append(when)
        offsets[event["id"]] = SUB_ROW_OFFSETS[row % len(SUB_ROW_OFFSETS)]
    return offsets


def _categories(data: Any, context: bool) -> list[str]:
    """The lanes, top to bottom: the articles' categories, then (with context) those only the
    layer beyond the articles has."""
    categories = list(data.schema["events"]["columns"]["category"]["values"])
    if context:
        external = data.schema["external_events"]["columns"]["category"]["values"]
        categories += [c for c in external if c not in categories]
    return categories


def build(data: Any, lang: Lang, scheme: str, *, context: bool = False) -> Chart:
    """The timeline in one language and scheme; with context, the events beyond the articles too."""
    loc = locale_of(lang)
    chart_id = f"{CHART_ID}-context" if context else CHART_ID
    categories = _categories(data, context)
    events = list(data.events.values())
    beyond = [_marked(e) for e in data.external_events.values()] if context else []
    clash = {e["id"] for e in events} & {e["id"] for e in beyond}
    if clash:
        raise ChartError(
            f"chart '{chart_id}': events.csv and external_events.csv share ids {', '.join(sorted(clash))}"
        )
    external = {e["id"] for e in beyond}
    shown = [e for e in events + beyond if FIRST_YEAR <= e["date"].year <= LAST_YEAR]
    clipped = [e for e in events + beyond if not FIRST_YEAR <= e["date"].year <= LAST_YEAR]
    if not shown:
        raise ChartError(f"chart '{chart_id}' has no event dated {FIRST_YEAR}–{LAST_YEAR} in data/events.csv")
    shown.sort(key=lambda e: (e["date"].as_datetime(), categories.index(e["category"]), e["id"]))

    lane = {category: len(categories) - 1 - i for i, category in enumerate(categories)}
    y_of: dict[str, float] = {}
    for category in categories:
        offsets = _sub_rows([e for e in shown if e["category"] == category])
        y_of.update({key: lane[category] + offset for key, offset in offsets.items()})

    colors = theme.scheme_of(scheme)
    fig = go.Figure()
    # Lines across periods known only to the year or month, one trace per category for its colour.
    for category in categories:
        xs: list[str | None] = []
        ys: list[float | None] = []
        for event in shown:
            if event["category"] == category and event["date"].precision != "day":
                first, last = _period(event["date"])
                inset = dt.timedelta(days=(last - first).days * PERIOD_INSET)
                xs += [(first + inset).isoformat(), (last - inset).isoformat(), None]
                ys += [y_of[event["id"]]] * 2 + [None]
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": theme.color(scheme, category), "width": 3},
                    opacity=0.45,
                    hoverinfo="skip",
                    showlegend=False,
                )
            )

    added = LANE_HEIGHT * (len(categories) - len(_categories(data, False)))
    frame = Frame(
        _labels.PLOT_WIDTH,
        _labels.PLOT_HEIGHT + added,
        dt.date(FIRST_YEAR, 1, 1).toordinal(),
        dt.date(LAST_YEAR, 12, 31).toordinal(),
        -0.6,
        len(categories) - 0.4,
    )
    points = [(e["date"].as_datetime().toordinal(), y_of[e["id"]]) for e in shown]
    periods = [(_period(e["date"]), y_of[e["id"]]) for e in shown if e["date"].precision != "day"]
    segments = [(first.toordinal(), last.toordinal(), y) for (first, last), y in periods]
    external_index = {i for i, e in enumerate(shown) if e["id"] in external}
    page = _labels.place(shown, points, segments, frame, loc, size="page")
    phone = _labels.place(
        shown,
        points,
        segments,
        Frame(
            _labels.PHONE_PLOT_WIDTH,
            _labels.PHONE_PLOT_HEIGHT + added,
            frame.x0,
            frame.x1,
            frame.y0,
            frame.y1,
        ),
        loc,
        size="phone",
    )
    labelled: list[tuple[int, list[int]]] = []  # trace index, the events it draws
    for category in categories:
        for beyond_articles in (False, True):
            members = [
                i
                for i, e in enumerate(shown)
                if e["category"] == category and (e["id"] in external) == beyond_articles
            ]
            if not members:
                continue
            labelled.append((len(fig.data), members))
            fig.add_trace(
                go.Scatter(
                    x=[iso_mid(shown[i]["date"]) for i in members],
                    y=[y_of[shown[i]["id"]] for i in members],
                    mode="markers+text",
                    name=loc.t(f"category.{category}"),
                    text=[esc(page.inline[i][0]) if page.inline[i] else "" for i in members],
                    textposition=[page.inline[i][1] if page.inline[i] else "top center" for i in members],
                    textfont={"size": theme.SMALL_FONT_SIZE, "color": colors.muted},
                    marker=_marker(category, scheme, hollow=beyond_articles),
                    hovertext=[_hover(shown[i], data, loc, i in external_index) for i in members],
                    hovertemplate="%{hovertext}<extra></extra>",
                    showlegend=False,
                    legendgroup="beyond" if beyond_articles else None,
                    cliponaxis=False,
                )
            )
    if external:
        fig.add_trace(_beyond_legend(loc, scheme))

    fig.update_layout(height=460 + added)
    callouts = _labels.add_callouts(fig, shown, [y for _, y in points], page.callouts, scheme)
    fig.update_xaxes(
        type="date",
        range=[f"{FIRST_YEAR - 1}-12-01", f"{LAST_YEAR}-12-31"],
        tickformatstops=formats.date_tickformatstops(loc),  # plotly picks the spacing for the width
        showgrid=True,
    )
    fig.update_yaxes(
        tickvals=[lane[c] for c in categories],
        ticktext=[loc.t(f"category.{c}") for c in categories],
        range=[-0.6, len(categories) - 0.4],
        showgrid=True,
    )
    theme.style(fig, loc, scheme)
    narrow.hint(fig, markers_only=True, layout=_labels.callout_paths(callouts, phone.callouts))

    notes = []
    if clipped:
        before = [e for e in clipped if e["date"].year < FIRST_YEAR]
        after = [e for e in clipped if e["date"].year > LAST_YEAR]
        for group, key, year in (
            (before, "timeline.clipped_before", FIRST_YEAR),
            (after, "timeline.clipped_after", LAST_YEAR),
        ):
            if group:
                items = loc.t("sep.items").join(
                    loc.t(
                        "timeline.clipped_item",
                        title=local(e, "title", loc),
                        date=formats.format_date(e["date"], loc),
                    )
                    for e in group
                )
                count = formats.format_value(len(group), "count", loc)
                notes.append(loc.t(plural(key, len(group)), count=count, year=year, items=items))

    headers = [
        loc.t("table.date"),
        loc.t("table.category"),
        loc.t("table.event"),
        loc.t("table.description"),
    ]
    headers += [loc.t("table.source"), loc.t("table.quote")] + (
        [loc.t("table.quote_en")] if not loc.reads_sources else []
    )
    rows = []
    for e in shown:
        row = [
            formats.format_date(e["date"], loc),
            loc.t(f"category.{e['category']}"),
            local(e, "title", loc),
            local(e, "description", loc),
        ]
        if e["id"] in external:
            source, words, translated = beyond_cells(e, data, loc)
            row += [source, words] + ([translated] if not loc.reads_sources else [])
        else:
            row += [
                source_label(data.sources[e["source"]], loc),
                e["quote"] if not loc.reads_sources else quotes.marked_reading(e["quote"], loc.script),
            ] + ([e["quote_en"]] if not loc.reads_sources else [])
        rows.append(tuple(row))

    # Every chart ends in this call: what it plots; chart_of derives the sources, references and caption.

    chart = chart_of(
        data,
        loc,
        title=loc.t(
            "timeline.title_context" if context else "timeline.title", first=FIRST_YEAR, last=LAST_YEAR
        ),
        chart_id=chart_id,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("timeline.subtitle_context" if context else "timeline.subtitle"),
        table=Table(tuple(headers), tuple(rows)),
        events=[e for e in shown if e["id"] not in external],
        external_events=[e for e in shown if e["id"] in external],
        notes=notes,
    )
    chart.image_traces, chart.image_layout = _labels.image_labels(
        chart, shown, points, segments, labelled, callouts, years=(FIRST_YEAR, LAST_YEAR)
    )
    return chart


# The articles' story keeps the callouts: beside them an event from beyond the articles is named
# one step less prominently (a key one by an inline label where there is room, a notable one in its
# hover and the table).
DEMOTED = {"key": "notable", "notable": "minor", "minor": "minor"}


def _marked(event: dict[str, Any]) -> dict[str, Any]:
    """An event from beyond the articles with ‡ after its title and short label, so every place
    that names it (label, hover, table) carries the mark, and named one step less prominently."""
    return (
        event
        | {
            f"{field}_{lang}": f"{event[f'{field}_{lang}']} ‡"
            for field in ("title", "label")
            for lang in LANGS  # the hand-written columns; a generated language converts them
            if event.get(f"{field}_{lang}")
        }
        | {"priority": DEMOTED[event["priority"]]}
    )


def _marker(category: str, scheme: str, *, hollow: bool) -> dict[str, Any]:
    """An event's marker: its category's symbol and colour, filled for the articles' events, hollow
    (a thick outline in the colour) for those from beyond them."""
    shape = theme.symbol(theme.CATEGORY_SYMBOLS, category)
    color = theme.color(scheme, category)
    size = theme.MARKER_SIZE + (3 if category == "research" else 0)
    if hollow:
        return {"symbol": f"{shape}-open", "size": size, "color": color, "line": {"width": 2, "color": color}}
    return {
        "symbol": shape,
        "size": size,
        "color": color,
        "line": {"width": 1, "color": theme.scheme_of(scheme).background},
    }


def _beyond_legend(loc: Locale, scheme: str) -> go.Scatter:
    """The legend's one entry: hollow means from beyond the articles (‡). A click on it hides them."""
    muted = theme.scheme_of(scheme).muted
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=loc.t("legend.beyond"),
        legendgroup="beyond",
        marker={"symbol": "circle-open", "size": theme.MARKER_SIZE, "color": muted, "line": {"width": 2}},
        hoverinfo="skip",
        showlegend=True,
    )


def _hover(event: dict[str, Any], data: Any, loc: Locale, beyond: bool = False) -> str:
    if beyond:
        return hover(
            local(event, "title", loc),
            esc(f"{date_text(event['date'], loc)} · {loc.t('category.' + event['category'])}"),
            wrapped(local(event, "description", loc)),
            *beyond_lines(event, data, loc),
        )
    return hover(
        local(event, "title", loc),
        esc(f"{date_text(event['date'], loc)} · {loc.t('category.' + event['category'])}"),
        wrapped(local(event, "description", loc)),
        *quote_lines(event, data, loc),
        reference_line(event, data, loc),
    )
