"""Charts in pages: every chart is drawn with every point of its figure, fills its box and follows
the window, re-themes with Material's palette toggle, draws when its content tab is selected,
survives instant navigation, and leaves a data table and a static image for readers without
JavaScript. Expected numbers come from the figure JSON and CSV the site serves, never from here."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from collections.abc import Callable

import markdown
import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route

from charts.i18n import GENERATED, t
from charts.locale import locale_of
from charts.registry import views
from hmw_site.charts import fence_ids
from tests.browser.conftest import ASK_FOR_CHARTS, Monitor, Survey, draw_charts
from tests.browser.site import (
    LANGS,
    PROJECT,
    WIDTHS,
    Site,
    css_rgb,
    docs_of,
    drawn_points,
    layout_colours,
    page_paths,
)

PHONE, DESKTOP = min(WIDTHS), max(WIDTHS)
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml", "zh-Hant": "mkdocs.yml"}  # zh-Hant: converted
FIGURE = re.compile(r'<figure id="chart-[^"]+" class="hmw-chart".*?</figure>', re.DOTALL)

# The colours a drawn chart shows: its paper (the SVG's background) and its first x tick label.
SHOWN_COLOURS = """f => {
  const svg = f.querySelector('.main-svg');
  const tick = f.querySelector('.xtick text');
  return {paper: getComputedStyle(svg).backgroundColor, tick: tick ? getComputedStyle(tick).fill : null};
}"""


# A palette button's name: its title (or, should Material's tooltips have taken it, the tooltip's text).
TOGGLE_NAME = """label => label.getAttribute('title')
  || document.getElementById(label.getAttribute('aria-describedby')).textContent.trim()"""


def source_of(lang: str, path: str) -> str:
    """The Markdown of a page, from its URL path."""
    docs = docs_of(lang)
    stem = path.rstrip("/") or "index"
    page = docs / f"{stem}.md"
    return (page if page.exists() else docs / stem / "index.md").read_text(encoding="utf-8")


def chart_pages() -> list[tuple[str, str, list[str]]]:
    """(language, path, chart ids in order) of every page with a ```chart fence."""
    found = []
    for lang in LANGS:
        for path in page_paths(lang):
            ids = fence_ids(source_of(lang, path))
            if ids:
                found.append((lang, path, ids))
    return found


CHART_PAGES = chart_pages()
CHART_PAGE_IDS = [f"{lang}:/{path}" for lang, path, _ in CHART_PAGES]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def figure_url(site: Site, lang: str, data_path: str) -> str:
    """The absolute URL of a figure JSON named by data-light/data-dark (relative to the language's
    root; leading ./ or ../ are tolerated)."""
    return site.url(lang, re.sub(r"^(\.\.?/)+", "", data_path))


def toggle_names(lang: str) -> list[str]:
    """The labels of Material's palette toggle in a language: [to the dark scheme, to the light one]."""
    config = yaml.safe_load((PROJECT / CONFIGS[lang]).read_text(encoding="utf-8"))
    return [
        locale_of(lang).pick({GENERATED.get(lang, lang): entry["toggle"]["name"]})
        for entry in config["theme"]["palette"]
    ]


def test_there_are_chart_pages_in_both_languages():
    assert {lang for lang, _, _ in CHART_PAGES} == set(LANGS)


# --- drawing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "path", "ids"), CHART_PAGES, ids=CHART_PAGE_IDS)
def test_every_chart_is_drawn_with_every_point_of_its_figure(
    survey: Survey, site: Site, lang: str, path: str, ids: list[str], width: int
):
    """A chart with two views shows one at a time (the switch's tests draw the other)."""
    charts = survey[lang, path, width].facts["charts"]
    assert [c["id"] for c in charts] == [f"chart-{v}" for i in ids for v in views(i)]
    assert [c["id"] for c in charts if c["visible"]] == [f"chart-{i}" for i in ids]
    for chart in (c for c in charts if c["visible"]):
        figure = json.loads(fetch(figure_url(site, lang, chart["light"])))
        assert chart["drawn"], f"{chart['id']} has no plotly SVG"
        assert chart["points"] == drawn_points(figure), chart["id"]


@pytest.mark.parametrize(("lang", "path", "ids"), CHART_PAGES, ids=CHART_PAGE_IDS)
def test_every_chart_fits_its_box_on_a_phone(survey: Survey, lang: str, path: str, ids: list[str]):
    for chart in survey[lang, path, PHONE].facts["charts"]:
        if chart["visible"]:  # a chart's other view waits behind its switch
            assert 0 < chart["svgWidth"] <= chart["boxWidth"] + 1, chart


def test_a_chart_redraws_at_the_new_size_when_the_window_narrows(open_page: Callable[..., Page], site: Site):
    lang, path, _ = CHART_PAGES[0]
    page = open_page(site.url(lang, path), width=DESKTOP)
    draw_charts(page)
    svg = page.locator("figure.hmw-chart .main-svg").first
    wide = svg.bounding_box()["width"]
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.wait_for_function(
        "f => f.querySelector('.main-svg').getBoundingClientRect().width"
        " <= f.getBoundingClientRect().width + 1",
        arg=page.locator("figure.hmw-chart").first.element_handle(),
        timeout=10_000,
    )
    narrow = svg.bounding_box()["width"]
    assert narrow < wide and narrow <= PHONE
    assert page.monitor.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_site_draws_the_narrow_variant_with_the_one_narrow_js(
    open_page: Callable[..., Page], site: Site, lang: str
):
    """hmw.js draws with hmwNarrow from narrow.js, the file every standalone page inlines."""
    served = site.dir / LANGS[lang] / "assets" / "javascripts" / "narrow.js"
    assert served.read_bytes() == (PROJECT / "overrides/assets/javascripts/narrow.js").read_bytes()
    path = next(p for code, p, ids in CHART_PAGES if code == lang and "param-scale" in ids)
    page = open_page(site.url(lang, path), width=PHONE)
    draw_charts(page)
    plot = page.locator("#chart-param-scale .hmw-chart__plot")
    figure = json.loads(fetch(figure_url(site, lang, plot.get_attribute("data-light"))))
    height = figure["layout"]["meta"]["narrow"]["layout"]["height"]  # the phone's taller figure
    assert height > figure["layout"]["height"]
    assert plot.evaluate("el => el.getBoundingClientRect().height") == pytest.approx(height, abs=1)
    assert page.monitor.problems == []


# --- colour scheme ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_palette_toggle_rethemes_every_chart_with_the_dark_figure(
    browser: Browser, site: Site, lang: str
):
    _, path, _ = max((p for p in CHART_PAGES if p[0] == lang), key=lambda p: len(p[2]))
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(site.url(lang, path), wait_until="networkidle")
        draw_charts(page)
        figures = page.locator("figure.hmw-chart:visible")
        expected = {}
        for i in range(figures.count()):
            plot = figures.nth(i).locator("[data-light]")
            light = json.loads(fetch(figure_url(site, lang, plot.get_attribute("data-light"))))
            dark = json.loads(fetch(figure_url(site, lang, plot.get_attribute("data-dark"))))
            expected[i] = {"light": layout_colours(light), "dark": layout_colours(dark)}

        def shown(i: int) -> dict[str, tuple[int, int, int]]:
            colours = figures.nth(i).evaluate(SHOWN_COLOURS)
            return {key: css_rgb(value) for key, value in colours.items() if value}

        def wait_for_scheme(scheme: str) -> None:
            for i, colours in expected.items():
                want = colours[scheme]["paper"]
                page.wait_for_function(
                    "([f, want]) => getComputedStyle(f.querySelector('.main-svg')).backgroundColor === want",
                    arg=[figures.nth(i).element_handle(), "rgb({}, {}, {})".format(*want)],
                    timeout=10_000,
                )

        def toggle(name: str) -> None:
            """Click the palette toggle's visible button, after checking it says `name`."""
            button = page.locator("[data-hmw-palette] label:visible")
            assert button.evaluate(TOGGLE_NAME) == name
            button.click()

        to_dark, to_light = toggle_names(lang)
        for i, colours in expected.items():
            assert shown(i) == {k: colours["light"][k] for k in ("paper", "tick")}, f"chart {i} before"
        toggle(to_dark)
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        wait_for_scheme("dark")
        for i, colours in expected.items():
            assert colours["dark"] != colours["light"]
            assert shown(i) == {k: colours["dark"][k] for k in ("paper", "tick")}, f"chart {i} in the dark"
        toggle(to_light)
        wait_for_scheme("light")
        for i, colours in expected.items():
            assert shown(i) == {k: colours["light"][k] for k in ("paper", "tick")}, f"chart {i} back in light"
    finally:
        context.close()


# --- content tabs ----------------------------------------------------------------------------------


def tabbed(first: str, second: str) -> str:
    """Content tabs exactly as pymdownx.tabbed (alternate style, as configured) writes them, with a
    placeholder paragraph in each tab."""
    source = f'=== "{first}"\n\n    TAB-ONE\n\n=== "{second}"\n\n    TAB-TWO\n'
    config = {"pymdownx.tabbed": {"alternate_style": True}}
    return markdown.markdown(source, extensions=["pymdownx.tabbed"], extension_configs=config)


def test_a_chart_in_a_content_tab_draws_when_its_tab_is_selected(
    context_for: Callable[[int], BrowserContext], site: Site
):
    """No page puts a chart in a tab yet, so this serves a chart page whose first chart has been
    moved into the second of two content tabs (the markup pymdownx.tabbed writes), then selects it."""
    lang, path, _ = CHART_PAGES[0]
    url = site.url(lang, path)
    html = site.html(lang, path)
    figure = FIGURE.search(html)
    assert figure, f"{url} has no <figure class=hmw-chart>"
    tabs = tabbed("Text", "Chart").replace("<p>TAB-ONE</p>", "<p>Words first.</p>")
    tabs = tabs.replace("<p>TAB-TWO</p>", figure.group(0))
    served = html[: figure.start()] + tabs + html[figure.end() :]

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=served)

    page = context_for(DESKTOP).new_page()
    try:
        check_tabbed_chart(page, Monitor(page, site), site, lang, url, serve)
    finally:
        page.close()


def check_tabbed_chart(page: Page, monitor: Monitor, site: Site, lang: str, url: str, serve) -> None:
    page.route(url, serve)
    page.goto(url, wait_until="networkidle")
    chart = page.locator(".tabbed-set figure.hmw-chart")
    assert not chart.is_visible()
    page.locator(".tabbed-labels label").nth(1).click()
    assert chart.is_visible()
    chart.scroll_into_view_if_needed()  # a wide column draws its chart once it is in view
    page.wait_for_function(
        "f => { const s = f.querySelector('.main-svg'); return s && s.getBoundingClientRect().width > 0"
        " && s.getBoundingClientRect().width >= f.getBoundingClientRect().width - 2; }",
        arg=chart.element_handle(),
        timeout=10_000,
    )
    light = chart.locator("[data-light]").get_attribute("data-light")
    figure_json = json.loads(fetch(figure_url(site, lang, light)))
    points = chart.locator(".cartesianlayer .trace .point").evaluate_all(
        "ps => ps.filter(p => { const q = p.tagName === 'path' ? p : p.querySelector('path');"
        " const d = q && q.getAttribute('d'); return d && d !== 'M0,0Z'; }).length"
    )
    assert points == drawn_points(figure_json)
    assert monitor.problems == []


# --- instant navigation ----------------------------------------------------------------------------


# The page shows exactly these charts, all drawn (instant navigation swaps the content after it
# changes the address, so the address alone does not say the new page is there).
SHOWS_CHARTS = (
    """ids => { const figures = [...document.querySelectorAll('figure.hmw-chart')]
    .filter(f => f.offsetParent !== null);
  ("""
    + ASK_FOR_CHARTS
    + """)();
  return figures.map(f => f.id).join() === ids.join()
    && figures.every(f => f.querySelector('.main-svg .cartesianlayer')); }"""
)


@pytest.mark.parametrize("lang", LANGS)
def test_charts_draw_after_instant_navigation_and_plotly_loads_once(
    open_page: Callable[..., Page], site: Site, lang: str
):
    chartless = next(path for path in page_paths(lang) if not fence_ids(source_of(lang, path)))
    page = open_page(site.url(lang, chartless), width=DESKTOP)
    page.evaluate("window.__sameDocument = true")
    for _, path, ids in [p for p in CHART_PAGES if p[0] == lang][:2]:
        target = site.url(lang, path)
        # Follow the navigation's link to the page, so Material's instant navigation handles it.
        clicked = page.evaluate(
            "url => { const a = [...document.querySelectorAll('nav a[href]')].find(a => a.href === url);"
            " if (a) a.click(); return Boolean(a); }",
            target,
        )
        assert clicked, f"no navigation link to {target}"
        page.wait_for_url(target)
        page.wait_for_function(SHOWS_CHARTS, arg=[f"chart-{i}" for i in ids], timeout=15_000)
        assert page.evaluate("window.__sameDocument === true"), "the page was reloaded, not swapped"
    plotly = [url for url in page.monitor.requests if re.search(r"/plotly[^/]*\.js$", url)]
    assert len(plotly) == 1, plotly
    assert page.monitor.problems == []


# --- without JavaScript ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "path", "ids"), CHART_PAGES, ids=CHART_PAGE_IDS)
def test_without_javascript_a_chart_page_shows_each_data_table_and_a_static_image(
    browser: Browser, site: Site, lang: str, path: str, ids: list[str]
):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(lang, path), wait_until="load")
        figures = page.locator("figure.hmw-chart:visible")  # a chart's other view waits behind its switch
        assert figures.count() == len(ids)
        for i in range(len(ids)):
            figure = figures.nth(i)
            image = figure.locator("img:visible")
            assert image.count() == 1, "one static image, in <noscript>"
            image.scroll_into_view_if_needed()
            assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute("src")
            assert image.get_attribute("alt")
            csv_link = figure.locator("a[href$='.csv']")
            rows = list(csv.reader(io.StringIO(fetch(csv_link.evaluate("a => a.href")).decode("utf-8-sig"))))
            table = figure.locator("details table")
            summary = figure.locator("details:has(table) > summary")
            summary.click()
            assert table.is_visible()
            assert table.locator("tbody tr").count() == len(rows) - 1
            assert table.locator("thead th").all_inner_texts() == rows[0]
    finally:
        context.close()


# --- a chart's view with the layer beyond the articles ---------------------------------------------


def _drawn(chart_id: str) -> str:
    return f"() => document.querySelector('#chart-{chart_id} .main-svg .cartesianlayer') !== null"


@pytest.mark.parametrize("lang", LANGS)
def test_the_view_switch_shows_the_rows_beyond_the_articles_and_back(
    open_page: Callable[..., Page], site: Site, lang: str
):
    page = open_page(site.url(lang, "timeline/"), width=DESKTOP)
    draw_charts(page)
    own, beyond = page.locator("#chart-timeline"), page.locator("#chart-timeline-context")
    assert own.is_visible() and not beyond.is_visible()
    page.get_by_role("radio", name=t("figure.view_context", lang)).check()
    assert beyond.is_visible() and not own.is_visible()
    page.wait_for_function(_drawn("timeline-context"), polling=250, timeout=15_000)  # no hover needed
    figure = json.loads(
        fetch(figure_url(site, lang, beyond.locator("[data-light]").get_attribute("data-light")))
    )
    shown = beyond.evaluate(
        "f => [...f.querySelectorAll('.cartesianlayer .trace .point')]"
        ".filter(p => (p.getAttribute('d') || '') !== 'M0,0Z').length"
    )
    assert shown == drawn_points(figure)
    page.get_by_role("radio", name=t("figure.view_articles", lang)).check()
    assert own.is_visible() and not beyond.is_visible()
    assert page.monitor.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_other_view_shows_its_own_static_image(
    open_page: Callable[..., Page], site: Site, lang: str
):
    page = open_page(site.url(lang, "atlas/"), width=PHONE)
    page.get_by_role("radio", name=t("figure.view_context", lang)).first.check()
    image = page.locator("#chart-param-scale-context img.hmw-chart__phone--light")
    assert "param-scale-context" in image.get_attribute("src")
    page.mouse.move(1, 1)  # over the fixed header: a mouse over the chart would ask for plotly.js
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.is_visible() and not page.locator("#chart-param-scale").is_visible()
    assert page.monitor.problems == []


def test_without_javascript_the_view_switch_still_works(browser: Browser, site: Site):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("en", "atlas/"), wait_until="load")
        assert page.locator("#chart-params-over-time").is_visible()
        page.get_by_role("radio", name=t("figure.view_context", "en")).nth(1).check()
        assert page.locator("#chart-params-over-time-context").is_visible()
        assert not page.locator("#chart-params-over-time").is_visible()
    finally:
        context.close()
