"""Fixtures of the browser tests: the whole site (both languages, built once per run, strictly, by
tests/conftest.py with site_url pointing at a local HTTP server on a free port), that server, one
headless Chromium (Debian's) for the session, and one browser context per window width.

Every page opened through `open_page` records what must never happen: console errors, uncaught
exceptions, failed requests, HTTP errors and requests to any host but the test server.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devtools.chromium import launch
from tests.browser.site import WIDTHS, Site, all_pages
from tests.helpers import BuiltSite


@pytest.fixture(scope="package")
def site(built_site: BuiltSite) -> Iterator[Site]:
    """The whole site, built once per run by tests/conftest.py (with site_url naming this server),
    served on 127.0.0.1 for the browser tests."""
    thread = threading.Thread(target=built_site.server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield Site(root=built_site.root, dir=built_site.dir)
    built_site.server.shutdown()
    thread.join()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def context_for(browser: Browser) -> Iterator[Callable[[int], BrowserContext]]:
    """One light-scheme context per window width, shared by every test at that width. Tests that
    change what a context remembers (the colour scheme, JavaScript off) make their own."""
    contexts: dict[int, BrowserContext] = {}

    def get(width: int) -> BrowserContext:
        if width not in contexts:
            viewport = {"width": width, "height": 900}
            contexts[width] = browser.new_context(viewport=viewport, color_scheme="light")
        return contexts[width]

    yield get
    for context in contexts.values():
        context.close()


class Monitor:
    """Records everything a page must not do: console errors, uncaught exceptions, failed requests,
    HTTP errors, and requests to any host but the test server."""

    def __init__(self, page: Page, site: Site) -> None:
        self._site = site
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        self.requests.append(request.url)
        if not self._site.is_local(request.url):
            self.problems.append(f"request to another host: {request.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console error: {message.text} ({where})")


@pytest.fixture
def open_page(site: Site, context_for: Callable[[int], BrowserContext]) -> Iterator[Callable[..., Page]]:
    """open_page(url, width=1280, context=None) → a new page that has loaded `url` and gone quiet on
    the network; its Monitor is `page.monitor`. Pages are closed after the test."""
    pages: list[Page] = []

    def open_(url: str, width: int = 1280, context: BrowserContext | None = None) -> Page:
        page = (context or context_for(width)).new_page()
        pages.append(page)
        page.monitor = Monitor(page, site)  # type: ignore[attr-defined]
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        page.wait_for_load_state("load")  # "network idle" can come before the scripts have run
        return page

    yield open_
    for page in pages:
        page.close()


# --- the survey: every page at every width, loaded once ----------------------------------------------

AXE_OPTIONS = {"resultTypes": ["violations"]}  # every rule on; only violations reported
SURVEY_BATCH = 4  # pages loading at once; each spends most of its time waiting for network quiet
CHART_TIMEOUT = 15_000  # ms for the charts of a page to be drawn once the network is quiet

# A reader reaching for every visible chart, as hmw.js expects one to: a tap on the button over a
# static chart (a phone-wide column), a mouse over it otherwise (a wide column draws by itself only
# when the page is idle and the chart is in view). Asking twice is harmless.
ASK_FOR_CHARTS = """() => document.querySelectorAll('figure.hmw-chart .hmw-chart__plot').forEach(el => {
  if (el.offsetParent === null) return;
  const button = el.parentNode.querySelector('.hmw-chart__explore');
  if (button) button.click();
  else el.dispatchEvent(new PointerEvent('pointerenter', {pointerType: 'mouse'}));
})"""

# Every visible chart of the page has a plotly SVG (charts in closed tabs or <details> may wait).
CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.hmw-chart')]
  .filter(f => f.offsetParent !== null)
  .every(f => f.querySelector('.main-svg .cartesianlayer'))"""

# Keep reaching for the charts until all are drawn: a page can reach "network idle" before its
# scripts have set the charts up (seen with several pages loading at once), and a reader's first
# hover before then goes unheard, as it would for a person, who would simply hover again.
ASK_UNTIL_DRAWN = f"() => {{ ({ASK_FOR_CHARTS})(); return ({CHARTS_DRAWN})(); }}"


