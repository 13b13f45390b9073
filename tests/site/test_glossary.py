"""The glossary: enough terms, defined in both languages, linked to the pages that use them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charts.glossary import load_glossary
from charts.records import DataError
from hmw_site.glossary import render_glossary, term_uses, wrap_terms
from hmw_site.markdown import read_pages
from tests.sample_data import PROJECT

GLOSSARY = PROJECT / "data" / "glossary.yaml"
LANGS = ("zh", "en")
# Terms the content issue names; each must be in the glossary under its Chinese or English name.
REQUIRED_TERMS = (
    "语元", "涌现", "幻觉", "对齐", "RLHF", "RAG", "外挂知识库", "检索增强", "百模大战", "MaaS", "Agent",
    "上下文窗口", "参数", "预训练", "微调", "指令学习", "提示词", "提示工程师", "多模态", "Transformer",
    "开源", "开放权重", "闭源", "算力", "CUDA", "昇腾910", "知识图谱", "知识增强", "AGI", "AI原生应用",
    "套壳", "私有化部署", "思维链", "上下文学习", "梯度下降", "反向传播", "Chinchilla 最优", "实例性模型",
    "多轮对话", "基座模型", "行业大模型", "千帆", "监督精调",
)  # fmt: skip


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY)


def test_the_glossary_has_at_least_forty_terms_each_defined_in_both_languages(glossary):
    assert len(glossary.terms) >= 40
    for term in glossary.terms:
        assert term.definitions["zh"] and term.definitions["en"], term.id
        assert re.search(r"[\u4e00-\u9fff]", term.definitions["zh"]), (
            f"{term.id}: zh definition is not Chinese"
        )
        chinese = re.findall(r"[\u4e00-\u9fff]", term.definitions["en"])
        assert len(chinese) <= 6, f"{term.id}: the English definition is mostly Chinese"


def test_every_term_the_content_issue_names_is_in_the_glossary(glossary):
    known = " ".join(
        " ".join([*term.names.values(), *term.aliases["zh"], *term.aliases["en"]]) for term in glossary.terms
    )
    missing = [name for name in REQUIRED_TERMS if name not in known]
    assert not missing


def test_definitions_are_short(glossary):
    for term in glossary.terms:
        assert len(re.findall(r"[。！？]", term.definitions["zh"])) <= 2, term.id
        assert len(re.findall(r"[.!?](?:\s|$)", term.definitions["en"])) <= 2, term.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_links_to_a_page_that_uses_or_explains_it(glossary, lang: str):
    pages = read_pages(PROJECT / "docs" / lang)
    uses = term_uses(glossary, pages, lang)
    for term in glossary.terms:
        for page in term.related:
            assert page in pages, f"{term.id}: related page {page} does not exist in docs/{lang}"
        assert term.related or uses[term.id], f"{term.id} is linked to no page"


def test_a_term_no_page_uses_says_so_on_the_glossary_page(glossary):
    lonely = glossary.terms[0]
    bare = type(lonely)(lonely.id, lonely.category, lonely.names, lonely.aliases, lonely.definitions, ())
    lone = type(glossary)(glossary.categories, (bare,))
    html = render_glossary(lone, "en", {bare.id: []}, {}, lambda page: page)
    assert "No other page on this site uses this term yet" in html


def test_the_glossary_page_lists_the_pages_that_use_a_term(glossary):
    pages = {"topics/x.md": "Models sometimes hallucinate.", "topics/y.md": "Nothing here."}
    uses = term_uses(glossary, pages, "en")
    assert uses["hallucination"] == ["topics/x.md"]
    html = render_glossary(glossary, "en", uses, {"topics/x.md": "Topic X"}, lambda page: "../" + page)
    entry = re.search(r'id="term-hallucination".*?</div>', html, re.DOTALL).group(0)
    assert 'href="../topics/x.md">Topic X</a>' in entry


def test_usage_ignores_code_link_targets_and_headings(glossary):
    pages = {"a.md": "# Hallucination\n\n`hallucination` and [a link](hallucination.md)\n"}
    assert term_uses(glossary, pages, "en")["hallucination"] == []


# --- hover definitions in page content -------------------------------------------------------


def test_the_first_occurrence_is_a_focusable_link_and_later_ones_are_abbr(glossary):
    html = wrap_terms("<p>幻觉很常见。幻觉难以根除。</p>", glossary, "zh", "../glossary/")
    assert html.count('<a class="gloss" href="../glossary/#term-hallucination"') == 1
    assert html.count('<abbr class="gloss"') == 1
    assert 'title="幻觉（hallucination）：' in html


def test_headings_links_code_and_data_tables_are_left_alone(glossary):
    html = (
        "<h2>幻觉</h2><p><a href='x'>幻觉</a> <code>幻觉</code></p>"
        "<div data-no-glossary><p>幻觉</p></div><figure><p>幻觉</p></figure>"
    )
    assert wrap_terms(html, glossary, "zh", "g/") == html


def test_a_stray_closing_tag_does_not_end_a_data_table_early(glossary):
    html = "<div data-no-glossary></p><table><tr><td>幻觉</td></tr></table></div><p>幻觉</p>"
    wrapped = wrap_terms(html, glossary, "zh", "g/")
    assert "<td>幻觉</td>" in wrapped
    assert wrapped.count('class="gloss"') == 1


def test_the_longest_alias_wins(glossary):
    html = wrap_terms("<p>外挂知识库与知识图谱</p>", glossary, "zh", "g/")
    assert "#term-rag" in html and ">外挂知识库</a>" in html
    html = wrap_terms("<p>检索增强生成</p>", glossary, "zh", "g/")
    assert "#term-rag" in html and "#term-search-augmentation" not in html


def test_latin_aliases_match_whole_words_only(glossary):
    assert "gloss" not in wrap_terms("<p>DRAGONS and RAGE</p>", glossary, "en", "g/")
    assert "#term-rag" in wrap_terms("<p>Use RAG here.</p>", glossary, "en", "g/")
    assert "#term-rag" in wrap_terms("<p>中文里的RAG方案</p>", glossary, "zh", "g/")


def test_lowercase_english_aliases_match_capitals_and_plurals(glossary):
    html = wrap_terms("<p>Tokens are small. A token is a piece.</p>", glossary, "en", "g/")
    assert ">Tokens</a>" in html and ">token</abbr>" in html


def test_an_alias_claimed_by_two_terms_is_refused(tmp_path: Path):
    text = GLOSSARY.read_text(encoding="utf-8").replace("aliases_zh: [幻觉]", "aliases_zh: [幻觉, 语元]")
    (tmp_path / "glossary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(
        DataError, match=r"glossary.yaml:\d+: field 'aliases_zh': '语元' — expected an alias of one"
    ):
        load_glossary(tmp_path / "glossary.yaml")


def test_the_glossary_file_holds_no_quotes():
    """check_quotes.py reads every YAML file in data/: our definitions are our own words, not quotes."""
    assert not re.search(r"^\s*(quote|\w+_quote):", GLOSSARY.read_text(encoding="utf-8"), re.MULTILINE)
