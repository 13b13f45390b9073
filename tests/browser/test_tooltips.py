"""The content's tooltips (overrides/assets/javascripts/tooltips.js): a glossary term or a status
mark shows its title in one tooltip on hover, tap and keyboard focus, never doubled by the browser's
own, and a page sets nothing up for them until the reader reaches for one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page

from tests.browser.site import Site

SUMMARY = "sources/shendu/"  # running text with glossary terms
ATLAS = "atlas/"  # hundreds of status marks
TERM = ".md-content a.gloss"
PHONE = 375

TOOLTIP = "#hmw-tooltip"
SHOWN = """() => {
  const tip = document.getElementById('hmw-tooltip');
  return tip && !tip.hidden ? tip.textContent : null;
}"""


def wait_ready(page: Page) -> None:
    page.wait_for_function("() => window.document$ !== undefined")


def first_term(page: Page) -> tuple[Locator, str]:
    """The summary's first glossary term, once the page's scripts run, and its definition."""
    wait_ready(page)
    term = page.locator(TERM).first
    definition = term.get_attribute("title")
    assert definition
    return term, definition


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_page_sets_up_no_tooltip_until_the_reader_reaches_for_one(
    open_page: Callable[..., Page], site: Site, lang: str
):
    page = open_page(site.url(lang, ATLAS))
    wait_ready(page)
    titled = page.locator(".md-content [title]").count()
    assert titled > 50, "the atlas has a title on every status mark"
    assert page.locator(f"{TOOLTIP}, .md-tooltip2, .md-tooltip").count() == 0
    assert page.locator(".md-content [aria-describedby]").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hovering_a_glossary_term_shows_its_definition_once_and_leaving_hides_it(
    open_page: Callable[..., Page], site: Site, lang: str
):
    page = open_page(site.url(lang, SUMMARY))
    term, definition = first_term(page)
    term.hover()
    assert page.evaluate(SHOWN) == definition
    # While the tooltip shows, the browser has no title to show a second tooltip from.
    assert term.get_attribute("title") is None
    assert term.get_attribute("aria-describedby") == "hmw-tooltip"
    tip = page.locator(TOOLTIP).bounding_box()
    box = term.bounding_box()
    assert tip and box and tip["y"] >= box["y"] + box["height"], "the tooltip sits below the term"
    page.mouse.move(1, 1)
    assert page.evaluate(SHOWN) is None
    assert term.get_attribute("title") == definition
    assert term.get_attribute("aria-describedby") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyboard_focus_shows_a_terms_definition_and_escape_hides_it(
    open_page: Callable[..., Page], site: Site, lang: str
):
    page = open_page(site.url(lang, SUMMARY))
    term, definition = first_term(page)
    term.focus()
    assert page.evaluate(SHOWN) == definition
    page.keyboard.press("Escape")
    assert page.evaluate(SHOWN) is None
    assert term.get_attribute("title") == definition


def test_on_a_phone_a_tapped_status_mark_explains_itself_inside_the_screen(
    open_page: Callable[..., Page], site: Site
):
    page = open_page(site.url("en", ATLAS), width=PHONE)
    wait_ready(page)
    mark = page.locator(".md-content .dataref-status[title]").first
    mark.scroll_into_view_if_needed()
    meaning = mark.get_attribute("title")
    mark.dispatch_event("pointerover", {"pointerType": "touch", "bubbles": True})
    assert page.evaluate(SHOWN) == meaning
    tip = page.locator(TOOLTIP).bounding_box()
    assert tip and tip["x"] >= 0 and tip["x"] + tip["width"] <= PHONE
    # A tap elsewhere puts it away.
    page.locator("h1").dispatch_event("pointerdown", {"bubbles": True})
    assert page.evaluate(SHOWN) is None
    assert mark.get_attribute("title") == meaning
