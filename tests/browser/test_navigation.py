"""Getting around: the language switcher lands on the same page in the other language with the
whole interface switched, each language's search finds its own pages (Chinese words segmented), and
instant navigation's start-up restyles nothing (overrides/partials/hmw-head-urls.html)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from hmw_site.languages import LANGUAGES
from tests.browser.site import HTML_LANG, WIDTHS, Site, page_paths

DESKTOP = max(WIDTHS)
# A page two levels down, so a switcher that drops the path or the depth is caught.
DEEP_PAGE = next(path for path in page_paths("zh") if path.count("/") == 2)
PLACEHOLDER = re.compile(r'class="md-search__input"[^>]*placeholder="([^"]+)"')

# (language, query, the page that must be among the first results)
SEARCHES = [
    ("zh", "幻觉", "topics/hallucination-safety/"),
    ("zh", "开源", "topics/open-source/"),
    ("en", "hallucination", "topics/hallucination-safety/"),
    ("en", "chips", "topics/compute/"),
    ("zh-Hant", "幻覺", "topics/hallucination-safety/"),
    ("zh-Hant", "檢索", "topics/hallucination-safety/"),
    ("zh-Hant", "開源", "topics/open-source/"),
]
TOP = 3  # the expected page is among this many results

# Every relative href or src made absolute (what instant navigation does to a page when Material's
# bundle starts): on which element, and whether the bundle had started then. Once the page is styled,
# each such change restyles what it touches, and on a stylesheet the whole page.
MADE_ABSOLUTE = """window.__madeAbsolute = [];
new MutationObserver(records => {
  for (const record of records) {
    const old = record.oldValue, now = record.target.getAttribute(record.attributeName);
    if (old && now !== old && !/^(?:[a-z]+:)?\\/\\//i.test(old) && now === new URL(old, location.href).href) {
      window.__madeAbsolute.push({
        element: record.target.matches('link[rel=stylesheet]') ? 'stylesheet' : record.target.tagName,
        bundle: Boolean(window.component$),
      });
    }
  }
}).observe(document, {
  attributes: true, attributeFilter: ['href', 'src'], attributeOldValue: true, subtree: true,
});"""


@pytest.mark.parametrize(
    ("lang", "other"), [("zh", "en"), ("en", "zh"), ("zh", "zh-Hant"), ("zh-Hant", "en"), ("en", "zh-Hant")]
)
def test_language_switcher_lands_on_the_same_page_with_the_interface_in_that_language(
    open_page: Callable[..., Page], site: Site, lang: str, other: str
):
    page = open_page(site.url(lang, DEEP_PAGE), width=DESKTOP)
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-header .md-select__link[hreflang='{LANGUAGES[other]['hreflang']}']").click()
    page.wait_for_url(site.url(other, DEEP_PAGE))
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") in HTML_LANG[other]
    expected_placeholder = PLACEHOLDER.search(site.html(other, DEEP_PAGE)).group(1)
    assert page.get_attribute(".md-search__input", "placeholder") == expected_placeholder
    assert page.title() == html.unescape(re.search(r"<title>(.*?)</title>", site.html(other, DEEP_PAGE))[1])
    assert page.monitor.problems == []


@pytest.mark.parametrize(("lang", "query", "expected"), SEARCHES, ids=[f"{q}" for _, q, _ in SEARCHES])
def test_search_finds_the_page_in_the_same_language(
    open_page: Callable[..., Page], site: Site, lang: str, query: str, expected: str
):
    page = open_page(site.url(lang), width=DESKTOP)
    search = page.locator(".md-search__input")
    search.click()
    search.fill(query)
    # Material searches on keyup; an input method ends with one, fill() sends none.
    search.press("End")
    results = page.locator(".md-search-result__list > .md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    # Result links carry ?h=<query> (search.highlight) and a #section; keep each page once, in order.
    found = list(dict.fromkeys(results.evaluate_all("links => links.map(a => a.href.split(/[?#]/)[0])")))
    assert site.url(lang, expected) in found[:TOP], found
    assert [url for url in found if site.language_of(url) != lang] == [], "results in another language"
    assert page.monitor.problems == []


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_bundle_finds_every_url_already_absolute_and_instant_navigation_still_works(
    open_page: Callable[..., Page], site: Site, lang: str, browser: Browser
):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    context.add_init_script(MADE_ABSOLUTE)
    page = open_page(site.url(lang, DEEP_PAGE), context=context)
    changes = page.evaluate("() => window.__madeAbsolute")
    assert {"stylesheet", "A"} <= {change["element"] for change in changes}, "made absolute before the bundle"
    # The bundle's own <script> comes after the last pass and is made absolute by the bundle: a script
    # is never styled, so that change costs nothing.
    assert not [change for change in changes if change["bundle"] and change["element"] != "SCRIPT"], changes
    hrefs = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(l => l.getAttribute('href'))"
    )
    assert hrefs and all(href.startswith(site.url(lang, "")) for href in hrefs), hrefs
    page.evaluate("() => { window.__samePage = true; }")
    page.click(".md-header__button.md-logo")  # instant navigation: the page is swapped, not reloaded
    page.wait_for_url(site.url(lang, ""))
    assert page.evaluate("() => window.__samePage === true"), "the logo's link reloaded the page"
    assert page.monitor.problems == []  # type: ignore[attr-defined]
    context.close()
