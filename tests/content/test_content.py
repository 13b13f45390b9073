"""Rules every page keeps, in both languages (every .md under docs/zh and docs/en): none of the
articles' noise, a marked quote holds at most one sentence, and no long run of an article is copied
outside a marked quote. tests/content/rules.py says what counts as prose, a quote, noise and a copy.
"""

from __future__ import annotations

import pytest

from tests.articles import ARTICLES, article_paths
from tests.content.rules import (
    NOISE,
    SIMPLIFIED,
    T2S,
    TRADITIONAL,
    clean_article,
    copied_runs,
    long_quotes,
    noise,
    prose,
)
from tests.sample_data import PROJECT

DOCS = PROJECT / "docs"
LANGS = ("zh", "en")
PAGES = [
    (lang, path.relative_to(DOCS / lang).as_posix())
    for lang in LANGS
    for path in sorted((DOCS / lang).rglob("*.md"))
]
EVERY_PAGE = pytest.mark.parametrize(("lang", "page"), PAGES, ids=[f"{lang}/{page}" for lang, page in PAGES])


def read(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text(encoding="utf-8")


@EVERY_PAGE
def test_no_article_noise_reaches_a_page(lang: str, page: str):
    assert noise(prose(read(lang, page))) == []


@EVERY_PAGE
def test_a_marked_quote_holds_at_most_one_sentence(lang: str, page: str):
    assert long_quotes(prose(read(lang, page))) == []


@EVERY_PAGE
def test_no_long_run_of_an_article_is_copied_outside_a_marked_quote(
    article_runs: dict[str, set[str]], lang: str, page: str
):
    assert copied_runs(read(lang, page), article_runs) == []


# --- the rules themselves ---------------------------------------------------------------------------


def test_the_noise_list_and_the_traditional_table_describe_our_copies():
    texts = [clean_article(p.read_text(encoding="utf-8")) for p in article_paths()]
    raw = "".join(p.read_text(encoding="utf-8") for p in article_paths())
    for marker in NOISE:
        assert marker in raw or any(marker in t.translate(T2S) for t in texts), marker
    traditional = (ARTICLES / "002_627f8ad51e47a4a5.txt").read_text(encoding="utf-8")
    assert set(TRADITIONAL) <= set(traditional)
    assert len(TRADITIONAL) == len(SIMPLIFIED)


def test_the_copy_check_catches_a_copied_sentence_and_a_simplified_traditional_one(
    article_runs: dict[str, set[str]],
):
    copied = "作者说，大模型的基本目标是:说人话、懂人话、能回答问题,并尽量减少常识错误。"
    assert copied_runs(copied, article_runs)
    simplified = "文中说：现在大模型的许多参数其实并没有被有效利用，这是把模型做小的另一个原因。"
    assert copied_runs(simplified, article_runs)
    assert not copied_runs(
        "“大模型的基本目标是:说人话、懂人话、能回答问题,并尽量减少常识错误。”", article_runs
    )
