"""The summaries of the five source articles: complete in both languages, in the same six sections,
with numbers from the dataset.

What counts as prose, a marked quote, noise and a copy is in tests/content/rules.py;
tests/content/test_content.py applies those rules to every page, these included. On these pages:

* A *number* is a run of digits. Numbers reach a page through shortcodes, which render dataset
  values. A digit typed in prose must belong to a name the dataset spells the same way (GPT-4,
  Falcon 180B, Llama 2 …) or to the short list of other names below, or be a year that a dated
  dataset row or a dataset name carries. Anything else — a count, a share, a day of a month — has
  to be a shortcode.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator

import pytest

from charts import formats
from charts.dataset import Dataset, load_dataset
from charts.figures.timeline import FIRST_YEAR, LAST_YEAR
from charts.registry import CHARTS
from hmw_site.context import Context
from hmw_site.datarefs import source_usage
from hmw_site.fences import render_page
from hmw_site.markdown import SHORTCODE, linked_pages, read_pages, strip_front_matter
from tests.content.rules import prose
from tests.sample_data import PROJECT

LANGS = ("zh", "en")
SECTIONS = ("card", "gist", "points", "numbers", "care", "relations")

# Names with digits that the dataset does not hold as names, with why each appears on a page.
OTHER_NAMES = (
    "Mate 60 Pro",  # the Huawei phone the sputnik article compares the model rush to
    "1024 程序员节",  # the event where the CSDN panel took place (the date 10/24 is its name)
    "1024 Programmers' Day",
    "Gemini 1.0",  # Google's model that overtook the sputnik article's claim
)

HEADING = re.compile(r"^##\s+(.+?)\s*\{#([a-z-]+)\}\s*$", re.MULTILINE)
LIST_NUMBER = re.compile(r"^\s*\d+\.\s", re.MULTILINE)
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


# --- reading pages -------------------------------------------------------------------------------


@functools.cache
def source_ids() -> tuple[str, ...]:
    """The five articles' ids, read once (parametrisation needs them before any fixture)."""
    return tuple(load_dataset(PROJECT / "data").sources)


def page(lang: str, name: str) -> str:
    return (PROJECT / "docs" / lang / "sources" / f"{name}.md").read_text(encoding="utf-8")


def summaries() -> Iterator[tuple[str, str]]:
    for lang in LANGS:
        for key in source_ids():
            yield lang, key


SUMMARIES = list(summaries())
IDS = [f"{lang}/{key}" for lang, key in SUMMARIES]
ALL_PAGES = [*SUMMARIES, *((lang, "index") for lang in LANGS)]
ALL_IDS = [f"{lang}/{key}" for lang, key in ALL_PAGES]


def sections(markdown: str) -> dict[str, str]:
    """Section id -> Markdown of that section (up to the next level-two heading)."""
    body = strip_front_matter(markdown)
    heads = list(HEADING.finditer(body))
    return {
        m.group(2): body[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(body)]
        for i, m in enumerate(heads)
    }


