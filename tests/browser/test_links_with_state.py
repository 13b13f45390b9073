"""Links that open a chart or the atlas in a chosen state: each chart's embed address takes the
language, the colours and the view; the embed form under a chart writes that address; the atlas keeps
its filters and sort order in its own address. Bad values fall back to the defaults, quietly. The
tables' script makes its collator only for a table that needs one (a Chinese collator is slow to make)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, Page

from hmw_site.embed_pages import embedded_ids
from tests.browser.site import Site

pytestmark = pytest.mark.browser

OpenPage = Callable[..., Page]


def landed(page: Page, site: Site) -> str:
    """Where the embed address led: the path below the site's root, with its query."""
    page.wait_for_url("**/assets/charts/**")
    page.wait_for_function("() => document.body && document.body.hasAttribute('data-scheme')")
    return page.url.removeprefix(site.root)


@pytest.mark.parametrize(
    ("address", "expected", "scheme", "html_lang"),
    [
        ("embed/timeline/?lang=en", "en/assets/charts/timeline/timeline-en.html", "light", "en"),
        ("en/embed/timeline/?lang=zh", "assets/charts/timeline/timeline-zh.html", "light", "zh-Hans"),
        (
            "embed/param-scale/?lang=en&theme=dark",
            "en/assets/charts/param-scale/param-scale-en.html?theme=dark",
            "dark",
            "en",
        ),
        (
            "embed/timeline/?view=all&theme=light",
            "assets/charts/timeline-context/timeline-context-zh.html?theme=light",
            "light",
            "zh-Hans",
        ),
        ("en/embed/price-cuts/?bare", "en/assets/charts/price-cuts/price-cuts-en.html?bare", "light", "en"),
    ],
)
def test_an_embed_address_opens_the_chart_in_the_language_colours_and_view_asked_for(
    site: Site, open_page: OpenPage, address: str, expected: str, scheme: str, html_lang: str
):
    page = open_page(site.root + address)
    assert landed(page, site) == expected
    assert page.evaluate("document.body.getAttribute('data-scheme')") == scheme
    assert page.evaluate("document.documentElement.lang") == html_lang
    page.wait_for_selector(".main-svg .cartesianlayer")  # the chart is drawn
    if "bare" in address:
        assert not page.locator("h1").is_visible()
    else:
        assert page.locator("h1").is_visible()
    assert page.monitor.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "query",
    [
        "?lang=fr&theme=sepia&view=everything",
        "?lang=%3Cscript%3Ealert(1)%3C/script%3E&theme=&view=",
        "?lang&theme&view&&=&%ZZ",
    ],
)
def test_an_unknown_or_malformed_value_falls_back_to_the_default_without_an_error(
    site: Site, open_page: OpenPage, query: str
):
    page = open_page(site.root + "embed/timeline/" + query)
    assert landed(page, site) == "assets/charts/timeline/timeline-zh.html"
    assert page.evaluate("document.body.getAttribute('data-scheme')") == "light"  # the system's
    assert page.monitor.problems == []  # type: ignore[attr-defined]


def test_the_back_button_does_not_return_to_the_embed_address(site: Site, open_page: OpenPage):
    page = open_page(site.url("en", "atlas/"))
    page.goto(site.root + "embed/training-cost/?lang=en")
    landed(page, site)
    page.go_back()
    page.wait_for_url(site.url("en", "atlas/"))


def test_every_chart_has_an_embed_address_in_each_languages_site(site: Site):
    for prefix in ("", "en/"):
        for chart_id in embedded_ids():
            html = (site.dir / prefix / "embed" / chart_id / "index.html").read_text(encoding="utf-8")
            assert 'name="robots" content="noindex"' in html and 'http-equiv="refresh"' in html


def test_the_embed_form_writes_the_address_of_the_choices(site: Site, open_page: OpenPage):
    page = open_page(site.url("en", "atlas/"))
    details = page.locator("figure#chart-param-scale details.hmw-chart__embed")
    details.locator("summary").click()
    form = details.locator("form.hmw-embed-options")
    assert form.is_visible()
    code = details.locator("code")
    assert 'src="' + site.root + 'en/embed/param-scale/?lang=en&amp;view=articles"' in code.inner_text()
    form.locator("select[name=lang]").select_option("zh")
    form.locator("select[name=theme]").select_option("dark")
    form.locator("select[name=view]").select_option("all")
    form.locator("input[name=bare]").check()
    written = code.inner_text()
    address = site.root + "en/embed/param-scale/?lang=zh&amp;theme=dark&amp;view=all&amp;bare"
    assert f'src="{address}"' in written
    # The address written opens what was chosen.
    page.goto(address.replace("&amp;", "&"))
    assert (
        landed(page, site) == "assets/charts/param-scale-context/param-scale-context-zh.html?theme=dark&bare"
    )
    assert page.evaluate("document.body.getAttribute('data-scheme')") == "dark"
    assert page.monitor.problems == []  # type: ignore[attr-defined]


