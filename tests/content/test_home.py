"""The home page shows only numbers that come from the dataset, formatted like everywhere else."""

from __future__ import annotations

import re

import pytest

from charts import formats
from charts.dataset import Dataset
from hmw_site.context import Context
from hmw_site.fences import render_page
from hmw_site.markdown import SHORTCODE, strip_front_matter
from tests.content.rules import without_fences
from tests.sample_data import PROJECT

LANGS = ("zh", "en")
DIGITS = re.compile(r"[0-9０-９]")


def home(lang: str) -> str:
    return (PROJECT / "docs" / lang / "index.md").read_text(encoding="utf-8")


def key_number_codes(markdown: str) -> list[str]:
    """The shortcodes set in bold at the head of a card in the key-numbers section."""
    section = markdown.split("{#numbers}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^-\s+__\[\[([^\]]+)\]\]__", section, re.MULTILINE)


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_types_no_digit_outside_shortcodes_and_chart_fences(lang: str):
    text = SHORTCODE.sub("", without_fences(strip_front_matter(home(lang))))
    assert not DIGITS.findall(text), [line for line in text.splitlines() if DIGITS.search(line)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_shows_four_to_six_key_numbers(lang: str):
    assert 4 <= len(key_number_codes(home(lang))) <= 6


def test_both_languages_show_the_same_key_numbers():
    assert key_number_codes(home("zh")) == key_number_codes(home("en"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_number_equals_the_formatted_value_of_its_row(data: Dataset, lang: str):
    for code in key_number_codes(home(lang)):
        ctx = Context(data=data, lang=lang, page="index.md", url_for=lambda t, a: f"{t}#{a}")
        rendered = render_page(f"[[{code}]]", ctx)
        shown = re.sub(r"<sup.*?</sup>|<span class=\"dataref__sr\">.*?</span>|<[^>]+>", "", rendered)
        table, key, *rest = code.split(":")
        if table == "figures":
            row = data.figures[key]
            expected = formats.format_value(row["value"], row["unit"], lang, bound=row["bound"])
        elif table == "models" and rest == ["params"]:
            expected = formats.format_params(data.models[key]["params_billion"], lang, long=True)
        elif table == "count":
            rows = data.table(key).values()
            if rest:
                rows = [r for r in rows if r.get("country") == rest[0]]
            expected = formats.format_value(len(list(rows)), "count", lang)
        else:
            pytest.fail(f"the home page uses [[{code}]], which this test does not know how to check")
        assert shown == expected, code


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_embeds_the_headline_timeline(lang: str):
    assert "```chart\ntimeline\n```" in home(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_offers_three_reading_paths(lang: str):
    section = home(lang).split("{#paths}", 1)[1]
    assert len(re.findall(r"^-\s+:material-[a-z-]+:", section, re.MULTILINE)) == 3


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_says_what_the_articles_cannot_tell_and_links_the_context_page(lang: str):
    intro = home(lang).split("\n## ", 1)[0]
    assert "[[mark:external]]" in intro
    assert re.search(r"\]\(context\.md\)", intro)
