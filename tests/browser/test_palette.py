"""The light/dark toggle (overrides/partials/javascripts/palette.html, in place of Material's palette
component): the first paint already has the reader's scheme — the stored choice, else the system's —
and the button that leads away from it; a click, a tap or Enter switches and remembers the choice
across pages and visits; the browser's theme-color follows the header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.site import LANGS, Site
from tests.browser.test_charts import DESKTOP, PHONE, toggle_names

# What the page shows once the header has been parsed, before any script of Material's bundle (at the
# end of the body) runs: the scheme and the toggle's visible button, as the first paint has them.
BEFORE_THE_BUNDLE = """new MutationObserver((records, observer) => {
  if (!document.querySelector('.md-container')) return;
  observer.disconnect();
  window.__beforeTheBundle = {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    buttons: [...document.querySelectorAll('[data-hmw-palette] label')]
      .filter(label => !label.hidden).map(label => label.title),
    bundle: Boolean(window.component$),
  };
}).observe(document, {childList: true, subtree: true});"""
VISIBLE_BUTTON = "[data-hmw-palette] label:visible"


@pytest.fixture
def new_context(browser: Browser) -> Iterator:
    """new_context(scheme, width) → a fresh context (nothing stored) whose system asks for `scheme`."""
    contexts: list[BrowserContext] = []

    def make(scheme: str, width: int = DESKTOP) -> BrowserContext:
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def first_paint(context: BrowserContext, url: str) -> tuple[Page, dict]:
    """A new page of `context` that has loaded `url`, and what it showed before Material's bundle."""
    page = context.new_page()
    page.add_init_script(BEFORE_THE_BUNDLE)
    page.goto(url, wait_until="load")
    return page, page.evaluate("() => window.__beforeTheBundle")


def painted(scheme: str, button: str) -> dict:
    """What a page shows before Material's bundle runs: `scheme` and the one button `button`."""
    return {"scheme": scheme, "buttons": [button], "bundle": False}


def scheme(page: Page) -> str | None:
    return page.get_attribute("body", "data-md-color-scheme")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("system", "expected"), [("light", "default"), ("dark", "slate")])
def test_a_first_visit_paints_the_scheme_the_system_asks_for(
    new_context, site: Site, lang: str, system: str, expected: str
):
    to_dark, to_light = toggle_names(lang)
    page, before = first_paint(new_context(system), site.url(lang))
    assert before == painted(expected, to_light if system == "dark" else to_dark)
    assert page.locator("[data-md-component=palette]").count() == 0, "Material's component is not mounted"


@pytest.mark.parametrize("lang", LANGS)
def test_a_click_switches_and_the_choice_is_kept_on_the_next_page_and_visit(
    new_context, site: Site, lang: str
):
    context = new_context("light")
    page, _ = first_paint(context, site.url(lang))
    to_dark, to_light = toggle_names(lang)
    page.locator(VISIBLE_BUTTON).click()
    assert scheme(page) == "slate"
    assert page.locator(VISIBLE_BUTTON).get_attribute("title") == to_light
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")

    # Instant navigation to another page keeps the scheme; a new visit paints it from the start.
    page.locator(".md-tabs__link, .md-nav__link[href]").nth(1).click()
    page.wait_for_load_state("load")
    assert scheme(page) == "slate"
    later, before = first_paint(context, site.url(lang, "glossary/"))
    assert before == painted("slate", to_light)
    later.locator(VISIBLE_BUTTON).click()
    assert scheme(later) == "default"
    _, before = first_paint(context, site.url(lang))
    assert before == painted("default", to_dark)


@pytest.mark.parametrize("lang", LANGS)
def test_enter_on_the_focused_toggle_switches_the_scheme(new_context, site: Site, lang: str):
    page, _ = first_paint(new_context("dark", PHONE), site.url(lang))
    assert scheme(page) == "slate"
    page.locator("[data-hmw-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
    assert page.evaluate("() => document.activeElement.matches('[data-hmw-palette] input:checked')")
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"


def test_the_browser_colours_follow_the_header(new_context, site: Site):
    page, _ = first_paint(new_context("light"), site.url("zh"))
    header_colour = "() => getComputedStyle(document.querySelector('.md-header')).backgroundColor"
    theme_color = "() => (document.querySelector('meta[name=theme-color]') || {}).content"

    def as_hex(rgb: str) -> str:
        return "#" + "".join(f"{int(v):02x}" for v in rgb[rgb.index("(") + 1 : -1].split(",")[:3])

    page.wait_for_function(f"() => ({theme_color})() === '{as_hex(page.evaluate(header_colour))}'")
    light = page.evaluate(theme_color)
    page.locator(VISIBLE_BUTTON).click()
    dark = page.evaluate(theme_color)
    assert dark == as_hex(page.evaluate(header_colour)) and dark != light
    assert page.evaluate("() => document.querySelector('meta[name=color-scheme]').content") == "dark"
