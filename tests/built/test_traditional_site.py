"""The Traditional Chinese site as built (issue 13): every Simplified page has its generated twin at
the same path under /zh-hant/, in Traditional characters and Taiwan's words, with the names as their
owners write them and the quotes in Traditional characters (the Traditional article's as it wrote
them, the others marked as converted); its own interface, search index and 404 page; and every page
of every language names its twins in all three (hreflang, sitemaps, switcher).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from charts import quotes
from charts.dataset import Dataset
from charts.glossary import Glossary, in_language, load_glossary
from charts.i18n import ALL_LANGS, t
from charts.traditional import characters, load_overrides
from hmw_site.glossary import VOID_TAGS
from hmw_site.languages import LANGUAGES
from tests.built.test_pages import placement
from tests.helpers import BuiltSite, language_dir, language_pages, simplified_left
from tests.sample_data import PROJECT

HANT = "zh-Hant"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Path:
    return built_site.dir


def twin_paths(site: Path, lang: str) -> set[str]:
    """A language's pages (not its chart files, whose names say their language, nor the embed pages)."""
    root = language_dir(site, lang)
    paths = {p.relative_to(root).as_posix() for p in language_pages(site, lang)}
    return {path for path in paths if not path.startswith(("assets/", "embed/"))}


class TraditionalText(HTMLParser):
    """The text a Traditional page shows as its own: its elements' text and the attributes a reader
    sees (title, alt, aria-label, placeholder, a meta's content), without scripts, styles, code, the
    quotes (<q>, tested on their own) and what is marked as another language (the switcher's names)."""

    SKIP: ClassVar[set[str]] = {"script", "style", "code", "pre", "q", "template"}
    SHOWN: ClassVar[tuple[str, ...]] = ("title", "alt", "aria-label", "placeholder", "content")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skip = tag in self.SKIP or (lang is not None and not lang.startswith(("zh-Hant", "zh-TW")))
        if not skip and not any(self.stack):
            self.texts += [attributes[name] or "" for name in self.SHOWN if attributes.get(name)]
        if tag not in VOID_TAGS:
            self.stack.append(skip)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()

    def handle_data(self, text: str) -> None:
        if not any(self.stack):
            self.texts.append(text)


def traditional_text(path: Path) -> str:
    parser = TraditionalText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.texts)


def test_every_simplified_page_has_its_traditional_twin_at_the_same_path(site: Path):
    zh, hant = twin_paths(site, "zh"), twin_paths(site, HANT)
    assert len(zh) >= 20 and "404.html" in zh
    assert hant == zh
    assert not (PROJECT / "docs" / "zh-Hant").exists()  # generated, never kept


def test_a_traditional_page_shows_no_simplified_character(site: Path):
    pages = language_pages(site, HANT)
    assert len(pages) >= 25
    left = {path.relative_to(site).as_posix(): simplified_left(traditional_text(path)) for path in pages}
    assert {page: found for page, found in left.items() if found} == {}


def test_the_simplified_check_catches_a_simplified_word_but_not_the_switchers_name():
    assert simplified_left("這是软件") and simplified_left("這是軟體") == []
    parser = TraditionalText()
    parser.feed('<p>參數</p><a lang="zh-Hans">简体中文</a><q lang="zh-Hant">相比于</q>')
    assert parser.texts == ["參數"]


