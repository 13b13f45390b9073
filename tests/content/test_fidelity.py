"""One truth (issue 9): the dataset, the charts and the pages say the same thing, and say it right.

A contested claim of the articles has one reading everywhere (data/claims.yaml), a thing has one
name, a bound reads as a bound, a label we made up never looks like a published title, and a
Chinese page shows no Traditional character outside the originals it marks as such. Checked here on
the dataset, the pages' Markdown and the writers; tests/built/test_fidelity.py checks the built site.
"""

from __future__ import annotations

import csv
import re
from html import unescape

import pytest

from charts import citation, claims, quotes
from charts import i18n as chart_words
from charts.bundle import _articles
from charts.dataset import Dataset, load_dataset
from charts.deck import source_lines
from hmw_site.context import Context
from hmw_site.fences import render_page
from hmw_site.values import quote_html
from tests.content.rules import prose
from tests.sample_data import PROJECT, sample_rows, write_dataset

LANGS = ("zh", "en")
DATA = PROJECT / "data"
PAGES = sorted(
    (lang, path.relative_to(PROJECT / "docs" / lang).as_posix())
    for lang in LANGS
    for path in (PROJECT / "docs" / lang).rglob("*.md")
)
PAGE_IDS = [f"{lang}/{page}" for lang, page in PAGES]


@pytest.fixture(scope="module")
def registry() -> claims.Registry:
    return claims.load(DATA)


def dataset_texts(data: Dataset) -> list[tuple[str, str, str]]:
    """(where, language, text) for every free-text field of the dataset in either language, the
    verbatim quotes excepted (they are the articles' words, checked against the articles)."""
    out = []
    for table, spec in data.schema.items():
        for column, col in spec["columns"].items():
            lang = column.rsplit("_", 1)[-1]
            if col["type"] != "text" or lang not in LANGS or column.startswith("quote"):
                continue
            for key, row in data.table(table).items():
                if row[column]:
                    out.append((f"data/{spec['file']} {key}.{column}", lang, row[column]))
    return out


# --- the registry of contested claims ---------------------------------------------------------------


def test_every_claim_names_its_articles_its_reading_in_both_languages_and_a_known_reference(data, registry):
    assert len(registry.claims) >= 15
    for claim in registry.claims:
        assert set(claim.sources) <= set(data.sources), claim.id
        assert all(claim.said[lang] and claim.reading[lang] for lang in LANGS), claim.id
        assert all(claim.restated[lang] for lang in LANGS), claim.id
        assert not claim.reference or claim.reference in data.references, claim.id


@pytest.mark.parametrize(("lang", "page"), PAGES, ids=PAGE_IDS)
def test_no_page_states_a_debunked_claim_as_fact(registry, lang, page):
    text = prose((PROJECT / "docs" / lang / page).read_text(encoding="utf-8"))
    assert claims.restatements(text, lang, registry) == []


def test_no_dataset_text_states_a_debunked_claim_as_fact(data, registry):
    found = [
        (where, hit)
        for where, lang, text in dataset_texts(data)
        for hit in claims.restatements(text, lang, registry)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "text", "caught"),
    [
        ("zh", "Meta开源Llama 2并允许商用，但条款限制非英语环境使用。", True),
        ("zh", "百川的Richard说，Llama 2的条款限制非英语环境使用。", False),  # 说 attributes it
        ("zh", "他引用的「它也规定不能使用在非英文环境下」是模型卡的措辞。", False),
        ("zh", "OpenAI开源GPT-2，当时它最大的用途是生成假新闻。", True),
        ("zh", "Falcon 180B于9月7日发布。", True),
        ("en", "LLaMA, 7 to 65 billion parameters trained on 1.4 trillion tokens, beats GPT-3.", True),
        ("en", "The article says LLaMA, 7 to 65 billion parameters, saw 1.4 trillion tokens.", False),
        ("en", "Tongyi Qianwen is a multimodal model.", True),
        ("en", "Its terms do not restrict non-English use.", False),
        ("zh", "微软没有自己的大模型，只把OpenAI的模型接入Office。", True),  # a denial is not excused by 没有
        ("zh", "深渡说微软没有另起炉灶，只把OpenAI的模型接入Office。", False),
    ],
)
def test_the_claim_check_catches_a_restatement_and_lets_a_quote_or_an_attribution_pass(
    registry, lang, text, caught
):
    assert bool(claims.restatements(text, lang, registry)) == caught, claims.restatements(
        text, lang, registry
    )


# --- one name for each thing --------------------------------------------------------------------------


def interface_words() -> list[tuple[str, str, str]]:
    """Every interface string of the charts, the site, the bundles and the decks."""
    table = chart_words.STRINGS
    return [(f"strings.yaml {key}", lang, entry[lang]) for key, entry in table.items() for lang in LANGS]


def test_pages_dataset_and_interface_use_one_name_for_each_thing(data, registry):
    texts = [
        (f"docs/{lang}/{page}", lang, prose((PROJECT / "docs" / lang / page).read_text(encoding="utf-8")))
        for lang, page in PAGES
    ]
    texts += dataset_texts(data) + interface_words()
    found = [(where, use) for where, lang, text in texts for use in claims.variant_uses(text, lang, registry)]
    assert found == []


def test_the_name_check_catches_a_retired_name_but_not_inside_a_quote(registry):
    assert claims.variant_uses("阿尔特曼说", "zh", registry) == [("奥特曼", "阿尔特曼")]
    assert claims.variant_uses("Lightcone AI reported", "en", registry) == [("Guangzhui", "Lightcone")]
    assert claims.variant_uses("原文写作「阿尔特曼」", "zh", registry) == []


# --- bounds and the articles' idiom --------------------------------------------------------------------


