"""The charts: what each one shows, in both languages and both colour schemes.

Each chart module is a pure function (dataset, language, scheme) → Chart; these tests call them
directly, on the project's dataset and on the small sample dataset of tests/sample_data.py.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from charts import chart as chart_module
from charts import formats, i18n, labels, narrow, theme
from charts.build import CHART_IDS, SCHEMES, figure_dict, figure_json, render, table_csv
from charts.chart import ARTICLE_TABLES, EXTERNAL_TABLES, ROW_TABLES, ChartError, source_label
from charts.dataset import load_dataset
from charts.figures import _timeline_labels as timeline_labels
from charts.figures import china_model_count, param_scale, params_over_time, timeline, training_cost
from charts.frame import CHAR_EM, image_figure
from charts.locale import locale_of
from charts.registry import CONTEXT_VIEWS
from tests.sample_data import PROJECT, sample_rows, write_dataset

LANGS = ("zh", "en")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# An English hover may show Chinese only as the original sentence it quotes, or a price as published.
ORIGINAL = re.compile(r"(?:Original|As reported): 「.*?」", re.S)
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def figure(chart) -> dict[str, Any]:
    return figure_dict(chart.figure)


def hovers(fig: dict[str, Any]) -> list[str]:
    return [text for trace in fig["data"] for text in trace.get("hovertext") or [] if text]


def visible_texts(fig: dict[str, Any]) -> list[str]:
    """Every string a reader sees without hovering: axis titles and ticks, trace names and point
    labels, legend titles, annotations."""
    texts: list[str] = []
    layout = fig["layout"]
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            texts.append((axis.get("title") or {}).get("text") or "")
            texts += [str(v) for v in axis.get("ticktext") or []]
            texts += [str(v) for v in axis.get("categoryarray") or []]
    texts += [a.get("text") or "" for a in layout.get("annotations") or []]
    for trace in fig["data"]:
        texts.append(trace.get("name") or "")
        texts.append((trace.get("legendgrouptitle") or {}).get("text") or "")
        text = trace.get("text")
        texts += [str(v) for v in (text if isinstance(text, list) else [text]) if v]
        for coordinate in ("x", "y"):
            values = trace.get(coordinate)
            if isinstance(values, list):
                flat = [v for item in values for v in (item if isinstance(item, list) else [item])]
                texts += [v for v in flat if isinstance(v, str) and not re.match(r"\d{4}-\d\d", v)]
    return texts


# --- every chart ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_has_a_title_a_source_line_and_a_table_in_both_languages(rendered_charts, chart_id, lang):
    chart = rendered_charts[(chart_id, lang, "light")]
    assert chart.title and chart.caption and chart.alt
    assert chart.source_ids or chart.reference_ids, "a chart cites the articles or references it plots"
    assert chart.table.rows and all(chart.table.headers)
    assert hovers(figure(chart)), "every chart explains its points on hover"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_english_charts_show_no_chinese_except_the_quoted_original_sentences(rendered_charts, chart_id):
    chart = rendered_charts[(chart_id, "en", "light")]
    fig = figure(chart)
    words = [chart.title, chart.subtitle, chart.caption, *chart.notes, *visible_texts(fig)]
    assert [w for w in words if CJK.search(w)] == []
    for text in hovers(fig):
        assert not CJK.search(ORIGINAL.sub("", text)), text
    verbatim = {i18n.t(key, "en") for key in ("table.quote", "table.excerpt", "label.as_published")}
    quote_columns = {i for i, h in enumerate(chart.table.headers) if h in verbatim}
    for row in chart.table.rows:
        assert [c for i, c in enumerate(row) if i not in quote_columns and CJK.search(c)] == []


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_chinese_charts_are_written_in_chinese(rendered_charts, chart_id):
    chart = rendered_charts[(chart_id, "zh", "light")]
    assert CJK.search(chart.title) and CJK.search(chart.caption)
    assert all(CJK.search(h) for h in chart.table.headers)
    assert "Source" not in chart.caption and "Original" not in " ".join(hovers(figure(chart)))


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_hover_quotes_its_source_and_english_ones_add_the_original_chinese(rendered_charts, chart_id):
    zh = hovers(figure(rendered_charts[(chart_id, "zh", "light")]))
    en = hovers(figure(rendered_charts[(chart_id, "en", "light")]))
    assert len(zh) == len(en)
    for text in zh:  # an article's words in 「」, a reference's in its own language's marks
        assert re.search("原文：[「“]", text) and re.search("来源：|‡ 文章之外的资料：", text)
    for text in en:
        assert re.search("Original: |In the source's words: ", text)
        assert "Source: " in text or "‡ Beyond the articles: " in text
        if "Original: 「" in text:  # Chinese words: our translation first
            assert CJK.search(re.search(r"Original: 「.*?」", text, re.S)[0])
            assert "“" in text.split("Original: 「")[0], "the translation comes before the original"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_same_data_gives_byte_identical_figure_json(data, rendered_charts, chart_id):
    for lang in LANGS:
        assert figure_json(render(data, chart_id, lang, "dark")) == figure_json(
            rendered_charts[(chart_id, lang, "dark")]
        )


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_colours_come_from_the_colour_blind_safe_palette_or_the_neutral_greys(rendered_charts, chart_id):
    for scheme in SCHEMES:
        colors = theme.scheme_of(scheme)
        neutral = {colors.background, colors.text, colors.muted, colors.line, colors.grid}
        allowed = {c.upper() for c in OKABE_ITO | neutral}
        fig = figure(rendered_charts[(chart_id, "en", scheme)])
        used = set()
        for trace in fig["data"]:
            marker = trace.get("marker") or {}
            for value in (marker.get("color"), (marker.get("line") or {}).get("color"),
                          (trace.get("line") or {}).get("color"),
                          (marker.get("pattern") or {}).get("fgcolor")):  # fmt: skip
                used |= set(value if isinstance(value, list) else [value] if value else [])
        assert used, "the chart uses colour"
        assert {c.upper() for c in used} <= allowed


def test_the_palette_is_exactly_okabe_and_itos_and_every_category_and_country_has_a_colour(data):
    assert set(theme.OKABE_ITO.values()) == OKABE_ITO
    categories = data.schema["events"]["columns"]["category"]["values"]
    countries = data.schema["models"]["columns"]["country"]["values"]
    for scheme in SCHEMES:
        for key in [*categories, *countries]:
            assert theme.color(scheme, key) in OKABE_ITO | {theme.scheme_of(scheme).text}
        # Countries must be told apart by colour: no two share one.
        assert len({theme.color(scheme, c) for c in countries}) == len(countries)


def test_dark_charts_keep_the_blue_readable_on_the_dark_background(rendered_charts):
    """Okabe–Ito blue is too dark on Material's slate background; the dark scheme uses sky blue."""
    assert theme.color("dark", "US") == theme.OKABE_ITO["sky_blue"]
    assert theme.color("light", "US") == theme.OKABE_ITO["blue"]


