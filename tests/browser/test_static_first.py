"""Static first: no page waits for plotly.js. In a phone-wide column each chart shows at once as the
SVG of itself drawn at that width, in the current colour scheme, and plotly.js loads only when the
reader reaches for the chart (its button, a tap, a mouse, the keyboard); in a wide column a chart
draws by itself once the page is idle and the chart is in view. Swapping the drawing in moves
nothing on the page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from charts.i18n import t
from tests.browser.conftest import CHARTS_DRAWN, draw_charts
from tests.browser.site import LANGS, Site
from tests.browser.test_charts import CHART_PAGES, DESKTOP, PHONE, toggle_names

PLOTLY_JS = re.compile(r"/plotly[^/]*\.js$")
FIGURE_JSON = re.compile(r"/assets/charts/[^/]+/[^/]+-(light|dark)\.json$")

# The images a reader sees in each chart's box, and where the box and what follows it are (the
# charts shown: a chart's other view waits behind its switch).
SHOWN = """() => [...document.querySelectorAll('figure.hmw-chart')]
  .filter(f => f.offsetParent !== null).map(f => {
  const plot = f.querySelector('.hmw-chart__plot');
  const images = [...plot.querySelectorAll('img')].filter(i => i.offsetParent !== null);
  return {
    images: images.map(i => ({src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0})),
    height: plot.getBoundingClientRect().height,
    phoneHeight: parseFloat(getComputedStyle(plot).getPropertyValue('--hmw-chart-phone-height')),
    below: f.querySelector('details').getBoundingClientRect().top + window.scrollY,
    button: (f.querySelector('.hmw-chart__explore') || {}).textContent || null,
    drawn: Boolean(plot.querySelector('.main-svg .cartesianlayer')),
  };
})"""

# Layout shifts the reader did not cause (the CLS that Lighthouse counts).
UNPROMPTED_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => list.getEntries()
    .forEach(e => { if (!e.hadRecentInput) total += e.value; }))
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def busiest_page(lang: str) -> tuple[str, list[str]]:
    """The page of a language with the most charts."""
    _, path, ids = max((p for p in CHART_PAGES if p[0] == lang), key=lambda p: len(p[2]))
    return path, ids


def image_names(chart: dict) -> list[str]:
    """The file names of the images a chart's box shows."""
    return [image["src"].rsplit("/", 1)[-1] for image in chart["images"]]


def requested(page: Page, pattern: re.Pattern) -> list[str]:
    return [url for url in page.monitor.requests if pattern.search(url)]


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_each_chart_shows_its_phone_svg_at_once_and_plotly_waits_for_a_tap(
    open_page: Callable[..., Page], site: Site, lang: str
):
    path, ids = busiest_page(lang)
    page = open_page(site.url(lang, path), width=PHONE)
    page.wait_for_load_state("networkidle")
    for figure in page.locator("figure.hmw-chart:visible").all():  # lazy images load as they come into view
        figure.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every(i => i.offsetParent === null || i.complete)")
    shown = page.evaluate(SHOWN)
    assert len(shown) == len(ids)
    for chart_id, chart in zip(ids, shown, strict=True):
        assert image_names(chart) == [f"{chart_id}-{lang}-light-phone.svg"]
        assert chart["images"][0]["loaded"], chart
        assert chart["height"] == pytest.approx(chart["phoneHeight"], abs=1), "the phone height, reserved"
        assert chart["button"] == t("js.explore", lang)
        assert not chart["drawn"]
    assert requested(page, PLOTLY_JS) == [] and requested(page, FIGURE_JSON) == []

    before = page.evaluate(SHOWN)
    page.locator(".hmw-chart__explore").first.click()
    page.wait_for_function("() => document.querySelector('figure.hmw-chart .main-svg .cartesianlayer')")
    after = page.evaluate(SHOWN)
    assert after[0]["drawn"] and after[0]["images"] == [] and after[0]["button"] is None
    assert [c["below"] for c in after] == [c["below"] for c in before], "drawing moved the page"
    assert [c["drawn"] for c in after[1:]] == [False] * (len(ids) - 1), "only the chart asked for"
    assert len(requested(page, PLOTLY_JS)) == 1
    assert page.monitor.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_static_chart_follows_the_palette_toggle(
    open_page: Callable[..., Page], browser: Browser, site: Site, lang: str
):
    path, ids = busiest_page(lang)
    # A context of its own, in the light scheme: the reader's choice of scheme is kept per site.
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, color_scheme="light")
    try:
        page = open_page(site.url(lang, path), width=PHONE, context=context)
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        to_dark, _ = toggle_names(lang)
        page.locator("[data-hmw-palette] label:visible").click()
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.locator("figure.hmw-chart:visible").first.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('.hmw-chart__phone--dark').complete")
        first = page.evaluate(SHOWN)[0]
        assert image_names(first) == [f"{ids[0]}-{lang}-dark-phone.svg"]
        assert first["images"][0]["loaded"]
        assert requested(page, PLOTLY_JS) == []
        assert to_dark  # the toggle we pressed is the one that leads to the dark scheme
        assert page.monitor.problems == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_reaches_the_chart_through_its_button(
    open_page: Callable[..., Page], site: Site, lang: str
):
    path, _ = busiest_page(lang)
    page = open_page(site.url(lang, path), width=PHONE)
    page.wait_for_load_state("networkidle")
    button = page.locator(".hmw-chart__explore").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('figure.hmw-chart .main-svg .cartesianlayer')")
    assert page.monitor.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_wide_screen_a_chart_draws_once_in_view_without_moving_the_page(
    open_page: Callable[..., Page], site: Site, lang: str
):
    path, ids = busiest_page(lang)
    page = open_page(site.url(lang, path), width=DESKTOP)
    page.wait_for_load_state("networkidle")
    figures = page.locator("figure.hmw-chart:visible")
    below_the_fold = [
        i for i in range(len(ids)) if figures.nth(i).evaluate("f => f.getBoundingClientRect().top") > 900
    ]
    in_view = [i for i in range(len(ids)) if i not in below_the_fold]
    for i in in_view:
        page.wait_for_function(
            "f => f.querySelector('.main-svg .cartesianlayer')", arg=figures.nth(i).element_handle()
        )
    for i in below_the_fold:
        assert not page.evaluate(SHOWN)[i]["drawn"], f"chart {ids[i]} drew before the reader got to it"
    before = page.evaluate(SHOWN)
    for i in below_the_fold:
        figures.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    assert [c["below"] for c in page.evaluate(SHOWN)] == [c["below"] for c in before]
    assert page.evaluate(UNPROMPTED_SHIFT) <= 0.02
    assert page.monitor.problems == []


def test_no_phone_image_is_fetched_on_a_wide_screen(open_page: Callable[..., Page], site: Site):
    lang, path, _ = CHART_PAGES[0]
    page = open_page(site.url(lang, path), width=DESKTOP)
    draw_charts(page)
    assert requested(page, re.compile(r"-phone\.svg$")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_a_phone_shows_the_phone_svg_instead_of_the_slide_image(
    browser: Browser, site: Site, lang: str
):
    path, ids = busiest_page(lang)
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(lang, path), wait_until="load")
        shown = page.evaluate(SHOWN)
        for chart_id, chart in zip(ids, shown, strict=True):
            assert image_names(chart) == [f"{chart_id}-{lang}-light-phone.svg"]
    finally:
        context.close()
