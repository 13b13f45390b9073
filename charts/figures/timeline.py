"""Timeline: every dated event of the articles, 2015–2024, one lane per category.

A category is told by its lane, its symbol and its colour. A date known only to the year or
month is drawn at the middle of its period with a line across the whole period, so a "2017"
event does not pretend to a day. Events outside the window are listed in the caption.

Which events are named on the chart is data (events.csv ``priority``): every key event gets a
callout — a boxed label with a leader line, so crowded 2023 still names GPT-4, 文心一言 and the rest —
on the page, on a phone (by its short label) and on the exported slide image; notable events get an
inline label where there is room; minor ones are named in their hover and the table only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts import formats, narrow, quotes, theme
from charts.chart import (
    Chart,
    ChartError,
    Table,
    chart_of,
    date_text,
    esc,
    hover,
    iso_mid,
    local,
    quote_lines,
    reference_line,
    source_label,
    text_width,
    wrapped,
)
from charts.formats import Lang
from charts.frame import CHAR_EM, image_figure
from charts.i18n import plural
from charts.labels import Callout, Frame, place_callouts, place_texts
from charts.locale import Locale, locale_of

CHART_ID = "timeline"
FIRST_YEAR = 2015
LAST_YEAR = 2024
# Points of one lane closer than this stack into sub-rows, so markers never hide each other.
MIN_GAP_DAYS = 75
SUB_ROW_OFFSETS = (0.0, 0.3, -0.3, 0.15, -0.15)
# The plot area labels are placed for (see charts/labels.py): the narrowest page that shows them
# (a 600-px container, below which they are hidden, less the lane names), so they neither collide
# nor run off the right edge at any wider size. The exported image (PNG/SVG for slides) has a
# plot about 800 px wide, so its labels are placed again for that plot (see _image_labels).
PLOT_WIDTH, PLOT_HEIGHT = 470, 330
LABEL_POSITIONS = ("top center", "bottom center", "middle right", "middle left", "top left", "bottom left")
# The image also tries the two remaining corners, and a label wrapped onto two lines.
IMAGE_LABEL_POSITIONS = (*LABEL_POSITIONS, "top right", "bottom right")
IMAGE_LABEL_GAP = 10  # px at least between two labels side by side, so they do not read as one
# A period line stops short of its ends by this share, so consecutive years do not merge into one line.
PERIOD_INSET = 0.04
# Which events are named on the chart comes from data/events.csv's priority: a key event always, in a
# callout (a boxed label with a leader line, so the crowded 2023 still names them all); a notable
# event by an inline label where there is room; a minor one only in its hover and the table.
# The plot area on a phone (a 340-px container less the lane names): key events only, by their short
# labels (label_zh/label_en).
PHONE_PLOT_WIDTH, PHONE_PLOT_HEIGHT = 250, 360
CALLOUT_PAD = 3  # px between a callout's text and its border


@dataclass(frozen=True)
class Placement:
    """Where the labels go at one size: a callout per key event, an inline label per notable one."""

    callouts: list[Callout | None]
    inline: list[tuple[str, str] | None]


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


def build(data: Any, lang: Lang, scheme: str) -> Chart:
    """The timeline in one language and scheme."""
    loc = locale_of(lang)
    categories = list(data.schema["events"]["columns"]["category"]["values"])
    shown = [e for e in data.events.values() if FIRST_YEAR <= e["date"].year <= LAST_YEAR]
    clipped = [e for e in data.events.values() if not FIRST_YEAR <= e["date"].year <= LAST_YEAR]
    if not shown:
        raise ChartError(f"chart '{CHART_ID}' has no event dated {FIRST_YEAR}–{LAST_YEAR} in data/events.csv")
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

    frame = Frame(
        PLOT_WIDTH,
        PLOT_HEIGHT,
        dt.date(FIRST_YEAR, 1, 1).toordinal(),
        dt.date(LAST_YEAR, 12, 31).toordinal(),
        -0.6,
        len(categories) - 0.4,
    )
    points = [(e["date"].as_datetime().toordinal(), y_of[e["id"]]) for e in shown]
    periods = [(_period(e["date"]), y_of[e["id"]]) for e in shown if e["date"].precision != "day"]
    segments = [(first.toordinal(), last.toordinal(), y) for (first, last), y in periods]
    page = _place(shown, points, segments, frame, loc, size="page")
    phone = _place(
        shown,
        points,
        segments,
        Frame(PHONE_PLOT_WIDTH, PHONE_PLOT_HEIGHT, frame.x0, frame.x1, frame.y0, frame.y1),
        loc,
        size="phone",
    )
    labelled: list[tuple[int, list[int]]] = []  # trace index, the events it draws
    for category in categories:
        members = [i for i, e in enumerate(shown) if e["category"] == category]
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
                marker={
                    "symbol": theme.symbol(theme.CATEGORY_SYMBOLS, category),
                    "size": theme.MARKER_SIZE + (3 if category == "research" else 0),
                    "color": theme.color(scheme, category),
                    "line": {"width": 1, "color": colors.background},
                },
                hovertext=[_hover(shown[i], data, loc) for i in members],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                cliponaxis=False,
            )
        )

    fig.update_layout(height=460)
    callouts = _add_callouts(fig, shown, [y for _, y in points], page.callouts, scheme)
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
    narrow.hint(fig, markers_only=True, layout=_callout_paths(callouts, phone.callouts))

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
            source_label(data.sources[e["source"]], loc),
            e["quote"] if not loc.reads_sources else quotes.marked_reading(e["quote"]),
        ]
        rows.append(tuple(row + ([e["quote_en"]] if not loc.reads_sources else [])))

    chart = chart_of(
        data,
        loc,
        title=loc.t("timeline.title", first=FIRST_YEAR, last=LAST_YEAR),
        chart_id=CHART_ID,
        scheme=scheme,
        figure=fig,
        subtitle=loc.t("timeline.subtitle"),
        table=Table(tuple(headers), tuple(rows)),
        events=shown,
        notes=notes,
    )
    chart.image_traces, chart.image_layout = _image_labels(chart, shown, points, segments, labelled, callouts)
    return chart


def _place(
    events: list[dict[str, Any]],
    points: list[tuple[float, float]],
    segments: list[tuple[float, float, float]],
    frame: Frame,
    loc: Locale,
    *,
    size: str,
) -> Placement:
    """Callouts for the key events, then inline labels for the notable ones around them. On a page
    a callout shows the title (or the short label if the title does not fit); on a phone the short
    label and no inline labels; on the exported image also a title wrapped onto two lines."""
    order = sorted(range(len(events)), key=lambda i: (events[i]["date"].as_datetime(), events[i]["id"]))
    char_em = CHAR_EM[loc.code]
    font = {"font_size": theme.SMALL_FONT_SIZE, "marker_size": theme.MARKER_SIZE, "char_em": char_em}
    key_forms = [_key_forms(e, loc, size) if e["priority"] == "key" else () for e in events]
    callouts = place_callouts(
        points, key_forms, frame, order=order, segments=segments, pad=CALLOUT_PAD, **font
    )
    if size == "phone":
        return Placement(callouts, [None] * len(events))
    image = size == "image"
    inline_forms = [
        tuple(f for f in (title, _two_lines(title) if image else None) if f)
        if e["priority"] == "notable"
        else ()
        for e in events
        for title in [local(e, "title", loc)]
    ]
    inline = place_texts(
        points,
        inline_forms,
        frame,
        order=order,
        positions=IMAGE_LABEL_POSITIONS if image else LABEL_POSITIONS,
        segments=segments,
        gap=IMAGE_LABEL_GAP if image else 0,
        obstacles=[c.box for c in callouts if c],
        **font,
    )
    return Placement(callouts, inline)


def short_label(event: dict[str, Any], loc: Locale) -> str:
    """The event's short label (label_zh/label_en), or its title when it has none."""
    return event.get(f"label_{loc.code}") or local(event, "title", loc)


