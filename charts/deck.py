"""A ready-made 16:9 slide deck per language: a title slide, one slide per chart, the sources.

``python build_charts.py --deck`` writes ``<out>/deck-zh.pptx`` and ``<out>/deck-en.pptx`` from
what the chart build already wrote: each chart's meta.json and its light PNG (1920×1080). Nothing
on a slide is typed: titles, subtitles, alt text, source lines and the sources slides come from the
charts' meta and data/sources.csv.

A chart slide shows the title and subtitle as real text (editable, read by screen readers and
PowerPoint's outline) and the PNG below them. The PNG already carries the title, subtitle and
source line drawn in (charts/frame.py), so the picture is cropped, not edited, to hide its own
title block: the source line stays in the picture, and a picture copied into another deck keeps
its provenance (PowerPoint's "Reset picture" brings the full image back). Where to crop is found
in the image itself (charts/slide_crop.py): the blank band between the subtitle and the plot.
The speaker notes hold the source line and the articles' URLs.

Chinese text carries an East Asian font (``<a:ea>``), and the theme's East Asian fonts are set too,
so text a user adds is Chinese-ready. The file is deterministic: fixed document dates (or
$SOURCE_DATE_EPOCH) and a zip with fixed timestamps, so the same charts give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from charts import citation, theme
from charts.bundle import deterministic_zip
from charts.files import atomic_write
from charts.i18n import t
from charts.locale import locale_of
from charts.pptx_text import EAST_ASIAN_FONT, TEXT_LANG, set_text, style_run, text_height
from charts.pptx_text import place as _place
from charts.slide_crop import plot_top, title_crop

SLIDE_WIDTH = Emu(12192000)  # 13.333 × 7.5 in: 16:9, PowerPoint's "Widescreen"
SLIDE_HEIGHT = Emu(6858000)
MARGIN = Inches(0.5)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.7)
SUBTITLE_TOP = Inches(0.98)
BODY_GAP, BODY_BOTTOM = Inches(0.06), SLIDE_HEIGHT - Inches(0.12)
TITLE_SIZE, SUBTITLE_SIZE = 28, 15
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # in python-pptx's default template
# The sources slides: one full-width column, in sizes readable on a projector (at least 14 pt).
SOURCES_TOP, SOURCES_BOTTOM = TITLE_TOP + TITLE_HEIGHT + Inches(0.2), SLIDE_HEIGHT - Inches(0.4)
SOURCES_WIDTH = SLIDE_WIDTH - 2 * MARGIN
SOURCES_HEADING_SIZE, ARTICLE_SIZE, REFERENCE_SIZE = 18, 16, 14
SOURCES_GAP, SOURCES_GAP_HEADING = 5, 14  # points of space before a line and before a heading


class DeckError(Exception):
    """The chart files a deck needs are missing; the message names them and how to make them."""


@dataclass(frozen=True)
class ChartSlide:
    """What one chart slide needs: its meta.json and its light PNG."""

    meta: dict[str, Any]
    png: bytes


# --- reading the chart build ----------------------------------------------------------------------


def chart_slides(out_dir: Path, lang: str, chart_ids: Sequence[str]) -> list[ChartSlide]:
    """Every chart's meta and light PNG from out_dir; all missing files are reported at once."""
    slides, missing = [], []
    for chart_id in chart_ids:
        folder = out_dir / lang / chart_id
        meta_path = folder / f"{chart_id}-{lang}.meta.json"
        if not meta_path.exists():
            missing.append(str(meta_path))
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        name = meta["files"].get("png", {}).get("light")
        if not name or not (folder / name).exists():
            missing.append(str(folder / (name or f"{chart_id}-{lang}-light.png")))
            continue
        slides.append(ChartSlide(meta, (folder / name).read_bytes()))
    if missing:
        raise DeckError(
            "the slide deck needs every chart's meta.json and light PNG; missing:\n  "
            + "\n  ".join(missing)
            + "\nBuild them first: python build_charts.py --formats png (PNG export needs Chromium; "
            "see python build_charts.py --help)."
        )
    return slides


