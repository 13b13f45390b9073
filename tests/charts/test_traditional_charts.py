"""Charts in Traditional Chinese (zh-Hant): made from the Simplified charts' sources by conversion,
never written by hand: the words, the numbers' units, the dataset's text and the citations converted,
the quotes in Traditional characters (the Traditional article's as it wrote them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charts import formats, i18n, quotes
from charts.build import CHART_IDS
from charts.chart import Chart
from charts.dataset import Dataset, PartialDate
from charts.locale import locale_of
from charts.registry import render
from charts.serialize import figure_dict
from charts.traditional import characters, converter, load_overrides
from tests.charts.test_build_cli import run
from tests.helpers import simplified_left

HANT = "zh-Hant"
GUANGZHUI = "guangzhui"  # the article written in Traditional characters


@pytest.fixture(scope="module")
def hant(data: Dataset) -> dict[str, Chart]:
    return {cid: render(data, cid, HANT, "light") for cid in CHART_IDS}


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in strings(item)]
    return []


def texts_of(chart: Chart) -> list[str]:
    """Every text a reader of the chart sees: the figure's, the table's, the title and captions."""
    return strings(figure_dict(chart.figure)) + strings(
        [
            chart.title,
            chart.subtitle,
            chart.caption,
            chart.alt,
            chart.notes,
            chart.table.headers,
            chart.table.rows,
        ]
    )


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_reads_in_traditional_characters(hant: dict[str, Chart], chart_id: str):
    left = [context for text in texts_of(hant[chart_id]) for context in simplified_left(text)]
    assert left == []


def test_a_traditional_chart_says_what_the_simplified_one_says(hant: dict[str, Chart], data: Dataset):
    for chart_id, chart in hant.items():
        simplified = render(data, chart_id, "zh", "light")
        assert chart.title == converter().convert(simplified.title)
        assert chart.lang == HANT and chart.source_ids == simplified.source_ids
        assert len(chart.table.rows) == len(simplified.table.rows)
        assert chart.rows == simplified.rows


def test_names_keep_their_owners_words(hant: dict[str, Chart], data: Dataset):
    """A name changes its characters only, unless the reviewed table names it otherwise."""
    text = "\n".join(t for chart in hant.values() for t in texts_of(chart))
    reviewed = load_overrides()
    assert "百川智慧" not in text  # s2twp's word for 百川智能's 智能
    for model in data.models.values():
        if model["name_zh"] in "\n".join(strings(render(data, "param-scale", "zh", "light").table.rows)):
            assert reviewed.get(model["name_zh"], characters(model["name_zh"])) in text


def test_large_numbers_use_yi_and_wanyi_as_the_simplified_do():
    assert formats.format_params(1800, HANT) == formats.format_params(1800, "zh").replace("万亿", "萬億")
    assert "萬億" in formats.format_params(1800, HANT)
    assert "億" in formats.format_params(7, HANT)
    assert formats.format_date(PartialDate.parse("2023-05-06"), HANT) == "2023年5月6日"


def test_quotes_are_in_traditional_characters_marked_when_converted(data: Dataset):
    mark = i18n.t("quote.converted", HANT)
    assert mark == "（據簡體原文轉換）"
    for model in data.models.values():
        shown = quotes.marked_reading(model["quote"], "Hant")
        if model["source"] == GUANGZHUI:
            assert not shown.endswith(mark)
            assert shown == quotes.punctuated(model["quote"])  # the article's own characters
        elif characters(model["quote"]) != model["quote"]:
            assert shown == quotes.punctuated(characters(model["quote"])) + mark  # no word swapped


def test_a_quote_keeps_the_articles_words_where_the_prose_takes_taiwans():
    assert quotes.reading("这款软件", "Hant") == "這款軟件"
    assert converter().convert("这款软件") == "這款軟體"


def test_a_generated_language_takes_its_words_from_its_source_unless_given_its_own():
    assert i18n.t("hover.source", HANT, source="光錐智能") == "來源：光錐智能"
    assert i18n.t("quote.converted", HANT) != converter().convert(i18n.t("quote.converted", "zh"))
    assert i18n.missing_keys({"x": {"zh": "甲", "en": "x"}}) == []  # no zh-Hant text needed
    assert locale_of(HANT).html_lang == "zh-Hant" and locale_of(HANT).columns == "zh"


def test_build_charts_writes_every_traditional_chart_in_the_text_formats(tmp_path: Path):
    out = tmp_path / "charts"
    result = run("--out", str(out), "--langs", HANT, "--formats", "json,html,csv", "--no-progress")
    assert result.returncode == 0, result.stderr
    for chart_id in CHART_IDS:
        names = {p.name for p in (out / HANT / chart_id).iterdir()}
        assert {f"{chart_id}-{HANT}-light.json", f"{chart_id}-{HANT}.csv", f"{chart_id}-{HANT}.html"} <= names
        meta = json.loads(
            (out / HANT / chart_id / f"{chart_id}-{HANT}.meta.json").read_text(encoding="utf-8")
        )
        assert meta["lang"] == HANT
        assert (
            simplified_left(meta["title"] + meta["caption"] + json.dumps(meta["table"], ensure_ascii=False))
            == []
        )


@pytest.mark.parametrize("lang", ["zh", HANT])
def test_the_converted_mark_follows_the_quotation_marks_never_inside_them(data: Dataset, lang: str):
    mark = i18n.t("quote.converted", lang)
    hovers = [
        text
        for chart_id in CHART_IDS
        for text in strings(figure_dict(render(data, chart_id, lang, "light").figure))
    ]
    assert any(f"」{mark}" in text for text in hovers)
    assert not any(f"{mark}」" in text for text in hovers)
