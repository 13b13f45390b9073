"""The context page: what the five articles leave out, in both languages, every fact from a row of the
external layer. As on the summaries (tests/content/test_summaries.py), a number reaches the page only
through a shortcode; a digit typed in prose must belong to a name or be a year the dataset holds."""

from __future__ import annotations

import re

import pytest

from charts import formats
from charts.dataset import Dataset
from hmw_site.context import Context
from hmw_site.fences import render_page
from hmw_site.markdown import SHORTCODE
from tests.content.rules import prose
from tests.content.test_summaries import dataset_years, digits_outside, shown_text
from tests.sample_data import PROJECT

LANGS = ("zh", "en")
EXTERNAL = ("external_models", "external_events", "external_prices")
# Names with digits the external tables do not hold as names, with why each appears on the page.
OTHER_NAMES = (
    "A100", "A800", "H100", "H800", "L40S", "L40", "RTX 4090",  # NVIDIA chips the export rules name
    "Qwen1.5", "Qwen2",  # the two Qwen series whose largest members are rows
    "TC260",  # the name of China's national cybersecurity standards committee
)  # fmt: skip
SECTIONS = ("regulation", "chips", "newcomers", "price-war", "data")


def page(lang: str) -> str:
    return (PROJECT / "docs" / lang / "context.md").read_text(encoding="utf-8")


def external_names(data: Dataset) -> list[str]:
    names = set(OTHER_NAMES)
    for row in data.external_models.values():
        names.update(row[f"{field}_{lang}"] for lang in LANGS for field in ("name", "org"))
    for row in data.external_prices.values():
        names.update(row[f"model_{lang}"] for lang in LANGS)
    return sorted((n for n in names if re.search(r"\d", n)), key=len, reverse=True)


def years(data: Dataset) -> set[str]:
    found = dataset_years(data)
    for row in [*data.external_events.values(), *data.external_prices.values()]:
        found.add(str(row["date"].year))
    found.update(str(row["release_date"].year) for row in data.external_models.values())
    return found


def typed_numbers(markdown: str, data: Dataset) -> list[str]:
    return digits_outside(markdown, external_names(data), years(data))


def expected_text(code: str, data: Dataset, lang: str) -> str:
    """What an external shortcode must show, worked out from its row without the hook."""
    table, key, *rest = code.split(":")
    if table == "count":
        return formats.format_value(len(data.table(key)), "count", lang)
    if table == "mark":
        return "‡"
    row, field = data.table(table)[key], rest[0]
    if field == "date":
        return formats.format_date(row["release_date" if table == "external_models" else "date"], lang)
    if field in ("name", "title", "org", "model", "company"):
        return row[f"{field}_{lang}"]
    if field == "params":
        return formats.format_value(row["params_billion"] * 1e9, "params", lang, bound=row["params_bound"])
    if field == "active":
        return formats.format_params(row["active_params_billion"], lang, long=True)
    if field in ("before", "after"):
        return formats.format_price(row[f"input_{field}"], lang)
    raise AssertionError(f"this test does not know how to check [[{code}]]")


@pytest.mark.parametrize("lang", LANGS)
def test_the_context_page_covers_the_rules_the_chips_the_newcomers_and_the_price_war(lang: str):
    assert re.findall(r"^## .*\{#([a-z-]+)\}$", page(lang), re.MULTILINE) == list(SECTIONS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_context_page_shows_every_row_of_the_external_layer(lang: str):
    for table in EXTERNAL:
        assert f"```datatable\n{table}\n```" in page(lang), table


@pytest.mark.parametrize("lang", LANGS)
def test_the_context_page_takes_its_facts_from_the_external_layer(data: Dataset, lang: str):
    codes = SHORTCODE.findall(prose(page(lang)))
    used = {code.split(":")[0] for code in codes}
    assert {"external_events", "external_models", "external_prices"} <= used
    for code in codes:
        ctx = Context(data=data, lang=lang, page="context.md", url_for=lambda t, a: f"{t}#{a}")
        assert shown_text(render_page(f"[[{code}]]", ctx)) == expected_text(code, data, lang), code


@pytest.mark.parametrize("lang", LANGS)
def test_no_number_is_typed_on_the_context_page_except_names_and_years(data: Dataset, lang: str):
    assert typed_numbers(page(lang), data) == []


def test_the_typed_number_rule_on_the_context_page_catches_a_price_and_a_count(data: Dataset):
    assert typed_numbers("阿里云把价格降到 0.5 元，首批有 11 家。", data) == ["0.5", "11"]
    assert typed_numbers("NVIDIA's A800 and H800 in 2023.", data) == []
