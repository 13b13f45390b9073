"""Shortcodes, data tables and source cards: every number on a page comes from data/, visibly marked."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from charts import formats
from charts.dataset import Dataset, load_dataset
from hmw_site.context import ROW_PAGES, Context, ShortcodeError
from hmw_site.datarefs import source_usage
from hmw_site.fences import render_page
from tests.sample_data import PROJECT, sample_rows, write_dataset

LANGS = ("zh", "en")
OWN_PAGES = ("index.md", "timeline.md", "atlas.md", "glossary.md", "method.md")
ANCHOR_PAGES = {"models": "atlas.md", "events": "timeline.md", "figures": "method.md"}


def context(data: Dataset, lang: str, page: str = "topics/scale.md") -> Context:
    """A rendering context whose links are plain 'target#anchor' strings, easy to assert on."""
    return Context(data=data, lang=lang, page=page, url_for=lambda target, anchor: f"{target}#{anchor}")


def reference_page(data: Dataset, lang: str, page: str) -> str:
    """A page of docs/<lang>/ with its fences and shortcodes rendered, as the plugin does before
    Markdown (what the built site adds, headings' ids and the chart figures, is MkDocs' work)."""
    markdown = (PROJECT / "docs" / lang / page).read_text(encoding="utf-8")
    return render_page(markdown, context(data, lang, page=page))


def link_text(rendered: str) -> str:
    """The visible value of a rendered shortcode, without its mark and screen-reader words."""
    inner = re.search(r"<a [^>]*>(.*?)</a>", rendered, re.DOTALL)
    assert inner, rendered
    text = re.sub(r"<sup.*?</sup>|<span class=\"dataref__sr\">.*?</span>", "", inner.group(1))
    return re.sub(r"<[^>]+>", "", text).replace("&amp;", "&")


# --- shortcodes -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_parameter_shortcode_shows_the_count_formatted_for_the_page_language(
    sample_dataset: Dataset, lang: str
):
    rendered = render_page("[[models:gpt-2:params]]", context(sample_dataset, lang))
    assert link_text(rendered) == formats.format_params(1.5, lang, long=True)
    assert 'href="atlas.md#model-gpt-2"' in rendered


@pytest.mark.parametrize("lang", LANGS)
def test_a_figure_shortcode_shows_its_value_and_links_to_its_row_on_the_method_page(
    sample_dataset: Dataset, lang: str
):
    rendered = render_page("[[figures:gpt3-training-cost]]", context(sample_dataset, lang))
    row = sample_dataset.figures["gpt3-training-cost"]
    assert link_text(rendered) == formats.format_value(row["value"], row["unit"], lang, bound=row["bound"])
    assert 'href="method.md#figure-gpt3-training-cost"' in rendered


@pytest.mark.parametrize("lang", LANGS)
def test_dates_keep_the_precision_the_article_gives(sample_dataset: Dataset, lang: str):
    rendered = render_page("[[events:gpt-2-release:date]]", context(sample_dataset, lang))
    assert link_text(rendered) == formats.format_date(sample_dataset.events["gpt-2-release"]["date"], lang)
    assert 'href="timeline.md#event-gpt-2-release"' in rendered


def test_the_title_of_a_value_names_its_source_and_status(sample_dataset: Dataset):
    rendered = render_page("[[figures:gpt3-training-cost]]", context(sample_dataset, "en"))
    title = re.search(r'title="([^"]*)"', rendered).group(1)
    assert "Shendu Cross" in title and "reported" in title


def test_a_disputed_value_carries_a_visible_mark_and_its_note(tmp_path: Path):
    rows = sample_rows()
    rows["models"][0].update(
        params_status="disputed", note_zh="传闻，未经证实。", note_en="A rumour, unconfirmed."
    )
    data = load_dataset(write_dataset(tmp_path / "data", rows))
    for lang, word in (("zh", "存疑"), ("en", "disputed")):
        rendered = render_page("[[models:gpt-2:params]]", context(data, lang))
        assert 'class="dataref__mark dataref__mark--disputed"' in rendered and ">?</sup>" in rendered
        assert word in rendered  # spelled out for screen readers and in the title
        assert ("传闻，未经证实" if lang == "zh" else "A rumour, unconfirmed") in rendered


def test_an_official_value_has_no_mark(sample_dataset: Dataset):
    assert "<sup" not in render_page("[[models:gpt-2:params]]", context(sample_dataset, "zh"))


def test_a_value_from_an_external_reference_is_marked_as_external(sample_dataset: Dataset):
    rendered = render_page("[[models:gpt-3:params]]", context(sample_dataset, "en"))
    assert "dataref__mark--external" in rendered
    assert "Language Models are Few-Shot Learners" in rendered


@pytest.mark.parametrize(
    ("code", "complaint"),
    [
        ("[[models:gpt-5:params]]", "no row 'gpt-5' in data/models.csv"),
        ("[[modles:gpt-2:params]]", "unknown table 'modles'"),
        ("[[models:gpt-2:size]]", "unknown field 'size'"),
        ("[[count:models:XX]]", "unknown filter 'XX'"),
        ("[[models]]", "needs an id"),
        ("[[mark:maybe]]", "mark needs one of"),
    ],
)
def test_an_unknown_shortcode_fails_naming_the_page_and_the_code(
    sample_dataset: Dataset, code: str, complaint: str
):
    with pytest.raises(ShortcodeError) as caught:
        render_page(f"Text {code} text", context(sample_dataset, "zh", page="topics/compute.md"))
    message = str(caught.value)
    assert "topics/compute.md" in message and code in message and complaint in message


def test_a_field_the_row_leaves_empty_fails_rather_than_printing_nothing(sample_dataset: Dataset):
    with pytest.raises(ShortcodeError, match="has no context_tokens"):
        render_page("[[models:gpt-2:context]]", context(sample_dataset, "en"))


def test_shortcodes_inside_code_spans_and_fences_are_left_as_written(sample_dataset: Dataset):
    markdown = "Write `[[models:nope:params]]` like this:\n\n```text\n[[figures:nope]]\n```\n"
    assert render_page(markdown, context(sample_dataset, "en")) == markdown


@pytest.mark.parametrize("lang", LANGS)
def test_counts_follow_the_dataset(sample_dataset: Dataset, lang: str):
    assert link_text(render_page("[[count:models]]", context(sample_dataset, lang))) == formats.format_value(
        2, "count", lang
    )
    us = render_page("[[count:models:US]]", context(sample_dataset, lang))
    assert link_text(us) == formats.format_value(2, "count", lang)
    none = render_page("[[count:models:CN]]", context(sample_dataset, lang))
    assert link_text(none) == formats.format_value(0, "count", lang)


# --- fences -----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["models", "events", "figures"])
def test_a_datatable_writes_an_anchor_for_every_row(data: Dataset, table: str):
    ctx = context(data, "en", page=ANCHOR_PAGES[table])
    html = render_page(f"```datatable\n{table}\n```\n", ctx)
    prefix = ROW_PAGES[table][1]
    ids = re.findall(r'<tr id="([^"]+)"', html)
    assert ids and sorted(ids) == sorted(prefix + key for key in data.table(table))


@pytest.mark.parametrize("table", ["models", "events", "figures"])
def test_a_datatable_is_one_balanced_block_kept_out_of_the_glossary(data: Dataset, table: str):
    html = render_page(f"```datatable\n{table}\n```\n", context(data, "en", page=ANCHOR_PAGES[table]))
    table_id = ROW_PAGES[table][2]
    assert re.search(rf'<div class="datatable datatable--{table}" id="{table_id}" data-no-glossary', html)
    for tag in ("div", "table", "tr", "td", "th"):
        assert html.count(f"<{tag}>") + html.count(f"<{tag} ") == html.count(f"</{tag}>"), tag


@pytest.mark.parametrize("lang", LANGS)
def test_each_datatable_row_shows_its_source_quote_and_status(sample_dataset: Dataset, lang: str):
    html = render_page("```datatable\nfigures\n```\n", context(sample_dataset, lang, page="method.md"))
    row = sample_dataset.figures["gpt3-training-cost"]
    assert row["quote"] in html  # the original Chinese, on both language versions
    assert (escape(row["quote_en"]) in html) == (lang == "en")
    assert "dataref-status--reported" in html
    assert "sources/shendu.md" in html


def test_the_event_list_has_a_heading_per_year_and_an_anchor_per_event(data: Dataset):
    """… and the timeline page of each language shows it under the timeline chart."""
    years = sorted({row["date"].year for row in data.events.values()})
    for lang in LANGS:
        markdown = render_page("```eventlist\n```\n", context(data, lang, page="timeline.md"))
        assert re.findall(r"^## .*\{#year-(\d{4})\}$", markdown, re.MULTILINE) == [str(y) for y in years]
        assert sorted(re.findall(r'<li id="event-([^"]+)"', markdown)) == sorted(data.events)
        page = reference_page(data, lang, "timeline.md")
        assert markdown.strip() in page and "```chart\ntimeline\n```" in page, lang


def test_the_same_table_twice_on_one_page_fails(sample_dataset: Dataset):
    with pytest.raises(ShortcodeError, match="written twice"):
        render_page("```datatable\nmodels\n```\n\n```datatable\nmodels\n```\n", context(sample_dataset, "zh"))


def test_an_unknown_datatable_or_source_card_argument_fails(sample_dataset: Dataset):
    with pytest.raises(ShortcodeError, match="datatable body 'model'"):
        render_page("```datatable\nmodel\n```\n", context(sample_dataset, "en"))
    with pytest.raises(ShortcodeError, match="source-card body 'nowhere'"):
        render_page("```source-card\nnowhere\n```\n", context(sample_dataset, "en"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_source_card_is_built_from_the_sources_table_and_lists_the_pages_using_it(
    sample_dataset: Dataset, lang: str
):
    pages = {
        "topics/business.md": "See [the summary](../sources/shendu.md).",
        "topics/scale.md": "GPT-2 had [[models:gpt-2:params]].",
        "topics/compute.md": "Nothing from that article.",
    }
    ctx = context(sample_dataset, lang, page="sources/shendu.md")
    ctx.usage = source_usage(pages, sample_dataset)
    card = render_page("```source-card\nshendu\n```\n", ctx)
    source = sample_dataset.sources["shendu"]
    assert source["title_zh"] in card and source["outlet_zh"] in card
    assert formats.format_date(source["date"], lang) in card
    assert source[f"date_evidence_{lang}"] in card
    assert "topics/business.md" in card and "topics/scale.md" in card and "topics/compute.md" not in card


@pytest.mark.parametrize("lang", LANGS)
def test_the_schema_fence_lists_every_table_and_column(data: Dataset, lang: str):
    markdown = render_page("```schema\n```\n", context(data, lang, page="method.md"))
    for table, spec in data.schema.items():
        assert f"{{#schema-{table}}}" in markdown
        for column in spec["columns"]:
            assert f"<code>{column}</code>" in markdown, f"{table}.{column}"
    assert markdown.strip() in reference_page(data, lang, "method.md")  # the method page shows it


# --- the pages this helper writes -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", OWN_PAGES)
def test_each_reference_page_renders_against_the_real_dataset(data: Dataset, lang: str, page: str):
    assert "[[" not in reference_page(data, lang, page).replace("`[[", "")
