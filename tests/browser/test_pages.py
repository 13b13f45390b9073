"""Every page of both languages, at a desktop and a phone width, loads cleanly in Chromium: no
console error, no failed request, nothing from another host, the right <html lang>, no sideways
scrolling on a phone, plotly.js only where there is a chart (and once), and a language switcher
that points at the same page in the other language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.site import HTML_LANG, LANGS, WIDTHS, Site, all_pages, page_id, page_paths

pytestmark = pytest.mark.browser

PHONE = min(WIDTHS)
PLOTLY_JS = re.compile(r"/plotly[^/]*\.js$")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Elements that stick out past the right edge of the window, outermost first (for the failure message).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.classList.length ? '.' + [...e.classList].join('.') : '');
  return [...document.body.querySelectorAll('*')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
    .filter(e => getComputedStyle(e).visibility !== 'hidden')
    .slice(0, 8)
    .map(e => `${name(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def counterpart(lang: str) -> str:
    return next(other for other in LANGS if other != lang)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "path"), all_pages(), ids=[page_id(*p) for p in all_pages()])
def test_every_page_loads_cleanly_in_its_language_and_fits_the_window(
    open_page: Callable[..., Page], site: Site, lang: str, path: str, width: int
):
    page = open_page(site.url(lang, path), width=width)
    problems = list(page.monitor.problems)

    html_lang = page.get_attribute("html", "lang")
    if html_lang not in HTML_LANG[lang]:
        problems.append(f'<html lang="{html_lang}">, expected one of {HTML_LANG[lang]}')

    if width == PHONE:
        scroll_width, inner_width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if scroll_width > inner_width:
            problems.append(f"{scroll_width} px wide in a {inner_width} px window: {page.evaluate(OVERFLOWING)}")

    charts = page.locator("figure.hmw-chart").count()
    plotly = [url for url in page.monitor.requests if PLOTLY_JS.search(url)]
    if charts and len(plotly) != 1:
        problems.append(f"{charts} charts but plotly.js requested {len(plotly)} times: {plotly}")
    if not charts and plotly:
        problems.append(f"no chart, yet plotly.js was requested: {plotly}")

    other = counterpart(lang)
    switcher = page.locator(f".md-header .md-select__link[hreflang='{other}']")
    hrefs = switcher.evaluate_all("links => links.map(a => a.href)")
    if hrefs != [site.url(other, path)]:
        problems.append(f"language switcher links to {hrefs}, expected [{site.url(other, path)!r}]")

    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_each_sitemap_lists_every_page_of_its_language(site: Site, lang: str):
    sitemap = ET.parse(site.dir / LANGS[lang] / "sitemap.xml")
    listed = sorted(loc.text or "" for loc in sitemap.iter(f"{SITEMAP}loc"))
    assert listed == sorted(site.url(lang, path) for path in page_paths(lang))