def _inline_forms(event: dict[str, Any], loc: Locale, image: bool) -> tuple[str, ...]:
    """The forms a notable event's inline label tries: its title, and on the image the title on two lines."""
    title = local(event, "title", loc)
    return tuple(f for f in (title, _two_lines(title) if image else None) if f)


def _key_forms(event: dict[str, Any], loc: Locale, size: str) -> tuple[str, ...]:
    """The forms a key event's callout tries, longest first."""
    title, short = local(event, "title", loc), short_label(event, loc)
    if size == "phone":
        return (short,)
    wrapped_title = _two_lines(title) if size == "image" else None
    return tuple(dict.fromkeys(f for f in (title, wrapped_title, short) if f))


def _add_callouts(
    fig: go.Figure,
    events: list[dict[str, Any]],
    ys: list[float],
    placed: list[Callout | None],
    scheme: str,
) -> list[tuple[int, int]]:
    """One annotation per key event (hidden where its callout did not fit): (event index,
    annotation index) pairs, so the phone and the image can move or hide each one."""
    colors = theme.scheme_of(scheme)
    added = []
    for i, event in enumerate(events):
        if event["priority"] != "key":
            continue
        callout = placed[i]
        added.append((i, len(fig.layout.annotations)))
        fig.add_annotation(
            x=iso_mid(event["date"]),
            y=ys[i],
            text=_callout_text(callout),
            visible=callout is not None,
            ax=callout.dx if callout else 0,
            ay=callout.dy if callout else 0,
            axref="pixel",
            ayref="pixel",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=colors.muted,
            standoff=theme.MARKER_SIZE / 2,
            xanchor="center",
            yanchor="middle",
            borderpad=CALLOUT_PAD - 1,
            borderwidth=1,
            bordercolor=colors.muted,
            bgcolor=colors.background,
            font={"size": theme.SMALL_FONT_SIZE, "color": colors.text},
        )
    return added


