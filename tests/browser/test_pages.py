"""Every page of both languages, at a desktop and a phone width, loads cleanly in Chromium: no
console error, no failed request, nothing from another host, the right <html lang>, no sideways
scrolling on a phone, plotly.js only where there is a chart (and once), and a language switcher
that points at the same page in the other language. Pages are loaded once, by the `survey`
fixture; each test reads its page's report."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from hmw_site.languages import LANGUAGES
from tests.browser.conftest import Survey
from tests.browser.site import HTML_LANG, LANGS, WIDTHS, Site, all_pages, page_id, page_paths

PHONE = min(WIDTHS)
PLOTLY_JS = re.compile(r"/plotly[^/]*\.js$")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PAGES = pytest.mark.parametrize(("lang", "path"), all_pages(), ids=[page_id(*p) for p in all_pages()])


@pytest.mark.parametrize("width", WIDTHS)
@PAGES
def test_page_loads_without_console_errors_failed_requests_or_other_hosts(
    survey: Survey, lang: str, path: str, width: int
):
    assert survey[lang, path, width].problems == []


@PAGES
def test_page_declares_its_language_in_html_lang(survey: Survey, lang: str, path: str):
    assert survey[lang, path, max(WIDTHS)].facts["htmlLang"] in HTML_LANG[lang]


@PAGES
def test_nothing_overflows_sideways_on_a_phone(survey: Survey, lang: str, path: str):
    facts = survey[lang, path, PHONE].facts
    assert facts["scrollWidth"] <= facts["innerWidth"], facts["overflowing"]


@PAGES
def test_plotly_js_loads_once_on_pages_with_charts_and_never_elsewhere(survey: Survey, lang: str, path: str):
    report = survey[lang, path, max(WIDTHS)]
    plotly = [url for url in report.requests if PLOTLY_JS.search(url)]
    assert len(plotly) == (1 if report.facts["charts"] else 0), plotly


def test_both_languages_load_the_one_copy_of_plotly_js_at_the_site_root(survey: Survey, site: Site):
    loaded = {url for report in survey.values() for url in report.requests if PLOTLY_JS.search(url)}
    by_lang = {
        lang: {u for (code, _, _), r in survey.items() if code == lang for u in r.requests} for lang in LANGS
    }
    assert len(loaded) == 1, loaded
    (url,) = loaded
    assert url.startswith(site.root) and not url.startswith(site.url("en"))
    assert all(url in requests for requests in by_lang.values()), "a language never loaded plotly.js"
    # The English site does not carry a second copy (a reader switching language would fetch it again).
    assert list((site.dir / LANGS["en"]).rglob("plotly*.js")) == []


@PAGES
def test_language_switcher_points_at_the_same_page_in_the_other_language(
    survey: Survey, site: Site, lang: str, path: str
):
    switcher = survey[lang, path, max(WIDTHS)].facts["switcher"]
    assert switcher == {LANGUAGES[code]["hreflang"]: site.url(code, path) for code in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_each_sitemap_lists_every_page_of_its_language(site: Site, lang: str):
    sitemap = ET.parse(site.dir / LANGS[lang] / "sitemap.xml")
    listed = sorted(loc.text or "" for loc in sitemap.iter(f"{SITEMAP}loc"))
    assert listed == sorted(site.url(lang, path) for path in page_paths(lang))
