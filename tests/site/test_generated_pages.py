"""A generated language's pages (hmw_site/generated.py): the Simplified Markdown converted as the build
reads it — prose in Taiwan's words, quotes by character with a note saying so (or in the dataset's
Traditional original), markup left as it is and code with only its Chinese converted."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from charts.locale import locale_of
from hmw_site.generated import (
    GeneratedPages,
    Originals,
    converted_config,
    converted_markdown,
    converted_note,
)

HANT = locale_of("zh-Hant")
NONE = Originals(())
NOTE = converted_note("zh-Hant")


def hant(markdown: str, originals: Originals = NONE) -> str:
    return converted_markdown(markdown, HANT, originals)


def without_note(markdown: str) -> str:
    """A converted page without the note on its quotes."""
    converted = hant(markdown)
    assert converted.endswith(NOTE)
    return converted.removesuffix(NOTE)


def test_prose_takes_taiwans_words_but_a_quote_only_changes_its_characters():
    assert hant("这个软件的信息") == "這個軟體的資訊"
    assert without_note("他说“这个软件的信息”") == "他說「這個軟件的信息」"


def test_a_page_that_converts_a_quote_ends_with_a_note_saying_how():
    assert hant("他说“软件”，又说“软件”。") == f"他說「軟件」，又說「軟件」。{NOTE}"
    assert "逐字轉成繁體" in NOTE and "不改用詞" in NOTE


@pytest.mark.parametrize(
    "markdown",
    [
        "他说软件",  # no quote
        "他说“大力”",  # the same characters in both scripts: nothing was converted
        "见 `“软件”`",  # code, not prose
    ],
)
def test_no_note_where_no_quote_was_converted(markdown: str):
    assert NOTE not in hant(markdown)


def test_quotation_marks_become_corner_brackets_nested_as_taiwan_nests_them():
    assert without_note("“外面“里面”外面”") == "「外面『裡面』外面」"


def test_names_and_published_titles_keep_their_owners_words():
    assert hant("百川智能发布了模型").startswith("百川智能")
    assert "《大模型竞赛，赛点在哪？》" not in hant("见《大模型竞赛，赛点在哪？》")
    assert "《大模型競賽，賽點在哪？》" in hant("见《大模型竞赛，赛点在哪？》")


@pytest.mark.parametrize(
    "kept",
    [
        "[[models:gpt-4:params]]",
        "[时间线](../timeline.md#chart-timeline)",
        '<span class="x" data-note="软件">',
        "{#card}",
        "`python build_charts.py --langs zh`",
    ],
)
def test_shortcodes_links_tags_attribute_lists_and_code_syntax_are_left_as_they_are(kept: str):
    converted = hant(f"软件 {kept} 软件")
    target = kept.split("](", 1)[-1] if kept.startswith("[") else kept
    assert target in converted
    assert converted.startswith("軟體") and converted.endswith("軟體")


def test_code_keeps_its_syntax_and_takes_the_languages_chinese_and_files():
    fence = '```html\n<h2>大事记</h2>\n<iframe data-src="timeline-zh.html" title="大事记">\n```\n'
    expected = '```html\n<h2>大事記</h2>\n<iframe data-src="timeline-zh-Hant.html" title="大事記">\n```\n'
    assert hant(fence) == expected
    code = "写到 `build/charts/<语言>/<图表>/`，`?lang=zh`"
    assert hant(code) == "寫到 `build/charts/<語言>/<圖表>/`，`?lang=zh`"


def test_a_quote_the_dataset_holds_in_a_traditional_original_shows_the_originals_characters():
    originals = Originals(["他認為,涌現能力是參數量的結果。"])
    assert hant("光锥智能说“涌现能力”", originals) == "光錐智能說「涌現能力」"  # as written: no note
    # Without the original, character by character: OpenCC's standard form, 湧, and the note.
    assert hant("光锥智能说“涌现能力”") == f"光錐智能說「湧現能力」{NOTE}"


def test_a_link_to_a_file_of_the_source_language_links_the_generated_languages_own():
    converted = hant("[演示文稿](assets/charts/deck-zh.pptx)和 `timeline-zh.html`")
    assert "(assets/charts/deck-zh-Hant.pptx)" in converted
    assert "`timeline-zh-Hant.html`" in converted  # the example a Traditional reader's bundle holds
    deed = hant("[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hans)")
    assert deed.endswith("deed.zh-hant)")


def test_a_pages_front_matter_is_converted_with_its_body(data):
    source = "---\ntitle: 光锥智能：国产大模型“摸着 OpenAI 过河”\n---\n\n# 软件\n"
    converted = GeneratedPages(HANT, data).source(source)
    assert converted == "---\ntitle: 光錐智能：中國大模型「摸著 OpenAI 過河」\n---\n\n# 軟體\n"


def test_the_configurations_words_are_converted_and_its_paths_kept():
    config = {
        "site_name": "百模大战",
        "site_description": "中英双语解读站",
        "site_author": "百模大战 · The Hundred-Model War",
        "copyright": "文字与数据采用 CC BY 4.0 许可",
        "mdx_configs": {"toc": {"permalink_title": "本节链接"}},
    }
    namespace = SimpleNamespace(
        nav=[{"首页": "index.md"}, {"文章摘要": ["sources/index.md"]}],
        theme={"palette": [{"toggle": {"name": "切换到深色模式", "icon": "material/weather-night"}}]},
        mdx_configs=config["mdx_configs"],
    )

    class Config(dict):
        def __getattr__(self, name):
            return getattr(namespace, name)

        def __setattr__(self, name, value):
            setattr(namespace, name, value)

    converted = Config(config)
    converted_config(converted, HANT)
    assert converted["site_name"] == "百模大戰"
    assert converted["site_author"] == "百模大戰 · The Hundred-Model War"
    assert namespace.nav == [{"首頁": "index.md"}, {"文章摘要": ["sources/index.md"]}]
    assert namespace.theme["palette"][0]["toggle"] == {
        "name": "切換到深色模式",
        "icon": "material/weather-night",
    }
    assert config["mdx_configs"]["toc"]["permalink_title"] == "本節連結"
