"""One truth (issue 9), on the built site: no page doubles a qualifier or shows a floor as an
estimate, a Chinese page shows no Traditional character outside an original it marks as such, and
no built file — page, chart file or bundle — gives the untitled article a title. The same rules on
the dataset, the pages' Markdown and the writers are in tests/content/test_fidelity.py.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from charts import citation, quotes
from charts.i18n import ALL_LANGS
from hmw_site.glossary import VOID_TAGS
from tests.helpers import BuiltSite, language_pages

LANGS = ALL_LANGS


DOUBLED = re.compile(
    r"超过\s*超过|超过\s*约|约\s*超过|超\s*超过|约\s*约|至多\s*至多|至至多|达到\s*超过|只数到\s*超过|近\s*约|约\s*近|多于\s*超过|"
    r"\b(over|more than|at least|about|nearly|up to)\s+(over|more than|nearly|up to)\b|\babout\s+about\b|"
    r"\d\+\s*(or more|\+)",
    re.IGNORECASE,
)


class VisibleText(HTMLParser):
    """A page's visible text, split into what sits inside a Traditional-Chinese original
    (lang="zh-Hant") and everything else; scripts and styles are not text."""

    SKIP: ClassVar[set[str]] = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.outside: list[str] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            return
        hant = (dict(attrs).get("lang") or "").lower().startswith("zh-hant")
        self.stack.append((tag, hant or any(h for _, h in self.stack[-1:])))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, text: str) -> None:
        if any(tag in self.SKIP for tag, _ in self.stack):
            return
        (self.inside if self.stack and self.stack[-1][1] else self.outside).append(text)


def site_pages(site: Path, lang: str) -> list[Path]:
    return language_pages(site, lang)


def visible(path: Path) -> VisibleText:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGS)
def test_no_built_page_doubles_a_qualifier_or_shows_a_floor_as_an_estimate(built_site: BuiltSite, lang):
    pages = site_pages(built_site.dir, lang)
    assert len(pages) >= 20
    for path in pages:
        text = " ".join(visible(path).outside)
        assert DOUBLED.findall(text) == [], path
        assert "1000亿≈" not in text and "100 billion≈" not in text, path


def test_a_chinese_page_has_no_traditional_character_outside_a_marked_original(built_site: BuiltSite):
    originals = 0
    for path in site_pages(built_site.dir, "zh"):
        page = visible(path)
        text = "".join(page.outside)
        assert quotes.simplified(text) == text, (
            path,
            sorted({a for a, b in zip(text, quotes.simplified(text), strict=False) if a != b}),
        )
        originals += len(page.inside)
    assert originals >= 10  # the Traditional originals are there, marked, one click away


def test_no_built_file_gives_the_untitled_article_a_title(built_site: BuiltSite):
    invented = re.compile(
        r"《斯普特尼克[评評][论論]》|[“\"「]斯普特尼克[评評][论論][”\"」]|"
        r"[“\"]Sputnik op-ed[”\"]|《百模[竞競]流|A hundred models in the race"
    )
    charts = built_site.dir.parent / "charts"
    files = [
        p
        for p in (*built_site.dir.rglob("*"), *charts.rglob("*"))
        if p.suffix in {".html", ".json", ".csv", ".md", ".txt", ".svg"}
    ]
    assert files
    for path in files:
        assert not invented.search(path.read_text(encoding="utf-8", errors="replace")), path
    readmes = 0
    for bundle in charts.rglob("*.zip"):
        with zipfile.ZipFile(bundle) as archive:
            text = archive.read("README.md").decode("utf-8")
        assert not invented.search(text), bundle
        readmes += 1
    assert readmes >= 10


def test_every_chart_caption_that_cites_the_untitled_article_says_it_is_untitled(built_site: BuiltSite, data):
    charts = built_site.dir.parent / "charts"
    metas = list(charts.rglob("*.meta.json"))
    assert metas
    cited = 0
    for path in metas:
        text = path.read_text(encoding="utf-8")
        lang = next((code for code in ("en", "zh-Hant") if f"/{code}/" in path.as_posix()), "zh")
        if '"sputnik"' in text:
            assert citation.title(data.sources["sputnik"], lang) in text, path
            cited += 1
    assert cited >= 2