# --- text helpers ----------------------------------------------------------------------------------


# --- the deck --------------------------------------------------------------------------------------


def _widescreen(prs: Any) -> None:
    """16:9, with the master's and layouts' placeholders stretched to the new width."""
    factor = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.placeholders:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = Emu(int(shape.left * factor)), Emu(int(shape.width * factor))


def _east_asian_theme(prs: Any, lang: str) -> None:
    """The theme's East Asian heading and body fonts, so text a user adds is Chinese-ready."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for ea in root.iter(qn("a:ea")):
        if ea.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            ea.set("typeface", EAST_ASIAN_FONT[lang])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _title_slide(prs: Any, lang: str, slides: Sequence[ChartSlide], data: Any) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    years = [row["date"].year for row in data.sources.values()]
    first, last = min(years), max(years)
    n, k = len(slides), len(data.sources)
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    _place(title, MARGIN, Inches(2.0), SLIDE_WIDTH - 2 * MARGIN, Inches(1.4))
    _place(subtitle, MARGIN, Inches(3.5), SLIDE_WIDTH - 2 * MARGIN, Inches(2.2))
    set_text(title.text_frame, [t("deck.title", lang)], lang, 48, bold=True)
    set_text(
        subtitle.text_frame,
        [t("deck.subtitle", lang, n=n, first=first, last=last)],
        lang,
        24,
        color=theme.LIGHT.text,
    )
    for line, size in ((t("deck.about", lang, n=n, k=k), 18), (t("deck.licence", lang), 14)):
        paragraph = subtitle.text_frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        style_run(run, lang, size, color=theme.LIGHT.muted)


def _chart_slide(prs: Any, lang: str, item: ChartSlide, data: Any, top: float | None = None) -> None:
    """One chart: title, subtitle, the light PNG without its drawn title (top: where its plot starts,
    slide_crop.plot_top, when the caller knows it already), the caption and links in the notes."""
    meta = item.meta
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    title = slide.shapes.title
    _place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    size = TITLE_SIZE
    while size > 20 and text_height(meta["title"], size, SLIDE_WIDTH - 2 * MARGIN) > TITLE_HEIGHT:
        size -= 2  # a long title shrinks rather than running into the subtitle
    set_text(title.text_frame, [meta["title"]], lang, size, bold=True)
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    body_top = TITLE_TOP + TITLE_HEIGHT + BODY_GAP
    if meta.get("subtitle"):
        size = SUBTITLE_SIZE
        height = text_height(meta["subtitle"], size, SLIDE_WIDTH - 2 * MARGIN)
        box = slide.shapes.add_textbox(MARGIN, SUBTITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, height)
        set_text(box.text_frame, [meta["subtitle"]], lang, size, color=theme.LIGHT.muted)
        box.name = "Subtitle"
        body_top = SUBTITLE_TOP + height + BODY_GAP

    crop = title_crop(io.BytesIO(item.png), plot_top(meta, data) if top is None else top)
    with Image.open(io.BytesIO(item.png)) as image:
        px_width, px_height = image.size
    aspect = px_width / (px_height * (1 - crop))  # of the visible, cropped part
    box_width, box_height = SLIDE_WIDTH, BODY_BOTTOM - body_top
    width = min(box_width, int(box_height * aspect))
    height = int(width / aspect)
    left = (SLIDE_WIDTH - width) // 2
    picture = slide.shapes.add_picture(io.BytesIO(item.png), left, body_top, width, height)
    picture.crop_top = crop
    picture.name = f"Chart {meta['id']}"
    picture._element.nvPicPr.cNvPr.set("descr", meta.get("alt") or meta["title"])

    notes = [meta["caption"]]
    for source in meta["sources"]:
        if source["url"]:
            notes.append(t("deck.notes.url", lang, url=source["url"]))
    if "csv" in meta["files"]:
        notes.append(t("deck.notes.data", lang, csv=meta["files"]["csv"]))
    set_text(slide.notes_slide.notes_text_frame, notes, lang, 12)


@dataclass(frozen=True)
class SourceLine:
    """One paragraph of the sources slides: a section heading or one article or reference."""

    text: str
    size: float
    url: str | None = None
    heading: bool = False
    section: str = ""  # the short name of its section, a heading on a slide it continues onto


def source_lines(lang: str, slides: Sequence[ChartSlide], data: Any) -> list[SourceLine]:
    """What the sources slides list, in order: the articles, then the external references the
    charts use (each document once, however many of its passages the rows quote)."""
    articles = t("deck.sources.articles.short", lang)
    lines = [
        SourceLine(t("deck.sources.articles", lang, k=len(data.sources)), SOURCES_HEADING_SIZE, heading=True)
    ]
    for source in data.sources.values():
        text = citation.full(source, lang)
        original = "" if locale_of(lang).reads_sources else citation.original_title(source)
        if original:
            text = t("deck.article.original", lang, text=text, original=original)
        lines.append(SourceLine(text, ARTICLE_SIZE, source["url"] or None, section=articles))

    references: dict[str, dict[str, Any]] = {}
    for item in slides:
        for ref in item.meta["references"]:
            references.setdefault(ref["id"], ref)
    if references:
        heading = t("deck.sources.references.short", lang)
        lines.append(SourceLine(t("deck.sources.references", lang), SOURCES_HEADING_SIZE, heading=True))
        listed: set[tuple[str, str]] = set()
        for ref in sorted(references.values(), key=lambda r: (r["publisher"].lower(), r["year"], r["title"])):
            text = citation.reference(data.references[ref["id"]], lang)
            if (text, ref["url"]) in listed:
                continue  # one document quoted in several places (several rows of references.csv)
            listed.add((text, ref["url"]))
            lines.append(SourceLine(text, REFERENCE_SIZE, ref["url"] or None, section=heading))
    return lines


def source_line_height(line: SourceLine, first: bool) -> int:
    """The estimated height of a paragraph in the sources text box, with its space before."""
    before = 0 if first else Pt(SOURCES_GAP_HEADING if line.heading else SOURCES_GAP)
    return int(before + text_height(line.text, line.size, SOURCES_WIDTH) - 2 * Inches(0.05))


def source_pages(lines: Sequence[SourceLine], lang: str) -> list[list[SourceLine]]:
    """The sources split into slides that each fit under the title: a heading never ends a slide,
    and a section that runs onto a new slide is named again at its top, marked as continued."""
    available = SOURCES_BOTTOM - SOURCES_TOP - 2 * Inches(0.05)
    pages: list[list[SourceLine]] = [[]]
    used = 0
    for i, line in enumerate(lines):
        need = source_line_height(line, not pages[-1])
        if line.heading and i + 1 < len(lines):  # keep a heading with the line after it
            need += source_line_height(lines[i + 1], False)
        if pages[-1] and used + need > available:
            pages.append([])
            used = 0
            if not line.heading:
                cont = t("deck.sources.continued", lang, title=line.section)
                pages[-1].append(SourceLine(cont, SOURCES_HEADING_SIZE, heading=True, section=line.section))
                used += source_line_height(pages[-1][-1], True)
        used += source_line_height(line, not pages[-1])
        pages[-1].append(line)
    return pages


def _sources_slides(prs: Any, lang: str, slides: Sequence[ChartSlide], data: Any) -> None:
    """The sources, over as many slides as they need at a size readable from the back of a room."""
    pages = source_pages(source_lines(lang, slides, data), lang)
    for number, page in enumerate(pages):
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        title = slide.shapes.title
        _place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
        heading = t("deck.sources.title", lang)
        if number:
            heading = t("deck.sources.continued", lang, title=heading)
        set_text(title.text_frame, [heading], lang, TITLE_SIZE, bold=True)
        title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM

        height = sum(source_line_height(line, i == 0) for i, line in enumerate(page)) + 2 * Inches(0.05)
        box = slide.shapes.add_textbox(MARGIN, SOURCES_TOP, SOURCES_WIDTH, height)
        box.name = "Sources"
        frame = box.text_frame
        frame.word_wrap = True
        frame.clear()
        for i, line in enumerate(page):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if i:
                paragraph.space_before = Pt(SOURCES_GAP_HEADING if line.heading else SOURCES_GAP)
            run = paragraph.add_run()
            run.text = line.text
            style_run(run, lang, line.size, bold=line.heading)
            if line.url:
                run.hyperlink.address = line.url


def _fixed_time() -> dt.datetime:
    """The deck's document dates: $SOURCE_DATE_EPOCH when set (reproducible builds), else 2000-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(2000, 1, 1)


