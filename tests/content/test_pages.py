"""The synthesis pages (issue 5): topics, timeline, model atlas, glossary, home, data and method.

The first half reads the Markdown in docs/; the second half builds the site once and reads the
HTML, because the glossary's hover definitions, the atlas table and the downloads only exist there.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from charts.build import CHART_IDS
from charts.dataset import Dataset, load_dataset
from hmw_site.context import DATA_FILES, EXTRA_DATA_FILES
from hmw_site.glossary import VOID_TAGS
from hmw_site.markdown import find_fences, linked_pages, strip_front_matter
from tests.articles import article_paths
from tests.conftest import BuiltSite
from tests.sample_data import PROJECT
from tests.content.test_summaries import (
    NOISE,
    PINYIN_AFTER_HANZI,
    QUOTED,
    T2S,
    TRADITIONAL,
    clean_article,
    copied_runs,
    fold,
    prose,
)

LANGS = ("zh", "en")
DOCS = PROJECT / "docs"
# The pages this issue owns, relative to docs/<lang>/ (the source summaries have their own tests).
OWN_PAGES = ("index.md", "timeline.md", "atlas.md", "glossary.md", "method.md")
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


def own_pages() -> list[tuple[str, str]]:
    return [(lang, page) for lang in LANGS for page in (*OWN_PAGES, "topics/index.md", *TOPICS_PATHS)]


TOPICS_PATHS = tuple(f"topics/{name}" for name in TOPICS)
OWN = own_pages()
OWN_IDS = [f"{lang}/{page}" for lang, page in OWN]


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(PROJECT / "data")


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
    for lang in LANGS:
        used = set()
        for page in (*OWN_PAGES, *TOPICS_PATHS):
            used |= {f.body.strip() for f in find_fences(read(lang, page).split("\n")) if f.info == "chart"}
        assert used <= set(CHART_IDS), used - set(CHART_IDS)
        assert set(CHART_IDS) <= used, f"{lang}: charts on no page: {set(CHART_IDS) - used}"


@pytest.mark.parametrize("page", [*OWN_PAGES, "topics/index.md", *TOPICS_PATHS])
def test_both_languages_embed_the_same_charts_and_data_fences(page: str):
    def fences(lang: str) -> list[tuple[str, str]]:
        return [(f.info, f.body.strip()) for f in find_fences(read(lang, page).split("\n"))]

    assert fences("zh") == fences("en")


# --- own words, marked quotes, no noise ---------------------------------------------------------


@pytest.fixture(scope="module")
def article_texts() -> list[str]:
    """Every article, cleaned of its noise, folded, as written and in Simplified characters."""
    texts = []
    for path in article_paths():
        text = clean_article(path.read_text(encoding="utf-8"))
        texts += [fold(text), fold(text.translate(T2S))]
    return texts


@pytest.mark.parametrize(("lang", "page"), OWN, ids=OWN_IDS)
def test_no_article_noise_reaches_a_page(lang: str, page: str):
    text = prose(read(lang, page))
    assert [marker for marker in NOISE if marker in text] == []
    assert PINYIN_AFTER_HANZI.findall(text) == []
    assert sorted({c for c in text if c in TRADITIONAL}) == []


@pytest.mark.parametrize(("lang", "page"), OWN, ids=OWN_IDS)
def test_a_marked_quote_holds_at_most_one_sentence(lang: str, page: str):
    for quote in (m.group(0)[1:-1] for m in QUOTED.finditer(prose(read(lang, page)))):
        inner = quote.rstrip("。！？.!?…")
        assert not re.search(r"[。！？]|[.!?]\s+[A-Z]", inner), quote


def punctuation_folded(text: str) -> str:
    """Full-width and half-width punctuation compare equal (the copies mix them)."""
    return fold(text).translate(str.maketrans("，：；？！（）", ",:;?!()"))


@pytest.mark.parametrize("page", [*OWN_PAGES, *TOPICS_PATHS])
def test_every_chinese_quote_in_corner_brackets_is_found_in_an_article(article_texts: list[str], page: str):
    articles = [punctuation_folded(text) for text in article_texts]
    missing = [
        quote
        for quote in ZH_QUOTE.findall(prose(read("zh", page)))
        if not any(punctuation_folded(quote).rstrip("。") in text for text in articles)
    ]
    assert missing == []


@pytest.mark.parametrize(("lang", "page"), OWN, ids=OWN_IDS)
def test_no_long_run_of_an_article_is_copied_outside_a_marked_quote(
    article_runs: dict[str, set[str]], lang: str, page: str
):
    assert copied_runs(read(lang, page), article_runs) == []


# --- the built site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Path:
    """Both languages, built once per test run (tests/conftest.py; the browser tests use the same
    build): mkdocs.yml builds zh into the folder, then en into its en/."""
    return built_site.dir


def built(site: Path, lang: str, page: str) -> str:
    folder = site if lang == "zh" else site / "en"
    name = "index.html" if page == "index.md" else f"{page.removesuffix('.md')}/index.html"
    return (folder / name).read_text(encoding="utf-8")


class GlossaryPlacement(HTMLParser):
    """Records every glossary term (a.gloss / abbr.gloss) with the elements it sits inside."""

    FORBIDDEN: ClassVar[set[str]] = {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "abbr",
        "code",
        "pre",
        "figure",
        "th",
        "button",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.misplaced: list[str] = []
        self.terms: list[str] = []
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "gloss" in (attributes.get("class") or "").split():
            self.titles.append(attributes.get("title") or "")
            inside = [
                name for name, attr in self.stack if name in self.FORBIDDEN or "data-no-glossary" in attr
            ]
            self.terms.append(tag)
            if inside:
                self.misplaced.append(f"<{tag}> inside {inside}")
        if tag not in VOID_TAGS:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if any(name == tag for name, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass


def placement(html: str) -> GlossaryPlacement:
    parser = GlossaryPlacement()
    parser.feed(html)
    return parser


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_on_the_built_site_sit_only_in_running_text(site: Path, lang: str):
    pages = [
        p
        for p in (site if lang == "zh" else site / "en").rglob("index.html")
        if "/en/" not in str(p) or lang == "en"
    ]
    total = 0
    for path in pages:
        found = placement(path.read_text(encoding="utf-8"))
        assert found.misplaced == [], path
        assert all(title for title in found.titles), path
        total += len(found.terms)
    assert total >= 100  # the hover definitions really are there, on many pages


def test_the_placement_check_catches_a_term_in_a_heading_and_in_a_data_table():
    assert placement('<p><a class="gloss" title="t">RAG</a></p>').misplaced == []
    assert placement('<h2><abbr class="gloss" title="t">RAG</abbr></h2>').misplaced
    assert placement('<div data-no-glossary><p></p><abbr class="gloss" title="t">RAG</abbr></div>').misplaced


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_built_glossary_page_defines_at_least_forty_terms(site: Path, lang: str):
    html = built(site, lang, "glossary.md")
    entries = re.findall(
        r'<div class="glossary-entry" id="term-([a-z0-9-]+)"><dt>(.+?)</dt><dd>(.+?)</dd>', html
    )
    assert len(entries) >= 40
    assert all(name.strip() and len(definition) > 20 for _, name, definition in entries)
    glossary = yaml.safe_load((PROJECT / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    assert sorted(term_id for term_id, _, _ in entries) == sorted(term["id"] for term in glossary["terms"])


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_page_shows_definitions_in_its_own_language(site: Path, lang: str):
    found = placement(built(site, lang, "topics/how-llms-work.md"))
    assert len(found.terms) >= 10
    cjk = [bool(re.search(r"[\u4e00-\u9fff]", title.split("：", 1)[-1])) for title in found.titles]
    if lang == "zh":
        assert all(cjk)
    else:
        definitions = [title.split(": ", 1)[1] for title in found.titles]
        assert not any(re.search(r"[\u4e00-\u9fff]{4,}", d) for d in definitions)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_atlas_has_a_filterable_row_for_every_model_and_no_outside_scripts(
    site: Path, data: Dataset, lang: str
):
    html = built(site, lang, "atlas.md")
    rows = re.findall(
        r'<tr id="model-([^"]+)" data-country="([A-Z]{2})" data-org="[^"]+" data-open="(\w+)">', html
    )
    assert sorted(key for key, _, _ in rows) == sorted(data.models)
    assert {filt for filt in re.findall(r'data-filter="(\w+)"', html)} == {"org", "country", "open"}
    assert "data-sortable" in html
    outside = r'="(?:https?:)?//'
    assert re.findall(rf"<script[^>]+src{outside}[^\"]*", html) == []
    fetched = [
        tag
        for tag in re.findall(r"<link [^>]+>", html)
        if not re.search(r'rel="(?:canonical|alternate)"', tag)
    ]
    assert [tag for tag in fetched if re.search(rf"href{outside}", tag)] == []
    for chart in ("param-scale", "params-over-time"):
        assert f'id="chart-{chart}"' in html


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_lists_every_event_under_its_year(site: Path, data: Dataset, lang: str):
    html = built(site, lang, "timeline.md")
    assert sorted(re.findall(r'<li id="event-([^"]+)"', html)) == sorted(data.events)
    years = sorted({row["date"].year for row in data.events.values()})
    assert re.findall(r'<h2 id="year-(\d{4})"', html) == [str(year) for year in years]
    assert 'id="chart-timeline"' in html


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page_offers_every_dataset_file_served_unchanged(site: Path, lang: str):
    html = built(site, lang, "method.md")
    root = site if lang == "zh" else site / "en"
    for name in (*DATA_FILES, *EXTRA_DATA_FILES):
        assert f'href="../data/{name}" download' in html, name
        assert (root / "data" / name).read_bytes() == (PROJECT / "data" / name).read_bytes(), name


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page_documents_every_table_and_column_of_the_schema(site: Path, lang: str):
    html = built(site, lang, "method.md")
    schema = yaml.safe_load((PROJECT / "data" / "schema.yaml").read_text(encoding="utf-8"))["tables"]
    for table, spec in schema.items():
        assert f'id="schema-{table}"' in html, table
        for column in spec["columns"]:
            assert f"<code>{column}</code>" in html, f"{table}.{column}"


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


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_the_built_home_page_shows_its_key_numbers_as_links_to_dataset_rows(site: Path, lang: str):
    html = built(site, lang, "index.md")
    numbers = html.split('id="numbers"', 1)[1].split("<h2", 1)[0]
    heads = re.findall(r'<strong><a class="dataref[^"]*" href="([^"]+)"', numbers)
    assert 4 <= len(heads) <= 6
    assert all(re.search(r"(atlas|method|timeline)/#(model-|figure-|models-table)", href) for href in heads)
    assert 'id="chart-timeline"' in html