def _callout_text(callout: Callout | None) -> str:
    """A callout's text, escaped, keeping the line break of a wrapped title."""
    return "<br>".join(esc(line) for line in callout.text.split("<br>")) if callout else ""


def _callout_paths(added: list[tuple[int, int]], placed: list[Callout | None]) -> dict[str, Any]:
    """Layout paths that move (or hide) each key event's callout to where ``placed`` puts it."""
    paths: dict[str, Any] = {}
    for event, annotation in added:
        callout = placed[event]
        prefix = f"annotations[{annotation}]"
        paths[f"{prefix}.visible"] = callout is not None
        if callout:
            paths |= {
                f"{prefix}.text": _callout_text(callout),
                f"{prefix}.ax": callout.dx,
                f"{prefix}.ay": callout.dy,
            }
    return paths


def _two_lines(label: str) -> str | None:
    """The label on two lines of about equal width (<br> between them), broken at a space or where
    Chinese meets Latin text (智谱发布 | GLM-4), never inside a word; None when it has no such break."""
    best: tuple[int, str] | None = None
    for i in range(1, len(label)):
        before, after = label[i - 1], label[i]
        if after == " ":
            continue
        if before != " " and (text_width(before) == 2) == (text_width(after) == 2):
            continue
        if text_width(before) == 2 and text_width(after) == 1 and not after.isalnum():
            continue  # not before Latin punctuation
        if text_width(after) == 2 and not before.isalnum() and before != " ":
            continue  # not after an opening quote or bracket
        first, second = label[:i].rstrip(), label[i:].lstrip()
        if first and second:
            widest = max(text_width(first), text_width(second))
            if best is None or widest < best[0]:
                best = (widest, f"{first}<br>{second}")
    return best[1] if best else None


def _image_labels(
    chart: Chart,
    events: list[dict[str, Any]],
    points: list[tuple[float, float]],
    segments: list[tuple[float, float, float]],
    labelled: list[tuple[int, list[int]]],
    callouts: list[tuple[int, int]],
) -> tuple[dict[int, dict[str, Any]], dict[str, Any]]:
    """Labels placed for the exported image's plot area, wider than the narrowest page the figure
    JSON is placed for, so a slide names more events: per labelled trace its text and textposition,
    and the callouts' layout paths (charts/frame.py applies both to the image only)."""
    image = image_figure(chart)
    margin = image.layout.margin
    frame = Frame(
        image.layout.width - margin.l - margin.r,
        image.layout.height - margin.t - margin.b,
        dt.date(FIRST_YEAR - 1, 12, 1).toordinal(),  # the x axis range
        dt.date(LAST_YEAR, 12, 31).toordinal(),
        *image.layout.yaxis.range,
    )
    placed = _place(events, points, segments, frame, locale_of(chart.lang), size="image")
    traces = {}
    for index, members in labelled:
        found = [placed.inline[i] for i in members]
        traces[index] = {
            "text": ["<br>".join(esc(line) for line in f[0].split("<br>")) if f else "" for f in found],
            "textposition": [f[1] if f else "top center" for f in found],
        }
    return traces, _callout_paths(callouts, placed.callouts)


def _hover(event: dict[str, Any], data: Any, loc: Locale) -> str:
    return hover(
        local(event, "title", loc),
        esc(f"{date_text(event['date'], loc)} · {loc.t('category.' + event['category'])}"),
        wrapped(local(event, "description", loc)),
        *quote_lines(event, data, loc),
        reference_line(event, data, loc),
    )