def rendered(code: str, data: Dataset, lang: str) -> str:
    ctx = Context(data=data, lang=lang, page="index.md", url_for=lambda target, anchor: f"{target}#{anchor}")
    html = render_page(f"[[{code}]]", ctx)
    return unescape(re.sub(r"<span class=\"dataref__sr\">.*?</span>|<[^>]+>", "", html))


@pytest.mark.parametrize(("lang", "shown"), [("zh", "超过1000亿"), ("en", "over 100 billion")])
def test_a_lower_bound_on_a_parameter_count_reads_as_a_floor_not_an_estimate(data, lang, shown):
    assert data.models["hunyuan"]["params_bound"] == "at-least"
    text = rendered("models:hunyuan:params", data, lang)
    assert text == shown


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("figures:gpt-4-exams", "80%~90%", "80–90%"),
        ("figures:chatgpt-data-share", "三分之一到三分之二", "one third to two thirds"),
        ("figures:ai-native-apps-abroad", "上千", "over a thousand"),
    ],
)
def test_a_figure_keeps_the_articles_idiom_where_it_is_the_honest_form(data, code, zh, en):
    assert rendered(code, data, "zh").rstrip("†≈↗?") == zh
    assert rendered(code, data, "en").rstrip("†≈↗?") == en


def test_a_parameter_count_needs_its_bound_and_a_key_event_its_short_label(tmp_path):
    rows = sample_rows()
    rows["models"][0]["params_bound"] = ""
    rows["events"][0]["label_zh"] = rows["events"][0]["label_en"] = ""
    rows["figures"][0]["wording_zh"] = "近五百万"
    with pytest.raises(Exception) as failure:
        load_dataset(write_dataset(tmp_path / "data", rows))
    message = str(failure.value)
    assert "params_bound" in message and "label_zh" in message and "wording_en" in message


# --- how articles are cited ----------------------------------------------------------------------------


def test_the_untitled_article_is_cited_as_untitled_and_never_in_title_marks(data):
    sputnik = data.sources["sputnik"]
    assert not citation.is_titled(sputnik)
    zh, en = citation.title(sputnik, "zh"), citation.title(sputnik, "en")
    assert "无标题" in zh and "untitled" in en
    assert not re.search(r"[《“\"]", zh + en)
    assert citation.original_title(sputnik) == ""


def test_real_titles_keep_their_published_full_width_punctuation(data):
    for source in data.sources.values():
        if citation.is_titled(source):
            assert not re.search(r"[\u4e00-\u9fff][,?:;!]|[,?:;!][\u4e00-\u9fff]", source["title_zh"]), (
                source["id"]
            )
            assert citation.title(source, "zh") == f"《{source['title_zh']}》"
    assert citation.title(data.sources["zhipu-railway"], "zh") == "《大模型竞赛，赛点在哪？》"


@pytest.mark.parametrize("lang", LANGS)
def test_bundles_and_decks_cite_the_untitled_article_as_untitled(data, lang):
    readme = "\n".join(_articles({"lang": lang, "sources": [{"id": key} for key in data.sources]}, data))
    deck = "\n".join(line.text for line in source_lines(lang, [], data))
    for text in (readme, deck):
        assert citation.title(data.sources["sputnik"], lang) in text
        assert not re.search(
            r"《斯普特尼克评论》|“Sputnik op-ed”|百模竞流|A hundred models in the race", text
        )
        assert "《大模型竞赛，赛点在哪？》" in text


# --- quotes as a Chinese reader sees them ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "reading", "converted"),
    [
        ("其中Chinchilla的模型規模只有70B", "其中Chinchilla的模型规模只有70B", True),
        ("今年3 月16日,百度率先发布了", "今年3月16日，百度率先发布了", False),
        ("上周四(9月7日),世界顶级开源大模型", "上周四（9月7日），世界顶级开源大模型", False),
        ("历经了百模大战、Llama 2 开源、GPTs 发布", "历经了百模大战、Llama 2 开源、GPTs 发布", False),
        ("百川 2 在开源时,也将预训练底座中约 200 步", "百川2在开源时，也将预训练底座中约200步", False),
        ("週一 (7 日) 證實", "周一（7日）证实", True),  # brackets become full-width as a pair
        ("研究院(TII)发布", "研究院（TII）发布", False),
        ("GPT-4 (OpenAI) 等", "GPT-4 (OpenAI) 等", False),  # no Chinese character touches them
    ],
)
def test_a_quote_reads_in_simplified_characters_with_chinese_punctuation(exact, reading, converted):
    assert quotes.reading(exact) == reading
    assert quotes.is_converted(exact) == converted


def test_a_chinese_page_shows_the_reading_and_keeps_the_exact_words_one_click_away(data):
    ctx = Context(data=data, lang="zh", page="atlas.md", url_for=lambda target, anchor: f"{target}#{anchor}")
    html = quote_html(ctx, data.models["chinchilla"])
    assert '<q class="dataref-quote" lang="zh-Hans">其中Chinchilla的模型规模只有70B</q>' in html
    assert "据繁体原文转换" in html
    assert re.search(
        r'<details class="dataref-exact">.*lang="zh-Hant">其中Chinchilla的模型規模只有70B</q></details>', html
    )
    plain = quote_html(ctx, data.models["llama-2"])
    assert "据繁体原文转换" not in plain and 'lang="zh-Hans"' in plain


def test_the_dataset_downloads_keep_the_verbatim_quotes():
    with (DATA / "models.csv").open(encoding="utf-8") as handle:
        exact = {row["id"]: row["quote"] for row in csv.DictReader(handle)}
    assert exact["chinchilla"] == "其中Chinchilla的模型規模只有70B"
