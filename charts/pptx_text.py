"""Text on a slide that reads right in Chinese and English: fonts (a Latin font and an East Asian
one on every run, <a:ea>), the language tag, colour, and an estimate of the height a wrapped
paragraph needs (python-pptx does not lay text out).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from charts import theme
from charts.chart import text_width

EM_PER_UNIT = 0.55  # width of a half-width character in em (a Chinese character is two units)
LINE_HEIGHT = 1.2  # line height in em of a Latin line; Chinese fonts (YaHei, Noto CJK) set taller lines
LINE_HEIGHT_CJK = 1.4
LATIN_FONT = "Arial"  # on every PowerPoint, Keynote and Google Slides
# The East Asian font of each deck: Windows' face for the script (JhengHei draws Taiwan's glyph
# forms); Keynote and LibreOffice substitute PingFang / Noto CJK of the same script.
EAST_ASIAN_FONT = {"zh": "Microsoft YaHei", "en": "Microsoft YaHei", "zh-Hant": "Microsoft JhengHei"}
TEXT_LANG = {"zh": "zh-CN", "en": "en-GB", "zh-Hant": "zh-TW"}


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#")[:6].upper())


def style_run(run: Any, lang: str, size: float, *, bold: bool = False, color: str | None = None) -> None:
    """Font, size, colour and language of a run; the East Asian font is always set (<a:ea>)."""
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.name = LATIN_FONT
    font.color.rgb = _rgb(color or theme.LIGHT.text)
    r_pr = run._r.get_or_add_rPr()
    r_pr.set("lang", TEXT_LANG[lang])
    for old in r_pr.findall(qn("a:ea")):
        r_pr.remove(old)
    ea = etree.SubElement(r_pr, qn("a:ea"))
    ea.set("typeface", EAST_ASIAN_FONT[lang])
    r_pr.latin.addnext(ea)  # schema order: latin, ea, cs, sym, hlinkClick …


def set_text(frame: Any, lines: Sequence[str], lang: str, size: float, **style: Any) -> None:
    """Replace a text frame's text with one paragraph per line, every run styled."""
    frame.word_wrap = True
    frame.clear()
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        style_run(run, lang, size, **style)


def text_height(text: str, size: float, width: int) -> int:
    """The height a wrapped paragraph needs in a text box of this width (an estimate from character
    widths, plus the box's default insets)."""
    usable = Emu(width - 2 * Inches(0.1)).pt
    lines = max(1, math.ceil(text_width(text) * EM_PER_UNIT * size / usable))
    factor = LINE_HEIGHT_CJK if any(text_width(ch) == 2 for ch in text) else LINE_HEIGHT
    return int(Pt(lines * size * factor) + 2 * Inches(0.05))


def place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)