def draw_charts(page: Page, timeout: float = CHART_TIMEOUT) -> None:
    """Reach for every visible chart of `page`, again every quarter second, until all are drawn."""
    page.wait_for_load_state("load")
    page.wait_for_function(ASK_UNTIL_DRAWN, polling=250, timeout=timeout)


# What the tests need to know about a loaded page. `overflowing` names, when the page is wider than
# the window, the elements that stick out and are not inside a box that clips or scrolls them.
PAGE_FACTS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = document.scrollingElement.scrollWidth > window.innerWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.classList.length ? '.' + [...e.classList].join('.') : '');
  const clipped = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const drawnPoints = f => [...f.querySelectorAll('.cartesianlayer .trace .point')].filter(p => {
    const path = p.tagName.toLowerCase() === 'path' ? p : p.querySelector('path');
    const d = path && path.getAttribute('d');
    return d && d !== 'M0,0Z';  // plotly keeps an empty bar for a missing value
  }).length;
  return {
    htmlLang: document.documentElement.lang,
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    overflowing: !wide ? [] : [...document.body.querySelectorAll('*')]
      .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
      .filter(e => !clipped(e))
      .slice(0, 8)
      .map(e => `${name(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)} px)`),
    switcher: Object.fromEntries([...document.querySelectorAll('.md-header .md-select__link')]
      .map(a => [a.getAttribute('hreflang'), a.href])),
    charts: [...document.querySelectorAll('figure.hmw-chart')].map(f => {
      const svg = f.querySelector('.main-svg');
      return {
        id: f.id,
        light: f.querySelector('[data-light]') && f.querySelector('[data-light]').dataset.light,
        visible: f.offsetParent !== null,
        drawn: Boolean(f.querySelector('.main-svg .cartesianlayer')),
        points: drawnPoints(f),
        svgWidth: svg ? svg.getBoundingClientRect().width : 0,
        boxWidth: f.getBoundingClientRect().width,
      };
    }),
  };
}"""


@dataclass
class PageReport:
    """One page at one width after it loaded and the network went quiet."""

    url: str
    problems: list[str]  # what the Monitor saw, plus charts that were never drawn
    requests: list[str]
    facts: dict[str, Any]  # PAGE_FACTS
    violations: list[dict[str, Any]] | None  # axe-core's, at the widest width only


Survey = dict[tuple[str, str, int], PageReport]


@pytest.fixture(scope="package")
def survey(site: Site, context_for: Callable[[int], BrowserContext]) -> Survey:
    """Every page of both languages at every width, loaded a few at a time: a page load mostly waits
    for the network to be quiet for 500 ms, so loading several at once saves most of that time.
    At the widest width axe-core checks each page too, on the batch's pages at once."""
    reports: Survey = {}
    for width in WIDTHS:
        pages = all_pages()
        for start in range(0, len(pages), SURVEY_BATCH):
            batch = []
            for lang, path in pages[start : start + SURVEY_BATCH]:
                page = context_for(width).new_page()
                monitor = Monitor(page, site)
                page.goto(site.url(lang, path), wait_until="commit")
                batch.append((lang, path, page, monitor))
            late: dict[str, list[str]] = {}
            for _, _, page, _ in batch:
                page.wait_for_load_state("networkidle")
                try:
                    draw_charts(page)
                except PlaywrightTimeout:
                    late[page.url] = [f"a chart was not drawn within {CHART_TIMEOUT / 1000:.0f} s"]
            axe = width == max(WIDTHS)
            if axe:
                for _, _, page, _ in batch:
                    page.evaluate(AXE_SCRIPT)
                    page.evaluate(f"() => {{ window.__axeResults = axe.run({json.dumps(AXE_OPTIONS)}); }}")
            for lang, path, page, monitor in batch:
                facts = page.evaluate(PAGE_FACTS)
                violations = page.evaluate("() => window.__axeResults")["violations"] if axe else None
                problems = monitor.problems + late.get(page.url, [])
                report = PageReport(page.url, problems, monitor.requests, facts, violations)
                reports[lang, path, width] = report
                page.close()
    return reports