def test_the_interface_is_materials_traditional_one_with_taiwans_words(site: Path):
    home = (language_dir(site, HANT) / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW"' in home
    assert 'placeholder="搜尋"' in home
    assert "<title>百模大戰" in home or "百模大戰</title>" in home


def test_every_head_names_the_pages_twins_in_all_three_languages(site: Path):
    for lang in ALL_LANGS:
        root = language_dir(site, lang)
        for path in language_pages(site, lang, "index.html"):
            if "embed" in path.relative_to(root).parts:
                continue
            page = path.relative_to(root).parent.as_posix()
            page = "" if page == "." else page + "/"
            head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
            links = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', head)
            assert sorted(code for _, code in links) == sorted(
                [*(info["hreflang"] for info in LANGUAGES.values()), "x-default"]
            ), path
            hant = next(href for href, code in links if code == "zh-Hant")
            assert hant.endswith("/zh-hant/" + page), (path, hant)
            assert (site / "zh-hant" / page / "index.html").exists(), path


@pytest.mark.parametrize("lang", ALL_LANGS)
def test_each_sitemap_gives_every_url_its_traditional_twin(site: Path, lang: str):
    sitemap = ET.parse(language_dir(site, lang) / "sitemap.xml")
    urls = list(sitemap.iter(f"{SITEMAP}url"))
    assert len(urls) >= 20
    for url in urls:
        twins = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        assert set(twins) == {"zh-Hans", "en", "zh-Hant", "x-default"}
        assert "/zh-hant/" in (twins["zh-Hant"] or "")
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.count("Sitemap: ") == len(ALL_LANGS) and "zh-hant/sitemap.xml" in robots


def pages_holding_word(index_file: Path, word: str) -> set[str]:
    """The pages (without their sections' anchors) whose search entries hold word as a word."""
    index = json.loads(index_file.read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    separator = re.compile(index["config"]["separator"])
    return {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if word in separator.split(doc["title"]) + separator.split(doc["text"])
    }


@pytest.mark.parametrize("query", ["幻覺", "檢索", "開源", "屬於", "證實"])
def test_the_traditional_search_index_cuts_words_where_the_simplified_one_does(site: Path, query: str):
    """jieba's dictionary is Simplified: without its words' Traditional forms (hmw_site/segmentation.py)
    it cut 屬於 and 證實 apart on Traditional pages."""
    found = pages_holding_word(language_dir(site, HANT) / "search" / "search_index.json", query)
    assert len(found) >= 3, found
    assert found == pages_holding_word(site / "search" / "search_index.json", quotes.simplified(query))


def test_the_traditional_404_page_links_the_three_home_pages(site: Path):
    page = (language_dir(site, HANT) / "404.html").read_text(encoding="utf-8")
    assert t("theme.not_found_title", HANT) in page and "找不到這一頁" in page
    homes = re.findall(r'<li><a href="([^"]+)" hreflang="([^"]+)">', page)
    assert {code for _, code in homes} == {"zh-Hans", "en", "zh-Hant"}
    assert ("/zh-hant/", "zh-Hant") in homes


def test_names_keep_their_owners_words_on_the_traditional_atlas(site: Path, data: Dataset):
    """A name changes its characters only, unless the reviewed table names it otherwise (新版 Bing)."""
    atlas = (language_dir(site, HANT) / "atlas" / "index.html").read_text(encoding="utf-8")
    reviewed = load_overrides()
    for model in data.models.values():
        name = model["name_zh"]
        assert reviewed.get(name, characters(name)) in atlas, name
    assert "百川智能" in atlas and "百川智慧" not in atlas


def test_quotes_show_the_traditional_articles_words_and_mark_the_others_as_converted(
    site: Path, data: Dataset
):
    atlas = (language_dir(site, HANT) / "atlas" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(
        r'<q class="dataref-quote" lang="zh-Hant">(.*?)</q>\s*(<span class="dataref-converted">)?', atlas
    )
    by_text = {text: bool(mark) for text, mark in shown}
    mark_words, originals, converted = t("quote.converted", HANT), 0, 0
    assert mark_words == "（據簡體原文轉換）" and mark_words in atlas
    for model in data.models.values():
        exact = model["quote"]
        if data.sources[model["source"]]["script"] == "Hant":
            assert by_text.get(quotes.punctuated(exact)) is False, exact  # as written, no mark
            originals += 1
        elif characters(exact) != exact:
            assert by_text.get(quotes.punctuated(characters(exact))) is True, exact
            converted += 1
    assert originals >= 3 and converted >= 10


def defined_terms(html: str, lang: str, glossary: Glossary) -> set[str]:
    """The ids of the glossary terms a page defines (each hover starts with the term's name)."""
    names = sorted(((term.names[lang], term.id) for term in glossary.terms), key=lambda n: -len(n[0]))
    return {next(i for name, i in names if title.startswith(name)) for title in placement(html).titles}


def test_every_glossary_term_found_on_a_simplified_page_is_found_on_its_traditional_twin(site: Path):
    """The Traditional twin may find more: two Simplified words can convert to one glossary term."""
    glossary = in_language(load_glossary(PROJECT / "data" / "glossary.yaml"), HANT)
    total = 0
    for path in language_pages(site, "zh", "index.html"):
        twin = site / "zh-hant" / path.relative_to(site)
        simplified = defined_terms(path.read_text("utf-8"), "zh", glossary)
        traditional = defined_terms(twin.read_text("utf-8"), HANT, glossary)
        assert simplified <= traditional, (twin, simplified - traditional)
        assert placement(twin.read_text("utf-8")).misplaced == []
        total += len(traditional)
    assert total >= 50


def test_a_page_whose_quotes_were_converted_says_so_once_at_its_end(site: Path):
    noted = 0
    for page in language_pages(site, HANT):
        html = page.read_text(encoding="utf-8")
        notes = html.count('class="quotes-converted-note"')
        assert notes <= 1, page
        noted += notes
    assert noted >= 10  # the summaries and topic pages quote the articles
    business = (language_dir(site, HANT) / "topics" / "business" / "index.html").read_text(encoding="utf-8")
    assert "「造鐵路」" in business and 'class="quotes-converted-note"' in business


def test_the_traditional_slides_page_offers_its_own_deck_font_and_files(site: Path):
    html = (language_dir(site, HANT) / "slides" / "index.html").read_text(encoding="utf-8")
    assert "deck-zh-Hant.pptx" in html and "deck-zh.pptx" not in html
    assert "微軟正黑體" in html and "雅黑" not in html  # the Traditional deck's font (charts/pptx_text.py)
    assert "timeline-zh-Hant.html" in html and "&lt;圖表&gt;" in html  # code examples in its script
