"""The synthesis pages (issue 5): topics, timeline, model atlas, glossary, home, data and method,
read from their Markdown in docs/. What only the built HTML shows (the glossary's hover
definitions, the atlas table, the downloads) is checked in tests/built/test_pages.py; the rules
every page keeps (no noise, short quotes, nothing copied) in tests/content/test_content.py.
"""

from __future__ import annotations

import re

import pytest

from charts.build import CHART_IDS
from charts.dataset import Dataset
from charts.registry import views
from hmw_site.markdown import find_fences, linked_pages, strip_front_matter
from tests.content.rules import prose, punctuation_folded
from tests.sample_data import PROJECT

LANGS = ("zh", "en")
DOCS = PROJECT / "docs"
# The pages this issue owns, relative to docs/<lang>/ (the source summaries have their own tests).
OWN_PAGES = ("index.md", "timeline.md", "atlas.md", "context.md", "glossary.md", "method.md")
TOPICS = tuple(sorted(p.name for p in (DOCS / "en" / "topics").glob("*.md") if p.name != "index.md"))
# The seven questions issue 5 asks the topic pages to answer, one page each.
REQUIRED_TOPICS = (
    "how-llms-work.md",
    "scale.md",
    "compute.md",
    "open-source.md",
    "hallucination-safety.md",
    "business.md",
    "players.md",
)
PLACEHOLDER = re.compile(
    r"\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|coming soon|lorem ipsum|待补充|待完善|即将推出|敬请期待|施工中|占位",
    re.IGNORECASE,
)
SUMMARY_LINK = re.compile(r"^sources/([a-z0-9-]+)\.md$")
ZH_QUOTE = re.compile(r"「([^」\n]*)」")


def read(lang: str, page: str) -> str:
    return (DOCS / lang / page).read_text(encoding="utf-8")


TOPICS_PATHS = tuple(f"topics/{name}" for name in TOPICS)


# --- every page in both languages -----------------------------------------------------------


def test_every_page_exists_in_both_languages():
    trees = {
        lang: sorted(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md"))
        for lang in LANGS
    }
    assert trees["zh"] == trees["en"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_anywhere_is_a_placeholder(lang: str):
    found = [
        f"{path.relative_to(DOCS)}: {match.group(0)!r}"
        for path in sorted((DOCS / lang).rglob("*.md"))
        for match in PLACEHOLDER.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_placeholder_check_catches_the_usual_markers():
    for text in ("TODO: write", "Coming soon", "本节待补充", "敬请期待"):
        assert PLACEHOLDER.search(text), text
    assert not PLACEHOLDER.search("Todorov and the toddlers")


# --- topics ------------------------------------------------------------------------------------


def test_there_are_at_least_seven_topics_covering_the_questions_the_issue_names():
    assert len(TOPICS) >= 7
    assert set(REQUIRED_TOPICS) <= set(TOPICS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_topics_index_links_every_topic(lang: str):
    assert {f"topics/{name}" for name in TOPICS} <= linked_pages(
        read(lang, "topics/index.md"), "topics/index.md"
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", TOPICS_PATHS)
def test_a_topic_links_the_summaries_of_at_least_two_articles_it_draws_on(
    data: Dataset, lang: str, page: str
):
    summaries = {
        m.group(1) for target in linked_pages(read(lang, page), page) if (m := SUMMARY_LINK.match(target))
    }
    assert summaries <= set(data.sources)
    assert len(summaries) >= 2, summaries


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", TOPICS_PATHS)
def test_a_topic_says_where_the_articles_disagree_and_lists_its_sources(lang: str, page: str):
    text = read(lang, page)
    disagree = text.split("{#disagreements}", 1)
    assert len(disagree) == 2, "no ## … {#disagreements} section"
    section = disagree[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^- ", section, re.MULTILINE)) >= 2, "fewer than two disagreements"
    sources = text.split("{#sources}", 1)
    assert len(sources) == 2, "no ## … {#sources} section"
    assert re.search(r"\]\(\.\./sources/[a-z0-9-]+\.md\)", sources[1])


def test_every_chart_is_embedded_on_a_page_in_both_languages():
    """A chart's view with the layer beyond the articles counts where its switch is shown."""
    for lang in LANGS:
        used = set()
        for page in (*OWN_PAGES, *TOPICS_PATHS):
            fences = find_fences(read(lang, page).split("\n"))
            used |= {view for f in fences if f.info == "chart" for view in views(f.body.strip())}
        assert used <= set(CHART_IDS), used - set(CHART_IDS)
        assert set(CHART_IDS) <= used, f"{lang}: charts on no page: {set(CHART_IDS) - used}"


@pytest.mark.parametrize("page", [*OWN_PAGES, "topics/index.md", *TOPICS_PATHS])
def test_both_languages_embed_the_same_charts_and_data_fences(page: str):
    def fences(lang: str) -> list[tuple[str, str]]:
        return [(f.info, f.body.strip()) for f in find_fences(read(lang, page).split("\n"))]

    assert fences("zh") == fences("en")


# --- quotes and the method page ------------------------------------------------------------------


@pytest.mark.parametrize("page", [*OWN_PAGES, *TOPICS_PATHS])
def test_every_chinese_quote_in_corner_brackets_is_found_in_an_article(article_texts: list[str], page: str):
    articles = [punctuation_folded(text) for text in article_texts]
    missing = [
        quote
        for quote in ZH_QUOTE.findall(prose(read("zh", page)))
        if not any(punctuation_folded(quote).rstrip("。") in text for text in articles)
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page_explains_each_status_citation_and_licence(lang: str):
    text = strip_front_matter(read(lang, "method.md"))
    for anchor in ("statuses", "marks", "schema", "downloads", "cite", "licence"):
        assert f"{{#{anchor}}}" in text, anchor
    statuses = text.split("{#statuses}", 1)[1].split("\n## ", 1)[0]
    words = {"zh": ("官方", "转述", "估计", "存疑"), "en": ("Official", "Reported", "Estimated", "Disputed")}
    assert all(word in statuses for word in words[lang])
    licences = text.split("{#licence}", 1)[1]
    assert "CC BY 4.0" in licences and "MIT" in licences
