"""charts/traditional.py: the Traditional Chinese our pages will show, generated from the Simplified
with OpenCC's Taiwan profile, names and published titles kept, and the reviewed table applied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charts.dataset import Dataset
from charts.records import DataError
from charts.traditional import (
    OVERRIDES,
    Converter,
    characters,
    dataset_names,
    load_overrides,
    load_quote_characters,
    our_simplified_text,
    phrase_choices,
    quote_characters,
    taiwan,
)
from hmw_site.generated import QUOTE
from tests.sample_data import PROJECT

# Characters that a context-free conversion would change but that are right where they stand.
BOTH_SCRIPTS = ("阿里", "英里", "里程碑", "中游", "划算", "若干", "批准")


@pytest.fixture(scope="module")
def converter(data: Dataset) -> Converter:
    return Converter(load_overrides(), dataset_names(data))


def test_taiwan_words_replace_mainland_ones(converter: Converter):
    assert converter.convert("软件和信息") == "軟體和資訊"


def test_the_reviewed_table_corrects_what_opencc_gets_wrong(converter: Converter):
    assert taiwan("多少参数") == "多少引數"  # a function's argument
    assert converter.convert("多少参数") == "多少參數"  # a model's parameters


def test_names_keep_their_owners_words_and_change_only_their_characters(converter: Converter):
    assert taiwan("百川智能") == "百川智慧"
    assert converter.convert("百川智能发布了模型") == "百川智能發布了模型"  # 發布: the table
    assert converter.convert("通义千问") == "通義千問"


def test_a_published_title_is_converted_character_by_character():
    title = "《生成式人工智能服务管理暂行办法》"
    assert Converter({}).convert(f"依据{title}") == taiwan("依据") + characters(title)
    assert "人工智能" in characters(title)


def simplified_left(converter: Converter, text: str) -> dict[str, str]:
    """Each character of the converted text that is still Simplified, with its context."""
    converted = converter.convert(text)
    for word in BOTH_SCRIPTS:
        converted = converted.replace(word, "")
    left = sorted({ch for ch in converted if characters(ch) != ch})
    return {ch: converted[max(0, converted.index(ch) - 8) : converted.index(ch) + 8] for ch in left}


@pytest.mark.parametrize("page", sorted((PROJECT / "docs" / "zh").rglob("*.md")), ids=lambda p: p.stem)
def test_no_simplified_character_is_left_on_a_converted_page(converter: Converter, page: Path):
    assert simplified_left(converter, page.read_text(encoding="utf-8")) == {}


def test_no_simplified_character_is_left_in_the_converted_dataset_and_vocabulary(converter: Converter):
    pages = {p.read_text(encoding="utf-8") for p in (PROJECT / "docs" / "zh").rglob("*.md")}
    left = {}
    for text in our_simplified_text():
        if text not in pages:
            left |= simplified_left(converter, text)
    assert left == {}


def test_every_entry_of_the_table_changes_something_we_publish(data: Dataset):
    """The table stays minimal: each entry changes the term itself, or our text where it stands."""
    table, names = load_overrides(), dataset_names(data)
    texts = [text for text in our_simplified_text() if any(term in text for term in table)]
    with_all = Converter(table, names)
    for term in table:
        without = Converter({k: v for k, v in table.items() if k != term}, names)
        changes = [text for text in texts if term in text and with_all.convert(text) != without.convert(text)]
        assert changes, f"{OVERRIDES.name}: {term} changes nothing we publish"


def test_a_quote_entry_picks_a_quotes_character_and_leaves_our_own_words_alone(converter: Converter):
    table = {"卷": "捲"}
    assert quote_characters("别在存量里卷", table) == "別在存量裡捲"
    assert quote_characters("别在存量里卷", {}) == "別在存量裡卷"  # s2tw alone cannot tell
    assert "卷" not in load_overrides() and load_quote_characters()["卷"] == "捲"
    assert converter.convert("卷积") == "卷積"  # prose never takes a quote's entry


def test_every_quote_entry_changes_a_quote_we_publish():
    table = load_quote_characters()
    quoted = [q[1:-1] for text in our_simplified_text() for q in re.findall(QUOTE, text)]
    for term in table:
        without = {k: v for k, v in table.items() if k != term}
        changes = [q for q in quoted if quote_characters(q, table) != quote_characters(q, without)]
        assert changes, f"{OVERRIDES.name}: {term} (in: quotes) changes no quote we publish"


def test_a_quote_entry_must_keep_the_length_and_name_quotes(tmp_path: Path):
    table = tmp_path / "traditional.yaml"
    table.write_text(
        "卷: {hant: 捲, in: quotes, why: ok}\n"
        "奇迹: {hant: 奇蹟了, in: quotes, why: x}\n"
        "里: {hant: 裡, in: prose, why: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_quote_characters(table)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert "奇蹟了" in problems[0] and "as many characters as 奇迹" in problems[0]
    assert "in: prose" in problems[1] and "in: quotes, or no `in`" in problems[1]


def test_a_malformed_entry_is_named_with_its_file_line_and_what_was_expected(tmp_path: Path):
    table = tmp_path / "traditional.yaml"
    table.write_text("参数: {hant: 參數, why: ok}\n算力: 算力\n开源: {hant: 開源}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_overrides(table)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 2
    assert re.search(r"traditional\.yaml:\d+: field '算力': '算力' — .*expected \{hant:", problems[0])
    assert "'开源'" in problems[1]


def test_the_reviewers_list_shows_each_word_opencc_swaps_with_its_context():
    choices = phrase_choices("这个软件支持多少参数？")
    assert ("软件", "軟體") in choices and ("参数", "引數") in choices
    assert "这个软件支持" in choices[("软件", "軟體")][0]


def test_quotation_marks_become_taiwans_corner_brackets_nested_as_taiwan_nests_them(converter: Converter):
    assert converter.convert("深渡自称的“保守的估计”") == "深渡自稱的「保守的估計」"
    assert converter.convert("他说“新规不再看“互联带宽””") == "他說「新規不再看『互連頻寬』」"
    assert converter.convert("原文：「模型」") == "原文：「模型」"
    assert converter.convert("OpenAI’s “GPTs”") == "OpenAI’s 「GPTs」"
