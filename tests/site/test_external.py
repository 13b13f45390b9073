"""The external layer on a page: every value from outside the five articles is marked ‡, links to its
row on the context page, and every row shows the reference it rests on, in the reader's language."""

from __future__ import annotations

import re

import pytest

from charts import formats
from charts.dataset import Dataset
from hmw_site.context import ROW_PAGES, Context, ShortcodeError
from hmw_site.fences import render_page

LANGS = ("zh", "en")
EXTERNAL = ("external_models", "external_events", "external_prices")
MARK = "dataref__mark--external"


def context(data: Dataset, lang: str, page: str = "context.md") -> Context:
    return Context(data=data, lang=lang, page=page, url_for=lambda target, anchor: f"{target}#{anchor}")


def rows_of(html: str) -> dict[str, str]:
    """Each table row's id and its HTML."""
    return dict(re.findall(r'<tr id="([^"]+)"(.*?)</tr>', html, re.DOTALL))


def visible(html: str) -> str:
    text = re.sub(r"<sup.*?</sup>|<span class=\"dataref__sr\">.*?</span>", "", html)
    return re.sub(r"<[^>]+>", "", text).replace("&amp;", "&")


@pytest.mark.parametrize("table", EXTERNAL)
@pytest.mark.parametrize("lang", LANGS)
def test_every_external_row_is_shown_anchored_with_its_mark_and_its_reference(
    data: Dataset, table: str, lang: str
):
    html = render_page(f"```datatable\n{table}\n```\n", context(data, lang))
    prefix = ROW_PAGES[table][1]
    rows = rows_of(html)
    assert sorted(rows) == sorted(prefix + key for key in data.table(table))
    for anchor, row_html in rows.items():
        row = data.table(table)[anchor.removeprefix(prefix)]
        assert MARK in row_html, anchor
        assert f'href="{data.references[row["ref"]]["url"]}"' in row_html, anchor
        assert 'class="dataref-quote"' in row_html, anchor


@pytest.mark.parametrize("lang", LANGS)
def test_an_external_value_in_prose_is_formatted_marked_and_linked_to_its_row(
    sample_dataset: Dataset, lang: str
):
    ctx = context(sample_dataset, lang, "index.md")
    rendered = render_page("[[external_models:deepseek-v2:params]]", ctx)
    assert visible(rendered) == formats.format_params(236, lang, long=True)
    assert 'href="context.md#xmodel-deepseek-v2"' in rendered
    assert MARK in rendered and "dataref--external" in rendered
    assert "DeepSeek" in re.search(r'title="([^"]+)"', rendered).group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_a_price_reads_per_million_tokens_and_links_to_its_row(sample_dataset: Dataset, lang: str):
    ctx = context(sample_dataset, lang, "index.md")
    before = render_page("[[external_prices:qwen-long-api:before]]", ctx)
    after = render_page("[[external_prices:qwen-long-api:after]]", ctx)
    assert visible(before) == formats.format_price(20, lang)
    assert visible(after) == formats.format_price(0.5, lang)
    assert 'href="context.md#xprice-qwen-long-api"' in after and MARK in after


def test_an_english_excerpt_is_translated_for_a_chinese_reader_and_quoted_as_is_for_an_english_one(
    sample_dataset: Dataset,
):
    zh = render_page("```datatable\nexternal_models\n```\n", context(sample_dataset, "zh"))
    en = render_page("```datatable\nexternal_models\n```\n", context(sample_dataset, "en"))
    ref = sample_dataset.references["deepseek-v2-readme"]
    assert f'<q class="dataref-quote" lang="zh-Hans">{ref["excerpt_translation"]}</q>' in zh
    assert f'<q class="dataref-quote" lang="en">{ref["excerpt"]}</q>' in zh
    assert ref["excerpt_translation"] not in en
    assert f'<q class="dataref-quote" lang="en">{ref["excerpt"]}</q>' in en


def test_a_traditional_excerpt_reads_in_simplified_on_a_chinese_page_marked_as_converted(
    sample_dataset: Dataset,
):
    zh = render_page("```datatable\nexternal_prices\n```\n", context(sample_dataset, "zh"))
    en = render_page("```datatable\nexternal_prices\n```\n", context(sample_dataset, "en"))
    assert "API输入价格从0.02元/千tokens降至0.0005元/千tokens" in zh
    assert "据繁体原文转换" in zh
    assert '<q class="dataref-quote" lang="zh-Hant">API輸入價格' in zh  # the exact words, one click away
    assert "the API input price falls" in en
    assert '<q class="dataref-quote" lang="zh-Hant">API輸入價格' in en


def test_an_external_shortcode_for_a_missing_value_or_unknown_field_names_the_problem(
    sample_dataset: Dataset,
):
    ctx = context(sample_dataset, "en", "index.md")
    with pytest.raises(ShortcodeError, match=r"unknown field 'size' for external_models"):
        render_page("[[external_models:deepseek-v2:size]]", ctx)
    with pytest.raises(ShortcodeError, match=r"no value for 'output_after'.*external_prices\.csv"):
        render_page("[[external_prices:qwen-long-api:output_after]]", ctx)
    with pytest.raises(ShortcodeError, match=r"no row 'qwen-max' in data/external_prices\.csv"):
        render_page("[[external_prices:qwen-max:after]]", ctx)


@pytest.mark.parametrize("lang", LANGS)
def test_the_atlas_table_lists_both_layers_and_filters_by_origin(data: Dataset, lang: str):
    html = render_page("```datatable\nall_models\n```\n", context(data, lang, "atlas.md"))
    rows = rows_of(html)
    origins = {key: re.search(r'data-origin="(\w+)"', row)[1] for key, row in rows.items()}
    assert {k for k, o in origins.items() if o == "articles"} == {f"model-{m}" for m in data.models}
    assert {k for k, o in origins.items() if o == "external"} == {f"xmodel-{m}" for m in data.external_models}
    assert 'data-filter="origin"' in html
    # A model from beyond the articles is never shown without its mark.
    assert all(MARK in row for key, row in rows.items() if origins[key] == "external")
