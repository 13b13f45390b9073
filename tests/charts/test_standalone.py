"""The standalone chart page: self-contained, offline from disk, and right-sized inside slides.

reveal.js (and similar tools) keep every slide but the current one hidden; a Plotly chart drawn in
a hidden iframe comes out at Plotly's default size. These tests open the page from file:// in
headless Chromium with every non-file request aborted, and check it draws, in both languages, and
redraws to fill its iframe once the hidden slide is shown.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charts import plotly_js
from charts.build import CHART_IDS, SCHEMES, render, standalone_html
from charts.i18n import LANGS
from devtools.chromium import launch

PROJECT = Path(__file__).resolve().parents[2]
# Every drawn data point or bar is an element with class "point" in Plotly's SVG.
DRAWN = ".main-svg .point"
SLIDE = {"width": 1000, "height": 560}  # the hidden slide's iframe, in CSS pixels

HOST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>slides</title></head><body style="margin:0">
<section id="first" style="width:900px; height:500px">first slide</section>
<section id="second" style="display:none; width:{width}px; height:{height}px">
  <iframe id="chart" src="{src}" title="chart" style="width:100%; height:100%; border:0"></iframe>
</section>
</body></html>
"""


@pytest.fixture(scope="module")
def pages(rendered_charts, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every chart as a standalone page in both languages."""
    folder = tmp_path_factory.mktemp("standalone")
    written = {}
    for chart_id in CHART_IDS:
        for lang in LANGS:
            charts = {scheme: rendered_charts[chart_id, lang, scheme] for scheme in SCHEMES}
            path = folder / f"{chart_id}-{lang}.html"
            path.write_text(standalone_html(charts), encoding="utf-8")
            written[(chart_id, lang)] = path
    return written


@pytest.mark.parametrize("lang", LANGS)
def test_standalone_page_loads_nothing_from_elsewhere(rendered_charts, lang):
    html = standalone_html({s: rendered_charts["timeline", lang, s] for s in SCHEMES})
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
    # Nothing is fetched; the one address is the empty icon (data:), which keeps the browser from
    # asking the server for /favicon.ico.
    assert [tag for tag in tags if re.search(r"\b(?:src|href)\s*=", tag)] == [
        '<link rel="icon" href="data:,">'
    ]
    assert f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">' in html


def test_standalone_pages_are_byte_identical_on_rebuild(data, rendered_charts):
    for chart_id in CHART_IDS[:2]:
        first = standalone_html({s: rendered_charts[chart_id, "zh", s] for s in SCHEMES})
        assert standalone_html({s: render(data, chart_id, "zh", s) for s in SCHEMES}) == first


def test_pages_inline_the_small_basic_plotly_bundle_unless_a_trace_needs_the_full_one(rendered_charts):
    from plotly.offline import get_plotlyjs

    basic = plotly_js.script({"scatter", "bar"})
    assert basic == plotly_js.BUNDLE.read_text(encoding="utf-8")
    assert basic != get_plotlyjs() and len(basic) < len(get_plotlyjs()) / 2
    assert plotly_js.script({"scatter", "heatmap"}) == get_plotlyjs()
    assert basic in standalone_html({s: rendered_charts["param-scale", "en", s] for s in SCHEMES})


# --- in the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser):
    """A page whose context aborts every request that is not for a file, recording what it
    aborted and any script error."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    blocked: list[str] = []
    errors: list[str] = []

    def route(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.blocked, page.errors = blocked, errors
    yield page
    context.close()


def _plot_size(frame) -> dict[str, float]:
    """The drawn plot's size and its container's, in CSS pixels."""
    return frame.evaluate(
        """() => {
          const el = document.querySelector('.js-plotly-plot');
          const svg = el.querySelector('.main-svg');
          return {width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
                  containerWidth: el.clientWidth, containerHeight: el.clientHeight};
        }"""
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_standalone_chart_draws_offline_from_disk(offline_page, pages, chart_id, lang):
    page = offline_page
    page.goto(pages[(chart_id, lang)].as_uri())
    page.wait_for_selector(DRAWN, state="attached")
    assert page.locator(DRAWN).count() > 0
    size = _plot_size(page)
    assert size["width"] == pytest.approx(size["containerWidth"], abs=2)
    assert page.blocked == [] and page.errors == []


def test_standalone_page_carries_the_narrow_variant_and_the_code_that_applies_it(rendered_charts):
    charts = {scheme: rendered_charts["data-exhaustion", "en", scheme] for scheme in SCHEMES}
    html = standalone_html(charts)
    assert "function hmwNarrow(figure, width)" in html and "hmwNarrow(figures[scheme]" in html
    assert '"narrow":{"layout":' in html


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_standalone_chart_puts_its_legend_below_the_plot(browser, pages, lang):
    page = browser.new_page(viewport={"width": 375, "height": 667})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(pages[("param-scale", lang)].as_uri())
    page.wait_for_selector(DRAWN, state="attached")
    boxes = page.evaluate(
        """() => ({legend: document.querySelector('.legend').getBoundingClientRect().top,
                   plot: document.querySelector('.nsewdrag').getBoundingClientRect().bottom,
                   plotHeight: document.querySelector('.nsewdrag').getBoundingClientRect().height})"""
    )
    assert boxes["legend"] > boxes["plot"] and boxes["plotHeight"] > 400
    page.set_viewport_size({"width": 1100, "height": 800})  # wider again: the page layout, legend above
    page.wait_for_function(
        "() => document.querySelector('.legend').getBoundingClientRect().top"
        " < document.querySelector('.nsewdrag').getBoundingClientRect().top"
    )
    assert errors == []
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_dark_scheme_and_transparent_background_are_query_options(offline_page, pages, lang):
    page = offline_page
    page.goto(pages[("training-cost", lang)].as_uri() + "?scheme=dark&transparent&bare")
    page.wait_for_selector(DRAWN, state="attached")
    assert page.evaluate("document.body.dataset.scheme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator("h1").is_hidden()  # ?bare: the chart alone
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_chart_in_a_hidden_slide_redraws_to_fill_its_iframe_when_shown(offline_page, pages, tmp_path, lang):
    page = offline_page
    chart = pages[("param-scale", lang)]
    host = chart.parent / f"host-{lang}.html"
    host.write_text(HOST.format(src=chart.name + "?bare", **SLIDE), encoding="utf-8")
    page.goto(host.as_uri())
    frame = page.frame_locator("#chart")
    frame.locator(DRAWN).first.wait_for(state="attached")
    inner = next(f for f in page.frames if f.url.startswith(chart.as_uri()))
    hidden = _plot_size(inner)
    assert hidden["width"] != pytest.approx(SLIDE["width"], abs=2)  # drawn while hidden: wrong size

    page.evaluate("""() => {
      document.getElementById('first').style.display = 'none';
      document.getElementById('second').style.display = 'block';
    }""")
    inner.wait_for_function(  # file:// frames are cross-origin to each other: ask the chart's own frame
        "w => Math.abs(document.querySelector('.main-svg').getBoundingClientRect().width - w) <= 2",
        arg=SLIDE["width"],
        timeout=5000,
    )
    shown = _plot_size(inner)
    assert shown["width"] == pytest.approx(SLIDE["width"], abs=2)
    assert shown["height"] == pytest.approx(shown["containerHeight"], abs=2)
    assert shown["height"] > hidden["height"]
    assert inner.locator(DRAWN).count() > 0
    assert page.blocked == [] and page.errors == []