# --- legibility: slide and phone ------------------------------------------------------------------


def _font_sizes(value: Any) -> list[float]:
    if isinstance(value, dict):
        sizes = [value["size"]] if isinstance(value.get("size"), (int, float)) and "family" in value else []
        for key, item in value.items():
            if key in ("font", "tickfont", "textfont") and isinstance(item, dict):
                size = item.get("size")
                sizes += size if isinstance(size, list) else [size] if size else []
            sizes += _font_sizes(item)
        return sizes
    if isinstance(value, list):
        return [s for item in value for s in _font_sizes(item)]
    return []


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_figures_for_the_site_fit_a_375px_phone(rendered_charts, chart_id):
    """The site draws the JSON at the container's width: no fixed width, text no smaller than 11 px,
    the legend above the plot (where it can wrap), thin margins that grow only to fit labels."""
    for lang in LANGS:
        layout = figure(rendered_charts[(chart_id, lang, "light")])["layout"]
        assert layout["autosize"] is True and "width" not in layout
        assert (
            min(_font_sizes(layout) + _font_sizes(figure(rendered_charts[(chart_id, lang, "light")])["data"]))
            >= 11
        )
        legend = layout["legend"]
        assert legend["orientation"] == "h" and legend["yanchor"] == "bottom" and legend["y"] >= 1
        margin = layout["margin"]
        assert max(margin["l"], margin["r"], margin["t"], margin["b"]) <= 20
        assert all(axis["automargin"] for key, axis in layout.items() if key.startswith(("xaxis", "yaxis")))


@pytest.mark.parametrize("chart_id", ["timeline", "params-over-time", "param-scale"])
def test_crowded_point_labels_are_marked_for_hiding_on_a_narrow_screen(rendered_charts, chart_id):
    fig = figure(rendered_charts[(chart_id, "zh", "light")])
    hint = fig["layout"]["meta"]["narrow"]
    labelled = [i for i, tr in enumerate(fig["data"]) if "text" in (tr.get("mode") or "")]
    assert hint["max_width"] >= 375 and hint["markers_only"] == labelled and labelled


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_figure_carries_a_narrow_variant_that_plotly_accepts(rendered_charts, chart_id, lang):
    """layout.meta.narrow (its contract: charts/narrow.py's docstring): applied at phone width, the
    figure is still valid for plotly (every path names a real attribute), wider pages draw it
    unchanged."""
    fig = figure(rendered_charts[(chart_id, lang, "light")])
    hint = fig["layout"]["meta"]["narrow"]
    assert set(hint) == {"max_width", "markers_only", "traces", "layout"}
    assert 375 <= hint["max_width"] <= 768
    assert all(fig["data"][i]["type"] == "scatter" for i in hint["markers_only"])
    assert all(0 <= int(i) < len(fig["data"]) for i in hint["traces"])
    assert narrow.apply(fig, hint["max_width"]) is fig  # at and above max_width: the page figure
    phone = narrow.apply(fig, narrow.PHONE_WIDTH)
    assert phone != fig and phone["layout"]["meta"] == fig["layout"]["meta"]
    go.Figure(phone)  # raises on any unknown attribute path or bad value
    for path in hint["layout"]:
        assert re.fullmatch(r"[a-z0-9]+(\[\d+\])?(\.[a-z]+(\[\d+\])?)*", path), path


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_on_a_phone_the_legend_goes_below_the_plot_and_the_figure_grows_to_keep_the_plot(
    rendered_charts, chart_id
):
    for lang in LANGS:
        fig = figure(rendered_charts[(chart_id, lang, "light")])
        if not any(tr.get("showlegend") is not False and tr.get("name") for tr in fig["data"]):
            continue  # no legend (timeline: the lanes name the categories)
        layout = narrow.apply(fig, narrow.PHONE_WIDTH)["layout"]
        legend = layout["legend"]
        assert (legend["yref"], legend["y"], legend["yanchor"]) == ("container", 0, "bottom")
        assert legend["xref"] == "container" and legend["orientation"] == "h"
        assert layout["height"] >= fig["layout"]["height"] + 19  # at least one line of legend
        assert min(_font_sizes(layout)) >= 11


