"""How a verbatim quote is shown to a Chinese reader.

The dataset keeps each quote exactly as it stands in the copy of its article — Traditional
characters, ASCII commas, stray spaces and all — because that is what lets a reader find it and
check it (../shared/tools/check_quotes.py). A Chinese page must not show the copies' artefacts,
though, so it shows a *reading* of the quote: in Simplified characters (OpenCC, Traditional to
Simplified) with Chinese punctuation and without the copies' stray spaces, marked when it was
converted from a Traditional original, with the exact words one click away. English pages show
our translation and the exact original.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

from charts.i18n import t

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# ASCII punctuation touching a Chinese character on either side becomes its full-width form.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
NEXT_TO_HAN = re.compile(rf"(?<=[{HAN}])([,:;?!()])|([,:;?!()])(?=[{HAN}])")
# A space the copies put between a number and a Chinese character (今年3 月16日, 2018 年, 约 200 步),
# but not the space inside a Latin name that ends in a number (Llama 2 开源 keeps it).
SPACE = re.compile(r"\s+")
HAN_CHAR = re.compile(f"[{HAN}]")
NUMBER_BEFORE = re.compile(r"(?:^|[^A-Za-z\d.\-\s]|(?<![A-Za-z])\s)\d+(?:\.\d+)?$")
NUMBER_AFTER = re.compile(r"^\d+(?:\.\d+)?(?![A-Za-z\d.\-])")


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Names written with a character OpenCC would convert, which their owners write that way in
# Simplified Chinese too (Huawei's 昇腾 is not 升腾): they are kept as written.
NAMES_AS_WRITTEN = ("昇腾",)


def simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC's Traditional-to-Simplified conversion), names kept."""
    parts = re.split(f"({'|'.join(NAMES_AS_WRITTEN)})", text)
    return "".join(part if part in NAMES_AS_WRITTEN else _to_simplified().convert(part) for part in parts)


def punctuated(text: str) -> str:
    """Chinese punctuation and spacing for a quote copied with ASCII commas and stray spaces."""
    text = NEXT_TO_HAN.sub(lambda m: FULL_WIDTH[m.group(1) or m.group(2)], text)
    return SPACE.sub(lambda m: _space(text, m.start(), m.end()), text)


def _space(text: str, start: int, end: int) -> str:
    """Keep a run of spaces unless it only splits a number from a Chinese character."""
    left, right = text[:start], text[end:]
    if left and HAN_CHAR.fullmatch(left[-1]) and NUMBER_AFTER.match(right):
        return ""
    if right and HAN_CHAR.fullmatch(right[0]) and NUMBER_BEFORE.search(left):
        return ""
    return text[start:end]


def reading(quote: str) -> str:
    """What a Chinese page shows for a quote: Simplified, with Chinese punctuation."""
    return punctuated(simplified(quote))


def is_converted(quote: str) -> bool:
    """Whether the reading changes the quote's characters (a Traditional original), not just its
    punctuation: such a reading is marked as converted wherever it is shown."""
    return simplified(quote) != quote


def marked_reading(quote: str) -> str:
    """The reading with its mark when converted: 「…」 followed by （据繁体原文转换）, for plain-text
    places (hovers, tables, READMEs) where the exact original cannot be one click away."""
    text = reading(quote)
    return text + t("quote.converted", "zh") if is_converted(quote) else text
