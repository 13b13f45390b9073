"""Dataset text is shown as text wherever it goes: pages, hovers, chart tables, embed snippets,
bundle READMEs, decks and meta tags.

A model's name and note carry every character that could break out of its place: `"` (attribute),
`<`, `&` and `</script>` (HTML), and `*`, `_`, backticks and brackets (Markdown, which runs after our
shortcodes). Each output is parsed as a browser (or PowerPoint) would, and the text must come back
exactly, with no element or attribute it should not have.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import markdown
import pytest
from jinja2 import Environment
from pptx import Presentation

from charts import bundle, deck, embed
from charts.build import file_names, meta, render
from charts.dataset import Dataset, load_dataset
from hmw_site.charts import figure_html
from hmw_site.context import Context
from hmw_site.fences import render_page
from tests.sample_data import sample_rows, write_dataset

HOSTILE = 'Evil "quote" & <b>bold</b></script> *star* _under_ `tick` [link](x) ~~del~~'
# The extensions that turn a page's Markdown into HTML on the site (config/base.yml), minus the ones
# that need the site (emoji, highlighting).
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "pymdownx.betterem", "pymdownx.tilde"]


class Parsed(HTMLParser):
    """The elements, attribute values and text of an HTML fragment, as a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text = ""
        self.feed(str(html))  # as text: HTMLParser joins its input, and Markup would escape that
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [value or "" for _, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text += data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    rows = sample_rows()
    model = rows["models"][0]
    for field in ("name_zh", "name_en", "note_zh", "note_en"):
        model[field] = HOSTILE
    return load_dataset(write_dataset(tmp_path_factory.mktemp("hostile") / "data", rows))


def context(data: Dataset, lang: str) -> Context:
    return Context(data=data, lang=lang, page="atlas.md", url_for=lambda target, anchor: f"{target}#{anchor}")


def assert_shown_as_text(parsed: Parsed, *, own: frozenset[str] = frozenset()) -> None:
    """The text is there verbatim, and no element it spells out (except the output's own) exists."""
    assert HOSTILE in parsed.text
    assert not ({"b", "script", "em", "strong", "code", "del", "a"} - own) & set(parsed.tags)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_shortcode_in_a_paragraph_shows_dataset_text_as_text(hostile: Dataset, lang: str):
    model_id = next(iter(hostile.models))
    page = render_page(f"The model [[models:{model_id}:name]] is small.\n", context(hostile, lang))
    parsed = Parsed(markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS))
    assert_shown_as_text(parsed, own=frozenset({"a"}))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dataset_table_shows_dataset_text_as_text(hostile: Dataset, lang: str):
    page = render_page("```datatable\nmodels\n```\n", context(hostile, lang))
    parsed = Parsed(markdown.markdown(page, extensions=MARKDOWN_EXTENSIONS))
    assert_shown_as_text(parsed, own=frozenset({"a"}))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_hovers_tables_and_the_figure_show_dataset_text_as_text(hostile: Dataset, lang: str):
    chart = render(hostile, "params-over-time", lang, "light")
    hovers = [
        str(text)
        for trace in chart.figure.data
        for texts in (trace.hovertext, trace.text, trace.customdata)
        if texts is not None
        for text in (texts if isinstance(texts, (list, tuple)) else [texts])
    ]
    shown = " ".join(hovers)
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown and "<b>bold" not in shown  # plotly draws <b> as bold
    assert any(HOSTILE in cell for row in chart.table.rows for cell in row)
    info = meta(chart, hostile, file_names("params-over-time", lang))
    html = figure_html("params-over-time", info, lang, "atlas/", "https://example.org/")
    assert_shown_as_text(Parsed(html), own=frozenset({"a", "code"}))  # downloads, embed snippet


def test_the_embed_snippet_keeps_a_title_in_its_attribute():
    parsed = Parsed(embed.iframe("chart.html?bare", HOSTILE))
    assert parsed.tags == ["iframe"] and HOSTILE in parsed.attributes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bundle_readme_embeds_a_title_that_stays_in_its_attribute(hostile: Dataset, lang: str):
    chart = render(hostile, "params-over-time", lang, "light")
    info = meta(chart, hostile, file_names("params-over-time", lang)) | {"title": HOSTILE}
    text = bundle.readme(info, hostile)
    snippet = text.split("```html\n", 1)[1].split("\n```", 1)[0]
    parsed = Parsed(snippet)
    assert parsed.tags == ["iframe"] and HOSTILE in parsed.attributes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deck_shows_dataset_text_as_text(lang: str):
    slides = Presentation()
    shape = slides.slides.add_slide(slides.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    deck.set_text(shape.text_frame, [HOSTILE], lang, 14)
    saved = io.BytesIO()
    slides.save(saved)
    reopened = Presentation(io.BytesIO(saved.getvalue()))
    texts = [s.text_frame.text for s in reopened.slides[0].shapes if s.has_text_frame]
    assert texts == [HOSTILE]


def test_meta_tags_keep_a_description_in_its_attribute():
    from markupsafe import Markup

    from hmw_site.languages import escaped_description

    described = escaped_description(HOSTILE)
    assert isinstance(described, Markup) and escaped_description(described) == described
    for template in ('<meta name="description" content="{{ d }}">', '<meta content="{{ d | e }}">'):
        parsed = Parsed(Environment().from_string(template).render(d=described))
        assert parsed.tags == ["meta"] and parsed.attributes[-1] == HOSTILE