def deck_bytes(
    data: Any,
    out_dir: Path,
    lang: str,
    chart_ids: Sequence[str],
    plot_tops: Mapping[str, float] | None = None,
) -> bytes:
    """The .pptx for one language, built from the chart files in out_dir. plot_tops: each chart's
    slide_crop.plot_top, when the caller rendered the charts already (else each is rendered again)."""
    return deck_from(data, lang, chart_slides(out_dir, lang, chart_ids), plot_tops)


def deck_from(
    data: Any, lang: str, slides: Sequence[ChartSlide], plot_tops: Mapping[str, float] | None = None
) -> bytes:
    """The .pptx for one language from its chart slides, wherever they were read (deck_bytes: a
    chart folder; charts/update.py: memory, as the images come)."""
    prs = Presentation()
    _widescreen(prs)
    _east_asian_theme(prs, lang)
    _title_slide(prs, lang, slides, data)
    for item in slides:
        _chart_slide(prs, lang, item, data, (plot_tops or {}).get(item.meta["id"]))
    _sources_slides(prs, lang, slides, data)

    props = prs.core_properties
    props.title = t("deck.title", lang)
    props.subject = t("deck.subtitle", lang, n=len(slides), first="", last="").strip("（）— ,–")
    props.author = props.last_modified_by = "百模大战 · The Hundred-Model War"
    props.language = TEXT_LANG[lang]
    props.created = props.modified = _fixed_time()
    props.revision = 1
    props.keywords = props.comments = props.category = ""
    buffer = io.BytesIO()
    prs.save(buffer)
    return _repack(buffer.getvalue())


def _repack(pptx: bytes) -> bytes:
    """The same package with fixed zip timestamps (python-pptx stamps entries with the time)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        entries = [(name, archive.read(name)) for name in archive.namelist()]
    return deterministic_zip(entries)


def deck_name(lang: str) -> str:
    return f"deck-{lang}.pptx"


def write_decks(
    data: Any,
    out_dir: Path | str,
    langs: Sequence[str],
    chart_ids: Sequence[str],
    plot_tops: Mapping[str, Mapping[str, float]] | None = None,
) -> list[Path]:
    """Write <out_dir>/deck-<lang>.pptx for each language; returns the paths written.
    plot_tops: by language, each chart's plot_top (deck_bytes)."""
    out_dir = Path(out_dir)
    written = []
    contents = {  # all or nothing
        lang: deck_bytes(data, out_dir, lang, chart_ids, (plot_tops or {}).get(lang)) for lang in langs
    }
    for lang, content in contents.items():
        path = out_dir / deck_name(lang)
        atomic_write(path, content)
        written.append(path)
    return written


__all__ = [
    "DeckError",
    "chart_slides",
    "deck_bytes",
    "deck_from",
    "source_lines",
    "source_pages",
    "title_crop",
    "write_decks",
]