def test_the_embed_form_passes_axe(site: Site, open_page: OpenPage):
    page = open_page(site.url("zh", "atlas/"))
    page.locator("figure#chart-param-scale details.hmw-chart__embed summary").click()
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "() => axe.run(document.querySelector('figure#chart-param-scale details.hmw-chart__embed'),"
        " {resultTypes: ['violations']})"
    )
    assert [(v["id"], v["impact"]) for v in result["violations"]] == []


# --- the atlas's filters and sort order in its address ---------------------------------------------

SHOWN_ROWS = "() => [...document.querySelectorAll('#models-table tbody tr')].filter(r => !r.hidden)"


def shown(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        f"() => ({SHOWN_ROWS})().map(r => ({{origin: r.dataset.origin, country: r.dataset.country,"
        " name: r.cells[0].textContent.trim()}))"
    )


def test_filtering_and_sorting_the_atlas_writes_its_address(site: Site, open_page: OpenPage):
    page = open_page(site.url("en", "atlas/"))
    page.select_option("#models-table-filter-origin", "external")
    page.locator("#models-table th[data-column=params] button").click()  # ascending
    page.locator("#models-table th[data-column=params] button").click()  # descending
    assert "models-table.origin=external" in page.url and "models-table.sort=-params" in page.url
    rows = shown(page)
    assert rows and all(row["origin"] == "external" for row in rows)
    # The same address, opened afresh, shows the same rows in the same order.
    again = open_page(page.url)
    assert shown(again) == rows
    assert again.locator("#models-table-filter-origin").input_value() == "external"
    assert again.locator("#models-table th[data-column=params]").get_attribute("aria-sort") == "descending"
    assert again.monitor.problems == []  # type: ignore[attr-defined]


def test_back_to_the_filtered_atlas_shows_it_filtered(site: Site, open_page: OpenPage):
    page = open_page(site.url("en", "atlas/"))
    page.select_option("#models-table-filter-country", "CN")
    filtered = shown(page)
    assert filtered and all(row["country"] == "CN" for row in filtered)
    page.locator("a[href$='/timeline/']").first.evaluate("link => link.click()")  # as a reader's tap
    page.wait_for_url("**/en/timeline/")
    page.go_back()
    page.wait_for_url("**/en/atlas/?models-table.country=CN")
    page.wait_for_function(f"() => ({SHOWN_ROWS})().length === {len(filtered)}")
    assert page.locator("#models-table-filter-country").input_value() == "CN"
    assert shown(page) == filtered
    assert page.monitor.problems == []  # type: ignore[attr-defined]


def test_an_atlas_address_with_unknown_values_shows_the_whole_table(site: Site, open_page: OpenPage):
    full = shown(open_page(site.url("en", "atlas/")))
    page = open_page(
        site.url("en", "atlas/")
        + "?models-table.origin=nowhere&models-table.sort=-nosuch&models-table.x=%3Cb%3E"
    )
    assert shown(page) == full
    assert page.locator("#models-table-filter-origin").input_value() == ""
    assert page.locator("#models-table th[aria-sort]").count() == 0
    assert page.monitor.problems == []  # type: ignore[attr-defined]


# Counts the collators the page makes (datatable.js sorts the filters' values and the columns with one).
COLLATORS_MADE = """window.__collators = 0;
const Collator = Intl.Collator;
Intl.Collator = function (...args) { window.__collators += 1; return new Collator(...args); };"""


@pytest.mark.parametrize("lang", ["zh", "zh-Hant"])
def test_a_page_without_a_dataset_table_makes_no_collator_and_the_atlas_makes_one(
    site: Site, open_page: OpenPage, lang: str, browser: Browser
):
    context = browser.new_context()
    context.add_init_script(COLLATORS_MADE)
    home = open_page(site.url(lang, ""), context=context)
    assert home.evaluate("() => window.__collators") == 0
    atlas = open_page(site.url(lang, "atlas/"), context=context)
    assert atlas.evaluate("() => window.__collators") == 1  # its filters' values, sorted in order
    assert atlas.locator("#models-table-filter-origin option").count() > 1
    assert home.monitor.problems == [] and atlas.monitor.problems == []  # type: ignore[attr-defined]
    context.close()
