"""The ready-made slide decks, opened with python-pptx as PowerPoint would read them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from charts import citation, deck
from charts.build import CHART_IDS, write_outputs
from charts.i18n import LANGS, t

PROJECT = Path(__file__).resolve().parents[2]
MIN_WIDTH, MIN_HEIGHT = 1920, 1080


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@pytest.fixture(scope="module")
def built(data, tmp_path_factory):
    """Every chart's light PNG (from the image cache when warm), then both decks: out_dir."""
    out = tmp_path_factory.mktemp("deck") / "out"
    report = write_outputs(data, out, formats=["png"], schemes=["light"], progress=False)
    assert not report.images_skipped, report.images.messages
    deck.write_decks(data, out, langs=list(LANGS), chart_ids=CHART_IDS)
    return out


def _deck(out: Path, lang: str):
    return Presentation(str(out / deck.deck_name(lang)))


def _meta(out: Path, chart_id: str, lang: str) -> dict:
    return json.loads((out / lang / chart_id / f"{chart_id}-{lang}.meta.json").read_text(encoding="utf-8"))


def _pictures(slide):
    return [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _chart_slides(prs):
    """The slides between the title slide and the sources slides."""
    return list(prs.slides)[1 : 1 + len(CHART_IDS)]


def _sources_slides(prs):
    return list(prs.slides)[1 + len(CHART_IDS) :]


def _text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_deck_is_16_9_with_a_title_slide_one_slide_per_chart_and_as_many_sources_slides_as_fit(
    built, data, lang
):
    prs = _deck(built, lang)
    assert prs.slide_width * 9 == prs.slide_height * 16
    charts = deck.chart_slides(built, lang, CHART_IDS)
    pages = deck.source_pages(deck.source_lines(lang, charts, data), lang)
    assert len(prs.slides) == 1 + len(CHART_IDS) + len(pages)
    assert prs.slides[0].shapes.title.text == t("deck.title", lang)
    first, *more = [slide.shapes.title.text for slide in _sources_slides(prs)]
    assert first == t("deck.sources.title", lang)
    assert more == [t("deck.sources.continued", lang, title=first)] * len(more)


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_chart_slides_carry_the_charts_titles_in_reading_order(built, lang):
    titles = [slide.shapes.title.text for slide in _chart_slides(_deck(built, lang))]
    assert titles == [_meta(built, chart_id, lang)["title"] for chart_id in CHART_IDS]


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_each_chart_picture_is_full_resolution_16_9_undistorted_and_on_the_slide(built, lang):
    prs = _deck(built, lang)
    for slide in _chart_slides(prs):
        (picture,) = _pictures(slide)
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            width, height = image.size
        assert width >= MIN_WIDTH and height >= MIN_HEIGHT
        assert width / height == pytest.approx(16 / 9, rel=0.01)
        # The visible (cropped) part keeps the image's proportions.
        visible = width / (height * (1 - picture.crop_top - picture.crop_bottom))
        assert picture.width / picture.height == pytest.approx(visible, rel=0.01)
        assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
        assert picture.top >= slide.shapes.title.top + slide.shapes.title.height
        assert picture.top + picture.height <= prs.slide_height
        # The picture fills the slide body: most of the width or most of the height below the title.
        assert (
            picture.width > 0.85 * prs.slide_width or picture.top + picture.height > 0.95 * prs.slide_height
        )


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_crop_hides_only_the_drawn_title_cutting_through_blank_background(built, lang):
    prs = _deck(built, lang)
    for slide in _chart_slides(prs):
        (picture,) = _pictures(slide)
        assert 0.05 < picture.crop_top < 0.25
        assert picture.crop_bottom == 0  # the source line drawn at the bottom stays in the picture
        with Image.open(io.BytesIO(picture.image.blob)) as image:
            rgb = image.convert("RGB")
            y = int(picture.crop_top * rgb.height)
            row = rgb.crop((0, y, rgb.width, y + 1))
            assert {color for _, color in row.getcolors(rgb.width)} == {rgb.getpixel((0, 0))}


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_chart_slides_have_alt_text_and_the_source_line_in_the_notes(built, lang):
    for slide, chart_id in zip(_chart_slides(_deck(built, lang)), CHART_IDS, strict=True):
        meta = _meta(built, chart_id, lang)
        (picture,) = _pictures(slide)
        assert picture._element.nvPicPr.cNvPr.get("descr") == meta["alt"]
        notes = slide.notes_slide.notes_text_frame.text
        assert meta["caption"] in notes
        for source in meta["sources"]:
            if source["url"]:
                assert source["url"] in notes


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_sources_slides_list_every_article_and_every_reference_the_charts_use_once(built, data, lang):
    text = "\n".join(_text(slide) for slide in _sources_slides(_deck(built, lang)))
    for source in data.sources.values():
        assert text.count(source[f"title_{lang}"]) == 1, source[f"title_{lang}"]
    used = {ref["id"]: ref for chart_id in CHART_IDS for ref in _meta(built, chart_id, lang)["references"]}
    assert used
    for ref in used.values():
        line = citation.reference(data.references[ref["id"]], lang)
        assert text.count(line) == 1, line


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
@pytest.mark.parametrize("lang", LANGS)
def test_sources_slides_are_readable_on_a_projector_and_stay_on_the_slide(built, lang):
    prs = _deck(built, lang)
    for slide in _sources_slides(prs):
        (box,) = [shape for shape in slide.shapes if shape.name == "Sources"]
        assert box.top >= slide.shapes.title.top + slide.shapes.title.height
        assert box.top + box.height <= prs.slide_height
        sizes = [run.font.size.pt for paragraph in box.text_frame.paragraphs for run in paragraph.runs]
        assert sizes and min(sizes) >= 14


def _line(text: str, size: float = deck.REFERENCE_SIZE, heading: bool = False) -> deck.SourceLine:
    return deck.SourceLine(text, size, heading=heading, section="" if heading else "Refs")


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_source_list_runs_onto_more_slides_each_within_the_slide_body(lang):
    long_title = "A reference title long enough to wrap onto a second line on a widescreen slide " * 2
    lines = [
        _line("Articles", deck.SOURCES_HEADING_SIZE, heading=True),
        *(_line(f"{i} {long_title}") for i in range(40)),
    ]
    pages = deck.source_pages(lines, lang)
    available = deck.SOURCES_BOTTOM - deck.SOURCES_TOP
    assert len(pages) > 1
    for page in pages:
        assert sum(deck.source_line_height(line, i == 0) for i, line in enumerate(page)) <= available
        assert not page[-1].heading  # a heading never ends a slide
    for page in pages[1:]:
        assert page[0].heading and page[0].text == t("deck.sources.continued", lang, title="Refs")
    listed = [line for page in pages for line in page if not line.heading]
    assert listed == lines[1:]  # every line once, in order


# Windows' face for each deck's script: JhengHei draws Taiwan's glyph forms, YaHei the mainland's.
DECK_FONTS = {"zh": ("Microsoft YaHei", "zh-CN"), "zh-Hant": ("Microsoft JhengHei", "zh-TW")}


def _text_deck(data, lang: str):
    """A deck of the title and sources slides only: every kind of text run, no chart image needed."""
    return Presentation(io.BytesIO(deck.deck_from(data, lang, [])))


@pytest.mark.parametrize("lang", DECK_FONTS)
def test_a_chinese_deck_sets_its_scripts_east_asian_font_and_language_on_every_run(data, lang):
    font, tag = DECK_FONTS[lang]
    prs = _text_deck(data, lang)
    runs = [
        run
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert any(_has_cjk(run.text) for run in runs)
    for run in runs:
        r_pr = run._r.find(qn("a:rPr"))
        ea = r_pr.find(qn("a:ea"))
        assert ea is not None and ea.get("typeface") == font, run.text
        assert r_pr.get("lang") == tag


@pytest.mark.parametrize("lang", DECK_FONTS)
def test_theme_fonts_are_ready_for_chinese_text_a_user_adds(data, lang):
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = _text_deck(data, lang)
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    fonts = [theme.find(f".//{qn(f'a:{kind}')}/{qn('a:ea')}") for kind in ("majorFont", "minorFont")]
    assert [font.get("typeface") for font in fonts] == [DECK_FONTS[lang][0]] * 2


@pytest.mark.slow  # `built` exports a PNG of every chart in Chromium
def test_rebuilding_the_deck_gives_the_same_bytes(built, data):
    first = (built / deck.deck_name("en")).read_bytes()
    assert deck.deck_bytes(data, built, "en", CHART_IDS) == first


def test_deck_without_pngs_names_every_missing_image_and_how_to_make_them(data, tmp_path):
    out = tmp_path / "out"
    write_outputs(
        data, out, chart_ids=["timeline", "training-cost"], langs=["en"], formats=["csv"], progress=False
    )
    with pytest.raises(deck.DeckError) as error:
        deck.write_decks(data, out, langs=["en"], chart_ids=["timeline", "training-cost"])
    message = str(error.value)
    assert "timeline-en-light.png" in message and "training-cost-en-light.png" in message
    assert "build_charts.py" in message
    assert not (out / deck.deck_name("en")).exists()
