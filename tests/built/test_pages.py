"""The synthesis pages as built (issue 5): what only exists in the HTML — the glossary's hover
definitions, the glossary page, the atlas table, the downloads and the home page's key numbers.
The site is built once per run (tests/conftest.py); the Markdown of these pages is checked,
without a build, in tests/content/test_pages.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from charts import datapackage
from charts.dataset import Dataset
from charts.i18n import ALL_LANGS
from hmw_site.context import DATA_FILES, EXTRA_DATA_FILES
from hmw_site.glossary import VOID_TAGS
from tests.helpers import BuiltSite, language_dir, language_pages
from tests.sample_data import PROJECT

LANGS = ALL_LANGS


@pytest.fixture(scope="module")
def site(built_site: BuiltSite) -> Path:
    """Both languages, built once per test run (tests/conftest.py; the browser tests use the same
    build): mkdocs.yml builds zh into the folder, then en into its en/."""
    return built_site.dir


def built(site: Path, lang: str, page: str) -> str:
    folder = language_dir(site, lang)
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


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_terms_on_the_built_site_sit_only_in_running_text(site: Path, lang: str):
    pages = language_pages(site, lang, "index.html")
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


@pytest.mark.parametrize("lang", LANGS)
def test_a_topic_page_shows_definitions_in_its_own_language(site: Path, lang: str):
    found = placement(built(site, lang, "topics/how-llms-work.md"))
    assert len(found.terms) >= 10
    cjk = [bool(re.search(r"[\u4e00-\u9fff]", title.split("：", 1)[-1])) for title in found.titles]
    if lang != "en":
        assert all(cjk)
    else:
        definitions = [title.split(": ", 1)[1] for title in found.titles]
        assert not any(re.search(r"[\u4e00-\u9fff]{4,}", d) for d in definitions)


@pytest.mark.parametrize("lang", LANGS)
def test_the_atlas_has_a_filterable_row_for_every_model_and_no_outside_scripts(
    site: Path, data: Dataset, lang: str
):
    """Every model of both tables, each row saying whether it comes from the articles or beyond them."""
    html = built(site, lang, "atlas.md")
    rows = re.findall(
        r'<tr id="(x?model)-([^"]+)" data-country="[A-Z]{2}" data-org="[^"]+" data-open="\w+" '
        r'data-origin="(\w+)">',
        html,
    )
    assert sorted(key for kind, key, origin in rows if (kind, origin) == ("model", "articles")) == sorted(
        data.models
    )
    beyond = sorted(key for kind, key, origin in rows if (kind, origin) == ("xmodel", "external"))
    assert beyond == sorted(data.external_models) and len(rows) == len(data.models) + len(beyond)
    assert {filt for filt in re.findall(r'data-filter="(\w+)"', html)} == {"org", "country", "open", "origin"}
    assert "data-sortable" in html
    outside = r'="(?:https?:)?//'
    assert re.findall(rf"<script[^>]+src{outside}[^\"]*", html) == []
    fetched = [
        tag
        for tag in re.findall(r"<link [^>]+>", html)
        if not re.search(r'rel="(?:canonical|alternate)"', tag)
    ]
    assert [tag for tag in fetched if re.search(rf"href{outside}", tag)] == []
    for chart in ("param-scale", "params-over-time"):  # each with its view beyond the articles, unchecked
        assert f'id="chart-{chart}"' in html and f'id="chart-{chart}-context"' in html
        assert f'value="{chart}" checked>' in html and f'value="{chart}-context">' in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_method_page_offers_every_dataset_file_served_unchanged(site: Path, lang: str):
    html = built(site, lang, "method.md")
    root = language_dir(site, lang)
    for name in (*DATA_FILES, *EXTRA_DATA_FILES):
        assert f'href="../data/{name}" download' in html, name
        assert (root / "data" / name).read_bytes() == (PROJECT / "data" / name).read_bytes(), name
    # The data package and its zip come first, as the build derives them (the same as committed).
    downloads = re.findall(r'href="\.\./data/([^"]+)" download', html)
    assert downloads[:2] == [datapackage.ZIP_FILE, datapackage.PACKAGE_FILE]
    package = datapackage.PACKAGE_FILE
    assert (root / "data" / package).read_bytes() == (PROJECT / "data" / package).read_bytes()
    assert (root / "data" / datapackage.ZIP_FILE).read_bytes() == datapackage.package_zip(PROJECT / "data")


@pytest.mark.parametrize("lang", LANGS)
def test_the_built_home_page_shows_its_key_numbers_as_links_to_dataset_rows(site: Path, lang: str):
    html = built(site, lang, "index.md")
    numbers = html.split('id="numbers"', 1)[1].split("<h2", 1)[0]
    heads = re.findall(r'<strong><a class="dataref[^"]*" href="([^"]+)"', numbers)
    assert 4 <= len(heads) <= 6
    assert all(re.search(r"(atlas|method|timeline)/#(model-|figure-|models-table)", href) for href in heads)
    assert 'id="chart-timeline"' in html