def test_the_legend_height_estimate_grows_with_entries_and_shrinks_with_width():
    fig = go.Figure([go.Scatter(x=[None], y=[None], name=f"entry {i}", legendgroup="a") for i in range(3)])
    taller = go.Figure(
        fig.data + tuple(go.Scatter(x=[None], name=f"more {i}", legendgroup="b") for i in range(4))
    )
    assert 0 < narrow.legend_height(fig) < narrow.legend_height(taller, width=150)
    assert narrow.legend_height(go.Figure([go.Scatter(x=[1], showlegend=False)])) == 0


def test_narrow_paths_set_nested_attributes_and_list_items_as_the_javascript_does():
    target = {"annotations": [{"text": "a"}, {"text": "b"}]}
    narrow.set_path(target, "annotations[1].text", "B")
    narrow.set_path(target, "xaxis2.title.text", "T")
    assert target == {"annotations": [{"text": "a"}, {"text": "B"}], "xaxis2": {"title": {"text": "T"}}}
    assert "replace(/\\[(\\d+)\\]/g" in narrow.narrow_js() and "markers_only" in narrow.narrow_js()


def test_on_a_phone_long_names_and_labels_make_room(rendered_charts):
    """data-exhaustion: names move above their lines; openai-finance: values wrap and lose the
    status the hatching gives; chinchilla-gopher: panel titles wrap; param-scale: short thresholds."""
    for lang in LANGS:
        fig = narrow.apply(figure(rendered_charts[("data-exhaustion", lang, "light")]), narrow.PHONE_WIDTH)
        assert fig["layout"]["yaxis"]["showticklabels"] is False
        names = fig["layout"]["yaxis"]["categoryarray"]
        shown = [a["text"] for a in fig["layout"]["annotations"] if a.get("visible") is not False]
        assert set(names) <= set(shown)
        page = figure(rendered_charts[("data-exhaustion", lang, "light")])
        assert not set(names) & {a["text"] for a in page["layout"]["annotations"] if a.get("visible", True)}

        fig = narrow.apply(figure(rendered_charts[("openai-finance", lang, "light")]), narrow.PHONE_WIDTH)
        bars = [tr for tr in fig["data"] if tr["type"] == "bar" and tr.get("text")]
        mark = i18n.t("figure_mark.projected", lang)
        assert bars and all(mark not in tr["text"][0] for tr in bars)
        assert all(max(map(len, tr["text"][0].split("<br>"))) <= 12 for tr in bars)

        fig = narrow.apply(figure(rendered_charts[("chinchilla-gopher", lang, "light")]), narrow.PHONE_WIDTH)
        assert "<br>" in fig["layout"]["xaxis2"]["title"]["text"]

        fig = narrow.apply(figure(rendered_charts[("param-scale", lang, "light")]), narrow.PHONE_WIDTH)
        assert all(re.fullmatch(r"≥[^:：]+", a["text"]) for a in fig["layout"]["annotations"])


def test_param_scale_labels_left_of_a_dashed_line_they_would_cross(data, rendered_charts):
    """A value label just below a threshold (10B, 7.5B under the 13B line) goes left of its marker."""
    lines = [r["value"] / 1e9 for r in data.figures.values() if r["group"] == "emergence-threshold"]
    checked = 0
    for lang in LANGS:
        for trace in figure(rendered_charts[("param-scale", lang, "light")])["data"]:
            if "text" not in (trace.get("mode") or ""):
                continue
            for x, position in zip(trace["x"], trace["textposition"], strict=True):
                if any(x < line < x * 1.6 for line in lines):
                    assert position == "middle left", (lang, x)
                    checked += 1
    assert checked >= 2


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_labels_stay_inside_the_plot_at_the_narrowest_width_that_shows_them(rendered_charts, lang):
    fig = figure(rendered_charts[("timeline", lang, "light")])
    frame = labels.Frame(
        timeline_labels.PLOT_WIDTH,
        timeline_labels.PLOT_HEIGHT,
        dt.date(timeline.FIRST_YEAR, 1, 1).toordinal(),
        dt.date(timeline.LAST_YEAR, 12, 31).toordinal(),
        0,
        1,
    )
    shown = 0
    for trace in fig["data"]:
        if "text" not in (trace.get("mode") or ""):
            continue
        for x, text, position in zip(trace["x"], trace["text"], trace["textposition"], strict=True):
            if not text:
                continue
            px, _ = frame.to_px(dt.date.fromisoformat(x).toordinal(), 0.5)
            width, _ = labels.label_size(text, theme.SMALL_FONT_SIZE, CHAR_EM[lang])
            right = {"center": px + width / 2, "right": px + width + 8, "left": px}[position.split()[1]]
            assert right <= timeline_labels.PLOT_WIDTH, (text, position)
            shown += 1
    for callout in _callouts(fig):
        if callout.get("visible") is False:
            continue
        px, _ = frame.to_px(dt.date.fromisoformat(callout["x"]).toordinal(), 0.5)
        width, _ = labels.label_size(callout["text"], theme.SMALL_FONT_SIZE, CHAR_EM[lang])
        centre = px + callout["ax"]
        assert centre - width / 2 >= 0, callout["text"]
        assert centre + width / 2 <= timeline_labels.PLOT_WIDTH, callout["text"]
        shown += 1
    assert shown >= 10