# --- every page, every section ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_has_a_summary_page_in_each_language_and_no_page_lacks_a_source(lang: str):
    pages = {p.stem for p in (PROJECT / "docs" / lang / "sources").glob("*.md")}
    assert pages == {*source_ids(), "index"}


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_a_summary_has_the_six_sections_in_order_under_the_shared_ids(lang: str, key: str):
    assert list(sections(page(lang, key))) == list(SECTIONS)


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_the_card_section_shows_the_bibliographic_card_of_its_own_source(lang: str, key: str):
    assert f"```source-card\n{key}\n```" in sections(page(lang, key))["card"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_lists_the_pages_that_build_on_its_article_but_not_the_other_summaries(
    data: Dataset, lang: str
):
    pages = read_pages(PROJECT / "docs" / lang)
    usage = source_usage(pages, data)
    for key in source_ids():
        ctx = Context(data=data, lang=lang, page=f"sources/{key}.md", url_for=lambda t, a: f"{t}#{a}")
        ctx.usage = usage
        card = render_page(f"```source-card\n{key}\n```\n", ctx)
        listed = set(re.findall(r'<li><a href="([^"#]+)#?"', card))
        assert listed, key
        assert listed == {p for p in usage[key] if not p.startswith("sources/")}, key


def sentences(text: str, lang: str) -> list[str]:
    text = SHORTCODE.sub("X", text).strip()
    pattern = r"(?<=[。！？])" if lang == "zh" else r"(?<=[.!?])[”\"]?\s+(?=[A-Z“\"])"
    return [s for s in re.split(pattern, text) if s.strip()]


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_the_gist_is_three_sentences(lang: str, key: str):
    gist = sections(page(lang, key))["gist"]
    assert len(sentences(gist, lang)) == 3, sentences(gist, lang)


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_the_argument_is_six_to_ten_numbered_key_points(lang: str, key: str):
    points = LIST_NUMBER.findall(sections(page(lang, key))["points"])
    assert 6 <= len(points) <= 10


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_read_with_care_lists_at_least_three_caveats(lang: str, key: str):
    items = re.findall(r"^-\s+\S", sections(page(lang, key))["care"], re.MULTILINE)
    assert len(items) >= 3


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_the_relations_section_links_each_of_the_other_four_summaries(lang: str, key: str):
    relations = sections(page(lang, key))["relations"]
    linked = linked_pages(relations, f"sources/{key}.md")
    assert linked >= {f"sources/{other}.md" for other in source_ids() if other != key}


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_index_shows_every_card_and_links_every_summary(lang: str):
    index = page(lang, "index")
    for key in source_ids():
        assert f"```source-card\n{key}\n```" in index, key
    assert linked_pages(index, "sources/index.md") >= {f"sources/{key}.md" for key in source_ids()}


# --- numbers --------------------------------------------------------------------------------------


def expected_text(code: str, data: Dataset, lang: str) -> str:
    """What a shortcode must show, worked out from its row without the hook."""
    table, key, *rest = code.split(":")
    if table == "count":
        return formats.format_value(len(data.table(key)), "count", lang)
    row = data.table(table)[key]
    field = rest[0] if rest else "value"
    if table == "figures" and field == "value":
        return row[f"wording_{lang}"] or formats.format_value(
            row["value"], row["unit"], lang, bound=row["bound"]
        )
    if field == "date":
        column = {"figures": "date", "models": "release_date", "events": "date"}[table]
        return formats.format_date(row[column], lang)
    if field == "params":
        text = formats.format_params(row["params_billion"], lang, long=True)
        bounded = {
            "at-least": ("超过{}", "over {}"),
            "about": ("约{}", "about {}"),
            "at-most": ("至多{}", "up to {}"),
        }
        forms = bounded.get(row["params_bound"])
        return forms[LANGS.index(lang)].format(text) if forms else text
    if field == "context":
        return formats.format_value(row["context_tokens"], "tokens", lang)
    if field == "tokens":
        return formats.format_value(row["training_tokens_billion"] * 1e9, "tokens", lang)
    if field in ("name", "title", "subject"):
        return row[f"{field}_{lang}"] or row[f"{field}_zh"]
    raise AssertionError(f"this test does not know how to check [[{code}]]")


def shown_text(rendered: str) -> str:
    text = re.sub(r"<sup.*?</sup>|<span class=\"dataref__sr\">.*?</span>", "", rendered)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize(("lang", "key"), ALL_PAGES, ids=ALL_IDS)
def test_every_shortcode_renders_the_value_of_its_dataset_row(data: Dataset, lang: str, key: str):
    codes = SHORTCODE.findall(prose(page(lang, key)))
    assert codes or key == "index"
    for code in codes:
        ctx = Context(data=data, lang=lang, page=f"sources/{key}.md", url_for=lambda t, a: f"{t}#{a}")
        assert shown_text(render_page(f"[[{code}]]", ctx)) == expected_text(code, data, lang), code


def dataset_names(data: Dataset) -> list[str]:
    """Every name and title in the dataset that contains a digit, longest first."""
    names: set[str] = set(OTHER_NAMES)
    for table, fields in (("models", ("name",)), ("events", ("title",)), ("sources", ("title",))):
        for row in data.table(table).values():
            for field in fields:
                for lang in LANGS:
                    value = row.get(f"{field}_{lang}") or ""
                    # a name in brackets is a name of its own: 百川大模型（Baichuan-7B/13B）
                    for part in re.split(r"[（）()]", value):
                        if re.search(r"\d", part):
                            names.add(part.strip())
    return sorted(names, key=len, reverse=True)


def name_pattern(name: str) -> re.Pattern[str]:
    """A name as a page may space it: 文心大模型4.0 or 文心大模型 4.0; not inside a longer word."""
    parts = [re.escape(c) for c in name.replace(" ", "")]
    glue = r"\s?"
    return re.compile(r"(?<![A-Za-z0-9.-])" + glue.join(parts) + r"(?![A-Za-z0-9-]|\.\d)")


def dataset_years(data: Dataset) -> set[str]:
    years: set[str] = set()
    for table in ("models", "events", "figures", "sources"):
        for row in data.table(table).values():
            for column in ("date", "release_date"):
                if row.get(column) is not None:
                    years.add(str(row[column].year))
    for name in dataset_names(data):
        years.update(re.findall(r"(?<!\d)(?:1[7-9]|20)\d\d(?!\d)", name))
    for row in data.figures.values():
        for lang in LANGS:
            years.update(re.findall(r"(?<!\d)(?:1[7-9]|20)\d\d(?!\d)", row[f"measure_{lang}"]))
    return years


def digits_outside(markdown: str, names: list[str], years: set[str]) -> list[str]:
    """Digit runs typed in a page's prose outside shortcodes, the names given and the years given."""
    text = LIST_NUMBER.sub(" ", SHORTCODE.sub(" ", prose(markdown)))
    for name in names:
        text = name_pattern(name).sub(" ", text)
    return [n for n in DIGITS.findall(text) if n not in years]


def typed_numbers(markdown: str, data: Dataset) -> list[str]:
    """Digit runs typed in a page's prose that are neither a dataset name nor a dataset year."""
    return digits_outside(markdown, dataset_names(data), dataset_years(data))


@pytest.mark.parametrize(("lang", "key"), ALL_PAGES, ids=ALL_IDS)
def test_no_number_is_typed_in_prose_except_names_and_years_the_dataset_holds(
    data: Dataset, lang: str, key: str
):
    assert typed_numbers(page(lang, key), data) == []


def test_the_typed_number_rule_catches_a_count_a_share_and_a_day(data: Dataset):
    typed = typed_numbers("GPT-4 于 2023 年发布，有 200 个模型，占 95%，在 9月7日。", data)
    assert typed == ["200", "95", "9", "7"]
    assert typed_numbers("Llama 2 and Falcon 180B came out in 2023; Llama 3 did not.", data) == ["3"]


def charts_showing(code: str, data: Dataset) -> set[str]:
    """The charts that draw the row a shortcode shows (the chart modules name their groups)."""
    table, key, *rest = code.split(":")
    field = rest[0] if rest else ("value" if table == "figures" else "")
    if table == "figures" and field == "value":
        group = data.figures[key]["group"]
        return {
            chart
            for chart, module in CHARTS.items()
            if group in (getattr(module, "GROUP", None), getattr(module, "THRESHOLD_GROUP", None))
        }
    if table == "models" and field == "params":
        dated = data.models[key]["release_date"] is not None
        return {"param-scale", *(["params-over-time"] if dated else [])}
    if table == "events" and field == "date":
        return {"timeline"} if FIRST_YEAR <= data.events[key]["date"].year <= LAST_YEAR else set()
    return set()


def chart_pages(lang: str) -> dict[str, set[str]]:
    """Chart id -> the pages of one language that embed it."""
    found: dict[str, set[str]] = {}
    docs = PROJECT / "docs" / lang
    for path in docs.rglob("*.md"):
        for chart in re.findall(r"```chart\n([a-z-]+)\n```", path.read_text(encoding="utf-8")):
            found.setdefault(chart, set()).add(path.relative_to(docs).as_posix())
    return found


@pytest.mark.parametrize(("lang", "key"), SUMMARIES, ids=IDS)
def test_every_number_listed_is_a_shortcode_and_the_list_links_the_charts_that_draw_them(
    data: Dataset, lang: str, key: str
):
    numbers = sections(page(lang, key))["numbers"]
    items = re.findall(r"^-\s+(.+)$", numbers, re.MULTILINE)
    assert items
    for item in items:
        assert SHORTCODE.search(item), item
    embedded = chart_pages(lang)
    links = re.findall(r"\]\(([^)#\s]*\.md)#chart-([a-z-]+)\)", numbers)
    for target, chart in links:
        resolved = next(iter(linked_pages(f"[x]({target})", f"sources/{key}.md")))
        assert resolved in embedded.get(chart, set()), f"{target}#chart-{chart} does not embed the chart"
    needed = set().union(*(charts_showing(code, data) for code in SHORTCODE.findall(numbers)))
    assert needed <= {chart for _, chart in links}