def _callouts(fig: dict[str, Any]) -> list[dict[str, Any]]:
    """The timeline's callouts: annotations with a leader line to an event."""
    return [a for a in fig["layout"].get("annotations", []) if a.get("showarrow")]


def _key_titles(data: Any, lang: str, field: str = "title") -> set[str]:
    return {
        (e[f"label_{lang}"] if field == "label" else e[f"title_{lang}"])
        for e in data.events.values()
        if e["priority"] == "key" and timeline.FIRST_YEAR <= e["date"].year <= timeline.LAST_YEAR
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_calls_out_every_key_event_on_a_page_on_a_phone_and_on_a_slide(
    data, rendered_charts, lang
):
    chart = rendered_charts[("timeline", lang, "light")]
    fig = figure(chart)
    page = {a["text"] for a in _callouts(fig) if a.get("visible") is not False}
    titles, short = _key_titles(data, lang), _key_titles(data, lang, "label")
    events = [e for e in data.events.values() if e["priority"] == "key"]
    assert len(page) == len(titles) >= 8
    assert all(any(text in (e[f"title_{lang}"], e[f"label_{lang}"]) for e in events) for text in page)

    phone = narrow.apply(fig, 340)
    assert {a["text"] for a in _callouts(phone) if a.get("visible") is not False} == short
    assert all(trace.get("mode") != "markers+text" for trace in phone["data"])  # no inline label on a phone

    image = figure_dict(image_figure(chart))
    shown = {a["text"].replace("<br>", "") for a in _callouts(image) if a.get("visible") is not False}
    assert len(shown) == len(titles)
    assert shown <= {t.replace(" ", "") for t in titles} | {t for t in titles} | short


@pytest.mark.parametrize("lang", LANGS)
def test_a_minor_event_is_named_only_in_its_hover_and_the_table(data, rendered_charts, lang):
    chart = rendered_charts[("timeline", lang, "light")]
    minor = {
        e[f"title_{lang}"]
        for e in data.events.values()
        if e["priority"] == "minor" and timeline.FIRST_YEAR <= e["date"].year <= timeline.LAST_YEAR
    }
    assert minor
    for fig in (figure(chart), figure_dict(image_figure(chart))):
        labels_drawn = {t.replace("<br>", " ") for tr in fig["data"] for t in tr.get("text") or [] if t}
        assert not labels_drawn & minor
    table_titles = {row[2] for row in chart.table.rows}
    assert minor <= table_titles


def _label_boxes(fig: dict[str, Any], frame: labels.Frame, lang: str) -> list[tuple[str, labels.Box]]:
    """Each drawn point label of a figure dict with its estimated box in the plot, in pixels."""
    boxes = []
    for trace in fig["data"]:
        if "text" not in (trace.get("mode") or ""):
            continue
        for x, y, text, position in zip(
            trace["x"], trace["y"], trace["text"], trace["textposition"], strict=True
        ):
            if text:
                px, py = frame.to_px(dt.date.fromisoformat(x).toordinal(), y)
                width, height = labels.label_size(text, theme.SMALL_FONT_SIZE, CHAR_EM[lang])
                boxes.append((text, labels._box(position, px, py, width, height, theme.MARKER_SIZE / 2 + 2)))
    return boxes


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_image_names_more_events_than_the_page_with_no_two_labels_touching(rendered_charts, lang):
    chart = rendered_charts[("timeline", lang, "light")]
    image = figure_dict(image_figure(chart))
    layout = image["layout"]
    margin = layout["margin"]
    width = layout["width"] - margin["l"] - margin["r"]
    height = layout["height"] - margin["t"] - margin["b"]
    x0, x1 = (dt.date.fromisoformat(end).toordinal() for end in layout["xaxis"]["range"])
    frame = labels.Frame(width, height, x0, x1, *layout["yaxis"]["range"])
    boxes = _label_boxes(image, frame, lang)
    page = [text for trace in figure(chart)["data"] for text in trace.get("text") or [] if text]
    assert len(boxes) > len(page)
    for text, (left, top, right, bottom) in boxes:
        assert left >= 0 and right <= width and top >= 0 and bottom <= height, text
    for i, (text, a) in enumerate(boxes):
        for other, b in boxes[i + 1 :]:
            gap = timeline_labels.IMAGE_LABEL_GAP
            apart = a[2] + gap <= b[0] or b[2] + gap <= a[0]
            assert apart or a[3] <= b[1] or b[3] <= a[1], (text, other)
    # The site's figure JSON keeps the labels placed for the narrowest page.
    assert figure(chart)["data"] != image["data"]


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_image_wraps_a_label_only_at_a_space_or_where_chinese_meets_latin(
    data, rendered_charts, lang
):
    titles = {event[f"title_{lang}"] for event in data.events.values()}
    image = figure_dict(image_figure(rendered_charts[("timeline", lang, "light")]))
    drawn = [html.unescape(text) for trace in image["data"] for text in trace.get("text") or [] if text]
    for text in drawn:
        first, _, second = text.partition("<br>")
        if f"{first} {second}" not in titles:
            assert first + second in titles, text
            if second:
                assert bool(CJK.match(first[-1])) != bool(CJK.match(second[0])), text


def test_label_placer_tries_a_labels_second_form_and_keeps_labels_apart():
    frame = labels.Frame(200, 100, 0, 200, 0, 100)
    wide = "x" * 40  # too wide for the plot on one line
    placed = labels.place_texts(
        [(100, 50)], [(wide, "x" * 10 + "<br>" + "x" * 10)], frame, font_size=10, positions=("top center",)
    )
    assert placed == [("x" * 10 + "<br>" + "x" * 10, "top center")]
    # Two labels on one line, 40 px apart: both stay with no gap asked, the second goes with 50 px.
    points, texts = [(40, 50), (100, 50)], [("ab",), ("ab",)]
    apart = {"font_size": 10, "marker_size": 2, "positions": ("middle right",), "char_em": 1.0}
    assert all(labels.place_texts(points, texts, frame, **apart, gap=0))
    assert labels.place_texts(points, texts, frame, **apart, gap=50)[1] is None


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_lists_the_dataset_rows_it_plots_by_table(data, rendered_charts, chart_id):
    for lang in LANGS:
        chart = rendered_charts[(chart_id, lang, "light")]
        assert tuple(chart.rows) == ROW_TABLES
        ids = [(table, key) for table, keys in chart.rows.items() for key in keys]
        assert ids and len(set(ids)) == len(ids)
        cells = [cell for row in chart.table.rows for cell in row]
        for table, key in ids:
            row = data.table(table)[key]  # KeyError: an id the dataset does not hold
            label = {"models": "name", "events": "title", "figures": "subject"}.get(
                table.removeprefix("external_"), "model"
            )
            assert any(row[f"{label}_{lang}"] in cell for cell in cells), (table, key)
        assert len(ids) <= len(chart.table.rows)


def test_param_scale_table_lists_the_thresholds_it_draws_with_their_source(data, rendered_charts):
    thresholds = [r for r in data.figures.values() if r["group"] == "emergence-threshold"]
    for lang in LANGS:
        chart = rendered_charts[("param-scale", lang, "light")]
        assert [k for k in chart.rows["figures"]] == [r["id"] for r in thresholds]
        lines = chart.table.rows[-len(thresholds) :]
        source = chart.table.headers.index(i18n.t("table.source", lang))
        for row, line in zip(thresholds, lines, strict=True):
            assert row[f"subject_{lang}"] in line[0]
            assert formats.format_params(row["value"] / 1e9, lang, long=True) in line
            assert line[source] == source_label(data.sources[row["source"]], lang)
        csv_text = table_csv(chart).decode("utf-8-sig")
        assert all(line[0] in csv_text for line in lines)


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_slide_images_are_1920x1080_with_title_and_source_drawn_in(rendered_charts, chart_id):
    chart = rendered_charts[(chart_id, "zh", "dark")]
    fig = image_figure(chart).to_plotly_json()
    layout = fig["layout"]
    assert (layout["width"] * theme.IMAGE_SCALE, layout["height"] * theme.IMAGE_SCALE) == (1920, 1080)
    assert chart.title[:4] in layout["title"]["text"]
    assert any(chart.caption[:6] in (a.get("text") or "") for a in layout["annotations"])
    # At 2× scale the smallest text is at least 22 px on the 1080-px slide.
    assert min(_font_sizes(layout)) * theme.IMAGE_SCALE >= 22


def test_english_text_prefers_latin_fonts_and_chinese_text_a_cjk_font(rendered_charts):
    """A CJK font first in an English chart gives full-width quotation marks (‘ emergence ’)."""
    en = [f.strip().strip('"') for f in theme.FONT_STACK["en"].split(",")]
    zh = [f.strip().strip('"') for f in theme.FONT_STACK["zh"].split(",")]
    first_cjk = next(i for i, f in enumerate(en) if "CJK" in f or "Han" in f)
    assert set(theme.LATIN_FONTS) <= set(en[:first_cjk])
    assert "CJK" in zh[0]
    # Every text of an English slide image (title, source line, annotations, hovers) uses that stack.
    for chart_id in CHART_IDS:
        families = set(_families(image_figure(rendered_charts[(chart_id, "en", "light")]).to_plotly_json()))
        assert families == {theme.FONT_STACK["en"]}, chart_id


def _families(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["family"]] if isinstance(value.get("family"), str) else []
        return own + [f for item in value.values() for f in _families(item)]
    if isinstance(value, list):
        return [f for item in value for f in _families(item)]
    return []


# --- the charts the issue asks for ----------------------------------------------------------------


def test_timeline_runs_from_2015_to_2024_with_one_lane_per_category(data, rendered_charts):
    fig = figure(rendered_charts[("timeline", "zh", "light")])
    start, end = fig["layout"]["xaxis"]["range"]
    assert start[:4] in ("2014", "2015") and end[:4] == "2024"
    categories = data.schema["events"]["columns"]["category"]["values"]
    assert fig["layout"]["yaxis"]["ticktext"] == [i18n.t(f"category.{c}", "zh") for c in categories]
    lanes = dict(zip(fig["layout"]["yaxis"]["ticktext"], fig["layout"]["yaxis"]["tickvals"], strict=True))
    shown = [e for e in data.events.values() if 2015 <= e["date"].year <= 2024]
    points = [tr for tr in fig["data"] if "markers" in tr["mode"]]
    assert sum(len(tr["x"]) for tr in points) == len(shown)
    for trace in points:  # each category's points stay within its lane
        assert all(abs(y - lanes[trace["name"]]) < 0.5 for y in trace["y"])


def test_timeline_hover_gives_each_events_quote_and_its_translation(data, rendered_charts):
    en = " ".join(hovers(figure(rendered_charts[("timeline", "en", "light")])))
    flat = re.sub(r"<br>", " ", en)
    for event in data.events.values():
        if 2015 <= event["date"].year <= 2024:
            assert event["quote"][:8] in en.replace("<br>", "")
            assert event["quote_en"].split()[0] in flat


def test_events_outside_the_timeline_window_are_named_in_its_caption(data, rendered_charts):
    outside = [e for e in data.events.values() if not 2015 <= e["date"].year <= 2024]
    caption = rendered_charts[("timeline", "en", "light")].caption
    for event in outside:
        assert event["title_en"] in caption


def test_parameter_charts_use_logarithmic_axes_labelled_in_yi_or_billions(rendered_charts):
    for chart_id, axis in (("param-scale", "xaxis"), ("params-over-time", "yaxis")):
        zh = figure(rendered_charts[(chart_id, "zh", "light")])["layout"][axis]
        en = figure(rendered_charts[(chart_id, "en", "light")])["layout"][axis]
        assert zh["type"] == en["type"] == "log"
        assert all(label.endswith("亿") for label in zh["ticktext"])
        assert all(label[-1] in "MBT" for label in en["ticktext"])


def test_param_scale_draws_the_emergence_thresholds_13b_70b_540b_as_bands(rendered_charts):
    fig = figure(rendered_charts[("param-scale", "en", "light")])
    bands = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    lines = [s for s in fig["layout"]["shapes"] if s["type"] == "line"]
    assert sorted(s["x0"] for s in bands) == [13, 70, 540]
    assert sorted(s["x0"] for s in lines) == [13, 70, 540]
    labels = " ".join(a["text"] for a in fig["layout"]["annotations"])
    assert all(f"≥{v}" in labels for v in ("13B", "70B", "540B"))
    zh = " ".join(
        a["text"] for a in figure(rendered_charts[("param-scale", "zh", "light")])["layout"]["annotations"]
    )
    assert all(f"≥{v}" in zh for v in ("130亿", "700亿", "5400亿"))


def _points_by_model(fig: dict[str, Any], data) -> dict[str, dict[str, Any]]:
    """Each plotted model's marker style, found through the name its hover starts with."""
    by_name = {m["name_en"]: m for m in data.models.values()}
    found = {}
    for trace in fig["data"]:
        marker = trace.get("marker") or {}
        for i, text in enumerate(trace.get("hovertext") or []):
            name = re.match(r"<b>(.*?)</b>", text)[1].replace("&amp;", "&")
            found[by_name[name]["id"]] = {k: marker[k][i] for k in ("symbol", "opacity", "color")}
    return found


@pytest.mark.parametrize("chart_id", ["param-scale", "params-over-time"])
def test_parameter_status_and_open_weights_change_the_marker_and_colour_gives_the_country(
    data, rendered_charts, chart_id
):
    for scheme in SCHEMES:
        points = _points_by_model(figure(rendered_charts[(chart_id, "en", scheme)]), data)
        assert points
        symbols: dict[str, set[str]] = {}
        for key, style in points.items():
            model = data.models[key]
            base = style["symbol"].removesuffix("-open-dot").removesuffix("-open")
            symbols.setdefault(model["params_status"], set()).add(base)
            assert style["symbol"].endswith("-open") == (model["open_weights"] == "no")
            assert style["color"] == theme.color(scheme, model["country"])
            assert (style["opacity"] < 1) == (model["params_status"] == "disputed")
        assert {"official", "disputed"} <= set(symbols), "the data has official and disputed sizes"
        assert all(len(s) == 1 for s in symbols.values())
        assert len({next(iter(s)) for s in symbols.values()}) == len(symbols), "one symbol per status"


def test_disputed_sizes_carry_a_question_mark_in_their_label(data, rendered_charts):
    fig = figure(rendered_charts[("param-scale", "en", "light")])
    labels = [t for tr in fig["data"] for t in tr.get("text") or []]
    gpt4 = formats.format_params(data.models["gpt-4"]["params_billion"], "en")
    assert f"{gpt4}?" in labels
    assert "GPT-4 ?" in fig["layout"]["yaxis"]["ticktext"]


def test_param_scale_names_every_model_on_its_axis(data, rendered_charts):
    sized = [m for m in data.models.values() if m["params_billion"] is not None]
    ticks = figure(rendered_charts[("param-scale", "zh", "light")])["layout"]["yaxis"]["ticktext"]
    assert len(ticks) == len(sized) == len(set(ticks))


def test_params_over_time_places_models_by_release_date_on_a_log_axis(data, rendered_charts):
    fig = figure(rendered_charts[("params-over-time", "en", "light")])
    assert fig["layout"]["xaxis"]["type"] == "date" and fig["layout"]["yaxis"]["type"] == "log"
    dated = [m for m in data.models.values() if m["params_billion"] and m["release_date"]]
    assert sum(len(tr["x"]) for tr in fig["data"] if tr.get("hovertext")) == len(dated)


def test_there_are_at_least_three_charts_of_figures(data):
    grouped = {row["group"] for row in data.figures.values()}
    figure_charts = [c for c in CHART_IDS if c in grouped]
    assert len(figure_charts) >= 3


def test_chinese_tables_write_chinese_dates_and_english_tables_english_dates(rendered_charts):
    for chart_id, column in (("timeline", "table.date"), ("param-scale", "table.released")):
        for lang, shape in (
            ("zh", r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?"),
            ("en", r"(\d{1,2} )?([A-Z][a-z]+ )?\d{4}"),
        ):
            table = rendered_charts[(chart_id, lang, "light")].table
            index = table.headers.index(i18n.t(column, lang))
            dates = [row[index] for row in table.rows if row[index]]
            assert dates and all(re.fullmatch(shape, d) for d in dates), dates


def test_date_axes_tick_in_the_charts_language(rendered_charts):
    for chart_id in ("timeline", "params-over-time", "china-model-count"):
        for lang in LANGS:
            stops = figure(rendered_charts[(chart_id, lang, "light")])["layout"]["xaxis"]["tickformatstops"]
            assert [s["value"] for s in stops] == [s["value"] for s in formats.date_tickformatstops(lang)]


def test_estimates_and_projections_are_hatched_never_solid(rendered_charts):
    fig = figure(rendered_charts[("openai-finance", "en", "light")])
    for trace in fig["data"]:
        if trace.get("hovertext"):
            hatched = bool((trace["marker"].get("pattern") or {}).get("shape"))
            assert hatched == ("(expected)" in trace["text"][0])
    for trace in figure(rendered_charts[("training-cost", "zh", "light")])["data"]:
        if trace.get("hovertext"):
            assert trace["marker"]["pattern"]["shape"] == theme.STATUS_PATTERNS["estimated"]


def test_lower_bounds_point_upwards_in_the_model_count_chart(data, rendered_charts):
    fig = figure(rendered_charts[("china-model-count", "en", "light")])
    points = next(tr for tr in fig["data"] if tr.get("hovertext"))
    assert all(s.startswith("triangle-up") for s in points["marker"]["symbol"])
    arrows = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    rows = [r for r in data.figures.values() if r["group"] == "china-model-count"]
    assert len(arrows) == sum(r["bound"] == "at-least" for r in rows)


# --- the small sample dataset ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_chart_functions_work_on_the_small_sample_dataset(sample_dataset, lang):
    line = timeline.build(sample_dataset, lang, "light")
    assert len(line.table.rows) == 1
    over_time = params_over_time.build(sample_dataset, lang, "dark")
    assert [row[0] for row in over_time.table.rows] == ["GPT-2", "GPT-3"]
    cost = training_cost.build(sample_dataset, lang, "light")
    assert cost.table.rows[0][4] == formats.format_usd(4.6e6, lang)


def test_a_chart_whose_figures_are_missing_fails_naming_the_group(sample_dataset):
    with pytest.raises(ChartError, match="emergence-threshold"):
        param_scale.build(sample_dataset, "en", "light")


def test_a_figure_in_another_unit_than_its_chart_fails_naming_the_row_and_both_units(data):
    broken = copy.deepcopy(data)
    row = next(r for r in broken.figures.values() if r["group"] == "training-cost")
    row["unit"] = "count"
    with pytest.raises(ChartError, match=rf"'{row['id']}'.*unit usd, not count"):
        training_cost.build(broken, "en", "light")


def test_a_model_known_only_to_the_year_is_marked_as_such_in_its_hover(sample_dataset):
    text = " ".join(hovers(figure(params_over_time.build(sample_dataset, "en", "light"))))
    assert "2019 (year only)" in text


def test_a_value_from_an_external_reference_says_so_in_its_hover(sample_dataset):
    text = " ".join(hovers(figure(params_over_time.build(sample_dataset, "en", "light"))))
    assert "from an external reference: Language Models are Few-Shot Learners" in text.replace("<br>", " ")


def test_an_unknown_chart_language_or_scheme_is_an_error_listing_the_valid_ones(sample_dataset):
    with pytest.raises(ValueError, match="timeline"):
        render(sample_dataset, "pie", "en", "light")
    with pytest.raises(ValueError, match="zh"):
        render(sample_dataset, "timeline", "fr", "light")
    with pytest.raises(ValueError, match="dark"):
        render(sample_dataset, "timeline", "en", "sepia")


def test_an_event_out_of_the_window_is_listed_in_the_caption_not_dropped_silently(tmp_path):
    rows = sample_rows()
    rows["events"].append(
        dict(rows["events"][0], id="too-early", date="2012", title_en="Too early", models="")
    )
    data = load_dataset(write_dataset(tmp_path / "data", rows))
    assert "Too early (2012)" in timeline.build(data, "en", "light").caption


def test_chart_modules_contain_no_user_visible_chinese():
    """Words live in charts/i18n.py; a chart module with Chinese in it has bypassed the table."""
    for path in sorted((PROJECT / "charts" / "figures").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
        docless = re.sub(r'"""(.|\n)*?"""', "", code)
        assert not CJK.search(docless), path.name


def test_every_chart_module_is_registered(data):
    modules = {p.stem.replace("_", "-") for p in Path(PROJECT / "charts" / "figures").glob("[!_]*.py")}
    assert modules == set(CHART_IDS) - set(CONTEXT_VIEWS)
    assert set(CONTEXT_VIEWS.values()) <= modules


def test_counts_of_one_value_a_day_apart_share_one_label_naming_both(data):
    """Robin Li's '200+' and Shendu's own '200+' estimate sit on the same spot: one label, both named."""
    for lang in ("zh", "en"):
        chart = render(data, "china-model-count", lang, "light")
        texts = [html.unescape(text.replace("<br>", " ")) for text in chart.figure.data[0].text]
        rows = [r for r in data.figures.values() if r["group"] == "china-model-count" and r["value"] == 200]
        assert len(rows) == 2
        naming = [text for text in texts if all(row[f"measure_{lang}"] in text for row in rows)]
        assert len(naming) == 1, texts
        assert texts.count("") == 1


def test_label_groups_cover_each_row_once():
    date = load_dataset(PROJECT / "data").figures["china-models-2023-05"]["date"]
    rows = [
        {"value": 200, "bound": "at-least", "date": date},
        {"value": 200, "bound": "at-least", "date": date},
    ]
    rows.append({"value": 79, "bound": "at-least", "date": date})
    assert china_model_count.label_groups(rows) == [[0, 1], [], [2]]


def test_callouts_never_overlap_each_other_or_a_marker_and_stay_inside_the_plot():
    frame = labels.Frame(300, 200, 0, 10, 0, 10)
    points = [(9.0 + i * 0.1, 5 + (i % 3) * 0.2) for i in range(8)]
    placed = labels.place_callouts(points, [(f"event {i}",) for i in range(8)], frame, font_size=11)
    boxes = [c.box for c in placed if c]
    assert len(boxes) == 8
    markers = [(px - 6, py - 6, px + 6, py + 6) for px, py in (frame.to_px(x, y) for x, y in points)]
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= frame.width and box[3] <= frame.height
        assert not any(labels._overlaps(box, other) for other in boxes[i + 1 :] + markers)


# --- the layer beyond the articles ----------------------------------------------------------------


def test_price_cuts_plots_every_external_price_in_announcement_order_with_its_old_price(
    data, rendered_charts
):
    prices = sorted(data.external_prices.values(), key=lambda r: r["date"].as_datetime())
    for lang in LANGS:
        chart = rendered_charts[("price-cuts", lang, "light")]
        assert chart.rows["external_prices"] == tuple(r["id"] for r in prices)
        assert chart.source_ids == () and set(chart.reference_ids) == {r["ref"] for r in prices}
        traces = {t["name"]: t for t in figure(chart)["data"] if t.get("name")}
        after = traces[i18n.t("price_cuts.after", lang)]
        assert after["x"] == [r["input_after"] for r in prices]
        assert i18n.t("price.free", lang) in after["text"]  # a price of 0 reads as free, not "0"
        before = traces[i18n.t("price_cuts.before", lang)]
        assert before["x"] == [r["input_before"] for r in prices if r["input_before"] is not None]
        assert all("‡" in text for text in after["hovertext"])


def test_a_source_line_names_few_external_publishers_and_counts_many(data):
    loc = locale_of("en")
    refs = list(dict.fromkeys(r["ref"] for r in data.external_events.values()))
    few = chart_module.caption(data, (), loc, external_reference_ids=refs[:1], external_rows=1)
    assert (
        few.startswith("Sources, all beyond the articles (‡): ")
        and str(data.references[refs[0]]["published"].year) in few
    )
    many = chart_module.caption(data, ["shendu"], loc, external_reference_ids=refs, external_rows=42)
    assert "The 42 items marked ‡ draw on sources beyond the articles" in many
    with pytest.raises(ChartError, match="at least one source article or external reference"):
        chart_module.caption(data, (), loc)


@pytest.mark.parametrize("view", list(CONTEXT_VIEWS))
def test_a_context_view_adds_the_rows_beyond_the_articles_each_marked_and_the_legend_says_so(
    rendered_charts, view
):
    base = CONTEXT_VIEWS[view]
    for lang in LANGS:
        own, chart = rendered_charts[(base, lang, "light")], rendered_charts[(view, lang, "light")]
        beyond = [key for table in EXTERNAL_TABLES for key in chart.rows[table]]
        assert beyond and not any(own.rows[table] for table in EXTERNAL_TABLES)
        assert {t: chart.rows[t] for t in ARTICLE_TABLES} == {t: own.rows[t] for t in ARTICLE_TABLES}
        source = chart.table.headers.index(i18n.t("table.source", lang))
        assert sum(row[source].startswith("‡") for row in chart.table.rows) == len(beyond)
        fig = figure(chart)
        assert sum("‡" in text for text in hovers(fig)) == len(beyond)
        legend = [t["name"] for t in fig["data"] if t.get("showlegend") and t.get("name")]
        assert i18n.t("legend.beyond", lang) in legend
        assert "‡" in chart.caption and "‡" not in own.caption


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_image_figure_is_a_valid_figure_though_built_without_checking_it_again(rendered_charts, chart_id):
    """image_figure skips plotly's validation of a figure it copies (a third of the chart plan's
    time): what it makes must be what a validated figure gives, values coerced and all."""
    for lang in ("zh", "en"):
        made = figure_dict(image_figure(rendered_charts[(chart_id, lang, "dark")]))
        assert figure_dict(go.Figure(made)) == made
